/**
 * EBS volume is encrypted.
 */
import { isUnknown } from '../../iac/aws/field.js';
import {
  EBS_ENCRYPTION_BY_DEFAULT,
  EBS_VOLUME,
  type EbsEncryptionByDefault,
  type EbsVolume,
} from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag, unknownVerdict } from './data/checks.js';

export default defineRule<EbsVolume>({
  id: 'aws-ebs-volume-encrypted',
  title: 'EBS volume is encrypted',
  severity: 'high',
  controls: ['encryption-at-rest'],
  kinds: [EBS_VOLUME],
  remediation:
    'Set `encrypted = true` on the volume (optionally with `kms_key_id`), or enable `aws_ebs_encryption_by_default`.',
  description:
    'An EBS volume is encrypted when created with `encrypted = true`, when restored from an encrypted snapshot, or when ' +
    'EBS encryption by default is on in its account and region. The rule counts an `aws_ebs_encryption_by_default` ' +
    'resource in the same scan as covering the volume (it assumes one account and region). A volume restored from a ' +
    "snapshot without an explicit setting inherits the snapshot's encryption and is reported unknown.",
  check: (volume, context) => {
    const own = volume.encrypted;
    if (own.value === true)
      return requireFlag(own, 'encrypted', { whenAbsent: false, absentNote: '' });
    const defaults = context.entitiesOf<EbsEncryptionByDefault>(EBS_ENCRYPTION_BY_DEFAULT);
    const on = defaults.find((d) => d.enabled.value === true || d.enabled.value === undefined);
    if (on) {
      return {
        status: 'passed',
        message: `EBS encryption by default is enabled by ${on.address}`,
        location: own.location,
      };
    }
    const maybe = defaults.find((d) => isUnknown(d.enabled.value));
    if (maybe && !isUnknown(own.value))
      return unknownVerdict(maybe.enabled, `${maybe.address} enabled`);
    if (own.value === undefined && volume.snapshotId.value !== undefined) {
      return {
        status: 'unknown',
        message:
          'encrypted is not set, so the volume inherits the encryption of snapshot_id, which is not checked',
        location: volume.snapshotId.location,
      };
    }
    return requireFlag(own, 'encrypted', { whenAbsent: false, absentNote: 'defaults to false' });
  },
});
