/**
 * AWS Backup plan keeps recovery points long enough.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { BACKUP_PLAN, type BackupPlan } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { unknownVerdict } from './data/checks.js';

export default defineRule<BackupPlan>({
  id: 'aws-backup-plan-retention-sufficient',
  title: 'Backup plan keeps recovery points long enough',
  severity: 'medium',
  controls: ['data-backup'],
  kinds: [BACKUP_PLAN],
  remediation:
    'Set `lifecycle { delete_after = N }` in every rule to at least the configured minimum (setting `minBackupRetentionDays`, default 7), or leave it out to keep recovery points until deleted.',
  description:
    'Every rule of the plan must keep its recovery points at least `minBackupRetentionDays` days. A rule without ' +
    '`lifecycle.delete_after` keeps them indefinitely and passes. How long backups may be kept at most is a matter ' +
    "of each organisation's retention schedule and is not checked.",
  check: (plan, context) => {
    const rules = plan.rules;
    if (isUnknown(rules.value)) return unknownVerdict(rules, 'rule');
    const minimum = context.settings.minBackupRetentionDays;
    const list = rules.value ?? [];
    const short = list.find(
      (r) => typeof r.deleteAfterDays.value === 'number' && r.deleteAfterDays.value < minimum,
    );
    if (short) {
      const name = typeof short.ruleName.value === 'string' ? short.ruleName.value : 'a rule';
      return {
        status: 'failed',
        message: `${name}: lifecycle.delete_after is ${String(short.deleteAfterDays.value)}, below the minimum of ${minimum} days`,
        location: short.deleteAfterDays.location,
      };
    }
    const unknown = list.find((r) => isUnknown(r.deleteAfterDays.value));
    if (unknown) return unknownVerdict(unknown.deleteAfterDays, 'lifecycle.delete_after');
    return {
      status: 'passed',
      message: `every rule keeps recovery points at least ${minimum} days`,
      location: rules.location,
    };
  },
});
