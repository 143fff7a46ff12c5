/**
 * DynamoDB table is encrypted with a KMS key rather than an AWS-owned key.
 */
import { DYNAMODB_TABLE, type DynamoDbTable } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag } from './data/checks.js';

export default defineRule<DynamoDbTable>({
  id: 'aws-dynamodb-table-encrypted-with-kms',
  title: 'DynamoDB table is encrypted with a KMS key',
  severity: 'medium',
  controls: ['encryption-at-rest', 'key-management'],
  kinds: [DYNAMODB_TABLE],
  remediation:
    'Add `server_side_encryption { enabled = true }`, with `kms_key_arn` for a customer-managed key.',
  description:
    'Every DynamoDB table is encrypted at rest. Without `server_side_encryption`, AWS uses an AWS-owned key that the ' +
    'account cannot see, audit or control. This rule asks for a KMS key in the account (the AWS-managed ' +
    '`aws/dynamodb` key, or a customer-managed key when `kms_key_arn` is set), so that key use is logged in CloudTrail ' +
    'and access to the data can be governed through the key policy.',
  check: (table) =>
    requireFlag(table.sseEnabled, 'server_side_encryption.enabled', {
      whenAbsent: false,
      absentNote: 'the table uses an AWS-owned key',
    }),
});
