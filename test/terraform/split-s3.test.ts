import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerraform } from '../../src/iac/terraform/index.js';
import { Unknown, locate } from '../../src/iac/types.js';
import { at, byAddress, fixture, refOf } from './helpers.js';

const dir = fixture('split-s3');
const file = join(dir, 'main.tf');
const lines = readFileSync(file, 'utf8').split('\n');
const lineOf = (needle: string): number => lines.findIndex((l) => l.includes(needle)) + 1;

describe('split S3 resources keep the reference to their bucket', () => {
  const result = loadTerraform([dir], { env: {} });
  const get = (address: string) => byAddress(result.resources, address);

  it('loads every resource and data source without errors', () => {
    expect(result.resources.map((r) => r.address)).toEqual([
      'aws_s3_bucket.logs',
      'aws_s3_bucket_versioning.by_ref',
      'aws_s3_bucket_server_side_encryption_configuration.by_local',
      'aws_s3_bucket_public_access_block.by_name',
      'aws_s3_bucket.many["a"]',
      'aws_s3_bucket.many["b"]',
      'aws_s3_bucket_logging.each["a"]',
      'aws_s3_bucket_logging.each["b"]',
      'aws_s3_bucket_object_lock_configuration.lock',
      'aws_kms_key.k',
      'data.aws_iam_policy_document.p',
      'aws_s3_bucket_policy.p',
    ]);
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(result.files).toEqual([file]);
  });

  it('by a direct reference', () => {
    const v = get('aws_s3_bucket_versioning.by_ref');
    expect(v.attributes.bucket).toBeInstanceOf(Unknown);
    expect(refOf(v.attributes.bucket)).toEqual({ address: 'aws_s3_bucket.logs', attribute: 'id' });
    expect(v.attributes.versioning_configuration).toEqual([{ status: 'Enabled' }]);
  });

  it('through a local value', () => {
    const sse = get('aws_s3_bucket_server_side_encryption_configuration.by_local');
    expect(refOf(sse.attributes.bucket)).toEqual({
      address: 'aws_s3_bucket.logs',
      attribute: 'id',
    });
    expect(
      at(sse.attributes, 'rule.0.apply_server_side_encryption_by_default.0.sse_algorithm'),
    ).toBe('aws:kms');
    expect(
      refOf(
        at(sse.attributes, 'rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id'),
      ),
    ).toEqual({ address: 'aws_kms_key.k', attribute: 'arn' });
    expect(at(sse.attributes, 'rule.0.bucket_key_enabled')).toBe(true);
  });

  it('by a literal name', () => {
    const pab = get('aws_s3_bucket_public_access_block.by_name');
    expect(pab.attributes).toEqual({
      bucket: 'acme-logs',
      block_public_acls: true,
      restrict_public_buckets: true,
    });
  });

  it('through for_each over the buckets with each.value.id', () => {
    for (const key of ['a', 'b']) {
      const logging = get(`aws_s3_bucket_logging.each["${key}"]`);
      expect(refOf(logging.attributes.bucket)).toEqual({
        address: `aws_s3_bucket.many["${key}"]`,
        attribute: 'id',
      });
      expect(logging.attributes.target_prefix).toBe(`${key}/`);
      expect(refOf(logging.attributes.target_bucket)).toEqual({
        address: 'aws_s3_bucket.logs',
        attribute: 'id',
      });
    }
    expect(get('aws_s3_bucket.many["b"]').attributes.bucket).toBe('acme-b');
  });

  it('by an attribute written in the bucket config, which is known', () => {
    const lock = get('aws_s3_bucket_object_lock_configuration.lock');
    expect(lock.attributes.bucket).toBe('acme-logs');
    expect(at(lock.attributes, 'rule.0.default_retention.0.days')).toBe(30);
  });

  it('gives data source attributes as unknown with a ref', () => {
    const policy = get('aws_s3_bucket_policy.p');
    expect(refOf(policy.attributes.policy)).toEqual({
      address: 'data.aws_iam_policy_document.p',
      attribute: 'json',
    });
    expect((policy.attributes.policy as Unknown).reason).toBe(
      'data.aws_iam_policy_document.p.json: data sources are read at apply',
    );
    const doc = get('data.aws_iam_policy_document.p');
    expect(doc.mode).toBe('data');
    expect(at(doc.attributes, 'statement.0.actions')).toEqual(['s3:GetObject']);
    expect(refOf(at(doc.attributes, 'statement.0.resources.0'))).toEqual({
      address: 'aws_s3_bucket.logs',
      attribute: 'arn',
    });
  });

  it('places resources, attributes and nested blocks at their lines', () => {
    const sse = get('aws_s3_bucket_server_side_encryption_configuration.by_local');
    expect(sse.location).toMatchObject({
      file,
      startLine: lineOf('"aws_s3_bucket_server_side_encryption_configuration" "by_local"'),
      endLine: lineOf('resource "aws_s3_bucket_public_access_block"') - 2,
    });
    expect(locate(sse, ['bucket']).startLine).toBe(lineOf('bucket = local.logs_id'));
    expect(locate(sse, ['rule', 0]).startLine).toBe(lineOf('  rule {'));
    expect(
      locate(sse, ['rule', 0, 'apply_server_side_encryption_by_default', 0, 'sse_algorithm'])
        .startLine,
    ).toBe(lineOf('sse_algorithm     = "aws:kms"'));
    // A path that was never written falls back to the nearest written parent.
    expect(
      locate(sse, ['rule', 0, 'apply_server_side_encryption_by_default', 0, 'nope']).startLine,
    ).toBe(lineOf('apply_server_side_encryption_by_default {'));
  });

  it('collects waiver comments above the block and at line ends', () => {
    const v = get('aws_s3_bucket_versioning.by_ref');
    expect(v.comments?.map((c) => c.line)).toEqual([
      lineOf('# crosswalk:ignore'),
      lineOf('# required by policy'),
    ]);
    expect(v.comments?.[0]?.text).toContain('crosswalk:ignore aws-s3-bucket-versioning-enabled');
    expect(get('aws_s3_bucket.logs').comments).toBeUndefined();
  });
});
