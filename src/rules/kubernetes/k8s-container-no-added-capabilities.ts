/**
 * Containers add no Linux capabilities beyond NET_BIND_SERVICE.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { eachContainer, failed, passed, unknownVerdict } from './support/checks.js';

/** The only capability the Pod Security "restricted" profile lets a container add. */
const ALLOWED = new Set(['NET_BIND_SERVICE']);

export default defineRule<Workload>({
  id: 'k8s-container-no-added-capabilities',
  title: 'Containers add no Linux capabilities',
  severity: 'high',
  controls: ['least-privilege'],
  kinds: [K8S_WORKLOAD],
  remediation:
    'Remove entries from `securityContext.capabilities.add`; only NET_BIND_SERVICE is acceptable.',
  description:
    'Capabilities such as SYS_ADMIN, NET_ADMIN or SYS_PTRACE give a container powers close to root on the node. ' +
    'Fails when `capabilities.add` lists anything other than NET_BIND_SERVICE.',
  check: (workload) =>
    eachContainer(workload, (container, label) => {
      const field = container.capabilitiesAdd;
      if (isUnknown(field.value)) return unknownVerdict(field, `${label} capabilities.add`);
      const extra = (field.value ?? []).filter(
        (c) => !ALLOWED.has(c.toUpperCase().replace(/^CAP_/, '')),
      );
      if (extra.length > 0) return failed(`${label} adds capabilities ${extra.join(', ')}`, field);
      return passed(
        `${label} adds no dangerous capabilities`,
        field.value === undefined ? container : field,
      );
    }),
});
