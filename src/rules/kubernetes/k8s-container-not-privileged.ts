/**
 * Containers do not run privileged.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { eachContainer, failed, passed, unknownVerdict } from './support/checks.js';

export default defineRule<Workload>({
  id: 'k8s-container-not-privileged',
  title: 'Containers do not run in privileged mode',
  severity: 'critical',
  controls: ['least-privilege', 'secure-configuration'],
  kinds: [K8S_WORKLOAD],
  remediation: 'Remove `securityContext.privileged: true` (or set it to false) on the container.',
  description:
    'A privileged container gets every capability and access to all host devices; it can take over the node and every pod on it. ' +
    'Checks `securityContext.privileged` of every container, init container and ephemeral container.',
  check: (workload) =>
    eachContainer(workload, (container, label) => {
      const field = container.privileged;
      if (isUnknown(field.value)) return unknownVerdict(field, `${label} privileged`);
      if (field.value === true)
        return failed(`${label} sets securityContext.privileged: true`, field);
      return passed(`${label} is not privileged`, field.value === undefined ? container : field);
    }),
});
