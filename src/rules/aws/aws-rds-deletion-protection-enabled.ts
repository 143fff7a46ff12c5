/**
 * RDS instance or cluster has deletion protection.
 */
import {
  RDS_CLUSTER,
  RDS_INSTANCE,
  type RdsCluster,
  type RdsInstance,
} from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag } from './data/checks.js';

export default defineRule<RdsInstance | RdsCluster>({
  id: 'aws-rds-deletion-protection-enabled',
  title: 'RDS database has deletion protection',
  severity: 'medium',
  controls: ['data-backup', 'disaster-recovery'],
  kinds: [RDS_INSTANCE, RDS_CLUSTER],
  remediation: 'Set `deletion_protection = true`.',
  description:
    'Deletion protection makes RDS refuse to delete the database until the flag is turned off, guarding against ' +
    'accidental `terraform destroy` or a mistaken API call. It is off by default. Cluster members are covered by the cluster.',
  check: (db) =>
    db.kind === RDS_INSTANCE && db.clusterMember
      ? []
      : requireFlag(db.deletionProtection, 'deletion_protection', {
          whenAbsent: false,
          absentNote: 'defaults to false',
        }),
});
