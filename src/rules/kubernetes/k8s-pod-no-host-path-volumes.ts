/**
 * Pods do not mount directories of the node (hostPath volumes).
 */
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';

export default defineRule<Workload>({
  id: 'k8s-pod-no-host-path-volumes',
  title: 'Pods do not mount hostPath volumes',
  severity: 'high',
  controls: ['least-privilege', 'secure-configuration'],
  kinds: [K8S_WORKLOAD],
  remediation:
    'Replace `hostPath` volumes with emptyDir, ConfigMap, Secret or PersistentVolumeClaim volumes.',
  description:
    'A hostPath volume exposes a directory of the node to the container: mounting `/`, `/var/run/docker.sock` or `/etc` gives ' +
    'control of the node. The Pod Security "baseline" profile forbids hostPath.',
  check: (workload) => {
    const host = workload.volumes.filter((v) => v.source === 'hostPath');
    if (host.length === 0) {
      return {
        status: 'passed',
        message: 'no hostPath volumes',
        location: workload.volumes[0]?.location ?? workload.podSpecLocation,
      };
    }
    return host.map((volume) => {
      const path = typeof volume.hostPath.value === 'string' ? ` (${volume.hostPath.value})` : '';
      return {
        status: 'failed' as const,
        message: `volume "${volume.name}" mounts hostPath${path} from the node`,
        location: volume.location,
      };
    });
  },
});
