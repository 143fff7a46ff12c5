/**
 * ClusterRoles grant named verbs on named resources.
 */
import { K8S_ROLE, type Role } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { wildcardVerdicts } from './support/rbac.js';

export default defineRule<Role>({
  id: 'k8s-cluster-role-no-wildcards',
  title: 'ClusterRoles grant no wildcard verbs or resources',
  severity: 'high',
  controls: ['least-privilege', 'role-based-access'],
  kinds: [K8S_ROLE],
  remediation:
    'List the verbs and resources needed instead of "*"; bind the built-in cluster-admin only where full control is intended.',
  description:
    'A ClusterRole with `verbs: ["*"]` or `resources: ["*"]` is a copy of cluster-admin under another name: bound anywhere it grants ' +
    'everything, Secrets included, and covers resource types added later. Aggregated ClusterRoles (rules filled in by the cluster) pass.',
  check: (role) => {
    if (!role.clusterScoped) return [];
    return wildcardVerdicts(role, `ClusterRole ${role.name}`);
  },
});
