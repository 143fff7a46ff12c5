/**
 * Roles in production namespaces grant named verbs on named resources.
 */
import { K8S_ROLE, type Role } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { isProductionNamespace } from './support/checks.js';
import { wildcardVerdicts } from './support/rbac.js';

export default defineRule<Role>({
  id: 'k8s-production-role-no-wildcards',
  title: 'Roles in production namespaces grant no wildcard verbs or resources',
  severity: 'high',
  controls: ['least-privilege', 'role-based-access'],
  kinds: [K8S_ROLE],
  remediation: 'List the verbs and resources the subject needs instead of "*".',
  description:
    'A Role with `verbs: ["*"]` or `resources: ["*"]` grants everything in the namespace, including Secrets, and silently covers ' +
    'resources added later. Checked for Roles in production namespaces: those in the `productionNamespaces` setting ' +
    '(default prod, production) and those labelled `environment: production`. Roles elsewhere give no finding.',
  check: (role, context) => {
    if (role.clusterScoped || !isProductionNamespace(role.namespace, context)) return [];
    return wildcardVerdicts(role, `Role in production namespace ${role.namespace}`);
  },
});
