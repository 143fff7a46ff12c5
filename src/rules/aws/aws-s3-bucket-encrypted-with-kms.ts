/**
 * S3 bucket holding classified data is encrypted with a KMS key.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { S3_BUCKET, type S3Bucket } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import {
  S3_KMS_ALGORITHMS,
  classificationTag,
  isSensitiveLevel,
  unknownVerdict,
} from './data/checks.js';

export default defineRule<S3Bucket>({
  id: 'aws-s3-bucket-encrypted-with-kms',
  title: 'S3 bucket holding classified data is encrypted with KMS',
  severity: 'medium',
  controls: ['encryption-at-rest', 'key-management'],
  kinds: [S3_BUCKET],
  remediation:
    'Set `sse_algorithm = "aws:kms"` with a `kms_master_key_id` in the bucket encryption configuration.',
  description:
    'Applies to buckets tagged with a data-classification key (setting `classificationTagKeys`) whose value is not ' +
    '`public`, `internal`, `non-sensitive` or `unclassified`. Such buckets must use SSE-KMS or DSSE-KMS, so that access to ' +
    'the data also needs access to the key, key use is logged, and the key can be rotated or disabled. Buckets without a ' +
    'classification tag are not checked here (see aws-data-store-classification-tagged).',
  check: (bucket, context) => {
    const tag = classificationTag(bucket, context.settings);
    if (tag.found === false) return [];
    if (tag.found === 'unknown') {
      return { status: 'unknown', message: `tags are not known before apply: ${tag.reason}` };
    }
    if (isUnknown(tag.value)) {
      return {
        status: 'unknown',
        message: `tag ${tag.key} is not known before apply: ${tag.value.reason}`,
      };
    }
    if (typeof tag.value !== 'string' || !isSensitiveLevel(tag.value)) return [];
    const field = bucket.sseAlgorithm;
    const value = field.value;
    if (isUnknown(value)) return unknownVerdict(field, 'sse_algorithm');
    if (value !== undefined && S3_KMS_ALGORITHMS.has(value)) {
      return { status: 'passed', message: `sse_algorithm is ${value}`, location: field.location };
    }
    return {
      status: 'failed',
      message:
        value === undefined
          ? `bucket is tagged ${tag.key} = ${tag.value} but declares no KMS encryption`
          : `bucket is tagged ${tag.key} = ${tag.value} but sse_algorithm is ${value}`,
      location: field.location,
    };
  },
});
