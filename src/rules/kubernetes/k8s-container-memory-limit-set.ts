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
    'A container without a memory limit can exhaust the node's memory, so the kernel kills other pods; one faulty or compromised pod then takes down others. ' +
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
