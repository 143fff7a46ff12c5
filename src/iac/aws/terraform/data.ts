/**
 * Terraform adapter for AWS data stores: turns `aws_s3_bucket` and its split
 * configuration resources, RDS, EBS, DynamoDB and the rest into the typed model of
 * ../model/data.ts. Works on HCL and plan JSON alike (nested blocks as arrays of objects;
 * a block written as a plain object in .tf.json is accepted too).
 */
import { Unknown, isUnknown, locate, type RawResource, type Value } from '../../types.js';
import type { Entity, Field } from '../field.js';
import {
  BACKUP_PLAN,
  BACKUP_VAULT,
  DYNAMODB_TABLE,
  EBS_ENCRYPTION_BY_DEFAULT,
  EBS_SNAPSHOT,
  EBS_VOLUME,
  EFS_FILE_SYSTEM,
  ELASTICACHE_REPLICATION_GROUP,
  KMS_KEY,
  OPENSEARCH_DOMAIN,
  RDS_CLUSTER,
  RDS_INSTANCE,
  REDSHIFT_CLUSTER,
  S3_BUCKET,
  SECRETSMANAGER_SECRET,
  SNS_TOPIC,
  SQS_QUEUE,
  type BackupPlan,
  type BackupPlanRule,
  type BackupVault,
  type DynamoDbTable,
  type EbsEncryptionByDefault,
  type EbsSnapshot,
  type EbsVolume,
  type EfsFileSystem,
  type ElastiCacheReplicationGroup,
  type KmsKey,
  type OpenSearchDomain,
  type RdsCluster,
  type RdsInstance,
  type RedshiftCluster,
  type S3Bucket,
  type S3PublicAccessBlock,
  type SecretRotation,
  type SecretsManagerSecret,
  type SnsTopic,
  type SqsQueue,
} from '../model/data.js';
import { PolicyDocuments } from './platform-policy.js';

type Path = readonly (string | number)[];

export function adaptDataResources(resources: readonly RawResource[]): Entity[] {
  const managed = resources.filter((r) => r.mode === 'managed');
  const entities: Entity[] = [...adaptBuckets(managed, PolicyDocuments.from(resources))];
  entities.push(...adaptSnapshots(managed), ...adaptSecrets(managed));
  for (const resource of managed) {
    const entity = adaptSimple(resource);
    if (entity) entities.push(entity);
  }
  return entities;
}

// ---------------------------------------------------------------------------
// Reading attributes

/** Reads a path, treating a block given as a plain object like a one-element list. */
function read(resource: RawResource, path: Path): Field<Value> {
  let current: Value | undefined = resource.attributes as Value;
  for (const step of path) {
    if (current === null || current === undefined || isUnknown(current)) break;
    if (Array.isArray(current)) {
      current = typeof step === 'number' ? current[step] : undefined;
    } else if (typeof current === 'object') {
      current = typeof step === 'number' ? (step === 0 ? current : undefined) : current[step];
    } else {
      current = undefined;
    }
  }
  return { value: current === null ? undefined : current, location: locate(resource, path) };
}

function typed<T>(
  resource: RawResource,
  path: Path,
  convert: (value: Value) => T | undefined,
  expected: string,
): Field<T> {
  const { value, location } = read(resource, path);
  if (value === undefined || isUnknown(value)) return { value, location };
  const converted = convert(value);
  if (converted !== undefined) return { value: converted, location };
  return {
    value: new Unknown(`${path.join('.')} is not a ${expected}: ${JSON.stringify(value)}`),
    location,
  };
}

function bool(resource: RawResource, path: Path): Field<boolean> {
  return typed(
    resource,
    path,
    (v) => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : undefined),
    'boolean',
  );
}

function num(resource: RawResource, path: Path): Field<number> {
  return typed(
    resource,
    path,
    (v) =>
      typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined,
    'number',
  );
}

function str(resource: RawResource, path: Path): Field<string> {
  return typed(
    resource,
    path,
    (v) =>
      typeof v === 'string'
        ? v
        : typeof v === 'number' || typeof v === 'boolean'
          ? String(v)
          : undefined,
    'string',
  );
}

