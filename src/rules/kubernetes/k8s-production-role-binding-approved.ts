/**
 * RoleBindings in production namespaces record who approved them.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_BINDING, type Binding } from '../../iac/kubernetes/model.js';
import type { Value } from '../../iac/types.js';
import { defineRule } from '../types.js';
import { isProductionNamespace, unknownVerdict } from './support/checks.js';

/** `approved-by`, or the same under a prefix such as `crosswalk.io/approved-by`. */
function approval(annotations: Record<string, Value>): [string, string] | undefined {
  for (const [key, value] of Object.entries(annotations)) {
    if (
      (key === 'approved-by' || key.endsWith('/approved-by')) &&
      typeof value === 'string' &&
      value.trim() !== ''
    ) {
      return [key, value.trim()];
    }
  }
  return undefined;
}

export default defineRule<Binding>({
  id: 'k8s-production-role-binding-approved',
  title: 'RoleBindings in production namespaces carry an approved-by annotation',
  severity: 'medium',
  controls: ['access-reviews', 'role-based-access'],
  kinds: [K8S_BINDING],
  remediation:
    'Add the annotation `approved-by: <approver>` (optionally prefixed, e.g. `example.com/approved-by`) recording who approved the access.',
  description:
    'Access to production should be granted on approval and reviewed; the annotation records the approver next to the grant, where ' +
    'access reviews can see it. Checked for RoleBindings in production namespaces: those in the `productionNamespaces` setting ' +
    '(default prod, production) and those labelled `environment: production`.',
  check: (binding, context) => {
    if (binding.clusterScoped || !isProductionNamespace(binding.namespace, context)) return [];
    const field = binding.annotations;
    if (isUnknown(field.value)) return unknownVerdict(field, 'metadata.annotations');
    const found = field.value ? approval(field.value) : undefined;
    if (found) {
      return {
        status: 'passed',
        message: `approved by ${found[1]} (${found[0]})`,
        location:
          binding.sources[0]!.attributeLocations.get(`metadata.annotations.${found[0]}`) ??
          field.location,
      };
    }
    return {
      status: 'failed',
      message: `RoleBinding in production namespace ${binding.namespace} has no approved-by annotation`,
      location: field.value === undefined ? binding.location : field.location,
    };
  },
});
