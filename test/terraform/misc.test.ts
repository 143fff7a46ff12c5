import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerraform, terraformFiles } from '../../src/iac/terraform/index.js';
import { Unknown } from '../../src/iac/types.js';
import { byAddress, fixture, refOf } from './helpers.js';

const dir = fixture('misc');

describe('locals, references, JSON syntax and broken input', () => {
  const result = loadTerraform([dir], { env: {} });
  const get = (address: string) => byAddress(result.resources, address);
  const withCode = (code: string) => result.diagnostics.filter((d) => d.code === code);

  it('lists .tf and .tf.json files in order, leaving override files out with an info', () => {
    expect(terraformFiles(dir).map((f) => f.replace(dir, ''))).toEqual([
      '/broken.tf',
      '/json.tf.json',
      '/main.tf',
      '/zz_dup.tf',
    ]);
    expect(withCode('CW-TF-012')).toEqual([
      expect.objectContaining({ severity: 'info', file: join(dir, 'override.tf') }),
    ]);
  });

  it('reports a cycle between locals once, and gives unknown instead of looping', () => {
    const cycle = get('aws_s3_bucket.cycle');
    expect(cycle.attributes.bucket).toBeInstanceOf(Unknown);
    expect(withCode('CW-TF-005').length).toBeGreaterThanOrEqual(1);
    expect(withCode('CW-TF-005')[0]).toMatchObject({
      severity: 'error',
      file: join(dir, 'main.tf'),
    });
  });

  it('reads count instances as a tuple, by index and by splat', () => {
    expect(refOf(get('aws_s3_bucket_versioning.cv[1]').attributes.bucket)).toEqual({
      address: 'aws_s3_bucket.c[1]',
      attribute: 'id',
    });
    expect((get('aws_s3_bucket.cycle').attributes.tags as { names: unknown }).names).toBe(
      'c-0,c-1',
    );
  });

  it('knows terraform.workspace and path.*', () => {
    expect(get('aws_s3_bucket.c[0]').attributes.tags).toEqual({
      ws: 'default',
      root: '.',
      mod: '.',
    });
  });

  it('an unknown for_each gives one [*] instance with each.* unknown', () => {
    const fe = get('aws_s3_bucket.fe[*]');
    expect(fe.attributes.bucket).toBeInstanceOf(Unknown);
    expect(fe.attributes.acl).toBe('private');
    expect(withCode('CW-TF-030')).toHaveLength(1);
  });

  it('loads .tf.json resources with interpolation', () => {
    const j = get('aws_s3_bucket.from_json');
    expect(j.attributes.bucket).toBe('acme-json');
    // The type "list(number)" is written as a string in JSON and still converts.
    expect(j.attributes.ports).toEqual([80]);
    expect(j.location.file).toBe(join(dir, 'json.tf.json'));
  });

  it('keeps the other resources when one file is broken, and reports the duplicate', () => {
    expect(
      result.diagnostics.some(
        (d) => d.code.startsWith('CW-HCL-') && d.file === join(dir, 'broken.tf'),
      ),
    ).toBe(true);
    expect(get('aws_s3_bucket.c[0]').attributes.bucket).toBe('c-0');
    expect(get('aws_s3_bucket.after_broken').attributes.bucket).toBe('still-here');
    // The half-parsed block is left out rather than checked with attributes missing.
    expect(result.resources.some((r) => r.address === 'aws_s3_bucket.broken')).toBe(false);
    expect(withCode('CW-TF-013')).toEqual([
      expect.objectContaining({ severity: 'warning', file: join(dir, 'broken.tf'), line: 1 }),
    ]);
    expect(withCode('CW-TF-002')).toEqual([
      expect.objectContaining({ severity: 'error', file: join(dir, 'zz_dup.tf'), line: 1 }),
    ]);
    expect(result.resources.filter((r) => r.address.startsWith('aws_s3_bucket.c['))).toHaveLength(
      2,
    );
  });

  it('gives nothing for a directory without Terraform files', () => {
    expect(loadTerraform([join(dir, 'nope')])).toEqual({
      resources: [],
      diagnostics: [],
      files: [],
    });
  });
});
