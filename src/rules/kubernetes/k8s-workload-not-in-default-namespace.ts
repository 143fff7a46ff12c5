/**
 * Workloads run in a namespace of their own, not `default`.
 */
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { field } from '../../iac/aws/field.js';
import { defineRule } from '../types.js';

export default defineRule<Workload>({
  id: 'k8s-workload-not-in-default-namespace',
  title: 'Workloads are not deployed to the default namespace',
  severity: 'low',
  controls: ['network-segmentation', 'secure-configuration'],
  kinds: [K8S_WORKLOAD],
  remediation: 'Set `metadata.namespace` to a namespace dedicated to the application.',
  description:
    'Namespaces are the unit for RBAC, NetworkPolicies, quotas and Pod Security admission. Workloads left in `default` share it ' +
    'with whatever else lands there and usually get none of those controls. A workload without `metadata.namespace` goes to the ' +
    'namespace of whoever applies it, usually `default`, and fails too.',
  check: (workload) => {
    const written = field<string>(workload.sources[0]!, ['metadata', 'namespace']);
    const location = written.location;
    return workload.namespace === 'default'
      ? {
          status: 'failed',
          message:
            written.value === undefined
              ? 'metadata.namespace is not set (deploys to default)'
              : 'metadata.namespace is default',
          location,
        }
      : { status: 'passed', message: `namespace is ${workload.namespace}`, location };
  },
});