/** The elements of a nested block: an array, a single object, or Unknown. */
function blocks(resource: RawResource, path: Path): readonly Value[] | Unknown {
  const { value } = read(resource, path);
  if (value === undefined) return [];
  if (isUnknown(value)) return value;
  return Array.isArray(value) ? value : [value];
}

function tags(resource: RawResource): Field<Record<string, Value>> {
  const { value, location } = read(resource, ['tags']);
  if (value === undefined || isUnknown(value)) return { value, location };
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return { value, location };
  return { value: new Unknown('tags is not a map'), location };
}

function base(resource: RawResource, kind: string): Entity {
  return {
    kind,
    address: resource.address,
    resourceType: resource.type,
    name: resource.name,
    location: resource.location,
    sources: [resource],
    tags: tags(resource),
  };
}

function absent<T>(resource: RawResource): Field<T> {
  return { value: undefined, location: resource.location };
}

// ---------------------------------------------------------------------------
// Linking a configuring resource to its owner

type Link<T> =
  | { kind: 'linked'; owner: T }
  | { kind: 'external' }
  | { kind: 'unlinked' }
  /** A literal name that matches no owner whose name is known. */
  | { kind: 'unmatched-name' };

/**
 * Finds the owner named by `value`: an Unknown whose ref is the owner's address (or the
 * address of its only instance), or a literal equal to the owner's known name.
 */
function linkTo<T>(
  value: Value | undefined,
  byAddress: ReadonlyMap<string, T>,
  byName: ReadonlyMap<string, T>,
): Link<T> {
  if (typeof value === 'string') {
    const owner = byName.get(value);
    return owner ? { kind: 'linked', owner } : { kind: 'unmatched-name' };
  }
  if (!isUnknown(value)) return { kind: 'external' };
  const ref = value.ref;
  if (!ref) return { kind: 'unlinked' };
  const exact = byAddress.get(ref.address);
  if (exact) return { kind: 'linked', owner: exact };
  // `aws_s3_bucket.x.id` where x has count = 1 or a single for_each key.
  const instance = onlyInstance(byAddress, `${ref.address}[`);
  if (instance !== undefined) return { kind: 'linked', owner: byAddress.get(instance)! };
  // A data source names a resource managed elsewhere.
  if (/(^|\.)data\./.test(ref.address)) return { kind: 'external' };
  return { kind: 'unlinked' };
}

/** Addresses of each owner map, sorted, so that a prefix is found by binary search. */
const sortedAddresses = new WeakMap<ReadonlyMap<string, unknown>, string[]>();

/** The one address that starts with `prefix`, or undefined when none or several do. */
function onlyInstance(byAddress: ReadonlyMap<string, unknown>, prefix: string): string | undefined {
  let sorted = sortedAddresses.get(byAddress);
  if (!sorted) {
    sorted = [...byAddress.keys()].sort();
    sortedAddresses.set(byAddress, sorted);
  }
  // addresses starting with the prefix sort together, from the first one >= prefix
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const first = sorted[lo];
  if (first === undefined || !first.startsWith(prefix)) return undefined;
  const next = sorted[lo + 1];
  return next !== undefined && next.startsWith(prefix) ? undefined : first;
}

function unlinkedUnknown<T>(owner: RawResource, type: string): Field<T> {
  return {
    value: new Unknown(`an ${type} whose bucket cannot be resolved may configure this bucket`),
    location: owner.location,
  };
}

// ---------------------------------------------------------------------------
// S3

const S3_PARTS = {
  aws_s3_bucket_server_side_encryption_configuration: 'encryption',
  aws_s3_bucket_public_access_block: 'publicAccessBlock',
  aws_s3_bucket_versioning: 'versioning',
  aws_s3_bucket_logging: 'logging',
  aws_s3_bucket_object_lock_configuration: 'objectLock',
  aws_s3_bucket_policy: 'policy',
  aws_s3_bucket_acl: 'acl',
  aws_s3_bucket_lifecycle_configuration: 'lifecycle',
} as const;

