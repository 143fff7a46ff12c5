import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerraform } from '../../src/iac/terraform/index.js';
import { Unknown } from '../../src/iac/types.js';
import { byAddress, fixture } from './helpers.js';

const dir = fixture('tfvars');

describe('variable values and their precedence', () => {
  const result = loadTerraform([dir], {
    env: { TF_VAR_a: 'env', TF_VAR_d: 'env', TF_VAR_from_env_number: '42' },
    varFiles: [join(dir, 'extra.tfvars')],
    vars: { f: 'cli', list_from_cli: '["10.0.0.0/8", "10.1.0.0/16"]' },
  });
  const attrs = byAddress(result.resources, 'aws_s3_bucket.vars').attributes;
  const tags = attrs.tags as Record<string, unknown>;

  it('applies env < terraform.tfvars < .tfvars.json < *.auto.tfvars < -var-file < -var', () => {
    expect(tags.a).toBe('tfvars');
    expect(tags.b).toBe('tfvars.json');
    expect(tags.c).toBe('2.auto.json');
    expect(tags.d).toBe('env');
    expect(tags.e).toBe('var-file');
    expect(tags.f).toBe('cli');
  });

  it('converts raw strings to the declared type', () => {
    expect(tags.env_number).toBe(42);
    expect(attrs.cidrs).toEqual(['10.0.0.0/8', '10.1.0.0/16']);
  });

  it('gives Unknown for a variable with no value and no default', () => {
    expect(tags.unset).toBeInstanceOf(Unknown);
    expect((tags.unset as Unknown).reason).toBe('variable unset has no value');
  });

  it('uses the default for a null given to a nullable = false variable', () => {
    expect(tags.not_null).toBe('fallback');
    expect(tags.with_default).toBe('default-value');
  });

  it('lists the variable files it read', () => {
    expect(result.files.map((f) => f.replace(dir, '')).sort()).toEqual([
      '/1.auto.tfvars',
      '/2.auto.tfvars.json',
      '/extra.tfvars',
      '/main.tf',
      '/terraform.tfvars',
      '/terraform.tfvars.json',
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('reports a value that does not fit the type', () => {
    const bad = loadTerraform([dir], { env: { TF_VAR_from_env_number: 'many' } });
    const t = byAddress(bad.resources, 'aws_s3_bucket.vars').attributes.tags as Record<
      string,
      unknown
    >;
    expect(t.env_number).toBeInstanceOf(Unknown);
    expect(bad.diagnostics).toContainEqual(expect.objectContaining({ code: 'CW-TF-004' }));
  });
});
