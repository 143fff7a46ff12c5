/**
 * Every namespace has a NetworkPolicy that denies ingress to all pods by default.
 */
import { K8S_NAMESPACE, type Namespace } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';

export default defineRule<Namespace>({
  id: 'k8s-namespace-default-deny-ingress',
  title: 'Namespaces have a default-deny ingress NetworkPolicy',
  severity: 'medium',
  controls: ['network-segmentation', 'firewall-configuration'],
  kinds: [K8S_NAMESPACE],
  remediation:
    'Add a NetworkPolicy with `podSelector: {}` and `policyTypes: [Ingress]` (and no allow-all rule) to the namespace, then allow the traffic each app needs.',
  description:
    'Without a NetworkPolicy selecting its pods, a pod accepts traffic from every pod in the cluster. A policy with an empty pod selector ' +
    'and the Ingress type isolates all pods of the namespace, so only explicitly allowed traffic gets in. Namespaces referenced by ' +
    'workloads but not declared in the scanned files are checked too. The policy must be in the scanned files.',
  check: (namespace) => {
    const deny = namespace.policies.find((p) => p.restrictsIngress);
    if (deny) {
      return {
        status: 'passed',
        message: `NetworkPolicy ${deny.name} restricts ingress to all pods of namespace ${namespace.name}`,
        location: deny.location,
      };
    }
    const admitting = namespace.policies[0];
    return {
      status: 'failed',
      message: admitting
        ? `NetworkPolicy ${admitting.name} selects all pods of namespace ${namespace.name} but does not restrict ingress`
        : `namespace ${namespace.name} has no NetworkPolicy restricting ingress to all its pods`,
      location: namespace.location,
    };
  },
});