type S3Part = (typeof S3_PARTS)[keyof typeof S3_PARTS];

/** Where the default encryption algorithm sits inside an encryption configuration. */
const SSE_DEFAULT = ['rule', 0, 'apply_server_side_encryption_by_default', 0] as const;

function isS3PartType(type: string): type is keyof typeof S3_PARTS {
  return Object.hasOwn(S3_PARTS, type);
}

function adaptBuckets(resources: readonly RawResource[], policies: PolicyDocuments): S3Bucket[] {
  const buckets = resources.filter((r) => r.type === 'aws_s3_bucket');
  const byAddress = new Map(buckets.map((b) => [b.address, b] as const));
  const byName = new Map<string, RawResource>();
  for (const bucket of buckets) {
    const name = read(bucket, ['bucket']).value;
    if (typeof name === 'string') byName.set(name, bucket);
  }

  const parts = new Map<RawResource, Map<S3Part, RawResource>>();
  // Parts whose bucket is unknown may configure any bucket; parts naming a bucket that
  // is not found may still configure a bucket whose own name is unknown.
  const unlinked = new Map<S3Part, RawResource>();
  const unmatched = new Map<S3Part, RawResource>();
  for (const resource of resources) {
    if (!isS3PartType(resource.type)) continue;
    const part = S3_PARTS[resource.type];
    const link = linkTo(read(resource, ['bucket']).value, byAddress, byName);
    if (link.kind === 'linked') {
      const own = parts.get(link.owner) ?? new Map<S3Part, RawResource>();
      if (!own.has(part)) own.set(part, resource);
      parts.set(link.owner, own);
    } else if (link.kind === 'unlinked' && !unlinked.has(part)) {
      unlinked.set(part, resource);
    } else if (link.kind === 'unmatched-name' && !unmatched.has(part)) {
      unmatched.set(part, resource);
    }
  }

  const account = accountBlock(resources);
  return buckets.map((bucket) => {
    const nameUnknown = isUnknown(read(bucket, ['bucket']).value);
    const maybe = nameUnknown ? new Map([...unmatched, ...unlinked]) : unlinked;
    const built = buildBucket(bucket, parts.get(bucket) ?? new Map(), maybe, policies);
    return account ? { ...built, publicAccessBlock: account } : built;
  });
}

const ACCOUNT_FLAGS = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
] as const;

/**
 * An account-level Block Public Access with all four flags true overrides every bucket's
 * own settings, so it is the block in force for each bucket. Anything less is left to the
 * bucket's own configuration, as before.
 */
function accountBlock(resources: readonly RawResource[]): Field<S3PublicAccessBlock> | undefined {
  for (const r of resources) {
    if (r.type !== 'aws_s3_account_public_access_block') continue;
    const [acls, policy, ignore, restrict] = ACCOUNT_FLAGS.map((f) => bool(r, [f]));
    if (![acls, policy, ignore, restrict].every((f) => f?.value === true)) continue;
    return {
      value: {
        blockPublicAcls: acls!,
        blockPublicPolicy: policy!,
        ignorePublicAcls: ignore!,
        restrictPublicBuckets: restrict!,
      },
      location: r.location,
    };
  }
  return undefined;
}

