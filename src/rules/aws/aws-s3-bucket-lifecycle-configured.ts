/**
 * S3 bucket has a lifecycle configuration.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { S3_BUCKET, type S3Bucket } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { unknownVerdict } from './data/checks.js';

export default defineRule<S3Bucket>({
  id: 'aws-s3-bucket-lifecycle-configured',
  title: 'S3 bucket has a lifecycle configuration',
  severity: 'low',
  controls: ['data-retention-disposal'],
  kinds: [S3_BUCKET],
  remediation:
    'Add `aws_s3_bucket_lifecycle_configuration` with rules that expire or transition objects (and old versions) when no longer needed.',
  description:
    'Lifecycle rules delete or archive objects after a set time, which is how a retention schedule is enforced on S3 ' +
    'rather than data being kept forever. The rule checks that at least one lifecycle rule is declared; it does not judge ' +
    'the periods, which depend on the data.',
  check: (bucket) => {
    const field = bucket.lifecycleConfigured;
    if (isUnknown(field.value)) return unknownVerdict(field, 'lifecycle configuration');
    return field.value === true
      ? { status: 'passed', message: 'a lifecycle rule is declared', location: field.location }
      : { status: 'failed', message: 'no lifecycle rule is declared', location: field.location };
  },
});
