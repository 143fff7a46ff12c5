/**
 * S3 bucket ACL grants nothing to everyone or to all AWS users.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { S3_BUCKET, type S3Bucket } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { unknownVerdict } from './data/checks.js';

const PUBLIC_CANNED = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const PUBLIC_GROUPS = /\/groups\/global\/(AllUsers|AuthenticatedUsers)$/;

export default defineRule<S3Bucket>({
  id: 'aws-s3-bucket-acl-not-public',
  title: 'S3 bucket ACL is not public',
  severity: 'critical',
  controls: ['role-based-access'],
  kinds: [S3_BUCKET],
  remediation:
    'Use the `private` canned ACL (or none, and disable ACLs with object ownership `BucketOwnerEnforced`); remove grants to AllUsers or AuthenticatedUsers.',
  description:
    'Fails when the bucket ACL is `public-read`, `public-read-write` or `authenticated-read`, or grants any permission to ' +
    'the AllUsers or AuthenticatedUsers groups (anyone on the internet, or any AWS account). A bucket without an ACL is private.',
  check: (bucket) => {
    const canned = bucket.cannedAcl;
    if (typeof canned.value === 'string' && PUBLIC_CANNED.has(canned.value)) {
      return { status: 'failed', message: `acl is ${canned.value}`, location: canned.location };
    }
    const publicGrant = bucket.aclGrantees.find(
      (g) => typeof g.value === 'string' && PUBLIC_GROUPS.test(g.value),
    );
    if (publicGrant) {
      return {
        status: 'failed',
        message: `ACL grants access to ${String(publicGrant.value)}`,
        location: publicGrant.location,
      };
    }
    if (isUnknown(canned.value)) return unknownVerdict(canned, 'acl');
    const unknownGrant = bucket.aclGrantees.find((g) => isUnknown(g.value));
    if (unknownGrant) return unknownVerdict(unknownGrant, 'ACL grantee');
    return {
      status: 'passed',
      message:
        canned.value === undefined
          ? 'no public ACL or grant is declared'
          : `acl is ${canned.value}`,
      location: canned.location,
    };
  },
});
