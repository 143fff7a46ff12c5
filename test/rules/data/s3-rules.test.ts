import { describe, expect, it } from 'vitest';
import { raw } from '../../support/raw.js';
import { ref, run, statuses, unknown } from './helpers.js';

const bucket = (name: string, attributes: Record<string, unknown> = {}) =>
  raw('aws_s3_bucket', name, { bucket: `acme-${name}`, ...(attributes as object) });

const pab = (name: string, flags: Record<string, unknown>) =>
  raw('aws_s3_bucket_public_access_block', name, {
    bucket: ref(`aws_s3_bucket.${name}`),
    ...(flags as object),
  });

describe('aws-s3-bucket-public-access-blocked', () => {
  const id = 'aws-s3-bucket-public-access-blocked';
  const all = {
    block_public_acls: true,
    block_public_policy: true,
    ignore_public_acls: true,
    restrict_public_buckets: true,
  };

  it('passes with all four flags, fails a missing block or a false/absent flag', () => {
    const results = run(id, [
      bucket('ok'),
      pab('ok', all),
      bucket('none'),
      bucket('partial'),
      pab('partial', {
        block_public_acls: true,
        block_public_policy: false,
        ignore_public_acls: true,
      }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_s3_bucket.ok': 'passed',
      'aws_s3_bucket.none': 'failed',
      'aws_s3_bucket.partial': 'failed',
    });
    expect(results.find((r) => r.address === 'aws_s3_bucket.partial')!.message).toBe(
      'block_public_policy is false, restrict_public_buckets is not set (false)',
    );
  });

  it('is unknown when a flag comes from an unset variable', () => {
    const results = run(id, [bucket('v'), pab('v', { ...all, ignore_public_acls: unknown() })]);
    expect(results[0]!.status).toBe('unknown');
  });
});

describe('aws-s3-bucket-acl-not-public', () => {
  const id = 'aws-s3-bucket-acl-not-public';
  it('fails public canned ACLs inline and split, and AllUsers grants', () => {
    const results = run(id, [
      bucket('inline', { acl: 'public-read' }),
      bucket('split'),
      raw('aws_s3_bucket_acl', 'split', {
        bucket: ref('aws_s3_bucket.split'),
        acl: 'public-read-write',
      }),
      bucket('grant'),
      raw('aws_s3_bucket_acl', 'grant', {
        bucket: 'acme-grant',
        access_control_policy: [
          {
            grant: [
              {
                grantee: [
                  { type: 'Group', uri: 'http://acs.amazonaws.com/groups/global/AllUsers' },
                ],
                permission: 'READ',
              },
            ],
            owner: [{ id: 'abc' }],
          },
        ],
      }),
      bucket('private', { acl: 'private' }),
      bucket('default'),
      bucket('var', { acl: unknown() }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_s3_bucket.inline': 'failed',
      'aws_s3_bucket.split': 'failed',
      'aws_s3_bucket.grant': 'failed',
      'aws_s3_bucket.private': 'passed',
      'aws_s3_bucket.default': 'passed',
      'aws_s3_bucket.var': 'unknown',
    });
  });
});

describe('aws-s3-bucket-versioning-enabled', () => {
  it('reads the split resource and the old inline block', () => {
    const results = run('aws-s3-bucket-versioning-enabled', [
      bucket('split'),
      raw('aws_s3_bucket_versioning', 'split', {
        bucket: ref('aws_s3_bucket.split'),
        versioning_configuration: [{ status: 'Enabled' }],
      }),
      bucket('suspended'),
      raw('aws_s3_bucket_versioning', 'suspended', {
        bucket: ref('aws_s3_bucket.suspended'),
        versioning_configuration: [{ status: 'Suspended' }],
      }),
      bucket('old', { versioning: [{ enabled: true }] }),
      bucket('none'),
      bucket('var', { versioning: [{ enabled: unknown() }] }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_s3_bucket.split': 'passed',
      'aws_s3_bucket.suspended': 'failed',
      'aws_s3_bucket.old': 'passed',
      'aws_s3_bucket.none': 'failed',
      'aws_s3_bucket.var': 'unknown',
    });
  });
});

describe('aws-s3-bucket-access-logging-enabled', () => {
  it('passes with split or inline logging, even when the target is computed', () => {
    const results = run('aws-s3-bucket-access-logging-enabled', [
      bucket('logs'),
      bucket('split'),
      raw('aws_s3_bucket_logging', 'split', {
        bucket: ref('aws_s3_bucket.split'),
        target_bucket: ref('aws_s3_bucket.logs'),
        target_prefix: 'split/',
      }),
      bucket('inline', { logging: [{ target_bucket: 'acme-logs' }] }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_s3_bucket.logs': 'failed',
      'aws_s3_bucket.split': 'passed',
      'aws_s3_bucket.inline': 'passed',
    });
    expect(results.find((r) => r.address === 'aws_s3_bucket.split')!.message).toBe(
      'access logging is enabled to aws_s3_bucket.logs',
    );
  });
});

describe('aws-s3-log-bucket-protected', () => {
  const id = 'aws-s3-log-bucket-protected';
  it('checks only log buckets, found by name, tag or as a logging target', () => {
    const results = run(id, [
      raw('aws_s3_bucket', 'target', { bucket: 'acme-things' }),
      raw('aws_s3_bucket', 'source', {
        bucket: 'acme-data',
        logging: [{ target_bucket: ref('aws_s3_bucket.target') }],
      }),
      raw('aws_s3_bucket', 'audit', { bucket: 'acme-audit-trail', object_lock_enabled: true }),
      raw('aws_s3_bucket', 'tagged', { bucket: 'acme-x', tags: { Purpose: 'cloudtrail' } }),
      raw('aws_s3_bucket_versioning', 'tagged', {
        bucket: 'acme-x',
        versioning_configuration: [{ status: 'Enabled' }],
      }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_s3_bucket.target': 'failed',
      'aws_s3_bucket.audit': 'passed',
      'aws_s3_bucket.tagged': 'passed',
    });
  });

  it('accepts a split Object Lock configuration, and is unknown on unknown versioning', () => {
    const results = run(id, [
      raw('aws_s3_bucket', 'logs', { bucket: 'acme-logs', object_lock_enabled: true }),
      raw('aws_s3_bucket_object_lock_configuration', 'logs', {
        bucket: ref('aws_s3_bucket.logs'),
        rule: [{ default_retention: [{ mode: 'COMPLIANCE', days: 400 }] }],
      }),
      raw('aws_s3_bucket', 'cloudtrail', { bucket: 'acme-cloudtrail' }),
      raw('aws_s3_bucket_versioning', 'cloudtrail', {
        bucket: ref('aws_s3_bucket.cloudtrail'),
        versioning_configuration: [{ status: unknown() }],
      }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_s3_bucket.logs': 'passed',
      'aws_s3_bucket.cloudtrail': 'unknown',
    });
  });
});

describe('aws-s3-bucket-tls-required', () => {
  const id = 'aws-s3-bucket-tls-required';
  const denyInsecure = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::acme-a', 'arn:aws:s3:::acme-a/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
  const allowRead = JSON.stringify({
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 's3:GetObject',
        Resource: '*',
      },
    ],
  });

  it('passes a JSON policy with the deny statement, fails without, unknown when computed', () => {
    const results = run(id, [
      bucket('a'),
      raw('aws_s3_bucket_policy', 'a', { bucket: ref('aws_s3_bucket.a'), policy: denyInsecure }),
      bucket('b', { policy: allowRead }),
      bucket('c'),
      bucket('d'),
      raw('aws_s3_bucket_policy', 'd', {
        bucket: ref('aws_s3_bucket.d'),
        policy: unknown('file not found'),
      }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_s3_bucket.a': 'passed',
      'aws_s3_bucket.b': 'failed',
      'aws_s3_bucket.c': 'failed',
      'aws_s3_bucket.d': 'unknown',
    });
  });

  it('reads an aws_iam_policy_document data source through the json reference', () => {
    const doc = raw(
      'aws_iam_policy_document',
      'tls',
      {
        statement: [
          {
            effect: 'Deny',
            actions: ['s3:*'],
            resources: [ref('aws_s3_bucket.a', 'arn')],
            principals: [{ type: '*', identifiers: ['*'] }],
            condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
          },
        ],
      },
      { mode: 'data' },
    );
    const results = run(id, [
      bucket('a'),
      doc,
      raw('aws_s3_bucket_policy', 'a', {
        bucket: ref('aws_s3_bucket.a'),
        policy: ref('data.aws_iam_policy_document.tls', 'json'),
      }),
    ]);
    expect(results[0]).toMatchObject({ status: 'passed' });
  });
});

describe('aws-s3-bucket-encrypted-with-kms', () => {
  it('checks only buckets classified as sensitive', () => {
    const kms = [
      { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }] },
    ];
    const s3 = [
      { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }] },
    ];
    const results = run('aws-s3-bucket-encrypted-with-kms', [
      bucket('secret', {
        tags: { DataClassification: 'confidential' },
        server_side_encryption_configuration: kms,
      }),
      bucket('weak', {
        tags: { DataClassification: 'restricted' },
        server_side_encryption_configuration: s3,
      }),
      bucket('public', { tags: { DataClassification: 'public' } }),
      bucket('untagged'),
      bucket('tagvar', { tags: { DataClassification: unknown() } }),
    ]);
    expect(statuses(results)).toEqual({
      'aws_s3_bucket.secret': 'passed',
      'aws_s3_bucket.weak': 'failed',
      'aws_s3_bucket.tagvar': 'unknown',
    });
  });
});

describe('aws-s3-bucket-lifecycle-configured', () => {
  it('reads split and inline lifecycle rules', () => {
    const results = run('aws-s3-bucket-lifecycle-configured', [
      bucket('split'),
      raw('aws_s3_bucket_lifecycle_configuration', 'split', {
        bucket: ref('aws_s3_bucket.split'),
        rule: [{ id: 'expire', status: 'Enabled', expiration: [{ days: 365 }] }],
      }),
      bucket('inline', { lifecycle_rule: [{ enabled: true, expiration: [{ days: 30 }] }] }),
      bucket('none'),
    ]);
    expect(statuses(results)).toEqual({
      'aws_s3_bucket.split': 'passed',
      'aws_s3_bucket.inline': 'passed',
      'aws_s3_bucket.none': 'failed',
    });
  });
});
