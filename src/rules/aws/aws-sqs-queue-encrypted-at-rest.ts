/**
 * SQS queue is encrypted at rest.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { SQS_QUEUE, type SqsQueue } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireSet, unknownVerdict } from './data/checks.js';

export default defineRule<SqsQueue>({
  id: 'aws-sqs-queue-encrypted-at-rest',
  title: 'SQS queue is encrypted at rest',
  severity: 'medium',
  controls: ['encryption-at-rest'],
  kinds: [SQS_QUEUE],
  remediation:
    'Set `kms_master_key_id` for SSE-KMS, or leave `sqs_managed_sse_enabled` at its default (true).',
  description:
    'A queue is encrypted at rest with SSE-KMS when `kms_master_key_id` is set, or with SQS-owned keys (SSE-SQS) ' +
    'when `sqs_managed_sse_enabled` is true, which AWS applies to new queues when it is not set. The rule fails only ' +
    'when SSE-SQS is turned off and no KMS key is given.',
  check: (queue) => {
    const kms = queue.kmsMasterKeyId;
    if (kms.value !== undefined) return requireSet(kms, 'kms_master_key_id', '');
    const sse = queue.sqsManagedSse;
    if (isUnknown(sse.value)) return unknownVerdict(sse, 'sqs_managed_sse_enabled');
    if (sse.value === false) {
      return {
        status: 'failed',
        message: 'sqs_managed_sse_enabled is false and no kms_master_key_id is set',
        location: sse.location,
      };
    }
    return {
      status: 'passed',
      message:
        sse.value === true
          ? 'sqs_managed_sse_enabled is true'
          : 'sqs_managed_sse_enabled is not set (SSE-SQS is on by default)',
      location: sse.location,
    };
  },
});
