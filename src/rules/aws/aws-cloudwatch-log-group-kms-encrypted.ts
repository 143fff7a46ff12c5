/**
 * CloudWatch log groups are encrypted with a customer-managed KMS key.
 */
import type { LogGroup } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { expectSet } from './platform/checks.js';

export default defineRule<LogGroup>({
  id: 'aws-cloudwatch-log-group-kms-encrypted',
  title: 'CloudWatch log group is encrypted with a KMS key',
  severity: 'low',
  controls: ['log-protection', 'encryption-at-rest'],
  kinds: ['aws.logs.log-group'],
  remediation:
    'Set `kms_key_id` to the ARN of a customer-managed KMS key whose policy lets CloudWatch Logs use it.',
  description:
    'CloudWatch Logs always encrypts log data with a service-owned key; a customer-managed key adds access control and an audit trail of decryptions, and lets access be revoked. Fails when `kms_key_id` is absent.',
  check: (g) => expectSet(g.kmsKeyId, 'kms_key_id', 'service-owned encryption only'),
});
