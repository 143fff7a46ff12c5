/**
 * Typed model of AWS data stores: S3, RDS, EBS, DynamoDB, ElastiCache, Redshift, KMS,
 * Secrets Manager, AWS Backup, EFS, SNS, SQS and OpenSearch. Every adapter (Terraform,
 * plan JSON, CloudFormation) fills these shapes; rules read nothing else.
 *
 * Convention: a field's value is `undefined` when the setting is absent (the rule applies
 * the AWS default and says which), `Unknown` when it cannot be known before apply.
 */
import type { Entity, Field } from '../field.js';
import type { PolicyDocument } from './platform.js';

export const S3_BUCKET = 'aws.s3.bucket';
export const RDS_INSTANCE = 'aws.rds.instance';
export const RDS_CLUSTER = 'aws.rds.cluster';
export const EBS_VOLUME = 'aws.ebs.volume';
export const EBS_ENCRYPTION_BY_DEFAULT = 'aws.ebs.encryption-by-default';
export const EBS_SNAPSHOT = 'aws.ebs.snapshot';
export const DYNAMODB_TABLE = 'aws.dynamodb.table';
export const ELASTICACHE_REPLICATION_GROUP = 'aws.elasticache.replication-group';
export const REDSHIFT_CLUSTER = 'aws.redshift.cluster';
export const KMS_KEY = 'aws.kms.key';
export const SECRETSMANAGER_SECRET = 'aws.secretsmanager.secret';
export const BACKUP_PLAN = 'aws.backup.plan';
export const BACKUP_VAULT = 'aws.backup.vault';
export const EFS_FILE_SYSTEM = 'aws.efs.file-system';
export const SNS_TOPIC = 'aws.sns.topic';
export const SQS_QUEUE = 'aws.sqs.queue';
export const OPENSEARCH_DOMAIN = 'aws.opensearch.domain';

/** The four S3 Block Public Access flags; an absent flag means false. */
export interface S3PublicAccessBlock {
  readonly blockPublicAcls: Field<boolean>;
  readonly blockPublicPolicy: Field<boolean>;
  readonly ignorePublicAcls: Field<boolean>;
  readonly restrictPublicBuckets: Field<boolean>;
}

export interface S3Bucket extends Entity {
  readonly kind: typeof S3_BUCKET;
  /** The bucket name when written; absent when AWS generates it. */
  readonly bucketName: Field<string>;
  /** Default encryption: `AES256`, `aws:kms` or `aws:kms:dsse`; absent when none is declared. */
  readonly sseAlgorithm: Field<string>;
  readonly kmsMasterKeyId: Field<string>;
  /** The bucket's Block Public Access settings; absent when none are declared. */
  readonly publicAccessBlock: Field<S3PublicAccessBlock>;
  /** Canned ACL, e.g. `private`, `public-read`; absent when none is declared. */
  readonly cannedAcl: Field<string>;
  /** Grantees of explicit ACL grants: group URIs, canonical ids or e-mail addresses. */
  readonly aclGrantees: readonly Field<string>[];
  /** `Enabled`, `Suspended` or `Disabled`; absent when versioning was never configured. */
  readonly versioning: Field<string>;
  /** True when server access logging is declared. */
  readonly loggingEnabled: Field<boolean>;
  /** Where access logs go; an Unknown with `ref` when it points at another resource. */
  readonly loggingTargetBucket: Field<string>;
  readonly objectLockEnabled: Field<boolean>;
  /** The bucket policy, in the same model as IAM policies. */
  readonly policy: Field<PolicyDocument>;
  /** True when at least one lifecycle rule is declared. */
  readonly lifecycleConfigured: Field<boolean>;
}

export interface RdsInstance extends Entity {
  readonly kind: typeof RDS_INSTANCE;
  /** True for a member of an RDS/Aurora cluster, whose storage and backups the cluster owns. */
  readonly clusterMember: boolean;
  readonly engine: Field<string>;
  readonly storageEncrypted: Field<boolean>;
  readonly publiclyAccessible: Field<boolean>;
  readonly backupRetentionPeriod: Field<number>;
  readonly deletionProtection: Field<boolean>;
  readonly multiAz: Field<boolean>;
  readonly iamAuthentication: Field<boolean>;
}