function buildBucket(
  bucket: RawResource,
  parts: ReadonlyMap<S3Part, RawResource>,
  unlinked: ReadonlyMap<S3Part, RawResource>,
  policies: PolicyDocuments,
): S3Bucket {
  /** The value read, else Unknown when an unlinked part might set it, else absent. */
  const orUnlinked = <T>(part: S3Part, inline: Field<T>): Field<T> => {
    if (inline.value !== undefined || parts.has(part)) return inline;
    const maybe = unlinked.get(part);
    return maybe ? unlinkedUnknown(bucket, maybe.type) : inline;
  };

  // Encryption: the split resource's rule, or the old inline block around the same rule.
  const encryption = parts.get('encryption');
  const sseSource = encryption ?? bucket;
  const ssePath = encryption
    ? SSE_DEFAULT
    : ['server_side_encryption_configuration', 0, ...SSE_DEFAULT];
  const sseAlgorithm = orUnlinked('encryption', str(sseSource, [...ssePath, 'sse_algorithm']));
  const kmsMasterKeyId = orUnlinked(
    'encryption',
    str(sseSource, [...ssePath, 'kms_master_key_id']),
  );

  // Block Public Access exists only as a split resource.
  const pab = parts.get('publicAccessBlock');
  const publicAccessBlock: Field<S3PublicAccessBlock> = pab
    ? {
        value: {
          blockPublicAcls: bool(pab, ['block_public_acls']),
          blockPublicPolicy: bool(pab, ['block_public_policy']),
          ignorePublicAcls: bool(pab, ['ignore_public_acls']),
          restrictPublicBuckets: bool(pab, ['restrict_public_buckets']),
        },
        location: pab.location,
      }
    : orUnlinked('publicAccessBlock', absent(bucket));

  // ACL: canned ACL and grants, inline or split.
  const acl = parts.get('acl');
  const cannedAcl = acl ? str(acl, ['acl']) : orUnlinked('acl', str(bucket, ['acl']));
  const aclGrantees: Field<string>[] = [];
  if (acl) {
    const grants = blocks(acl, ['access_control_policy', 0, 'grant']);
    if (isUnknown(grants)) {
      aclGrantees.push({ value: grants, location: locate(acl, ['access_control_policy']) });
    } else {
      grants.forEach((_, i) => {
        const path = ['access_control_policy', 0, 'grant', i, 'grantee', 0];
        const uri = str(acl, [...path, 'uri']);
        aclGrantees.push(uri.value !== undefined ? uri : str(acl, [...path, 'id']));
      });
    }
  } else {
    const grants = blocks(bucket, ['grant']);
    if (isUnknown(grants)) {
      aclGrantees.push({ value: grants, location: locate(bucket, ['grant']) });
    } else {
      grants.forEach((_, i) => {
        const uri = str(bucket, ['grant', i, 'uri']);
        aclGrantees.push(uri.value !== undefined ? uri : str(bucket, ['grant', i, 'id']));
      });
    }
  }

  // Versioning: `versioning_configuration.status` or the old `versioning.enabled`.
  const versioningPart = parts.get('versioning');
  let versioning: Field<string>;
  if (versioningPart) {
    versioning = str(versioningPart, ['versioning_configuration', 0, 'status']);
  } else {
    const enabled = bool(bucket, ['versioning', 0, 'enabled']);
    versioning = orUnlinked('versioning', {
      value:
        typeof enabled.value === 'boolean'
          ? enabled.value
            ? 'Enabled'
            : 'Suspended'
          : enabled.value,
      location: enabled.location,
    });
  }

  // Access logging.
  const loggingPart = parts.get('logging');
  let loggingEnabled: Field<boolean>;
  let loggingTargetBucket: Field<string>;
  if (loggingPart) {
    loggingEnabled = { value: true, location: loggingPart.location };
    loggingTargetBucket = str(loggingPart, ['target_bucket']);
  } else {
    const inline = blocks(bucket, ['logging']);
    const location = locate(bucket, ['logging']);
    loggingEnabled = orUnlinked('logging', {
      value: isUnknown(inline) ? inline : inline.length > 0 ? true : undefined,
      location,
    });
    loggingTargetBucket = orUnlinked('logging', str(bucket, ['logging', 0, 'target_bucket']));
  }

  // Object Lock: the v4+ flag, the v3 nested block, or a split configuration.
  const lockPart = parts.get('objectLock');
  let objectLockEnabled: Field<boolean>;
  if (lockPart) {
    const mode = str(lockPart, ['object_lock_enabled']);
    objectLockEnabled = {
      value:
        mode.value === undefined
          ? true
          : isUnknown(mode.value)
            ? mode.value
            : mode.value === 'Enabled',
      location: mode.value === undefined ? lockPart.location : mode.location,
    };
  } else {
    const flag = bool(bucket, ['object_lock_enabled']);
    const old = str(bucket, ['object_lock_configuration', 0, 'object_lock_enabled']);
    const inline: Field<boolean> =
      flag.value !== undefined
        ? flag
        : {
            value:
              old.value === undefined || isUnknown(old.value) ? old.value : old.value === 'Enabled',
            location: old.location,
          };
    objectLockEnabled = orUnlinked('objectLock', inline);
  }

  // Policy.
  const policyPart = parts.get('policy');
  const policy = policyPart
    ? policies.read(policyPart, ['policy'])
    : orUnlinked('policy', policies.read(bucket, ['policy']));

  // Lifecycle.
  const lifecyclePart = parts.get('lifecycle');
  let lifecycleConfigured: Field<boolean>;
  if (lifecyclePart) {
    const rules = blocks(lifecyclePart, ['rule']);
    lifecycleConfigured = {
      value: isUnknown(rules) ? rules : rules.length > 0,
      location: locate(lifecyclePart, ['rule']),
    };
  } else {
    const rules = blocks(bucket, ['lifecycle_rule']);
    lifecycleConfigured = orUnlinked('lifecycle', {
      value: isUnknown(rules) ? rules : rules.length > 0 ? true : undefined,
      location: locate(bucket, ['lifecycle_rule']),
    });
  }

  return {
    ...base(bucket, S3_BUCKET),
    kind: S3_BUCKET,
    sources: [bucket, ...parts.values()],
    bucketName: str(bucket, ['bucket']),
    sseAlgorithm,
    kmsMasterKeyId,
    publicAccessBlock,
    cannedAcl,
    aclGrantees,
    versioning,
    loggingEnabled,
    loggingTargetBucket,
    objectLockEnabled,
    policy,
    lifecycleConfigured,
  };
}

