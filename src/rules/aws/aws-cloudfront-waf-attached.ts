/**
 * CloudFront distributions are protected by AWS WAF.
 */
import type { CloudFrontDistribution } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { expectSet } from './platform/checks.js';

export default defineRule<CloudFrontDistribution>({
  id: 'aws-cloudfront-waf-attached',
  title: 'CloudFront distribution has a WAF web ACL',
  severity: 'low',
  controls: ['firewall-configuration', 'intrusion-detection'],
  kinds: ['aws.cloudfront.distribution'],
  remediation: 'Set `web_acl_id` to the ARN of an `aws_wafv2_web_acl` with scope CLOUDFRONT.',
  description:
    'A web ACL filters common web attacks (injection, known bad inputs, bots) before requests reach the origin. Fails when `web_acl_id` is absent. Whether this is required depends on what the distribution serves; waive it for static public content if needed.',
  check: (d) => expectSet(d.webAclId, 'web_acl_id', 'no web application firewall'),
});