export interface RdsCluster extends Entity {
  readonly kind: typeof RDS_CLUSTER;
  readonly engine: Field<string>;
  readonly engineMode: Field<string>;
  readonly storageEncrypted: Field<boolean>;
  readonly backupRetentionPeriod: Field<number>;
  readonly deletionProtection: Field<boolean>;
  readonly iamAuthentication: Field<boolean>;
}

export interface EbsVolume extends Entity {
  readonly kind: typeof EBS_VOLUME;
  readonly encrypted: Field<boolean>;
  /** Set when the volume is restored from a snapshot, whose encryption it inherits. */
  readonly snapshotId: Field<string>;
}

export interface EbsEncryptionByDefault extends Entity {
  readonly kind: typeof EBS_ENCRYPTION_BY_DEFAULT;
  readonly enabled: Field<boolean>;
}

export interface EbsSnapshot extends Entity {
  readonly kind: typeof EBS_SNAPSHOT;
  /** Accounts allowed to create volumes from the snapshot; `all` means public. */
  readonly createVolumePermissions: readonly Field<string>[];
}

export interface DynamoDbTable extends Entity {
  readonly kind: typeof DYNAMODB_TABLE;
  /** True when encryption with a KMS key (AWS-managed or customer-managed) is requested. */
  readonly sseEnabled: Field<boolean>;
  readonly sseKmsKeyArn: Field<string>;
  readonly pointInTimeRecovery: Field<boolean>;
}

export interface ElastiCacheReplicationGroup extends Entity {
  readonly kind: typeof ELASTICACHE_REPLICATION_GROUP;
  readonly atRestEncryption: Field<boolean>;
  readonly transitEncryption: Field<boolean>;
}

export interface RedshiftCluster extends Entity {
  readonly kind: typeof REDSHIFT_CLUSTER;
  readonly encrypted: Field<boolean>;
  readonly publiclyAccessible: Field<boolean>;
}

export interface KmsKey extends Entity {
  readonly kind: typeof KMS_KEY;
  /** e.g. `SYMMETRIC_DEFAULT`, `RSA_2048`, `HMAC_256`; absent means `SYMMETRIC_DEFAULT`. */
  readonly keySpec: Field<string>;
  /** `ENCRYPT_DECRYPT`, `SIGN_VERIFY`, …; absent means `ENCRYPT_DECRYPT`. */
  readonly keyUsage: Field<string>;
  readonly rotationEnabled: Field<boolean>;
  /** Days between scheduling deletion and deletion; absent means 30. */
  readonly deletionWindowDays: Field<number>;
}

export interface SecretRotation {
  readonly automaticallyAfterDays: Field<number>;
  /** `rate(…)` or `cron(…)` schedule, an alternative to the day count. */
  readonly scheduleExpression: Field<string>;
}

export interface SecretsManagerSecret extends Entity {
  readonly kind: typeof SECRETSMANAGER_SECRET;
  readonly secretName: Field<string>;
  readonly kmsKeyId: Field<string>;
  /** Automatic rotation; absent when none is declared. */
  readonly rotation: Field<SecretRotation>;
}

export interface BackupPlanRule {
  readonly ruleName: Field<string>;
  /** Days after which recovery points are deleted; absent means kept until deleted by hand. */
  readonly deleteAfterDays: Field<number>;
}

export interface BackupPlan extends Entity {
  readonly kind: typeof BACKUP_PLAN;
  readonly rules: Field<readonly BackupPlanRule[]>;
}

export interface BackupVault extends Entity {
  readonly kind: typeof BACKUP_VAULT;
  /** Customer-managed key; absent means the AWS-managed `aws/backup` key. */
  readonly kmsKeyArn: Field<string>;
}

export interface EfsFileSystem extends Entity {
  readonly kind: typeof EFS_FILE_SYSTEM;
  readonly encrypted: Field<boolean>;
}

export interface SnsTopic extends Entity {
  readonly kind: typeof SNS_TOPIC;
  readonly kmsMasterKeyId: Field<string>;
}

export interface SqsQueue extends Entity {
  readonly kind: typeof SQS_QUEUE;
  readonly kmsMasterKeyId: Field<string>;
  /** SSE with SQS-owned keys; absent means enabled (the AWS default for new queues). */
  readonly sqsManagedSse: Field<boolean>;
}

export interface OpenSearchDomain extends Entity {
  readonly kind: typeof OPENSEARCH_DOMAIN;
  readonly encryptAtRest: Field<boolean>;
  readonly nodeToNodeEncryption: Field<boolean>;
}