// ---------------------------------------------------------------------------
// EBS snapshots and their volume permissions

function adaptSnapshots(resources: readonly RawResource[]): EbsSnapshot[] {
  const snapshots = resources.filter(
    (r) => r.type === 'aws_ebs_snapshot' || r.type === 'aws_ebs_snapshot_copy',
  );
  const byAddress = new Map(snapshots.map((s) => [s.address, s] as const));
  const permissions = new Map<RawResource, RawResource[]>();
  const unlinked: RawResource[] = [];
  for (const resource of resources) {
    if (resource.type !== 'aws_snapshot_create_volume_permission') continue;
    const link = linkTo(read(resource, ['snapshot_id']).value, byAddress, new Map());
    if (link.kind === 'linked') {
      permissions.set(link.owner, [...(permissions.get(link.owner) ?? []), resource]);
    } else if (link.kind === 'unlinked') {
      unlinked.push(resource);
    }
  }
  return snapshots.map((snapshot) => {
    const own = permissions.get(snapshot) ?? [];
    const accounts: Field<string>[] = own.map((p) => str(p, ['account_id']));
    // An unresolved permission may be this snapshot's.
    for (const p of unlinked) {
      const account = str(p, ['account_id']);
      if (account.value === 'all' || isUnknown(account.value)) {
        accounts.push({
          value: new Unknown(
            `${p.address} may share this snapshot, but its snapshot_id is not known`,
          ),
          location: p.location,
        });
      }
    }
    return {
      ...base(snapshot, EBS_SNAPSHOT),
      kind: EBS_SNAPSHOT,
      sources: [snapshot, ...own],
      createVolumePermissions: accounts,
    };
  });
}

// ---------------------------------------------------------------------------
// Secrets Manager secrets and their rotation resources

