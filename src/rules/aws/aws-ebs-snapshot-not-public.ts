/**
 * EBS snapshot is not shared publicly.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { EBS_SNAPSHOT, type EbsSnapshot } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { unknownVerdict } from './data/checks.js';

export default defineRule<EbsSnapshot>({
  id: 'aws-ebs-snapshot-not-public',
  title: 'EBS snapshot is not public',
  severity: 'critical',
  controls: ['secure-configuration', 'role-based-access'],
  kinds: [EBS_SNAPSHOT],
  remediation:
    'Remove the create-volume permission for `all`; share snapshots only with named accounts.',
  description:
    'A snapshot whose create-volume permission names the group `all` can be copied by any AWS account, exposing ' +
    'the whole disk. Permissions naming specific accounts pass. A permission whose snapshot cannot be resolved and ' +
    'which may be public makes the answer unknown.',
  check: (snapshot) => {
    const permissions = snapshot.createVolumePermissions;
    const open = permissions.find((p) => p.value === 'all');
    if (open) {
      return {
        status: 'failed',
        message: 'create-volume permission is granted to all',
        location: open.location,
      };
    }
    const unknown = permissions.find((p) => isUnknown(p.value));
    if (unknown) return unknownVerdict(unknown, 'create-volume permission');
    return {
      status: 'passed',
      message:
        permissions.length === 0
          ? 'snapshot is not shared'
          : `snapshot is shared only with ${permissions.map((p) => String(p.value)).join(', ')}`,
      location: snapshot.location,
    };
  },
});
