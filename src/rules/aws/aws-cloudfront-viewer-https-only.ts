/**
 * CloudFront serves viewers over HTTPS only.
 */
import { isUnknown } from '../../iac/aws/field.js';
import type { CloudFrontDistribution } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed, unknown } from './platform/checks.js';

const SECURE = ['redirect-to-https', 'https-only'];

export default defineRule<CloudFrontDistribution>({
  id: 'aws-cloudfront-viewer-https-only',
  title: 'CloudFront distribution requires HTTPS for viewers',
  severity: 'medium',
  controls: ['encryption-in-transit'],
  kinds: ['aws.cloudfront.distribution'],
  remediation:
    'Set `viewer_protocol_policy = "redirect-to-https"` (or "https-only") in the default and every ordered cache behavior.',
  description:
    'With `allow-all`, viewers can fetch content over plain HTTP. Every cache behavior (default and ordered) must use redirect-to-https or https-only.',
  check: (d) => {
    const list = d.cacheBehaviors.value;
    if (isUnknown(list))
      return unknown(
        `the cache behaviors are not known before apply (${list.reason})`,
        d.cacheBehaviors.location,
      );
    let open: string | undefined;
    for (const b of list ?? []) {
      const v = b.viewerProtocolPolicy.value;
      const where = b.pathPattern ? `cache behavior "${b.pathPattern}"` : 'default cache behavior';
      if (isUnknown(v))
        open ??= `${where}: viewer_protocol_policy is not known before apply (${v.reason})`;
      else if (v === undefined || !SECURE.includes(v)) {
        return failed(
          `${where}: viewer_protocol_policy = ${JSON.stringify(v ?? 'unset')} allows plain HTTP`,
          b.viewerProtocolPolicy.location,
        );
      }
    }
    if (open) return unknown(open, d.cacheBehaviors.location);
    return passed('every cache behavior redirects to or requires HTTPS', d.cacheBehaviors.location);
  },
});
