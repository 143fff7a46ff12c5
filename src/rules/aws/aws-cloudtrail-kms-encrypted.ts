/**
 * CloudTrail logs are encrypted with a KMS key.
 */
import type { Trail } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { expectSet } from './platform/checks.js';

export default defineRule<Trail>({
  id: 'aws-cloudtrail-kms-encrypted',
  title: 'CloudTrail logs are encrypted with a KMS key',
  severity: 'medium',
  controls: ['log-protection', 'encryption-at-rest'],
  kinds: ['aws.cloudtrail.trail'],
  remediation:
    'Set `kms_key_id` to a customer-managed KMS key whose policy allows CloudTrail to encrypt with it.',
  description:
    "Without `kms_key_id` the trail's files are protected only by the bucket's own encryption; with SSE-KMS, reading them also needs kms:Decrypt on the key, separating who may read audit logs from who may read the bucket.",
  check: (t) => expectSet(t.kmsKeyId, 'kms_key_id', 'log files are not KMS-encrypted'),
});
