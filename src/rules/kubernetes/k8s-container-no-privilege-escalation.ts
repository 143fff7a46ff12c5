/**
 * Containers set allowPrivilegeEscalation: false.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { eachContainer, failed, passed, unknownVerdict } from './support/checks.js';

export default defineRule<Workload>({
  id: 'k8s-container-no-privilege-escalation',
  title: 'Containers forbid privilege escalation',
  severity: 'high',
  controls: ['least-privilege'],
  kinds: [K8S_WORKLOAD],
  remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container.',
  description:
    'Without `allowPrivilegeEscalation: false` a process can gain more privileges than its parent (setuid binaries, file capabilities). ' +
    'The field defaults to true, so it must be set explicitly; the Pod Security "restricted" profile requires it.',
  check: (workload) =>
    eachContainer(workload, (container, label) => {
      const field = container.allowPrivilegeEscalation;
      if (isUnknown(field.value)) return unknownVerdict(field, `${label} allowPrivilegeEscalation`);
      if (field.value === false)
        return passed(`${label} sets allowPrivilegeEscalation: false`, field);
      return field.value === true
        ? failed(`${label} sets allowPrivilegeEscalation: true`, field)
        : failed(`${label} does not set allowPrivilegeEscalation (defaults to true)`, container);
    }),
});
