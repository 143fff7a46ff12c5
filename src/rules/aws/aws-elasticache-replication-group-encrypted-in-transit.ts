/**
 * ElastiCache replication group encrypts traffic in transit.
 */
import {
  ELASTICACHE_REPLICATION_GROUP,
  type ElastiCacheReplicationGroup,
} from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag } from './data/checks.js';

export default defineRule<ElastiCacheReplicationGroup>({
  id: 'aws-elasticache-replication-group-encrypted-in-transit',
  title: 'ElastiCache replication group encrypts traffic in transit',
  severity: 'high',
  controls: ['encryption-in-transit'],
  kinds: [ELASTICACHE_REPLICATION_GROUP],
  remediation: 'Set `transit_encryption_enabled = true` and have clients connect with TLS.',
  description:
    'In-transit encryption turns on TLS between clients and nodes and between nodes of a replication group. Without it, cached data and AUTH tokens cross the network in clear text. It is off unless `transit_encryption_enabled` is true.',
  check: (entity) =>
    requireFlag(entity.transitEncryption, 'transit_encryption_enabled', {
      whenAbsent: false,
      absentNote: 'defaults to false',
    }),
});
