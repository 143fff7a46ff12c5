/**
 * Pods do not share the host IPC namespace.
 */
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { notTrue } from './support/checks.js';

export default defineRule<Workload>({
  id: 'k8s-pod-no-host-ipc',
  title: 'Pods do not share the host IPC namespace',
  severity: 'high',
  controls: ['least-privilege'],
  kinds: [K8S_WORKLOAD],
  remediation: 'Remove `hostIPC: true` from the pod spec.',
  description:
    'With hostIPC the containers share System V IPC and POSIX shared memory with every process on the node and can read or tamper with it.',
  check: (workload) => notTrue(workload.hostIPC, 'hostIPC', workload),
});
