/**
 * AWS Backup vault is encrypted with a customer-managed KMS key.
 */
import { BACKUP_VAULT, type BackupVault } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireSet } from './data/checks.js';

export default defineRule<BackupVault>({
  id: 'aws-backup-vault-encrypted-with-cmk',
  title: 'Backup vault is encrypted with a customer-managed key',
  severity: 'low',
  controls: ['encryption-at-rest', 'key-management'],
  kinds: [BACKUP_VAULT],
  remediation: 'Set `kms_key_arn` to a customer-managed KMS key.',
  description:
    'Recovery points in a backup vault are always encrypted; without `kms_key_arn` AWS Backup uses the AWS-managed ' +
    '`aws/backup` key. A customer-managed key lets the key policy control who can restore backups, and keeps that ' +
    'control separate from the accounts that manage the vault.',
  check: (vault) =>
    requireSet(vault.kmsKeyArn, 'kms_key_arn', 'the AWS-managed aws/backup key is used'),
});
