/**
 * CloudTrail delivers events to CloudWatch Logs for alerting.
 */
import type { Trail } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { expectSet } from './platform/checks.js';

export default defineRule<Trail>({
  id: 'aws-cloudtrail-cloudwatch-logs-integrated',
  title: 'CloudTrail trail sends events to CloudWatch Logs',
  severity: 'medium',
  controls: ['security-monitoring', 'incident-detection'],
  kinds: ['aws.cloudtrail.trail'],
  remediation:
    'Set `cloud_watch_logs_group_arn` (with `:*` suffix) and `cloud_watch_logs_role_arn`, then add metric filters and alarms for sensitive API calls.',
  description:
    'Sending the trail to CloudWatch Logs lets metric filters and alarms react to events such as root sign-in or policy changes within minutes, instead of someone reading S3 objects later. Fails when `cloud_watch_logs_group_arn` is absent.',
  check: (t) =>
    expectSet(t.cloudWatchLogsGroupArn, 'cloud_watch_logs_group_arn', 'events go to S3 only'),
});
