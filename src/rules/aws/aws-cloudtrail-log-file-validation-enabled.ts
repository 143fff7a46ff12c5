/**
 * CloudTrail log file validation is enabled.
 */
import type { Trail } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { expectFlag } from './platform/checks.js';

export default defineRule<Trail>({
  id: 'aws-cloudtrail-log-file-validation-enabled',
  title: 'CloudTrail log file validation is enabled',
  severity: 'medium',
  controls: ['log-protection'],
  kinds: ['aws.cloudtrail.trail'],
  remediation: 'Set `enable_log_file_validation = true`.',
  description:
    'Log file validation writes signed digest files, so deleted or altered log files can be detected. The attribute defaults to false.',
  check: (t) =>
    expectFlag(t.logFileValidation, 'enable_log_file_validation', {
      want: true,
      whenAbsent: false,
      absentNote: 'defaults to false',
    }),
});
