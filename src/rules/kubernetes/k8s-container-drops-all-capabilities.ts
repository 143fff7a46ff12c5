/**
 * Containers drop all Linux capabilities.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { eachContainer, failed, passed, unknownVerdict } from './support/checks.js';

export default defineRule<Workload>({
  id: 'k8s-container-drops-all-capabilities',
  title: 'Containers drop all Linux capabilities',
  severity: 'medium',
  controls: ['least-privilege'],
  kinds: [K8S_WORKLOAD],
  remediation:
    'Add `securityContext.capabilities.drop: ["ALL"]` and add back only what the process needs.',
  description:
    'Container runtimes grant a default set of capabilities (NET_RAW, CHOWN, SETUID and more) that most applications never use. ' +
    'Dropping ALL and adding back only what is needed limits what a compromised process can do.',
  check: (workload) =>
    eachContainer(workload, (container, label) => {
      const field = container.capabilitiesDrop;
      if (isUnknown(field.value)) return unknownVerdict(field, `${label} capabilities.drop`);
      if (field.value?.some((c) => c.toUpperCase() === 'ALL')) {
        return passed(`${label} drops ALL capabilities`, field);
      }
      return field.value === undefined
        ? failed(`${label} does not drop capabilities (capabilities.drop lacks ALL)`, container)
        : failed(`${label} drops only ${field.value.join(', ') || 'nothing'}, not ALL`, field);
    }),
});
