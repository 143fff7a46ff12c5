/**
 * Containers do not bind ports on the node (hostPort).
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { eachContainer, failed, passed, unknownVerdict } from './support/checks.js';

export default defineRule<Workload>({
  id: 'k8s-container-no-host-port',
  title: 'Containers do not use host ports',
  severity: 'medium',
  controls: ['network-segmentation', 'firewall-configuration'],
  kinds: [K8S_WORKLOAD],
  remediation: 'Remove `hostPort` and expose the container through a Service instead.',
  description:
    "A `hostPort` opens the port on the node's own address, bypassing Services and often NetworkPolicies, and ties the pod to nodes where the port is free.",
  check: (workload) =>
    eachContainer(workload, (container, label) => {
      const unknown = container.ports.find((p) => isUnknown(p.hostPort.value));
      const bound = container.ports.filter(
        (p) => typeof p.hostPort.value === 'number' && p.hostPort.value > 0,
      );
      if (bound.length > 0) {
        return failed(
          `${label} binds host port ${bound.map((p) => String(p.hostPort.value)).join(', ')}`,
          bound[0]!.hostPort,
        );
      }
      if (unknown) return unknownVerdict(unknown.hostPort, `${label} hostPort`);
      return passed(`${label} binds no host port`, container);
    }),
});
