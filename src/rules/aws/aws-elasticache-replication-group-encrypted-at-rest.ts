/**
 * ElastiCache replication group is encrypted at rest.
 */
import {
  ELASTICACHE_REPLICATION_GROUP,
  type ElastiCacheReplicationGroup,
} from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag } from './data/checks.js';

export default defineRule<ElastiCacheReplicationGroup>({
  id: 'aws-elasticache-replication-group-encrypted-at-rest',
  title: 'ElastiCache replication group is encrypted at rest',
  severity: 'high',
  controls: ['encryption-at-rest'],
  kinds: [ELASTICACHE_REPLICATION_GROUP],
  remediation:
    'Set `at_rest_encryption_enabled = true` (optionally with `kms_key_id`). It can only be set when the group is created.',
  description:
    'Encryption at rest protects cached data, backups and swap files of a Redis or Valkey replication group. It is off unless `at_rest_encryption_enabled` is true.',
  check: (entity) =>
    requireFlag(entity.atRestEncryption, 'at_rest_encryption_enabled', {
      whenAbsent: false,
      absentNote: 'defaults to false',
    }),
});
