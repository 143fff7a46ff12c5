/**
 * Secrets do not sit as literal environment variable values in manifests.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import {
  eachContainer,
  failed,
  looksLikeSecretName,
  passed,
  unknownVerdict,
} from './support/checks.js';

export default defineRule<Workload>({
  id: 'k8s-container-no-secret-env-literals',
  title: 'Containers take secrets from Secrets, not literal env values',
  severity: 'high',
  controls: ['secrets-management'],
  kinds: [K8S_WORKLOAD],
  remediation:
    'Move the value into a Secret (or an external secret store) and reference it with `valueFrom.secretKeyRef`.',
  description:
    'An environment variable named like a credential (password, secret, token, key) with a literal `value` puts the credential in the manifest, ' +
    "in version control and in everyone's reach who can read the workload. Values taken with `valueFrom` pass.",
  check: (workload) =>
    eachContainer(workload, (container, label) => {
      const suspects = container.env.filter(
        (e) => looksLikeSecretName(e.name) && e.value.value !== undefined,
      );
      const unknown = suspects.find((e) => isUnknown(e.value.value));
      // `$(OTHER_VAR)` only refers to another variable of the container.
      const literal = suspects.filter(
        (e) =>
          typeof e.value.value === 'string' &&
          e.value.value !== '' &&
          !/^\$\([A-Za-z_][\w.-]*\)$/.test(e.value.value),
      );
      if (literal.length > 0) {
        return failed(
          `${label} sets ${literal.map((e) => e.name).join(', ')} to a literal value`,
          literal[0]!.value,
        );
      }
      if (unknown) return unknownVerdict(unknown.value, `${label} env ${unknown.name}`);
      return passed(`${label} has no credential-like env var with a literal value`, container);
    }),
});
