/**
 * Pods do not use the host network.
 */
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { notTrue } from './support/checks.js';

export default defineRule<Workload>({
  id: 'k8s-pod-no-host-network',
  title: 'Pods do not use the host network',
  severity: 'high',
  controls: ['network-segmentation', 'least-privilege'],
  kinds: [K8S_WORKLOAD],
  remediation: 'Remove `hostNetwork: true` from the pod spec.',
  description:
    "With hostNetwork the pod shares the node's network stack: it can listen on any node port, reach services bound to localhost and sniff node traffic, and NetworkPolicies no longer isolate it.",
  check: (workload) => notTrue(workload.hostNetwork, 'hostNetwork', workload),
});
