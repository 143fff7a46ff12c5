/**
 * S3 bucket holding audit logs is protected against deletion and overwrite.
 */
import { isUnknown, type Entity, type Field } from '../../iac/aws/field.js';
import { S3_BUCKET, type S3Bucket } from '../../iac/aws/model/data.js';
import { defineRule, type RuleContext } from '../types.js';
import { unknownVerdict } from './data/checks.js';

/** Words in a bucket name, resource name or tag that mark it as holding logs. */
const LOG_WORD = /(^|[^a-z])(logs?|logging|audit|cloudtrail|trails?)([^a-z]|$)/i;

export default defineRule<S3Bucket>({
  id: 'aws-s3-log-bucket-protected',
  title: 'S3 bucket holding audit logs has Object Lock or versioning',
  severity: 'high',
  controls: ['log-protection'],
  kinds: [S3_BUCKET],
  remediation:
    'Enable Object Lock on the log bucket (preferably with a default retention), or at least versioning with `status = "Enabled"`.',
  description:
    'A bucket counts as an audit-log bucket when its name, Terraform name or a tag key or value contains log, logs, ' +
    'logging, audit, cloudtrail or trail, when another bucket sends its access logs to it, or when a CloudTrail trail ' +
    'in the scan writes to it. Such a bucket must have Object Lock enabled (write-once storage) or versioning enabled, ' +
    'so that logs cannot be silently overwritten or deleted. Other buckets are not checked.',
  check: (bucket, context) => {
    if (!isLogBucket(bucket, context)) return [];
    const lock = bucket.objectLockEnabled;
    const versioning = bucket.versioning;
    if (lock.value === true) {
      return { status: 'passed', message: 'Object Lock is enabled', location: lock.location };
    }
    if (versioning.value === 'Enabled') {
      return {
        status: 'passed',
        message: 'versioning status is Enabled',
        location: versioning.location,
      };
    }
    if (isUnknown(lock.value)) return unknownVerdict(lock, 'object lock');
    if (isUnknown(versioning.value)) return unknownVerdict(versioning, 'versioning status');
    return {
      status: 'failed',
      message: `log bucket has neither Object Lock nor versioning (versioning is ${versioning.value ?? 'not configured'})`,
      location: bucket.location,
    };
  },
});

function isLogBucket(bucket: S3Bucket, context: RuleContext): boolean {
  const name = bucket.bucketName.value;
  if (typeof name === 'string' && LOG_WORD.test(name)) return true;
  if (LOG_WORD.test(bucket.name)) return true;
  const tags = bucket.tags?.value;
  if (tags && !isUnknown(tags)) {
    for (const [key, value] of Object.entries(tags)) {
      if (LOG_WORD.test(key) || (typeof value === 'string' && LOG_WORD.test(value))) return true;
    }
  }
  // Buckets and trails are indexed once per scan: asking every bucket of a large tree
  // whether each other bucket logs to it would be quadratic.
  const targets = [
    logTargets(context.entitiesOf<S3Bucket>(S3_BUCKET), (b) => b.loggingTargetBucket),
    // Trails expose their bucket as `s3BucketName` when the model carries it.
    logTargets(
      context.entitiesOf<Entity & { s3BucketName?: Field<string> }>('aws.cloudtrail.trail'),
      (trail) => trail.s3BucketName,
    ),
  ];
  return targets.some(
    (t) => (typeof name === 'string' && t.names.has(name)) || t.refs.has(bucket.address),
  );
}

/** The bucket names and the bucket addresses (through Unknown refs) that entities point at. */
interface LogTargets {
  readonly names: ReadonlySet<string>;
  readonly refs: ReadonlySet<string>;
}

const targetIndex = new WeakMap<readonly object[], LogTargets>();

function logTargets<E extends object>(
  entities: readonly E[],
  target: (entity: E) => Field<string> | undefined,
): LogTargets {
  let index = targetIndex.get(entities);
  if (!index) {
    const names = new Set<string>();
    const refs = new Set<string>();
    for (const entity of entities) {
      const value = target(entity)?.value;
      if (typeof value === 'string') names.add(value);
      else if (isUnknown(value) && value.ref) refs.add(value.ref.address);
    }
    index = { names, refs };
    targetIndex.set(entities, index);
  }
  return index;
}
