/**
 * CloudFront refuses viewer TLS versions below 1.2.
 */
import { isUnknown } from '../../iac/aws/field.js';
import type { CloudFrontDistribution } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed, unknown } from './platform/checks.js';

/** TLSv1.2_2018, TLSv1.2_2019, TLSv1.2_2021, TLSv1.2_2025, TLSv1.3_2025 and later. */
const MODERN = /^TLSv1\.[23]_\d{4}$/;

export default defineRule<CloudFrontDistribution>({
  id: 'aws-cloudfront-minimum-tls12',
  title: 'CloudFront distribution requires TLS 1.2 or later for viewers',
  severity: 'medium',
  controls: ['encryption-in-transit'],
  kinds: ['aws.cloudfront.distribution'],
  remediation:
    'Use an ACM certificate (`acm_certificate_arn`, `ssl_support_method = "sni-only"`) with `minimum_protocol_version = "TLSv1.2_2021"`.',
  description:
    'With the default CloudFront certificate (`cloudfront_default_certificate = true`) the minimum viewer protocol is fixed at TLSv1, whatever `minimum_protocol_version` says. With a custom certificate the `minimum_protocol_version` must be a TLSv1.2_* or TLSv1.3_* policy; when absent the provider uses TLSv1.',
  check: (d) => {
    const def = d.defaultCertificate.value;
    if (isUnknown(def))
      return unknown(
        `cloudfront_default_certificate is not known before apply (${def.reason})`,
        d.defaultCertificate.location,
      );
    if (def === true)
      return failed(
        'cloudfront_default_certificate = true, which allows TLSv1 for viewers',
        d.defaultCertificate.location,
      );
    const v = d.minimumProtocolVersion.value;
    if (isUnknown(v))
      return unknown(
        `minimum_protocol_version is not known before apply (${v.reason})`,
        d.minimumProtocolVersion.location,
      );
    if (v === undefined)
      return failed(
        'minimum_protocol_version is not set (defaults to TLSv1)',
        d.minimumProtocolVersion.location,
      );
    return MODERN.test(v)
      ? passed(`minimum_protocol_version = "${v}"`, d.minimumProtocolVersion.location)
      : failed(
          `minimum_protocol_version = "${v}" accepts TLS versions below 1.2`,
          d.minimumProtocolVersion.location,
        );
  },
});
