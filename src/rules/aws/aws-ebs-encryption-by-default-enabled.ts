/**
 * EBS encryption by default is enabled.
 */
import {
  EBS_ENCRYPTION_BY_DEFAULT,
  type EbsEncryptionByDefault,
} from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag } from './data/checks.js';

export default defineRule<EbsEncryptionByDefault>({
  id: 'aws-ebs-encryption-by-default-enabled',
  title: 'EBS encryption by default is enabled',
  severity: 'medium',
  controls: ['encryption-at-rest', 'secure-configuration'],
  kinds: [EBS_ENCRYPTION_BY_DEFAULT],
  remediation: 'Set `enabled = true` on `aws_ebs_encryption_by_default` (or leave it unset).',
  description:
    'Account-level EBS encryption by default makes every new volume and snapshot copy in the region encrypted, whatever the launching code says. The check reads the resource that manages the setting; an absent `enabled` means true. Regions without such a resource are not checked.',
  check: (entity) =>
    requireFlag(entity.enabled, 'enabled', {
      whenAbsent: true,
      absentNote: 'the resource enables it by default',
    }),
});
