/**
 * Secrets Manager secret is encrypted with a customer-managed KMS key.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { SECRETSMANAGER_SECRET, type SecretsManagerSecret } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireSet } from './data/checks.js';

export default defineRule<SecretsManagerSecret>({
  id: 'aws-secretsmanager-secret-encrypted-with-cmk',
  title: 'Secrets Manager secret is encrypted with a customer-managed key',
  severity: 'low',
  controls: ['secrets-management', 'key-management'],
  kinds: [SECRETSMANAGER_SECRET],
  remediation: 'Set `kms_key_id` to a customer-managed KMS key.',
  description:
    'Secrets are always encrypted; without `kms_key_id` Secrets Manager uses the AWS-managed `aws/secretsmanager` key, ' +
    'whose policy the account cannot change and which cannot be shared across accounts. A customer-managed key lets ' +
    'the key policy restrict who can decrypt the secret, separately from who can read it.',
  check: (secret) => {
    const field = secret.kmsKeyId;
    if (!isUnknown(field.value) && field.value?.endsWith('alias/aws/secretsmanager')) {
      return {
        status: 'failed',
        message: `kms_key_id is ${field.value}, the AWS-managed key`,
        location: field.location,
      };
    }
    return requireSet(field, 'kms_key_id', 'the AWS-managed aws/secretsmanager key is used');
  },
});
