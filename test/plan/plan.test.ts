import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPlanJson, loadPlan } from '../../src/iac/plan/index.js';
import { Unknown, locate, type RawResource } from '../../src/iac/types.js';

const dir = join(import.meta.dirname, '../fixtures/plan/basic');
const file = join(dir, 'plan.json');
const text = readFileSync(file, 'utf8');

function byAddress(resources: RawResource[], address: string): RawResource {
  const found = resources.find((r) => r.address === address);
  if (!found) throw new Error(`no ${address} in ${resources.map((r) => r.address).join(', ')}`);
  return found;
}

function lineOf(needle: string, from = 0): number {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`no ${needle}`);
  return text.slice(0, at).split('\n').length;
}

describe('loadPlan', () => {
  const result = loadPlan(file, text, { readConfig: false });

  it('detects plan JSON by content', () => {
    expect(isPlanJson(text)).toBe(true);
    expect(isPlanJson('{"AWSTemplateFormatVersion": "2010-09-09"}')).toBe(false);
  });

  it('reads root and child module resources and skips delete-only changes', () => {
    expect(result.resources.map((r) => r.address).sort()).toEqual([
      'aws_s3_bucket.logs',
      'aws_s3_bucket.many["a"]',
      'aws_s3_bucket_policy.p',
      'aws_s3_bucket_public_access_block.each["a"]',
      'aws_s3_bucket_versioning.logs',
      'data.aws_caller_identity.me',
      'module.store.aws_s3_bucket.data',
      'module.store.aws_s3_bucket_logging.data',
      'module.store.aws_s3_bucket_server_side_encryption_configuration.data',
    ]);
    const child = byAddress(result.resources, 'module.store.aws_s3_bucket.data');
    expect(child).toMatchObject({ module: 'module.store', type: 'aws_s3_bucket', name: 'data' });
    expect(child.format).toBe('plan');
    const data = byAddress(result.resources, 'data.aws_caller_identity.me');
    expect(data.mode).toBe('data');
    expect(result.diagnostics).toEqual([]);
  });

  it('puts Unknown where after_unknown says so, keeping known values', () => {
    const bucket = byAddress(result.resources, 'aws_s3_bucket.logs');
    expect(bucket.attributes.bucket).toBe('acme-logs');
    expect(bucket.attributes.tags).toEqual({ env: 'prod' });
    expect(bucket.attributes.arn).toBeInstanceOf(Unknown);
    expect((bucket.attributes.arn as Unknown).reason).toBe('known after apply');

    const sse = byAddress(
      result.resources,
      'module.store.aws_s3_bucket_server_side_encryption_configuration.data',
    );
    const rule = sse.attributes.rule as { [k: string]: unknown }[];
    const byDefault = (rule[0]?.apply_server_side_encryption_by_default as object[])[0];
    expect(byDefault).toMatchObject({ sse_algorithm: 'aws:kms' });
    expect((byDefault as { kms_master_key_id: unknown }).kms_master_key_id).toBeInstanceOf(Unknown);
    expect(rule[0]?.bucket_key_enabled).toBe(true);
  });

  it('links an unknown bucket to the resource its configuration references', () => {
    const versioning = byAddress(result.resources, 'aws_s3_bucket_versioning.logs');
    expect((versioning.attributes.bucket as Unknown).ref).toEqual({
      address: 'aws_s3_bucket.logs',
      attribute: 'id',
    });
    expect(versioning.attributes.versioning_configuration).toEqual([
      { status: 'Enabled', mfa_delete: null },
    ]);
  });

  it('adds the module prefix to references made inside a module', () => {
    const sse = byAddress(
      result.resources,
      'module.store.aws_s3_bucket_server_side_encryption_configuration.data',
    );
    expect((sse.attributes.bucket as Unknown).ref).toEqual({
      address: 'module.store.aws_s3_bucket.data',
      attribute: 'id',
    });
  });

  it('follows a module input back to the caller for var references', () => {
    const logging = byAddress(result.resources, 'module.store.aws_s3_bucket_logging.data');
    expect((logging.attributes.target_bucket as Unknown).ref).toEqual({
      address: 'aws_s3_bucket.logs',
      attribute: 'id',
    });
  });

  it('follows a module output into the module for module.x.out references', () => {
    const policy = byAddress(result.resources, 'aws_s3_bucket_policy.p');
    expect((policy.attributes.bucket as Unknown).ref).toEqual({
      address: 'module.store.aws_s3_bucket.data',
      attribute: 'id',
    });
    // Found only in resource_changes: placed at its entry there.
    expect(policy.location.startLine).toBe(lineOf('"address": "aws_s3_bucket_policy.p"') - 1);
  });

  it('resolves each.value.id through for_each over a resource', () => {
    const pab = byAddress(result.resources, 'aws_s3_bucket_public_access_block.each["a"]');
    expect((pab.attributes.bucket as Unknown).ref).toEqual({
      address: 'aws_s3_bucket.many["a"]',
      attribute: 'id',
    });
  });

  it('leaves unknowns without a config reference unlinked', () => {
    const bucket = byAddress(result.resources, 'aws_s3_bucket.logs');
    expect((bucket.attributes.id as Unknown).ref).toBeUndefined();
  });

  it('places resources and attributes at their lines in the plan file', () => {
    const bucket = byAddress(result.resources, 'aws_s3_bucket.logs');
    const start = lineOf('"address": "aws_s3_bucket.logs"') - 1;
    expect(bucket.location).toMatchObject({ file, startLine: start });
    expect(bucket.location.endLine).toBe(lineOf('"sensitive_values": {}') + 1);
    expect(locate(bucket, ['bucket']).startLine).toBe(lineOf('"bucket": "acme-logs"'));
    const sse = byAddress(
      result.resources,
      'module.store.aws_s3_bucket_server_side_encryption_configuration.data',
    );
    expect(
      locate(sse, ['rule', 0, 'apply_server_side_encryption_by_default', 0, 'sse_algorithm']),
    ).toMatchObject({
      startLine: lineOf('"sse_algorithm": "aws:kms"'),
    });
  });

  it('places resources by column in a one-line plan, as terraform show -json writes it', () => {
    const oneLine = JSON.stringify(JSON.parse(text));
    const loaded = loadPlan(file, oneLine, { readConfig: false });
    const bucket = byAddress(loaded.resources, 'module.store.aws_s3_bucket.data');
    const column = oneLine.indexOf('{"address":"module.store.aws_s3_bucket.data"') + 1;
    expect(bucket.location).toMatchObject({ startLine: 1, endLine: 1, startColumn: column });
    expect(locate(bucket, ['bucket']).startColumn).toBe(oneLine.indexOf('"acme-data"', column) + 1);
  });

  it('reports invalid JSON and non-plan JSON as diagnostics', () => {
    const bad = loadPlan('bad.json', '{\n  "format_version": "1.2",\n  "planned_values": {\n}');
    expect(bad.resources).toEqual([]);
    expect(bad.diagnostics[0]).toMatchObject({ code: 'CW-PLAN-001', severity: 'error', line: 4 });
    const other = loadPlan('other.json', '{"format_version": "1.0"}');
    expect(other.diagnostics[0]?.code).toBe('CW-PLAN-002');
  });
});
