/**
 * Containers run under the runtime's default seccomp profile or a local one.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { eachContainer, failed, passed, unknownVerdict } from './support/checks.js';

const ACCEPTED = new Set(['RuntimeDefault', 'Localhost']);

export default defineRule<Workload>({
  id: 'k8s-container-seccomp-profile-set',
  title: 'Containers run with a seccomp profile',
  severity: 'medium',
  controls: ['secure-configuration'],
  kinds: [K8S_WORKLOAD],
  remediation:
    'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (or `Localhost` with a profile) for every container.',
  description:
    'Unless the kubelet enables seccompDefault, Kubernetes runs containers Unconfined: every system call is allowed. The RuntimeDefault profile blocks the calls ' +
    'containers do not need and many kernel exploits use. The container setting overrides the pod setting.',
  check: (workload) =>
    eachContainer(workload, (container, label) => {
      const field = container.seccompProfileType;
      if (isUnknown(field.value)) return unknownVerdict(field, `${label} seccompProfile.type`);
      if (field.value === undefined) {
        return failed(`${label} has no seccompProfile (runs Unconfined)`, container);
      }
      return ACCEPTED.has(field.value)
        ? passed(`${label} uses seccomp profile ${field.value}`, field)
        : failed(`${label} uses seccomp profile ${field.value}`, field);
    }),
});
