/**
 * Launch templates encrypt the EBS volumes they define.
 */
import { isUnknown } from '../../iac/aws/field.js';
import type { LaunchTemplate } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed, unknown } from './platform/checks.js';

export default defineRule<LaunchTemplate>({
  id: 'aws-ec2-launch-template-ebs-encrypted',
  title: 'Launch template encrypts its EBS volumes',
  severity: 'medium',
  controls: ['encryption-at-rest'],
  kinds: ['aws.ec2.launch-template'],
  remediation:
    'Set `encrypted = true` in every `block_device_mappings { ebs { ... } }` (root included), or enable `aws_ebs_encryption_by_default`.',
  description:
    'Volumes are unencrypted unless the mapping says `encrypted = true`, the AMI snapshot is encrypted, or EBS encryption by default is on for the account and region. Passes when the scan enables `aws_ebs_encryption_by_default`, or every EBS mapping sets `encrypted = true`. A template without block device mappings takes its root volume from the AMI, which the code does not show: unknown.',
  check: (t) => {
    if (t.ebsEncryptionByDefault.value === true) {
      return passed(
        'EBS encryption by default is enabled in this configuration',
        t.ebsEncryptionByDefault.location,
      );
    }
    const volumes = t.volumes.value;
    if (isUnknown(volumes))
      return unknown(
        `block_device_mappings are not known before apply (${volumes.reason})`,
        t.volumes.location,
      );
    if (!volumes || !volumes.some((m) => m.isEbs)) {
      return unknown(
        'no EBS block_device_mappings: root volume encryption follows the AMI snapshot and account default',
        t.location,
      );
    }
    let open: string | undefined;
    for (const v of volumes.filter((m) => m.isEbs)) {
      const device = typeof v.deviceName.value === 'string' ? v.deviceName.value : 'a volume';
      if (v.encrypted.value === false || v.encrypted.value === undefined) {
        const message = `${device}: ebs.encrypted is ${v.encrypted.value === false ? 'false' : 'not set'}`;
        const account = t.ebsEncryptionByDefault.value;
        // Encryption by default, when on, encrypts the volume whatever the mapping says.
        return isUnknown(account)
          ? unknown(
              `${message}, and EBS encryption by default is not known before apply`,
              v.encrypted.location,
            )
          : failed(message, v.encrypted.location);
      }
      if (isUnknown(v.encrypted.value))
        open ??= `${device}: ebs.encrypted is not known before apply`;
    }
    if (open) return unknown(open, t.volumes.location);
    return passed('every block device mapping sets ebs.encrypted = true', t.volumes.location);
  },
});
