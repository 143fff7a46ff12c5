/**
 * The data-store rules (S3, RDS, EBS, DynamoDB, ElastiCache, Redshift, KMS, Secrets
 * Manager, AWS Backup, EFS, SNS, SQS, OpenSearch), in id order.
 */
import type { Rule } from '../types.js';
import backupPlanRetentionSufficient from './aws-backup-plan-retention-sufficient.js';
import backupVaultEncryptedWithCmk from './aws-backup-vault-encrypted-with-cmk.js';
import dataStoreClassificationTagged from './aws-data-store-classification-tagged.js';
import dynamodbTableEncryptedWithKms from './aws-dynamodb-table-encrypted-with-kms.js';
import dynamodbTablePointInTimeRecoveryEnabled from './aws-dynamodb-table-point-in-time-recovery-enabled.js';
import ebsEncryptionByDefaultEnabled from './aws-ebs-encryption-by-default-enabled.js';
import ebsSnapshotNotPublic from './aws-ebs-snapshot-not-public.js';
import ebsVolumeEncrypted from './aws-ebs-volume-encrypted.js';
import efsFileSystemEncrypted from './aws-efs-file-system-encrypted.js';
import elasticacheReplicationGroupEncryptedAtRest from './aws-elasticache-replication-group-encrypted-at-rest.js';
import elasticacheReplicationGroupEncryptedInTransit from './aws-elasticache-replication-group-encrypted-in-transit.js';
import kmsKeyDeletionWindowSufficient from './aws-kms-key-deletion-window-sufficient.js';
import kmsKeyRotationEnabled from './aws-kms-key-rotation-enabled.js';
import opensearchDomainEncryptedAtRest from './aws-opensearch-domain-encrypted-at-rest.js';
import opensearchDomainNodeToNodeEncrypted from './aws-opensearch-domain-node-to-node-encrypted.js';
import rdsBackupRetentionSufficient from './aws-rds-backup-retention-sufficient.js';
import rdsDeletionProtectionEnabled from './aws-rds-deletion-protection-enabled.js';
import rdsIamAuthenticationEnabled from './aws-rds-iam-authentication-enabled.js';
import rdsInstanceMultiAz from './aws-rds-instance-multi-az.js';
import rdsInstanceNotPublic from './aws-rds-instance-not-public.js';
import rdsStorageEncrypted from './aws-rds-storage-encrypted.js';
import redshiftClusterEncrypted from './aws-redshift-cluster-encrypted.js';
import redshiftClusterNotPublic from './aws-redshift-cluster-not-public.js';
import s3BucketAccessLoggingEnabled from './aws-s3-bucket-access-logging-enabled.js';
import s3BucketAclNotPublic from './aws-s3-bucket-acl-not-public.js';
import s3BucketEncryptedAtRest from './aws-s3-bucket-encrypted-at-rest.js';
import s3BucketEncryptedWithKms from './aws-s3-bucket-encrypted-with-kms.js';
import s3BucketLifecycleConfigured from './aws-s3-bucket-lifecycle-configured.js';
import s3BucketPublicAccessBlocked from './aws-s3-bucket-public-access-blocked.js';
import s3BucketTlsRequired from './aws-s3-bucket-tls-required.js';
import s3BucketVersioningEnabled from './aws-s3-bucket-versioning-enabled.js';
import s3LogBucketProtected from './aws-s3-log-bucket-protected.js';
import secretsmanagerSecretEncryptedWithCmk from './aws-secretsmanager-secret-encrypted-with-cmk.js';
import secretsmanagerSecretRotationEnabled from './aws-secretsmanager-secret-rotation-enabled.js';
import snsTopicEncryptedAtRest from './aws-sns-topic-encrypted-at-rest.js';
import sqsQueueEncryptedAtRest from './aws-sqs-queue-encrypted-at-rest.js';

export const dataRules: Rule[] = [
  backupPlanRetentionSufficient,
  backupVaultEncryptedWithCmk,
  dataStoreClassificationTagged,
  dynamodbTableEncryptedWithKms,
  dynamodbTablePointInTimeRecoveryEnabled,
  ebsEncryptionByDefaultEnabled,
  ebsSnapshotNotPublic,
  ebsVolumeEncrypted,
  efsFileSystemEncrypted,
  elasticacheReplicationGroupEncryptedAtRest,
  elasticacheReplicationGroupEncryptedInTransit,
  kmsKeyDeletionWindowSufficient,
  kmsKeyRotationEnabled,
  opensearchDomainEncryptedAtRest,
  opensearchDomainNodeToNodeEncrypted,
  rdsBackupRetentionSufficient,
  rdsDeletionProtectionEnabled,
  rdsIamAuthenticationEnabled,
  rdsInstanceMultiAz,
  rdsInstanceNotPublic,
  rdsStorageEncrypted,
  redshiftClusterEncrypted,
  redshiftClusterNotPublic,
  s3BucketAccessLoggingEnabled,
  s3BucketAclNotPublic,
  s3BucketEncryptedAtRest,
  s3BucketEncryptedWithKms,
  s3BucketLifecycleConfigured,
  s3BucketPublicAccessBlocked,
  s3BucketTlsRequired,
  s3BucketVersioningEnabled,
  s3LogBucketProtected,
  secretsmanagerSecretEncryptedWithCmk,
  secretsmanagerSecretRotationEnabled,
  snsTopicEncryptedAtRest,
  sqsQueueEncryptedAtRest,
];
