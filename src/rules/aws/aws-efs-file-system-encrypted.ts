/**
 * EFS file system is encrypted at rest.
 */
import { EFS_FILE_SYSTEM, type EfsFileSystem } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag } from './data/checks.js';

export default defineRule<EfsFileSystem>({
  id: 'aws-efs-file-system-encrypted',
  title: 'EFS file system is encrypted at rest',
  severity: 'high',
  controls: ['encryption-at-rest'],
  kinds: [EFS_FILE_SYSTEM],
  remediation:
    'Set `encrypted = true` (optionally with `kms_key_id`). Encryption can only be chosen when the file system is created.',
  description:
    'An EFS file system is encrypted at rest only when created with encryption; it cannot be turned on later. An absent `encrypted` creates an unencrypted file system.',
  check: (entity) =>
    requireFlag(entity.encrypted, 'encrypted', {
      whenAbsent: false,
      absentNote: 'EFS file systems are created unencrypted unless asked',
    }),
});
