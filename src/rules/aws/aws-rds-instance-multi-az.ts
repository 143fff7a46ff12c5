/**
 * RDS instance is deployed across availability zones.
 */
import { RDS_INSTANCE, type RdsInstance } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag } from './data/checks.js';

export default defineRule<RdsInstance>({
  id: 'aws-rds-instance-multi-az',
  title: 'RDS instance is deployed across availability zones',
  severity: 'medium',
  controls: ['disaster-recovery'],
  kinds: [RDS_INSTANCE],
  remediation: 'Set `multi_az = true` so RDS keeps a standby in another availability zone.',
  description:
    'A Multi-AZ RDS instance keeps a synchronous standby in a second availability zone and fails over to it automatically. Members of an Aurora cluster are skipped: the cluster spreads their storage across zones.',
  check: (db) =>
    db.clusterMember
      ? []
      : requireFlag(db.multiAz, 'multi_az', { whenAbsent: false, absentNote: 'defaults to false' }),
});
