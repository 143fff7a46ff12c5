/**
 * Pods do not share the host process namespace.
 */
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { notTrue } from './support/checks.js';

export default defineRule<Workload>({
  id: 'k8s-pod-no-host-pid',
  title: 'Pods do not share the host process namespace',
  severity: 'high',
  controls: ['least-privilege'],
  kinds: [K8S_WORKLOAD],
  remediation: 'Remove `hostPID: true` from the pod spec.',
  description:
    'With hostPID the containers see every process on the node and, as root, can signal or trace them and read their environment, secrets included.',
  check: (workload) => notTrue(workload.hostPID, 'hostPID', workload),
});
