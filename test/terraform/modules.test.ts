import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerraform } from '../../src/iac/terraform/index.js';
import { Unknown } from '../../src/iac/types.js';
import { at, byAddress, fixture, refOf } from './helpers.js';

const dir = fixture('modules');

describe('local modules', () => {
  const result = loadTerraform([dir], { env: {} });
  const get = (address: string) => byAddress(result.resources, address);
  const codes = result.diagnostics.map((d) => d.code);

  it('expands a module called with for_each over a for expression, per key', () => {
    const a = get('module.store["a"].aws_s3_bucket.b');
    expect(a.attributes.bucket).toBe('acme-alpha');
    expect(a.module).toBe('module.store["a"]');
    expect(a.location.file).toBe(join(dir, 'modules/store/main.tf'));
    expect(get('module.store["b"].aws_s3_bucket.b').attributes.bucket).toBe('acme-beta');
    expect(at(a.attributes, 'tags.module')).toBe('modules/store');
  });

  it('keeps refs inside a module with the module prefix', () => {
    const pab = get('module.store["b"].aws_s3_bucket_public_access_block.b');
    expect(refOf(pab.attributes.bucket)).toEqual({
      address: 'module.store["b"].aws_s3_bucket.b',
      attribute: 'id',
    });
  });

  it('passes module outputs back to the caller with the ref intact', () => {
    const v = get('aws_s3_bucket_versioning.v');
    expect(refOf(v.attributes.bucket)).toEqual({
      address: 'module.store["a"].aws_s3_bucket.b',
      attribute: 'id',
    });
  });

  it('addresses count instances of a module', () => {
    expect(get('module.counted[0].aws_s3_bucket.b').attributes.bucket).toBe('acme-counted');
  });

  it('reports a module that calls itself, directly or through another, and does not loop', () => {
    expect(get('module.loop.aws_s3_bucket.in_loop').attributes.bucket).toBe('in-loop');
    const cycles = result.diagnostics.filter((d) => d.code === 'CW-TF-042');
    expect(cycles.map((d) => d.file?.replace(dir, '')).sort()).toEqual([
      '/modules/loop/main.tf',
      '/modules/loop2/main.tf',
    ]);
    expect(cycles.every((d) => d.severity === 'error')).toBe(true);
    expect(result.resources.filter((r) => r.address.includes('in_loop'))).toHaveLength(1);
  });

  it('does not fetch remote modules: info, and their outputs are unknown', () => {
    expect(codes).toContain('CW-TF-041');
    const v = get('aws_s3_bucket_versioning.remote');
    expect(v.attributes.bucket).toBeInstanceOf(Unknown);
    expect(result.resources.some((r) => r.module.startsWith('module.remote'))).toBe(false);
  });

  it('checks a module with an unknown for_each as one [*] instance', () => {
    const b = get('module.dyn[*].aws_s3_bucket.b');
    expect(b.attributes.bucket).toBeInstanceOf(Unknown);
    expect(b.module).toBe('module.dyn[*]');
    expect(
      refOf(get('module.dyn[*].aws_s3_bucket_public_access_block.b').attributes.bucket),
    ).toEqual({
      address: 'module.dyn[*].aws_s3_bucket.b',
      attribute: 'id',
    });
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ code: 'CW-TF-030', severity: 'info', file: join(dir, 'main.tf') }),
    );
  });

  it('nests module addresses and passes outputs up through two levels', () => {
    const inner = get('module.nested.module.inner.aws_s3_bucket.b');
    expect(inner.attributes.bucket).toBe('acme-outer-inner');
    expect(inner.module).toBe('module.nested.module.inner');
    expect(refOf(get('aws_s3_bucket_logging.nested').attributes.bucket)).toEqual({
      address: 'module.nested.module.inner.aws_s3_bucket.b',
      attribute: 'id',
    });
  });

  it('a module with count = 0 has no resources', () => {
    expect(result.resources.some((r) => r.module.startsWith('module.none'))).toBe(false);
  });

  it('lists the files of the called modules', () => {
    expect(result.files.map((f) => f.replace(dir, '')).sort()).toEqual([
      '/main.tf',
      '/modules/loop/main.tf',
      '/modules/loop2/main.tf',
      '/modules/outer/main.tf',
      '/modules/store/main.tf',
    ]);
  });
});
