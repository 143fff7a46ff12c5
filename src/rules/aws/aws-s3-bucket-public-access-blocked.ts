/**
 * S3 bucket blocks public access with all four flags.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { S3_BUCKET, type S3Bucket } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { unknownVerdict } from './data/checks.js';

export default defineRule<S3Bucket>({
  id: 'aws-s3-bucket-public-access-blocked',
  title: 'S3 bucket blocks public access',
  severity: 'high',
  controls: ['role-based-access', 'secure-configuration'],
  kinds: [S3_BUCKET],
  remediation:
    'Add `aws_s3_bucket_public_access_block` for the bucket with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all true.',
  description:
    'Checks that the bucket has a Block Public Access configuration with all four flags true. A flag that is not written ' +
    'is false. Since April 2023 AWS turns these on for new buckets, but buckets created earlier and imported keep their ' +
    'old settings, so the rule asks for the configuration to be declared in code.',
  check: (bucket) => {
    const block = bucket.publicAccessBlock;
    if (isUnknown(block.value)) return unknownVerdict(block, 'public access block');
    if (block.value === undefined) {
      return {
        status: 'failed',
        message: 'no public access block is declared for this bucket',
        location: block.location,
      };
    }
    const flags = [
      ['block_public_acls', block.value.blockPublicAcls],
      ['block_public_policy', block.value.blockPublicPolicy],
      ['ignore_public_acls', block.value.ignorePublicAcls],
      ['restrict_public_buckets', block.value.restrictPublicBuckets],
    ] as const;
    const off = flags.filter(([, f]) => f.value === false || f.value === undefined);
    if (off.length > 0) {
      return {
        status: 'failed',
        message: off
          .map(([name, f]) => `${name} is ${f.value === undefined ? 'not set (false)' : 'false'}`)
          .join(', '),
        location: off[0]![1].location,
      };
    }
    const unknown = flags.find(([, f]) => isUnknown(f.value));
    if (unknown) return unknownVerdict(unknown[1], unknown[0]);
    return {
      status: 'passed',
      message: 'all four public access block flags are true',
      location: block.location,
    };
  },
});