function adaptSecrets(resources: readonly RawResource[]): SecretsManagerSecret[] {
  const secrets = resources.filter((r) => r.type === 'aws_secretsmanager_secret');
  const byAddress = new Map(secrets.map((s) => [s.address, s] as const));
  const byName = new Map<string, RawResource>();
  for (const secret of secrets) {
    const name = read(secret, ['name']).value;
    if (typeof name === 'string') byName.set(name, secret);
  }
  const rotations = new Map<RawResource, RawResource>();
  let unlinked: RawResource | undefined;
  for (const resource of resources) {
    if (resource.type !== 'aws_secretsmanager_secret_rotation') continue;
    const link = linkTo(read(resource, ['secret_id']).value, byAddress, byName);
    if (link.kind === 'linked' && !rotations.has(link.owner)) rotations.set(link.owner, resource);
    else if (link.kind === 'unlinked') unlinked ??= resource;
  }
  return secrets.map((secret) => {
    const rotationPart = rotations.get(secret);
    const source = rotationPart ?? secret;
    const rules = read(source, ['rotation_rules']);
    let rotation: Field<SecretRotation>;
    if (isUnknown(rules.value)) rotation = { value: rules.value, location: rules.location };
    else if (
      rules.value !== undefined &&
      !(Array.isArray(rules.value) && rules.value.length === 0)
    ) {
      rotation = {
        value: {
          automaticallyAfterDays: num(source, ['rotation_rules', 0, 'automatically_after_days']),
          scheduleExpression: str(source, ['rotation_rules', 0, 'schedule_expression']),
        },
        location: rules.location,
      };
    } else if (unlinked) {
      rotation = {
        value: new Unknown(
          `${unlinked.address} may rotate this secret, but its secret_id is not known`,
        ),
        location: secret.location,
      };
    } else {
      rotation = absent(secret);
    }
    return {
      ...base(secret, SECRETSMANAGER_SECRET),
      kind: SECRETSMANAGER_SECRET,
      sources: rotationPart ? [secret, rotationPart] : [secret],
      secretName: str(secret, ['name']),
      kmsKeyId: str(secret, ['kms_key_id']),
      rotation,
    };
  });
}

// ---------------------------------------------------------------------------
// One resource, one entity

