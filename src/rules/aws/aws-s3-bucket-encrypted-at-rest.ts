/**
 * S3 bucket declares default encryption at rest.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { decide } from '../../iac/types.js';
import { S3_BUCKET, type S3Bucket } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { S3_SSE_ALGORITHMS, unknownVerdict } from './data/checks.js';

export default defineRule<S3Bucket>({
  id: 'aws-s3-bucket-encrypted-at-rest',
  title: 'S3 bucket declares default encryption at rest',
  severity: 'high',
  controls: ['encryption-at-rest'],
  kinds: [S3_BUCKET],
  remediation:
    'Declare default encryption with `aws_s3_bucket_server_side_encryption_configuration` (sse_algorithm `aws:kms` or `AES256`).',
  description:
    'Checks that the bucket declares a default server-side encryption algorithm (SSE-S3, SSE-KMS or DSSE-KMS), inline or through a separate encryption resource. ' +
    'Since January 2023 AWS encrypts new objects with SSE-S3 even without this setting, but buckets created earlier and imported keep whatever they had, ' +
    'so the rule asks for the encryption to be declared in code, where it is reviewed and serves as evidence.',
  check: (bucket) => {
    const field = bucket.sseAlgorithm;
    const value = field.value;
    if (isUnknown(value)) {
      // a conditional over an unknown condition whose branches are all valid algorithms
      if (decide<string>(value, (v) => v !== undefined && S3_SSE_ALGORITHMS.has(v)) === true) {
        return {
          status: 'passed',
          message: `sse_algorithm is one of ${value.candidates!.join(', ')}, all valid, whichever branch applies`,
          location: field.location,
        };
      }
      return unknownVerdict(field, 'sse_algorithm');
    }
    if (value === undefined) {
      return {
        status: 'failed',
        message: 'no default server-side encryption is declared for this bucket',
        location: field.location,
      };
    }
    return S3_SSE_ALGORITHMS.has(value)
      ? { status: 'passed', message: `sse_algorithm is ${value}`, location: field.location }
      : {
          status: 'failed',
          message: `sse_algorithm is ${value}, not a supported algorithm`,
          location: field.location,
        };
  },
});
