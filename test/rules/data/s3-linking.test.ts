import { describe, expect, it } from 'vitest';
import type { S3Bucket } from '../../../src/iac/aws/model/data.js';
import { adaptDataResources } from '../../../src/iac/aws/terraform/data.js';
import { raw } from '../../support/raw.js';
import { ref, run, statuses, unknown } from './helpers.js';

const sse = (bucket: unknown, algorithm: unknown = 'aws:kms', name = 'this', module?: string) =>
  raw(
    'aws_s3_bucket_server_side_encryption_configuration',
    name,
    {
      bucket: bucket as never,
      rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: algorithm as never }] }],
    },
    { line: 50, ...(module ? { module } : {}) },
  );

const ENCRYPTED = 'aws-s3-bucket-encrypted-at-rest';

describe('S3 bucket aggregation and linking', () => {
  it('fails a bucket with no encryption declared, at the bucket block', () => {
    const bucket = raw('aws_s3_bucket', 'plain', { bucket: 'acme-plain' }, { line: 3 });
    const [result] = run(ENCRYPTED, [bucket]);
    expect(result).toMatchObject({ status: 'failed', address: 'aws_s3_bucket.plain' });
    expect(result!.location).toEqual(bucket.location);
  });

  it('links a split encryption resource by reference and reports its line', () => {
    const part = sse(ref('aws_s3_bucket.logs'));
    const results = run(ENCRYPTED, [raw('aws_s3_bucket', 'logs', { bucket: 'acme-logs' }), part]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ status: 'passed', message: 'sse_algorithm is aws:kms' });
    expect(results[0]!.location).toEqual(
      part.attributeLocations.get('rule.0.apply_server_side_encryption_by_default.0.sse_algorithm'),
    );
  });

  it('links by a literal bucket name (as a local resolving to a name gives)', () => {
    const results = run(ENCRYPTED, [
      raw('aws_s3_bucket', 'a', { bucket: 'acme-a' }),
      raw('aws_s3_bucket', 'b', { bucket: 'acme-b' }),
      sse('acme-b', 'AES256'),
    ]);
    expect(statuses(results)).toEqual({ 'aws_s3_bucket.a': 'failed', 'aws_s3_bucket.b': 'passed' });
  });

  it('links by a local that holds a reference (the Unknown keeps the ref)', () => {
    // locals { bucket_id = aws_s3_bucket.data.id }; bucket = local.bucket_id
    const results = run(ENCRYPTED, [
      raw('aws_s3_bucket', 'data', {}),
      sse(ref('aws_s3_bucket.data')),
    ]);
    expect(statuses(results)).toEqual({ 'aws_s3_bucket.data': 'passed' });
  });

  it('links for_each instances: for_each = aws_s3_bucket.x, bucket = each.value.id', () => {
    const results = run(ENCRYPTED, [
      raw('aws_s3_bucket', 'x["a"]', { bucket: 'acme-a' }),
      raw('aws_s3_bucket', 'x["b"]', { bucket: 'acme-b' }),
      sse(ref('aws_s3_bucket.x["a"]'), 'aws:kms', 'this["a"]'),
      sse(ref('aws_s3_bucket.x["b"]'), 'AES256', 'this["b"]'),
    ]);
    expect(statuses(results)).toEqual({
      'aws_s3_bucket.x["a"]': 'passed',
      'aws_s3_bucket.x["b"]': 'passed',
    });
  });

  it('links a reference without index to the only instance (count = 1)', () => {
    const results = run(ENCRYPTED, [
      raw('aws_s3_bucket', 'one[0]', {}),
      sse(ref('aws_s3_bucket.one')),
    ]);
    expect(statuses(results)).toEqual({ 'aws_s3_bucket.one[0]': 'passed' });
  });

  it('keeps module prefixes apart', () => {
    const results = run(ENCRYPTED, [
      raw('aws_s3_bucket', 'b', {}, { module: 'module.m' }),
      raw('aws_s3_bucket', 'b', {}),
      sse(ref('module.m.aws_s3_bucket.b'), 'aws:kms', 'this', 'module.m'),
    ]);
    expect(statuses(results)).toEqual({
      'module.m.aws_s3_bucket.b': 'passed',
      'aws_s3_bucket.b': 'failed',
    });
  });

  it('passes a conditional whose variable is known, and is unknown when it is not', () => {
    // sse_algorithm = var.kms ? "aws:kms" : "AES256": the evaluator gives the chosen branch.
    const known = run(ENCRYPTED, [
      raw('aws_s3_bucket', 'k', {}),
      sse(ref('aws_s3_bucket.k'), 'AES256'),
    ]);
    expect(known[0]!.status).toBe('passed');
    const open = run(ENCRYPTED, [
      raw('aws_s3_bucket', 'k', {}),
      sse(ref('aws_s3_bucket.k'), unknown('var.kms has no value')),
    ]);
    expect(open[0]).toMatchObject({ status: 'unknown' });
    expect(open[0]!.message).toContain('var.kms has no value');
  });

  it('fails an unsupported algorithm value', () => {
    const results = run(ENCRYPTED, [
      raw('aws_s3_bucket', 'k', {}),
      sse(ref('aws_s3_bucket.k'), 'none'),
    ]);
    expect(results[0]).toMatchObject({
      status: 'failed',
      message: 'sse_algorithm is none, not a supported algorithm',
    });
  });

  it('makes an absent setting unknown when an unlinked split resource may set it', () => {
    const results = run(ENCRYPTED, [
      raw('aws_s3_bucket', 'a', {}),
      raw('aws_s3_bucket', 'inline', {
        server_side_encryption_configuration: [
          { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }] },
        ],
      }),
      sse(unknown('module output not known')),
    ]);
    expect(statuses(results)).toEqual({
      'aws_s3_bucket.a': 'unknown',
      'aws_s3_bucket.inline': 'passed',
    });
    expect(results[0]!.message).toContain('aws_s3_bucket_server_side_encryption_configuration');
  });

  it('treats a reference to a data source bucket as another bucket, not an unknown one', () => {
    const results = run(ENCRYPTED, [
      raw('aws_s3_bucket', 'a', {}),
      sse(ref('data.aws_s3_bucket.shared')),
    ]);
    expect(statuses(results)).toEqual({ 'aws_s3_bucket.a': 'failed' });
  });

  it('a literal name matching no bucket may still be a bucket whose name is unknown', () => {
    const results = run(ENCRYPTED, [
      raw('aws_s3_bucket', 'named', { bucket: 'acme-named' }),
      raw('aws_s3_bucket', 'computed', { bucket: unknown('var.prefix has no value') }),
      sse('acme-other'),
    ]);
    expect(statuses(results)).toEqual({
      'aws_s3_bucket.named': 'failed',
      'aws_s3_bucket.computed': 'unknown',
    });
  });

  it('reads inline blocks given as plain objects (.tf.json)', () => {
    const results = run(ENCRYPTED, [
      raw('aws_s3_bucket', 'json', {
        server_side_encryption_configuration: {
          rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } },
        },
      }),
    ]);
    expect(results[0]!.status).toBe('passed');
  });

  it('records every contributing resource on the bucket entity', () => {
    const bucket = raw('aws_s3_bucket', 'logs', { bucket: 'acme-logs' });
    const versioning = raw('aws_s3_bucket_versioning', 'logs', {
      bucket: ref('aws_s3_bucket.logs'),
      versioning_configuration: [{ status: 'Enabled' }],
    });
    const [entity] = adaptDataResources([
      bucket,
      versioning,
      sse(ref('aws_s3_bucket.logs')),
    ]) as S3Bucket[];
    expect(entity!.sources.map((s) => s.type)).toEqual([
      'aws_s3_bucket',
      'aws_s3_bucket_versioning',
      'aws_s3_bucket_server_side_encryption_configuration',
    ]);
    expect(entity!.versioning.value).toBe('Enabled');
  });
});
