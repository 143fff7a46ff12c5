/**
 * S3 bucket has server access logging enabled.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { S3_BUCKET, type S3Bucket } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { unknownVerdict } from './data/checks.js';

export default defineRule<S3Bucket>({
  id: 'aws-s3-bucket-access-logging-enabled',
  title: 'S3 bucket has server access logging enabled',
  severity: 'medium',
  controls: ['audit-logging'],
  kinds: [S3_BUCKET],
  remediation: 'Add `aws_s3_bucket_logging` with a `target_bucket` that collects access logs.',
  description:
    'Server access logs record every request made to the bucket (requester, operation, key, status), which investigations ' +
    'and access reviews need. Logging is off unless configured.',
  check: (bucket) => {
    const field = bucket.loggingEnabled;
    if (isUnknown(field.value)) return unknownVerdict(field, 'access logging');
    if (field.value === true) {
      const target = bucket.loggingTargetBucket.value;
      const where =
        typeof target === 'string'
          ? ` to ${target}`
          : isUnknown(target) && target.ref
            ? ` to ${target.ref.address}`
            : '';
      return {
        status: 'passed',
        message: `access logging is enabled${where}`,
        location: field.location,
      };
    }
    return {
      status: 'failed',
      message: 'access logging is not configured',
      location: field.location,
    };
  },
});
