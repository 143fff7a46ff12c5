/**
 * Symmetric KMS key has automatic rotation enabled.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { KMS_KEY, type KmsKey } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag, unknownVerdict } from './data/checks.js';

export default defineRule<KmsKey>({
  id: 'aws-kms-key-rotation-enabled',
  title: 'KMS key has automatic rotation enabled',
  severity: 'medium',
  controls: ['key-management'],
  kinds: [KMS_KEY],
  remediation: 'Set `enable_key_rotation = true` (and optionally `rotation_period_in_days`).',
  description:
    'Automatic rotation makes KMS create new key material on a schedule (yearly unless set otherwise) while still ' +
    'decrypting data under older material, limiting how much data one key version protects. Only symmetric ' +
    'encryption keys (`SYMMETRIC_DEFAULT`, `ENCRYPT_DECRYPT`) support it; asymmetric and HMAC keys are not checked. ' +
    'Rotation is off by default.',
  check: (key) => {
    const spec = key.keySpec.value;
    const usage = key.keyUsage.value;
    if (isUnknown(spec)) return unknownVerdict(key.keySpec, 'customer_master_key_spec');
    if (isUnknown(usage)) return unknownVerdict(key.keyUsage, 'key_usage');
    if ((spec ?? 'SYMMETRIC_DEFAULT') !== 'SYMMETRIC_DEFAULT') return [];
    if ((usage ?? 'ENCRYPT_DECRYPT') !== 'ENCRYPT_DECRYPT') return [];
    return requireFlag(key.rotationEnabled, 'enable_key_rotation', {
      whenAbsent: false,
      absentNote: 'defaults to false',
    });
  },
});
