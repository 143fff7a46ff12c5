/**
 * Containers mount their root filesystem read-only.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { eachContainer, failed, passed, unknownVerdict } from './support/checks.js';

export default defineRule<Workload>({
  id: 'k8s-container-read-only-root-filesystem',
  title: 'Containers use a read-only root filesystem',
  severity: 'medium',
  controls: ['secure-configuration'],
  kinds: [K8S_WORKLOAD],
  remediation:
    'Set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` volume where the application must write.',
  description:
    'A writable root filesystem lets an attacker drop tools or change binaries inside the container. ' +
    'With a read-only root the image stays as built, and writes go only to declared volumes.',
  check: (workload) =>
    eachContainer(workload, (container, label) => {
      const field = container.readOnlyRootFilesystem;
      if (isUnknown(field.value)) return unknownVerdict(field, `${label} readOnlyRootFilesystem`);
      if (field.value === true) return passed(`${label} has a read-only root filesystem`, field);
      return field.value === false
        ? failed(`${label} sets readOnlyRootFilesystem: false`, field)
        : failed(
            `${label} does not set readOnlyRootFilesystem (root filesystem is writable)`,
            container,
          );
    }),
});
