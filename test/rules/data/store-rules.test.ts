import { describe, expect, it } from 'vitest';
import type { Value } from '../../../src/iac/types.js';
import { raw } from '../../support/raw.js';
import { ref, run, statuses, unknown } from './helpers.js';

describe('RDS rules', () => {
  const db = (name: string, attributes: Record<string, unknown>) =>
    raw('aws_db_instance', name, {
      engine: 'postgres',
      instance_class: 'db.t3.micro',
      ...(attributes as object),
    });
  const cluster = (name: string, attributes: Record<string, unknown>) =>
    raw('aws_rds_cluster', name, { engine: 'aurora-postgresql', ...(attributes as object) });

  it('aws-rds-storage-encrypted: instances and clusters; members skipped; inherited is unknown', () => {
    const results = run('aws-rds-storage-encrypted', [
      db('enc', { storage_encrypted: true }),
      db('plain', {}),
      db('replica', { replicate_source_db: ref('aws_db_instance.enc', 'identifier') }),
      cluster('c', { storage_encrypted: false }),
      cluster('sls', { engine_mode: 'serverless' }),
      raw('aws_rds_cluster_instance', 'm', { cluster_identifier: ref('aws_rds_cluster.c') }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_db_instance.enc': 'passed',
      'aws_db_instance.plain': 'failed',
      'aws_db_instance.replica': 'unknown',
      'aws_rds_cluster.c': 'failed',
      'aws_rds_cluster.sls': 'passed',
    });
  });

  it('aws-rds-instance-not-public: default false passes, true fails, cluster members checked', () => {
    const results = run('aws-rds-instance-not-public', [
      db('default', {}),
      db('open', { publicly_accessible: true }),
      raw('aws_rds_cluster_instance', 'm', { publicly_accessible: unknown() }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_db_instance.default': 'passed',
      'aws_db_instance.open': 'failed',
      'aws_rds_cluster_instance.m': 'unknown',
    });
  });

  it('aws-rds-backup-retention-sufficient: compares with the setting, absent means 1 day', () => {
    const resources = [
      db('seven', { backup_retention_period: 7 }),
      db('absent', {}),
      cluster('c', { backup_retention_period: 14 }),
      db('var', { backup_retention_period: unknown() }),
    ];
    expect(statuses(run('aws-rds-backup-retention-sufficient', resources))).toEqual({
      'aws_db_instance.seven': 'passed',
      'aws_db_instance.absent': 'failed',
      'aws_rds_cluster.c': 'passed',
      'aws_db_instance.var': 'unknown',
    });
    const strict = run('aws-rds-backup-retention-sufficient', resources, {
      minBackupRetentionDays: 10,
    });
    expect(strict.find((r) => r.address === 'aws_db_instance.seven')).toMatchObject({
      status: 'failed',
      message: 'backup_retention_period is 7, below the minimum of 10 days',
    });
  });

  it('aws-rds-deletion-protection-enabled, aws-rds-instance-multi-az', () => {
    const resources = [db('on', { deletion_protection: true, multi_az: true }), db('off', {})];
    expect(statuses(run('aws-rds-deletion-protection-enabled', resources))).toEqual({
      'aws_db_instance.on': 'passed',
      'aws_db_instance.off': 'failed',
    });
    expect(statuses(run('aws-rds-instance-multi-az', resources))).toEqual({
      'aws_db_instance.on': 'passed',
      'aws_db_instance.off': 'failed',
    });
  });

  it('aws-rds-iam-authentication-enabled skips engines without IAM auth', () => {
    const results = run('aws-rds-iam-authentication-enabled', [
      db('on', { iam_database_authentication_enabled: true }),
      db('off', {}),
      db('oracle', { engine: 'oracle-ee' }),
      db('var', { engine: unknown() }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_db_instance.on': 'passed',
      'aws_db_instance.off': 'failed',
      'aws_db_instance.var': 'unknown',
    });
  });
});

describe('EBS rules', () => {
  it('aws-ebs-volume-encrypted: own flag, account default, inherited snapshot', () => {
    const volumes = [
      raw('aws_ebs_volume', 'enc', { availability_zone: 'eu-west-1a', size: 10, encrypted: true }),
      raw('aws_ebs_volume', 'plain', { availability_zone: 'eu-west-1a', size: 10 }),
      raw('aws_ebs_volume', 'restored', {
        availability_zone: 'eu-west-1a',
        snapshot_id: 'snap-0123',
      }),
    ];
    expect(statuses(run('aws-ebs-volume-encrypted', volumes))).toEqual({
      'aws_ebs_volume.enc': 'passed',
      'aws_ebs_volume.plain': 'failed',
      'aws_ebs_volume.restored': 'unknown',
    });
    const withDefault = run('aws-ebs-volume-encrypted', [
      ...volumes,
      raw('aws_ebs_encryption_by_default', 'this', {}),
    ]);
    expect(statuses(withDefault)).toEqual({
      'aws_ebs_volume.enc': 'passed',
      'aws_ebs_volume.plain': 'passed',
      'aws_ebs_volume.restored': 'passed',
    });
  });

  it('aws-ebs-encryption-by-default-enabled: absent means true', () => {
    const results = run('aws-ebs-encryption-by-default-enabled', [
      raw('aws_ebs_encryption_by_default', 'a', {}),
      raw('aws_ebs_encryption_by_default', 'b', { enabled: false }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_ebs_encryption_by_default.a': 'passed',
      'aws_ebs_encryption_by_default.b': 'failed',
    });
  });

  it('aws-ebs-snapshot-not-public: links permissions by reference', () => {
    const results = run('aws-ebs-snapshot-not-public', [
      raw('aws_ebs_snapshot', 'shared', { volume_id: ref('aws_ebs_volume.v') }),
      raw('aws_snapshot_create_volume_permission', 'partner', {
        snapshot_id: ref('aws_ebs_snapshot.shared'),
        account_id: '111122223333',
      }),
      raw('aws_ebs_snapshot', 'open', { volume_id: ref('aws_ebs_volume.v') }),
      raw('aws_snapshot_create_volume_permission', 'everyone', {
        snapshot_id: ref('aws_ebs_snapshot.open'),
        account_id: 'all',
      }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_ebs_snapshot.shared': 'passed',
      'aws_ebs_snapshot.open': 'failed',
    });
  });
});

describe('DynamoDB, ElastiCache, Redshift, EFS, OpenSearch', () => {
  it('aws-dynamodb-table-encrypted-with-kms and point-in-time recovery', () => {
    const tables = [
      raw('aws_dynamodb_table', 'good', {
        name: 'good',
        server_side_encryption: [{ enabled: true, kms_key_arn: ref('aws_kms_key.k', 'arn') }],
        point_in_time_recovery: [{ enabled: true }],
      }),
      raw('aws_dynamodb_table', 'bare', { name: 'bare' }),
    ];
    expect(statuses(run('aws-dynamodb-table-encrypted-with-kms', tables))).toEqual({
      'aws_dynamodb_table.good': 'passed',
      'aws_dynamodb_table.bare': 'failed',
    });
    expect(statuses(run('aws-dynamodb-table-point-in-time-recovery-enabled', tables))).toEqual({
      'aws_dynamodb_table.good': 'passed',
      'aws_dynamodb_table.bare': 'failed',
    });
  });

  it('ElastiCache at-rest and in-transit encryption', () => {
    const groups = [
      raw('aws_elasticache_replication_group', 'good', {
        at_rest_encryption_enabled: true,
        transit_encryption_enabled: true,
      }),
      raw('aws_elasticache_replication_group', 'bare', {}),
      raw('aws_elasticache_replication_group', 'var', {
        at_rest_encryption_enabled: unknown(),
        transit_encryption_enabled: unknown(),
      }),
    ];
    for (const id of [
      'aws-elasticache-replication-group-encrypted-at-rest',
      'aws-elasticache-replication-group-encrypted-in-transit',
    ]) {
      expect(statuses(run(id, groups))).toEqual({
        'aws_elasticache_replication_group.good': 'passed',
        'aws_elasticache_replication_group.bare': 'failed',
        'aws_elasticache_replication_group.var': 'unknown',
      });
    }
  });

  it('Redshift: explicit values decide, an absent value is unknown', () => {
    const clusters = [
      raw('aws_redshift_cluster', 'good', { encrypted: true, publicly_accessible: false }),
      raw('aws_redshift_cluster', 'bad', { encrypted: false, publicly_accessible: true }),
      raw('aws_redshift_cluster', 'bare', {}),
    ];
    for (const id of ['aws-redshift-cluster-encrypted', 'aws-redshift-cluster-not-public']) {
      expect(statuses(run(id, clusters))).toEqual({
        'aws_redshift_cluster.good': 'passed',
        'aws_redshift_cluster.bad': 'failed',
        'aws_redshift_cluster.bare': 'unknown',
      });
    }
  });

  it('EFS and OpenSearch encryption', () => {
    expect(
      statuses(
        run('aws-efs-file-system-encrypted', [
          raw('aws_efs_file_system', 'a', { encrypted: true }),
          raw('aws_efs_file_system', 'b', {}),
        ]),
      ),
    ).toEqual({ 'aws_efs_file_system.a': 'passed', 'aws_efs_file_system.b': 'failed' });
    const domains = [
      raw('aws_opensearch_domain', 'a', {
        encrypt_at_rest: [{ enabled: true }],
        node_to_node_encryption: [{ enabled: true }],
      }),
      raw('aws_elasticsearch_domain', 'b', {}),
    ];
    for (const id of [
      'aws-opensearch-domain-encrypted-at-rest',
      'aws-opensearch-domain-node-to-node-encrypted',
    ]) {
      expect(statuses(run(id, domains))).toEqual({
        'aws_opensearch_domain.a': 'passed',
        'aws_elasticsearch_domain.b': 'failed',
      });
    }
  });
});

describe('KMS, Secrets Manager, Backup, SNS, SQS', () => {
  it('aws-kms-key-rotation-enabled checks symmetric keys only', () => {
    const results = run('aws-kms-key-rotation-enabled', [
      raw('aws_kms_key', 'on', { enable_key_rotation: true }),
      raw('aws_kms_key', 'off', {}),
      raw('aws_kms_key', 'rsa', { customer_master_key_spec: 'RSA_2048', key_usage: 'SIGN_VERIFY' }),
      raw('aws_kms_key', 'hmac', {
        customer_master_key_spec: 'HMAC_256',
        key_usage: 'GENERATE_VERIFY_MAC',
      }),
    ]);
    expect(statuses(results)).toEqual({ 'aws_kms_key.on': 'passed', 'aws_kms_key.off': 'failed' });
  });

  it('aws-kms-key-deletion-window-sufficient uses the setting and the 30-day default', () => {
    const keys = [
      raw('aws_kms_key', 'default', {}),
      raw('aws_kms_key', 'short', { deletion_window_in_days: 7 }),
      raw('aws_kms_key', 'var', { deletion_window_in_days: unknown() }),
    ];
    expect(statuses(run('aws-kms-key-deletion-window-sufficient', keys))).toEqual({
      'aws_kms_key.default': 'passed',
      'aws_kms_key.short': 'failed',
      'aws_kms_key.var': 'unknown',
    });
    expect(
      statuses(
        run('aws-kms-key-deletion-window-sufficient', keys, { minKmsKeyDeletionWindowDays: 7 }),
      ),
    ).toMatchObject({ 'aws_kms_key.short': 'passed' });
  });

  it('aws-secretsmanager-secret-rotation-enabled links rotations by reference and by name', () => {
    const results = run('aws-secretsmanager-secret-rotation-enabled', [
      raw('aws_secretsmanager_secret', 'db', { name: 'prod/db' }),
      raw('aws_secretsmanager_secret_rotation', 'db', {
        secret_id: ref('aws_secretsmanager_secret.db'),
        rotation_lambda_arn: ref('aws_lambda_function.rotate', 'arn'),
        rotation_rules: [{ automatically_after_days: 30 }],
      }),
      raw('aws_secretsmanager_secret', 'api', { name: 'prod/api' }),
      raw('aws_secretsmanager_secret_rotation', 'api', {
        secret_id: 'prod/api',
        rotation_rules: [{ automatically_after_days: 365 }],
      }),
      raw('aws_secretsmanager_secret', 'cron', { name: 'prod/cron' }),
      raw('aws_secretsmanager_secret_rotation', 'cron', {
        secret_id: ref('aws_secretsmanager_secret.cron'),
        rotation_rules: [{ schedule_expression: 'cron(0 4 1 * ? *)' }],
      }),
      raw('aws_secretsmanager_secret', 'none', { name: 'prod/none' }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_secretsmanager_secret.db': 'passed',
      'aws_secretsmanager_secret.api': 'failed',
      'aws_secretsmanager_secret.cron': 'passed',
      'aws_secretsmanager_secret.none': 'failed',
    });
    expect(results.find((r) => r.address === 'aws_secretsmanager_secret.api')!.message).toBe(
      'automatically_after_days is 365, more than the maximum of 90 days',
    );
  });

  it('an unlinked rotation makes a secret without rotation unknown', () => {
    const results = run('aws-secretsmanager-secret-rotation-enabled', [
      raw('aws_secretsmanager_secret', 'a', { name: 'a' }),
      raw('aws_secretsmanager_secret_rotation', 'r', {
        secret_id: unknown('var.secret_arn has no value'),
        rotation_rules: [{ automatically_after_days: 30 }],
      }),
    ]);
    expect(results[0]!.status).toBe('unknown');
  });

  it('aws-secretsmanager-secret-encrypted-with-cmk', () => {
    const results = run('aws-secretsmanager-secret-encrypted-with-cmk', [
      raw('aws_secretsmanager_secret', 'cmk', { kms_key_id: ref('aws_kms_key.k', 'arn') }),
      raw('aws_secretsmanager_secret', 'aws', { kms_key_id: 'alias/aws/secretsmanager' }),
      raw('aws_secretsmanager_secret', 'none', {}),
      raw('aws_secretsmanager_secret', 'var', { kms_key_id: unknown() }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_secretsmanager_secret.cmk': 'passed',
      'aws_secretsmanager_secret.aws': 'failed',
      'aws_secretsmanager_secret.none': 'failed',
      'aws_secretsmanager_secret.var': 'unknown',
    });
  });

  it('aws-backup-plan-retention-sufficient checks every rule', () => {
    const rule = (name: string, deleteAfter?: Value): Record<string, Value> => ({
      rule_name: name,
      target_vault_name: 'v',
      schedule: 'cron(0 5 * * ? *)',
      ...(deleteAfter === undefined ? {} : { lifecycle: [{ delete_after: deleteAfter }] }),
    });
    const results = run('aws-backup-plan-retention-sufficient', [
      raw('aws_backup_plan', 'good', { name: 'good', rule: [rule('daily', 35), rule('forever')] }),
      raw('aws_backup_plan', 'short', {
        name: 'short',
        rule: [rule('daily', 35), rule('hourly', 1)],
      }),
      raw('aws_backup_plan', 'var', { name: 'var', rule: [rule('daily', unknown())] }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_backup_plan.good': 'passed',
      'aws_backup_plan.short': 'failed',
      'aws_backup_plan.var': 'unknown',
    });
    expect(results.find((r) => r.address === 'aws_backup_plan.short')!.message).toBe(
      'hourly: lifecycle.delete_after is 1, below the minimum of 7 days',
    );
  });

  it('aws-backup-vault-encrypted-with-cmk, aws-sns-topic-encrypted-at-rest', () => {
    expect(
      statuses(
        run('aws-backup-vault-encrypted-with-cmk', [
          raw('aws_backup_vault', 'a', { name: 'a', kms_key_arn: ref('aws_kms_key.k', 'arn') }),
          raw('aws_backup_vault', 'b', { name: 'b' }),
        ]),
      ),
    ).toEqual({ 'aws_backup_vault.a': 'passed', 'aws_backup_vault.b': 'failed' });
    expect(
      statuses(
        run('aws-sns-topic-encrypted-at-rest', [
          raw('aws_sns_topic', 'a', { kms_master_key_id: 'alias/aws/sns' }),
          raw('aws_sns_topic', 'b', {}),
        ]),
      ),
    ).toEqual({ 'aws_sns_topic.a': 'passed', 'aws_sns_topic.b': 'failed' });
  });

  it('aws-sqs-queue-encrypted-at-rest: SSE-SQS by default, fails only when turned off', () => {
    const results = run('aws-sqs-queue-encrypted-at-rest', [
      raw('aws_sqs_queue', 'default', {}),
      raw('aws_sqs_queue', 'kms', { kms_master_key_id: 'alias/aws/sqs' }),
      raw('aws_sqs_queue', 'off', { sqs_managed_sse_enabled: false }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_sqs_queue.default': 'passed',
      'aws_sqs_queue.kms': 'passed',
      'aws_sqs_queue.off': 'failed',
    });
  });
});

describe('aws-data-store-classification-tagged', () => {
  it('looks for a classification tag key on every data store kind', () => {
    const results = run('aws-data-store-classification-tagged', [
      raw('aws_s3_bucket', 'tagged', { tags: { DataClassification: 'confidential' } }),
      raw('aws_dynamodb_table', 'untagged', { name: 't', tags: { Team: 'x' } }),
      raw('aws_ebs_volume', 'computed', { tags: unknown('var.tags has no value') }),
      raw('aws_rds_cluster', 'c', { tags: { Classification: 'internal' } }),
      raw('aws_sqs_queue', 'notastore', {}),
    ]);
    expect(statuses(results)).toEqual({
      'aws_s3_bucket.tagged': 'passed',
      'aws_dynamodb_table.untagged': 'failed',
      'aws_ebs_volume.computed': 'unknown',
      'aws_rds_cluster.c': 'passed',
    });
    const custom = run(
      'aws-data-store-classification-tagged',
      [raw('aws_s3_bucket', 'b', { tags: { sensitivity: 'high' } })],
      { classificationTagKeys: ['sensitivity'] },
    );
    expect(custom[0]!.status).toBe('passed');
  });
});
