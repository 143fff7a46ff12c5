/**
 * CloudTrail trail covers all regions.
 */
import type { Trail } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { expectFlag } from './platform/checks.js';

export default defineRule<Trail>({
  id: 'aws-cloudtrail-multi-region',
  title: 'CloudTrail trail covers all regions',
  severity: 'medium',
  controls: ['audit-logging', 'security-monitoring'],
  kinds: ['aws.cloudtrail.trail'],
  remediation: 'Set `is_multi_region_trail = true`.',
  description:
    'A single-region trail misses activity in every other region, including regions an attacker chooses precisely because nobody watches them. The attribute defaults to false.',
  check: (t) =>
    expectFlag(t.isMultiRegion, 'is_multi_region_trail', {
      want: true,
      whenAbsent: false,
      absentNote: 'defaults to false',
    }),
});
