/**
 * DynamoDB table has point-in-time recovery enabled.
 */
import { DYNAMODB_TABLE, type DynamoDbTable } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag } from './data/checks.js';

export default defineRule<DynamoDbTable>({
  id: 'aws-dynamodb-table-point-in-time-recovery-enabled',
  title: 'DynamoDB table has point-in-time recovery enabled',
  severity: 'medium',
  controls: ['data-backup', 'disaster-recovery'],
  kinds: [DYNAMODB_TABLE],
  remediation: 'Add `point_in_time_recovery { enabled = true }` to the table.',
  description:
    'Point-in-time recovery keeps continuous backups of a DynamoDB table for the last 35 days, so data deleted or overwritten by mistake or by an attacker can be restored to any second in that window. It is off unless enabled.',
  check: (entity) =>
    requireFlag(entity.pointInTimeRecovery, 'point_in_time_recovery.enabled', {
      whenAbsent: false,
      absentNote: 'point-in-time recovery is off by default',
    }),
});