function adaptSimple(r: RawResource): Entity | undefined {
  switch (r.type) {
    case 'aws_db_instance':
    case 'aws_rds_cluster_instance': {
      const member = r.type === 'aws_rds_cluster_instance';
      const entity: RdsInstance = {
        ...base(r, RDS_INSTANCE),
        kind: RDS_INSTANCE,
        clusterMember: member,
        engine: str(r, ['engine']),
        storageEncrypted: inherited(r, bool(r, ['storage_encrypted']), [
          'replicate_source_db',
          'snapshot_identifier',
        ]),
        publiclyAccessible: bool(r, ['publicly_accessible']),
        backupRetentionPeriod: num(r, ['backup_retention_period']),
        deletionProtection: bool(r, ['deletion_protection']),
        multiAz: bool(r, ['multi_az']),
        iamAuthentication: bool(r, ['iam_database_authentication_enabled']),
      };
      return entity;
    }
    case 'aws_rds_cluster': {
      const entity: RdsCluster = {
        ...base(r, RDS_CLUSTER),
        kind: RDS_CLUSTER,
        engine: str(r, ['engine']),
        engineMode: str(r, ['engine_mode']),
        storageEncrypted: inherited(r, bool(r, ['storage_encrypted']), [
          'snapshot_identifier',
          'replication_source_identifier',
        ]),
        backupRetentionPeriod: num(r, ['backup_retention_period']),
        deletionProtection: bool(r, ['deletion_protection']),
        iamAuthentication: bool(r, ['iam_database_authentication_enabled']),
      };
      return entity;
    }
    case 'aws_ebs_volume': {
      const entity: EbsVolume = {
        ...base(r, EBS_VOLUME),
        kind: EBS_VOLUME,
        encrypted: bool(r, ['encrypted']),
        snapshotId: str(r, ['snapshot_id']),
      };
      return entity;
    }
    case 'aws_ebs_encryption_by_default': {
      const entity: EbsEncryptionByDefault = {
        ...base(r, EBS_ENCRYPTION_BY_DEFAULT),
        kind: EBS_ENCRYPTION_BY_DEFAULT,
        enabled: bool(r, ['enabled']),
      };
      return entity;
    }
    case 'aws_dynamodb_table': {
      const entity: DynamoDbTable = {
        ...base(r, DYNAMODB_TABLE),
        kind: DYNAMODB_TABLE,
        sseEnabled: bool(r, ['server_side_encryption', 0, 'enabled']),
        sseKmsKeyArn: str(r, ['server_side_encryption', 0, 'kms_key_arn']),
        pointInTimeRecovery: bool(r, ['point_in_time_recovery', 0, 'enabled']),
      };
      return entity;
    }
    case 'aws_elasticache_replication_group': {
      const entity: ElastiCacheReplicationGroup = {
        ...base(r, ELASTICACHE_REPLICATION_GROUP),
        kind: ELASTICACHE_REPLICATION_GROUP,
        atRestEncryption: bool(r, ['at_rest_encryption_enabled']),
        transitEncryption: bool(r, ['transit_encryption_enabled']),
      };
      return entity;
    }
    case 'aws_redshift_cluster': {
      const entity: RedshiftCluster = {
        ...base(r, REDSHIFT_CLUSTER),
        kind: REDSHIFT_CLUSTER,
        encrypted: bool(r, ['encrypted']),
        publiclyAccessible: bool(r, ['publicly_accessible']),
      };
      return entity;
    }
    case 'aws_kms_key': {
      const entity: KmsKey = {
        ...base(r, KMS_KEY),
        kind: KMS_KEY,
        keySpec: str(r, ['customer_master_key_spec']),
        keyUsage: str(r, ['key_usage']),
        rotationEnabled: bool(r, ['enable_key_rotation']),
        deletionWindowDays: num(r, ['deletion_window_in_days']),
      };
      return entity;
    }
    case 'aws_backup_plan': {
      const list = blocks(r, ['rule']);
      const rules: Field<readonly BackupPlanRule[]> = {
        value: isUnknown(list)
          ? list
          : list.map((_, i) => ({
              ruleName: str(r, ['rule', i, 'rule_name']),
              deleteAfterDays: num(r, ['rule', i, 'lifecycle', 0, 'delete_after']),
            })),
        location: locate(r, ['rule']),
      };
      const entity: BackupPlan = { ...base(r, BACKUP_PLAN), kind: BACKUP_PLAN, rules };
      return entity;
    }
    case 'aws_backup_vault': {
      const entity: BackupVault = {
        ...base(r, BACKUP_VAULT),
        kind: BACKUP_VAULT,
        kmsKeyArn: str(r, ['kms_key_arn']),
      };
      return entity;
    }
    case 'aws_efs_file_system': {
      const entity: EfsFileSystem = {
        ...base(r, EFS_FILE_SYSTEM),
        kind: EFS_FILE_SYSTEM,
        encrypted: bool(r, ['encrypted']),
      };
      return entity;
    }
    case 'aws_sns_topic': {
      const entity: SnsTopic = {
        ...base(r, SNS_TOPIC),
        kind: SNS_TOPIC,
        kmsMasterKeyId: str(r, ['kms_master_key_id']),
      };
      return entity;
    }
    case 'aws_sqs_queue': {
      const entity: SqsQueue = {
        ...base(r, SQS_QUEUE),
        kind: SQS_QUEUE,
        kmsMasterKeyId: str(r, ['kms_master_key_id']),
        sqsManagedSse: bool(r, ['sqs_managed_sse_enabled']),
      };
      return entity;
    }
    case 'aws_opensearch_domain':
    case 'aws_elasticsearch_domain': {
      const entity: OpenSearchDomain = {
        ...base(r, OPENSEARCH_DOMAIN),
        kind: OPENSEARCH_DOMAIN,
        encryptAtRest: bool(r, ['encrypt_at_rest', 0, 'enabled']),
        nodeToNodeEncryption: bool(r, ['node_to_node_encryption', 0, 'enabled']),
      };
      return entity;
    }
    default:
      return undefined;
  }
}

/**
 * Storage restored from a snapshot or replicated from a source inherits its encryption
 * when none is written, which cannot be known from this resource alone.
 */
function inherited(r: RawResource, own: Field<boolean>, from: readonly string[]): Field<boolean> {
  if (own.value !== undefined) return own;
  for (const attribute of from) {
    const source = read(r, [attribute]);
    if (source.value !== undefined) {
      return {
        value: new Unknown(
          `storage encryption is inherited from ${attribute}, which is not checked`,
        ),
        location: source.location,
      };
    }
  }
  return own;
}
