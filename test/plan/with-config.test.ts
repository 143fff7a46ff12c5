import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/iac/plan/index.js';
import { Unknown, locate, type RawResource } from '../../src/iac/types.js';

const dir = join(import.meta.dirname, '../fixtures/plan/with-config');
const planFile = join(dir, 'plan.json');
const tfFile = join(dir, 'main.tf');
const tfLines = readFileSync(tfFile, 'utf8').split('\n');
const tfLine = (needle: string): number => tfLines.findIndex((l) => l.includes(needle)) + 1;

const get = (resources: RawResource[], address: string): RawResource => {
  const found = resources.find((r) => r.address === address);
  if (!found) throw new Error(`no ${address}`);
  return found;
};

describe('loadPlan with the .tf files beside it', () => {
  const result = loadPlan(planFile, readFileSync(planFile, 'utf8'), { loadConfig: undefined });

  it('points resources and attributes at their HCL lines and keeps waiver comments', () => {
    const v = get(result.resources, 'aws_s3_bucket_versioning.v');
    expect(v.format).toBe('plan');
    expect(v.location).toMatchObject({
      file: tfFile,
      startLine: tfLine('"aws_s3_bucket_versioning" "v"'),
    });
    expect(locate(v, ['versioning_configuration', 0, 'status'])).toMatchObject({
      file: tfFile,
      startLine: tfLine('status = "Suspended"'),
    });
    expect(v.comments?.[0]?.text).toContain('crosswalk:ignore aws-s3-bucket-versioning-enabled');
    expect(result.files).toEqual([planFile, tfFile]);
  });

  it('takes the ref from the HCL evaluation when the plan only says local.x', () => {
    const v = get(result.resources, 'aws_s3_bucket_versioning.v');
    expect(v.attributes.bucket).toBeInstanceOf(Unknown);
    expect((v.attributes.bucket as Unknown).reason).toBe('known after apply');
    expect((v.attributes.bucket as Unknown).ref).toEqual({
      address: 'aws_s3_bucket.logs',
      attribute: 'id',
    });
    // Values still come from the plan, not the configuration.
    expect(v.attributes.versioning_configuration).toEqual([{ status: 'Suspended' }]);
  });

  it('stays in the plan file when asked not to read the configuration', () => {
    const alone = loadPlan(planFile, readFileSync(planFile, 'utf8'), { readConfig: false });
    const v = get(alone.resources, 'aws_s3_bucket_versioning.v');
    expect(v.location.file).toBe(planFile);
    expect((v.attributes.bucket as Unknown).ref).toBeUndefined();
    expect(alone.files).toEqual([planFile]);
  });
});
