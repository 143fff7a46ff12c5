/**
 * Container images name a fixed version: a digest or a tag other than `latest`.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_WORKLOAD, type Workload } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { eachContainer, failed, passed, unknownVerdict } from './support/checks.js';

/** Splits `registry:5000/team/app:1.2@sha256:...` into its tag and digest. */
export function imageReference(image: string): { tag?: string; digest?: string } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const name = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  const tag = colon >= 0 ? name.slice(colon + 1) : undefined;
  return { ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

export default defineRule<Workload>({
  id: 'k8s-container-image-pinned',
  title: 'Container images are pinned to a version',
  severity: 'medium',
  controls: ['patch-management', 'configuration-monitoring'],
  kinds: [K8S_WORKLOAD],
  remediation:
    'Reference images by digest (`image@sha256:...`) or by an immutable version tag, never `latest` or no tag.',
  description:
    'An image without a tag, or tagged `latest`, can change under the same name: what runs is not what was reviewed and scanned, ' +
    'and a rollback may not restore the previous version. A digest pins the exact image; a version tag at least names one.',
  check: (workload) =>
    eachContainer(workload, (container, label) => {
      const field = container.image;
      if (isUnknown(field.value)) return unknownVerdict(field, `${label} image`);
      if (field.value === undefined || field.value === '') {
        return failed(`${label} names no image`, container);
      }
      const { tag, digest } = imageReference(field.value);
      if (digest !== undefined && /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-f]{32,}$/i.test(digest)) {
        return passed(`${label} image is pinned by digest`, field);
      }
      if (tag === undefined)
        return failed(`${label} image ${field.value} has no tag (means latest)`, field);
      if (tag.toLowerCase() === 'latest')
        return failed(`${label} image ${field.value} uses the latest tag`, field);
      return passed(`${label} image ${field.value} is pinned to tag ${tag}`, field);
    }),
});
