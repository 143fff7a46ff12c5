/**
 * ConfigMaps hold no credentials.
 */
import { K8S_CONFIG_MAP, type ConfigMap } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { looksLikeSecretName } from './support/checks.js';

export default defineRule<ConfigMap>({
  id: 'k8s-configmap-no-secrets',
  title: 'ConfigMaps hold no credentials',
  severity: 'high',
  controls: ['secrets-management'],
  kinds: [K8S_CONFIG_MAP],
  remediation:
    'Move credential values into a Secret (or an external secret store) and reference it from the workload.',
  description:
    'ConfigMaps are not meant for confidential data: they are readable by anyone with read access to the namespace and clusters usually leave them out of encryption at rest. ' +
    'Fails when a key is named like a credential (password, secret, token, key) and has a non-empty value.',
  check: (configMap) => {
    const suspects = configMap.entries.filter(
      (e) => looksLikeSecretName(e.key) && e.value !== null && e.value !== '',
    );
    if (suspects.length === 0) {
      return {
        status: 'passed',
        message: 'no credential-like keys',
        location: configMap.entries[0]?.location ?? configMap.location,
      };
    }
    return suspects.map((entry) => ({
      status: 'failed' as const,
      message: `key "${entry.key}" looks like a credential stored in a ConfigMap`,
      location: entry.location,
    }));
  },
});
