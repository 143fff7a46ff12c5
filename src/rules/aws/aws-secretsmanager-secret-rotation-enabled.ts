/**
 * Secrets Manager secret rotates automatically, often enough.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { SECRETSMANAGER_SECRET, type SecretsManagerSecret } from '../../iac/aws/model/data.js';
import { defineRule, type Verdict } from '../types.js';
import { unknownVerdict } from './data/checks.js';

/**
 * The longest interval, in days, between runs of a `rate()` or `cron()` schedule, or
 * undefined when the expression is not one this rule can read.
 */
export function scheduleIntervalDays(expression: string): number | undefined {
  const rate = /^rate\(\s*(\d+)\s+(hour|hours|day|days)\s*\)$/i.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    return rate[2]!.toLowerCase().startsWith('hour') ? n / 24 : n;
  }
  const cron = /^cron\((.*)\)$/i.exec(expression.trim());
  if (!cron) return undefined;
  // minutes hours day-of-month month day-of-week year
  const parts = cron[1]!.trim().split(/\s+/);
  if (parts.length !== 6) return undefined;
  const [, , dom, month, dow] = parts;
  const any = (p: string | undefined): boolean => p === '*' || p === '?';
  if (!any(month)) return undefined;
  if (any(dom) && any(dow)) return 1;
  if (any(dom) && dow !== undefined) return 7;
  if (any(dow) && dom !== undefined && /^[\d,L-]+$/.test(dom)) return 31;
  return undefined;
}

export default defineRule<SecretsManagerSecret>({
  id: 'aws-secretsmanager-secret-rotation-enabled',
  title: 'Secrets Manager secret rotates automatically',
  severity: 'medium',
  controls: ['secrets-management'],
  kinds: [SECRETSMANAGER_SECRET],
  remediation:
    'Add `aws_secretsmanager_secret_rotation` for the secret with `rotation_rules { automatically_after_days = 30 }` (at most the configured maximum).',
  description:
    'Checks that the secret has automatic rotation (a linked `aws_secretsmanager_secret_rotation`, or the older inline ' +
    'rotation rules) and that the interval is at most the setting `maxSecretRotationDays` (default 90). ' +
    '`rate()` and simple daily, weekly or monthly `cron()` schedules are read; other schedules are reported unknown.',
  check: (secret, context): Verdict => {
    const rotation = secret.rotation;
    if (isUnknown(rotation.value)) return unknownVerdict(rotation, 'rotation');
    if (rotation.value === undefined) {
      return {
        status: 'failed',
        message: 'automatic rotation is not configured',
        location: rotation.location,
      };
    }
    const max = context.settings.maxSecretRotationDays;
    const days = rotation.value.automaticallyAfterDays;
    const schedule = rotation.value.scheduleExpression;
    let interval: number;
    let shown: string;
    let location = days.location;
    if (typeof days.value === 'number') {
      interval = days.value;
      shown = `automatically_after_days is ${days.value}`;
    } else if (isUnknown(days.value)) {
      return unknownVerdict(days, 'automatically_after_days');
    } else if (typeof schedule.value === 'string') {
      const parsed = scheduleIntervalDays(schedule.value);
      location = schedule.location;
      if (parsed === undefined) {
        return {
          status: 'unknown',
          message: `schedule_expression ${schedule.value} is not a schedule whose interval this rule can read`,
          location,
        };
      }
      interval = parsed;
      shown = `schedule_expression is ${schedule.value}`;
    } else if (isUnknown(schedule.value)) {
      return unknownVerdict(schedule, 'schedule_expression');
    } else {
      return {
        status: 'failed',
        message: 'rotation rules set no interval',
        location: rotation.location,
      };
    }
    return interval <= max
      ? { status: 'passed', message: shown, location }
      : { status: 'failed', message: `${shown}, more than the maximum of ${max} days`, location };
  },
});
