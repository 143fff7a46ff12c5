/**
 * S3 bucket policy denies requests that do not use TLS.
 */
import { isUnknown, type Field } from '../../iac/aws/field.js';
import { S3_BUCKET, type S3Bucket } from '../../iac/aws/model/data.js';
import type { MaybeString, PolicyStatement } from '../../iac/aws/model/platform.js';
import type { Unknown } from '../../iac/types.js';
import { defineRule } from '../types.js';
import { unknownVerdict } from './data/checks.js';

/** Three-valued answer: yes, no, or cannot tell before apply. */
type Tri = boolean | 'unknown';

const and = (...values: Tri[]): Tri =>
  values.includes(false) ? false : values.includes('unknown') ? 'unknown' : true;

/** Whether some element of a list satisfies `test`. */
function some<T>(
  list: Field<readonly T[]> | readonly T[] | Unknown | undefined,
  test: (item: T) => Tri,
): Tri {
  const items = list && 'location' in list ? list.value : list;
  if (items === undefined) return false;
  if (isUnknown(items)) return 'unknown';
  let result: Tri = false;
  for (const item of items) {
    const r = test(item);
    if (r === true) return true;
    if (r === 'unknown') result = 'unknown';
  }
  return result;
}

const equals =
  (...wanted: string[]) =>
  (value: MaybeString): Tri =>
    isUnknown(value) ? 'unknown' : wanted.includes(value.toLowerCase());

function deniesInsecureTransport(statement: PolicyStatement): Tri {
  const effect = statement.effect.value;
  const isDeny: Tri = isUnknown(effect) ? 'unknown' : effect === 'Deny';
  const anyone = some(statement.principals, (p) =>
    isUnknown(p.type) ? 'unknown' : p.type === '*' || some(p.identifiers, equals('*')),
  );
  const allActions = some(statement.actions, equals('s3:*', '*'));
  const insecure = some(statement.conditions, (c) =>
    and(
      isUnknown(c.operator) ? 'unknown' : c.operator === 'Bool' || c.operator === 'BoolIfExists',
      isUnknown(c.key) ? 'unknown' : c.key.toLowerCase() === 'aws:securetransport',
      some(c.values, equals('false')),
    ),
  );
  return and(isDeny, anyone, allActions, insecure);
}

export default defineRule<S3Bucket>({
  id: 'aws-s3-bucket-tls-required',
  title: 'S3 bucket policy denies requests without TLS',
  severity: 'medium',
  controls: ['encryption-in-transit'],
  kinds: [S3_BUCKET],
  remediation:
    'Add a bucket policy statement with Effect Deny, Principal "*", Action "s3:*" and Condition Bool aws:SecureTransport = "false".',
  description:
    'S3 accepts plain HTTP unless the bucket policy refuses it. The rule looks for a statement that denies all S3 ' +
    "actions to every principal when `aws:SecureTransport` is false. The statement's resources are not compared " +
    'with the bucket ARN, which is usually computed.',
  check: (bucket) => {
    const policy = bucket.policy;
    if (isUnknown(policy.value)) return unknownVerdict(policy, 'bucket policy');
    if (policy.value === undefined) {
      return {
        status: 'failed',
        message: 'no bucket policy is declared',
        location: policy.location,
      };
    }
    const found = some(policy.value.statements, deniesInsecureTransport);
    if (found === true) {
      return {
        status: 'passed',
        message: 'bucket policy denies requests where aws:SecureTransport is false',
        location: policy.location,
      };
    }
    if (found === 'unknown' || policy.value.incomplete) {
      return {
        status: 'unknown',
        message:
          'bucket policy may deny insecure transport, but parts of it are not known before apply',
        location: policy.location,
      };
    }
    return {
      status: 'failed',
      message: 'bucket policy has no statement denying requests where aws:SecureTransport is false',
      location: policy.location,
    };
  },
});
