/**
 * Containers declare a CPU limit.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { eachContainer, failed, passed, unknownVerdict } from './support/checks.js';

export default defineRule<Workload>({
  id: 'k8s-container-cpu-limit-set',
  title: 'Containers declare a CPU limit',
  severity: 'low',
  controls: ['secure-configuration'],
  kinds: [K8S_WORKLOAD],
  remediation: 'Set `resources.limits.cpu` on every container.',
  description:
    'A container without a CPU limit can starve its neighbours on the node, a denial of service that one compromised or faulty pod can cause. ' +
    'Checks `resources.limits.cpu` of every container and init container.',
  check: (workload) =>
    eachContainer(workload, (container, label) => {
      const field = container.cpuLimit;
      if (isUnknown(field.value)) return unknownVerdict(field, `${label} cpu limit`);
      if (field.value === undefined || field.value === '') {
        return failed(`${label} has no resources.limits.cpu`, container);
      }
      return passed(`${label} limits cpu to ${field.value}`, field);
    }),
});
