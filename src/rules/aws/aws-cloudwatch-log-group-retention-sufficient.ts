/**
 * CloudWatch log groups keep logs long enough.
 */
import { isUnknown } from '../../iac/aws/field.js';
import type { LogGroup } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed, unknown } from './platform/checks.js';

export default defineRule<LogGroup>({
  id: 'aws-cloudwatch-log-group-retention-sufficient',
  title: 'CloudWatch log group retains logs for the minimum period',
  severity: 'medium',
  controls: ['log-retention'],
  kinds: ['aws.logs.log-group'],
  remediation:
    'Set `retention_in_days` to at least the configured minimum (400 by default: CloudWatch accepts only fixed values, and 400 is the first that covers 12 months), or leave it unset to keep logs forever.',
  description:
    'Compares `retention_in_days` with the `minLogRetentionDays` setting (default 400). Absent or 0 means the logs never expire, which passes.',
  check: (g, { settings }) => {
    const f = g.retentionInDays;
    const v = f.value;
    if (isUnknown(v))
      return unknown(`retention_in_days is not known before apply (${v.reason})`, f.location);
    if (v === undefined || v === 0)
      return passed(
        `retention_in_days is ${v === 0 ? '0' : 'not set'}: logs never expire`,
        f.location,
      );
    return v >= settings.minLogRetentionDays
      ? passed(`retention_in_days = ${v}`, f.location)
      : failed(`retention_in_days = ${v}, below ${settings.minLogRetentionDays}`, f.location);
  },
});
