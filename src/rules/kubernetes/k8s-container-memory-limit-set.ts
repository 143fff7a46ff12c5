/**
 * Containers declare a memory limit.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { eachContainer, failed, passed, unknownVerdict } from './support/checks.js';

export default defineRule<Workload>({
  id: 'k8s-container-memory-limit-set',
  title: 'Containers declare a memory limit',
  severity: 'low',
  controls: ['secure-configuration'],
  kinds: [K8S_WORKLOAD],
  remediation: 'Set `resources.limits.memory` on every container.',
  description:
    "A container without a memory limit can use up the node's memory, and other pods are then evicted or killed by the kernel's out-of-memory handling; one faulty or compromised pod takes down others. " +
    'Checks `resources.limits.memory` of every container and init container.',
  check: (workload) =>
    eachContainer(workload, (container, label) => {
      const field = container.memoryLimit;
      if (isUnknown(field.value)) return unknownVerdict(field, `${label} memory limit`);
      if (field.value === undefined || field.value === '') {
        return failed(`${label} has no resources.limits.memory`, container);
      }
      return passed(`${label} limits memory to ${field.value}`, field);
    }),
});
