/**
 * CloudTrail trail is logging.
 */
import type { Trail } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { expectFlag } from './platform/checks.js';

export default defineRule<Trail>({
  id: 'aws-cloudtrail-logging-enabled',
  title: 'CloudTrail trail is logging',
  severity: 'high',
  controls: ['audit-logging'],
  kinds: ['aws.cloudtrail.trail'],
  remediation: 'Remove `enable_logging = false` (or set it to true).',
  description:
    'A trail with `enable_logging = false` exists but records nothing. The attribute defaults to true.',
  check: (t) =>
    expectFlag(t.enableLogging, 'enable_logging', {
      want: true,
      whenAbsent: true,
      absentNote: 'defaults to true',
    }),
});
