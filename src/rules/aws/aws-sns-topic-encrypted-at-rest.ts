/**
 * SNS topic is encrypted at rest.
 */
import { SNS_TOPIC, type SnsTopic } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireSet } from './data/checks.js';

export default defineRule<SnsTopic>({
  id: 'aws-sns-topic-encrypted-at-rest',
  title: 'SNS topic is encrypted at rest',
  severity: 'medium',
  controls: ['encryption-at-rest'],
  kinds: [SNS_TOPIC],
  remediation: 'Set `kms_master_key_id` (e.g. `alias/aws/sns` or a customer-managed key).',
  description:
    'SNS stores messages until they are delivered. They are encrypted at rest only when the topic names a KMS key in ' +
    '`kms_master_key_id`; there is no default encryption.',
  check: (topic) =>
    requireSet(topic.kmsMasterKeyId, 'kms_master_key_id', 'messages are stored unencrypted'),
});
