/**
 * RDS instance or cluster storage is encrypted.
 */
import { isUnknown } from '../../iac/aws/field.js';
import {
  RDS_CLUSTER,
  RDS_INSTANCE,
  type RdsCluster,
  type RdsInstance,
} from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag, unknownVerdict } from './data/checks.js';

export default defineRule<RdsInstance | RdsCluster>({
  id: 'aws-rds-storage-encrypted',
  title: 'RDS database storage is encrypted',
  severity: 'high',
  controls: ['encryption-at-rest'],
  kinds: [RDS_INSTANCE, RDS_CLUSTER],
  remediation:
    'Set `storage_encrypted = true` (optionally with `kms_key_id`). Existing storage must be migrated through an encrypted snapshot copy.',
  description:
    'Checks `aws_db_instance` and `aws_rds_cluster`: storage, automated backups, snapshots and read replicas are ' +
    'encrypted only when the database is created with storage encryption, which is off by default. Aurora Serverless v1 ' +
    'clusters are always encrypted. Members of a cluster are covered by the cluster. Storage restored from a snapshot ' +
    "or replicated from a source without an explicit setting inherits the source's encryption and is reported unknown.",
  check: (db) => {
    if (db.kind === RDS_INSTANCE && db.clusterMember) return [];
    if (db.kind === RDS_CLUSTER && db.storageEncrypted.value === undefined) {
      const mode = db.engineMode.value;
      if (mode === 'serverless') {
        return {
          status: 'passed',
          message: 'engine_mode is serverless, which is always encrypted',
          location: db.engineMode.location,
        };
      }
      if (isUnknown(mode)) return unknownVerdict(db.engineMode, 'engine_mode');
    }
    return requireFlag(db.storageEncrypted, 'storage_encrypted', {
      whenAbsent: false,
      absentNote: 'defaults to false',
    });
  },
});
