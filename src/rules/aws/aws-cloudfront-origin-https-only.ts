/**
 * CloudFront reaches custom origins over HTTPS only.
 */
import { isUnknown } from '../../iac/aws/field.js';
import type { CloudFrontDistribution } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed, unknown } from './platform/checks.js';

export default defineRule<CloudFrontDistribution>({
  id: 'aws-cloudfront-origin-https-only',
  title: 'CloudFront distribution connects to custom origins over HTTPS only',
  severity: 'medium',
  controls: ['encryption-in-transit'],
  kinds: ['aws.cloudfront.distribution'],
  remediation:
    'Set `custom_origin_config { origin_protocol_policy = "https-only" }` on every custom origin.',
  description:
    'With `http-only`, or `match-viewer` while viewers may use HTTP, CloudFront fetches content from the origin unencrypted across the internet even when viewers use HTTPS. Every origin with a `custom_origin_config` must use `https-only`; S3 and VPC origins without one give no failure.',
  check: (d) => {
    const origins = d.origins.value;
    if (isUnknown(origins)) {
      return unknown(
        `the origins are not known before apply (${origins.reason})`,
        d.origins.location,
      );
    }
    let open: string | undefined;
    for (const o of (origins ?? []).filter((x) => x.isCustom)) {
      const name = o.originId ? `origin "${o.originId}"` : 'an origin';
      const v = o.protocolPolicy.value;
      if (isUnknown(v))
        open ??= `${name}: origin_protocol_policy is not known before apply (${v.reason})`;
      else if (v !== 'https-only') {
        return failed(
          `${name}: origin_protocol_policy = ${JSON.stringify(v ?? 'unset')}`,
          o.protocolPolicy.location,
        );
      }
    }
    if (open) return unknown(open, d.origins.location);
    return passed('every custom origin is reached over HTTPS only', d.origins.location);
  },
});
