/**
 * Containers run as a non-root user.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { eachContainer, failed, passed, unknownVerdict } from './support/checks.js';

export default defineRule<Workload>({
  id: 'k8s-container-runs-as-non-root',
  title: 'Containers run as a non-root user',
  severity: 'high',
  controls: ['least-privilege'],
  kinds: [K8S_WORKLOAD],
  remediation:
    'Set `securityContext.runAsNonRoot: true` (pod or container) and, where the image has no non-root user, `runAsUser` to a non-zero UID.',
  description:
    'A process running as UID 0 inside a container is root on the host if it escapes. Passes when `runAsNonRoot` is true or `runAsUser` ' +
    'is a non-zero UID (container settings override the pod securityContext); fails when `runAsUser` is 0 or neither is set, since the ' +
    'image may then run as root.',
  check: (workload) =>
    eachContainer(workload, (container, label) => {
      const { runAsUser, runAsNonRoot } = container;
      if (isUnknown(runAsUser.value)) return unknownVerdict(runAsUser, `${label} runAsUser`);
      if (runAsUser.value === 0) return failed(`${label} sets runAsUser: 0 (root)`, runAsUser);
      if (runAsNonRoot.value === true)
        return passed(`${label} sets runAsNonRoot: true`, runAsNonRoot);
      if (runAsUser.value !== undefined) {
        return passed(`${label} runs as UID ${runAsUser.value}`, runAsUser);
      }
      if (isUnknown(runAsNonRoot.value))
        return unknownVerdict(runAsNonRoot, `${label} runAsNonRoot`);
      return runAsNonRoot.value === false
        ? failed(`${label} sets runAsNonRoot: false and no non-root runAsUser`, runAsNonRoot)
        : failed(`${label} sets neither runAsNonRoot: true nor a non-root runAsUser`, container);
    }),
});
