/**
 * CloudFormation adapter for AWS data stores: `AWS::S3::Bucket` with its
 * `AWS::S3::BucketPolicy`, RDS, EBS, DynamoDB, ElastiCache, Redshift, KMS, Secrets
 * Manager, AWS Backup, EFS, SNS, SQS and OpenSearch, into the model of ../model/data.ts.
 */
import { Unknown, isUnknown, type RawResource } from '../../types.js';
import type { Entity, Field } from '../field.js';
import {
  BACKUP_PLAN,
  BACKUP_VAULT,
  DYNAMODB_TABLE,
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
  type BackupVault,
  type DynamoDbTable,
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
import type { PolicyDocument } from '../model/platform.js';
import { policyDocument } from './policy.js';
import {
  absent,
  at,
  bool,
  entityBase,
  linkTo,
  list,
  num,
  ofType,
  raw,
  str,
  type Path,
} from './support.js';

export function adaptCfnData(resources: readonly RawResource[]): Entity[] {
  const out: Entity[] = [...adaptBuckets(resources), ...adaptSecrets(resources)];
  for (const r of resources) {
    const e = adaptSimple(r);
    if (e) out.push(e);
  }
  return out;
}

// ---------------------------------------------------------------------------
// S3

/** CloudFormation's canned ACL names, in the spelling the model (and S3's API) uses. */
const CANNED_ACL: Record<string, string> = {
  Private: 'private',
  PublicRead: 'public-read',
  PublicReadWrite: 'public-read-write',
  AuthenticatedRead: 'authenticated-read',
  LogDeliveryWrite: 'log-delivery-write',
  BucketOwnerRead: 'bucket-owner-read',
  BucketOwnerFullControl: 'bucket-owner-full-control',
  AwsExecRead: 'aws-exec-read',
};

const SSE_DEFAULT: Path = [
  'BucketEncryption',
  'ServerSideEncryptionConfiguration',
  0,
  'ServerSideEncryptionByDefault',
];

function adaptBuckets(resources: readonly RawResource[]): S3Bucket[] {
  const buckets = ofType(resources, 'AWS::S3::Bucket');
  const policies = new Map<RawResource, RawResource>();
  let unlinkedPolicy: RawResource | undefined;
  let unmatchedNamePolicy: RawResource | undefined;
  for (const p of ofType(resources, 'AWS::S3::BucketPolicy')) {
    const value = raw(p, ['Bucket']);
    const link = linkTo(value, buckets, 'BucketName');
    if (link.kind === 'linked') {
      if (!policies.has(link.owner)) policies.set(link.owner, p);
    } else if (link.kind === 'unknown') unlinkedPolicy ??= p;
    else if (link.kind === 'unmatched' && typeof value === 'string') unmatchedNamePolicy ??= p;
  }

  return buckets.map((b): S3Bucket => {
    const policyPart = policies.get(b);
    const nameUnknown = isUnknown(raw(b, ['BucketName']));
    const maybePolicy = unlinkedPolicy ?? (nameUnknown ? unmatchedNamePolicy : undefined);
    let policy: Field<PolicyDocument>;
    if (policyPart) policy = policyDocument(policyPart, ['PolicyDocument']);
    else if (maybePolicy) {
      policy = {
        value: new Unknown(
          `${maybePolicy.address} may be this bucket's policy, but its Bucket is not known`,
        ),
        location: b.location,
      };
    } else policy = absent(b);

    const pabPath: Path = ['PublicAccessBlockConfiguration'];
    const pabValue = raw(b, pabPath);
    const publicAccessBlock: Field<S3PublicAccessBlock> =
      pabValue === undefined
        ? absent(b)
        : isUnknown(pabValue)
          ? { value: pabValue, location: at(b, pabPath) }
          : {
              value: {
                blockPublicAcls: bool(b, [...pabPath, 'BlockPublicAcls']),
                blockPublicPolicy: bool(b, [...pabPath, 'BlockPublicPolicy']),
                ignorePublicAcls: bool(b, [...pabPath, 'IgnorePublicAcls']),
                restrictPublicBuckets: bool(b, [...pabPath, 'RestrictPublicBuckets']),
              },
              location: at(b, pabPath),
            };

    const acl = str(b, ['AccessControl']);
    const cannedAcl: Field<string> =
      typeof acl.value === 'string'
        ? { value: CANNED_ACL[acl.value] ?? acl.value, location: acl.location }
        : acl;

    // Logging: an empty LoggingConfiguration logs into the bucket itself.
    const logging = raw(b, ['LoggingConfiguration']);
    const loggingLocation = at(b, ['LoggingConfiguration']);
    const loggingEnabled: Field<boolean> = {
      value: logging === undefined ? undefined : isUnknown(logging) ? logging : true,
      location: loggingLocation,
    };
    const target = str(b, ['LoggingConfiguration', 'DestinationBucketName']);
    const loggingTargetBucket: Field<string> =
      logging !== undefined && !isUnknown(logging) && target.value === undefined
        ? {
            value: new Unknown('access logs go to the bucket itself', {
              address: b.address,
              attribute: 'Ref',
            }),
            location: loggingLocation,
          }
        : target;

    const flag = bool(b, ['ObjectLockEnabled']);
    const lockMode = str(b, ['ObjectLockConfiguration', 'ObjectLockEnabled']);
    const objectLockEnabled: Field<boolean> =
      flag.value !== undefined
        ? flag
        : {
            value:
              lockMode.value === undefined || isUnknown(lockMode.value)
                ? lockMode.value
                : lockMode.value === 'Enabled',
            location: lockMode.location,
          };

    const rules = list(b, ['LifecycleConfiguration', 'Rules']);
    const lifecycleConfigured: Field<boolean> = {
      value: isUnknown(rules) ? rules : rules.length > 0 ? true : undefined,
      location: at(b, ['LifecycleConfiguration']),
    };

    return {
      ...entityBase(b, S3_BUCKET, policyPart ? [policyPart] : []),
      kind: S3_BUCKET,
      bucketName: str(b, ['BucketName']),
      sseAlgorithm: str(b, [...SSE_DEFAULT, 'SSEAlgorithm']),
      kmsMasterKeyId: str(b, [...SSE_DEFAULT, 'KMSMasterKeyID']),
      publicAccessBlock,
      cannedAcl,
      // CloudFormation has no explicit grants on a bucket, only the canned ACL.
      aclGrantees: [],
      versioning: str(b, ['VersioningConfiguration', 'Status']),
      loggingEnabled,
      loggingTargetBucket,
      objectLockEnabled,
      policy,
      lifecycleConfigured,
    };
  });
}

// ---------------------------------------------------------------------------
// Secrets Manager: the secret and its AWS::SecretsManager::RotationSchedule

function adaptSecrets(resources: readonly RawResource[]): SecretsManagerSecret[] {
  const secrets = ofType(resources, 'AWS::SecretsManager::Secret');
  const rotations = new Map<RawResource, RawResource>();
  let unlinked: RawResource | undefined;
  for (const r of ofType(resources, 'AWS::SecretsManager::RotationSchedule')) {
    const link = linkTo(raw(r, ['SecretId']), secrets, 'Name');
    if (link.kind === 'linked' && !rotations.has(link.owner)) rotations.set(link.owner, r);
    else if (link.kind === 'unknown') unlinked ??= r;
  }
  return secrets.map((s): SecretsManagerSecret => {
    const part = rotations.get(s);
    let rotation: Field<SecretRotation>;
    if (part) {
      rotation = {
        value: {
          automaticallyAfterDays: num(part, ['RotationRules', 'AutomaticallyAfterDays']),
          scheduleExpression: str(part, ['RotationRules', 'ScheduleExpression']),
        },
        location: part.location,
      };
    } else if (unlinked) {
      rotation = {
        value: new Unknown(
          `${unlinked.address} may rotate this secret, but its SecretId is not known`,
        ),
        location: s.location,
      };
    } else rotation = absent(s);
    return {
      ...entityBase(s, SECRETSMANAGER_SECRET, part ? [part] : []),
      kind: SECRETSMANAGER_SECRET,
      secretName: str(s, ['Name']),
      kmsKeyId: str(s, ['KmsKeyId']),
      rotation,
    };
  });
}

// ---------------------------------------------------------------------------
// One resource, one entity

function adaptSimple(r: RawResource): Entity | undefined {
  switch (r.type) {
    case 'AWS::RDS::DBInstance': {
      const e: RdsInstance = {
        ...entityBase(r, RDS_INSTANCE),
        kind: RDS_INSTANCE,
        clusterMember: raw(r, ['DBClusterIdentifier']) !== undefined,
        engine: str(r, ['Engine']),
        storageEncrypted: inherited(r, bool(r, ['StorageEncrypted']), [
          'SourceDBInstanceIdentifier',
          'DBSnapshotIdentifier',
          'SourceDBInstanceAutomatedBackupsArn',
        ]),
        publiclyAccessible: bool(r, ['PubliclyAccessible']),
        backupRetentionPeriod: num(r, ['BackupRetentionPeriod']),
        deletionProtection: bool(r, ['DeletionProtection']),
        multiAz: bool(r, ['MultiAZ']),
        iamAuthentication: bool(r, ['EnableIAMDatabaseAuthentication']),
      };
      return e;
    }
    case 'AWS::RDS::DBCluster': {
      const e: RdsCluster = {
        ...entityBase(r, RDS_CLUSTER),
        kind: RDS_CLUSTER,
        engine: str(r, ['Engine']),
        engineMode: str(r, ['EngineMode']),
        storageEncrypted: inherited(r, bool(r, ['StorageEncrypted']), [
          'SnapshotIdentifier',
          'SourceDBClusterIdentifier',
          'ReplicationSourceIdentifier',
        ]),
        backupRetentionPeriod: num(r, ['BackupRetentionPeriod']),
        deletionProtection: bool(r, ['DeletionProtection']),
        iamAuthentication: bool(r, ['EnableIAMDatabaseAuthentication']),
      };
      return e;
    }
    case 'AWS::EC2::Volume': {
      const e: EbsVolume = {
        ...entityBase(r, EBS_VOLUME),
        kind: EBS_VOLUME,
        encrypted: bool(r, ['Encrypted']),
        snapshotId: str(r, ['SnapshotId']),
      };
      return e;
    }
    case 'AWS::DynamoDB::Table': {
      const e: DynamoDbTable = {
        ...entityBase(r, DYNAMODB_TABLE),
        kind: DYNAMODB_TABLE,
        sseEnabled: bool(r, ['SSESpecification', 'SSEEnabled']),
        sseKmsKeyArn: str(r, ['SSESpecification', 'KMSMasterKeyId']),
        pointInTimeRecovery: bool(r, [
          'PointInTimeRecoverySpecification',
          'PointInTimeRecoveryEnabled',
        ]),
      };
      return e;
    }
    case 'AWS::Serverless::SimpleTable': {
      // SAM's table has no point-in-time recovery setting, so it stays off.
      const e: DynamoDbTable = {
        ...entityBase(r, DYNAMODB_TABLE),
        kind: DYNAMODB_TABLE,
        sseEnabled: bool(r, ['SSESpecification', 'SSEEnabled']),
        sseKmsKeyArn: absent(r),
        pointInTimeRecovery: absent(r),
      };
      return e;
    }
    case 'AWS::ElastiCache::ReplicationGroup': {
      const e: ElastiCacheReplicationGroup = {
        ...entityBase(r, ELASTICACHE_REPLICATION_GROUP),
        kind: ELASTICACHE_REPLICATION_GROUP,
        atRestEncryption: bool(r, ['AtRestEncryptionEnabled']),
        transitEncryption: bool(r, ['TransitEncryptionEnabled']),
      };
      return e;
    }
    case 'AWS::Redshift::Cluster': {
      const e: RedshiftCluster = {
        ...entityBase(r, REDSHIFT_CLUSTER),
        kind: REDSHIFT_CLUSTER,
        encrypted: bool(r, ['Encrypted']),
        publiclyAccessible: bool(r, ['PubliclyAccessible']),
      };
      return e;
    }
    case 'AWS::KMS::Key': {
      const e: KmsKey = {
        ...entityBase(r, KMS_KEY),
        kind: KMS_KEY,
        keySpec: str(r, ['KeySpec']),
        keyUsage: str(r, ['KeyUsage']),
        rotationEnabled: bool(r, ['EnableKeyRotation']),
        deletionWindowDays: num(r, ['PendingWindowInDays']),
      };
      return e;
    }
    case 'AWS::Backup::BackupPlan': {
      const base: Path = ['BackupPlan', 'BackupPlanRule'];
      const items = list(r, base);
      const e: BackupPlan = {
        ...entityBase(r, BACKUP_PLAN, [], ['BackupPlanTags']),
        kind: BACKUP_PLAN,
        rules: {
          value: isUnknown(items)
            ? items
            : items.map((_, i) => ({
                ruleName: str(r, [...base, i, 'RuleName']),
                deleteAfterDays: num(r, [...base, i, 'Lifecycle', 'DeleteAfterDays']),
              })),
          location: at(r, base),
        },
      };
      return e;
    }
    case 'AWS::Backup::BackupVault': {
      const e: BackupVault = {
        ...entityBase(r, BACKUP_VAULT, [], ['BackupVaultTags']),
        kind: BACKUP_VAULT,
        kmsKeyArn: str(r, ['EncryptionKeyArn']),
      };
      return e;
    }
    case 'AWS::EFS::FileSystem': {
      const e: EfsFileSystem = {
        ...entityBase(r, EFS_FILE_SYSTEM, [], ['FileSystemTags']),
        kind: EFS_FILE_SYSTEM,
        encrypted: bool(r, ['Encrypted']),
      };
      return e;
    }
    case 'AWS::SNS::Topic': {
      const e: SnsTopic = {
        ...entityBase(r, SNS_TOPIC),
        kind: SNS_TOPIC,
        kmsMasterKeyId: str(r, ['KmsMasterKeyId']),
      };
      return e;
    }
    case 'AWS::SQS::Queue': {
      const e: SqsQueue = {
        ...entityBase(r, SQS_QUEUE),
        kind: SQS_QUEUE,
        kmsMasterKeyId: str(r, ['KmsMasterKeyId']),
        sqsManagedSse: bool(r, ['SqsManagedSseEnabled']),
      };
      return e;
    }
    case 'AWS::OpenSearchService::Domain':
    case 'AWS::Elasticsearch::Domain': {
      const e: OpenSearchDomain = {
        ...entityBase(r, OPENSEARCH_DOMAIN),
        kind: OPENSEARCH_DOMAIN,
        encryptAtRest: bool(r, ['EncryptionAtRestOptions', 'Enabled']),
        nodeToNodeEncryption: bool(r, ['NodeToNodeEncryptionOptions', 'Enabled']),
      };
      return e;
    }
    default:
      return undefined;
  }
}

/** Storage restored from a snapshot or replicated from a source inherits its encryption. */
function inherited(r: RawResource, own: Field<boolean>, from: readonly string[]): Field<boolean> {
  if (own.value !== undefined) return own;
  for (const property of from) {
    if (raw(r, [property]) !== undefined) {
      return {
        value: new Unknown(
          `storage encryption is inherited from ${property}, which is not checked`,
        ),
        location: at(r, [property]),
      };
    }
  }
  return own;
}
