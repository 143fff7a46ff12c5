/**
 * RDS automated backups are kept long enough.
 */
import { isUnknown } from '../../iac/aws/field.js';
import {
  RDS_CLUSTER,
  RDS_INSTANCE,
  type RdsCluster,
  type RdsInstance,
} from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { unknownVerdict } from './data/checks.js';

/** What RDS uses when `backup_retention_period` is not given. */
const AWS_DEFAULT_DAYS = 1;
/** RDS keeps automated backups for at most 35 days. */
const AWS_MAX_DAYS = 35;

export default defineRule<RdsInstance | RdsCluster>({
  id: 'aws-rds-backup-retention-sufficient',
  title: 'RDS automated backups are kept long enough',
  severity: 'medium',
  controls: ['data-backup', 'disaster-recovery'],
  kinds: [RDS_INSTANCE, RDS_CLUSTER],
  remediation:
    'Set `backup_retention_period` to at least the configured minimum (setting `minBackupRetentionDays`, default 7; RDS allows at most 35).',
  description:
    'Automated backups allow point-in-time restore within the retention period. 0 disables them, and RDS uses 1 day ' +
    'when the attribute is absent. The minimum comes from the setting `minBackupRetentionDays`; RDS caps automated ' +
    'backups at 35 days, so longer retention needs AWS Backup or snapshot copies. Cluster members are covered by the cluster.',
  check: (db, context) => {
    if (db.kind === RDS_INSTANCE && db.clusterMember) return [];
    const field = db.backupRetentionPeriod;
    if (isUnknown(field.value)) return unknownVerdict(field, 'backup_retention_period');
    const days = field.value ?? AWS_DEFAULT_DAYS;
    const minimum = Math.min(context.settings.minBackupRetentionDays, AWS_MAX_DAYS);
    const shown =
      field.value === undefined
        ? `backup_retention_period is not set (RDS uses ${AWS_DEFAULT_DAYS} day)`
        : `backup_retention_period is ${days}`;
    return {
      status: days >= minimum ? 'passed' : 'failed',
      message: days >= minimum ? shown : `${shown}, below the minimum of ${minimum} days`,
      location: field.location,
    };
  },
});
