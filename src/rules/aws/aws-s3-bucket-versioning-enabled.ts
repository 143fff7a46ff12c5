/**
 * S3 bucket has versioning enabled.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { S3_BUCKET, type S3Bucket } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { unknownVerdict } from './data/checks.js';

export default defineRule<S3Bucket>({
  id: 'aws-s3-bucket-versioning-enabled',
  title: 'S3 bucket has versioning enabled',
  severity: 'medium',
  controls: ['data-backup', 'disaster-recovery'],
  kinds: [S3_BUCKET],
  remediation:
    'Add `aws_s3_bucket_versioning` with `versioning_configuration { status = "Enabled" }`.',
  description:
    'Versioning keeps every version of every object, so an overwritten or deleted object can be restored. Buckets are ' +
    'created without versioning; `Suspended` keeps old versions but stops making new ones, and fails this rule.',
  check: (bucket) => {
    const field = bucket.versioning;
    if (isUnknown(field.value)) return unknownVerdict(field, 'versioning status');
    if (field.value === 'Enabled') {
      return {
        status: 'passed',
        message: 'versioning status is Enabled',
        location: field.location,
      };
    }
    return {
      status: 'failed',
      message:
        field.value === undefined
          ? 'versioning is not configured (disabled by default)'
          : `versioning status is ${field.value}`,
      location: field.location,
    };
  },
});
