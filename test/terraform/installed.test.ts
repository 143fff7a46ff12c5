import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRootModules, loadTerraform } from '../../src/iac/terraform/index.js';
import { byAddress, fixture, refOf } from './helpers.js';

const dir = fixture('installed');

describe('remote modules installed by terraform init', () => {
  const result = loadTerraform([dir], { env: {} });

  it('scans a registry module found in .terraform/modules/modules.json, and its local children', () => {
    const bucket = byAddress(result.resources, 'module.logs.aws_s3_bucket.this');
    expect(bucket.attributes.bucket).toBe('acme-installed');
    expect(bucket.location.file).toBe(join(dir, '.terraform/modules/logs/main.tf'));
    const versioning = byAddress(
      result.resources,
      'module.logs.module.part.aws_s3_bucket_versioning.this',
    );
    expect(refOf(versioning.attributes.bucket)).toEqual({
      address: 'module.logs.aws_s3_bucket.this',
      attribute: 'id',
    });
  });

  it('still reports a remote module that init did not install', () => {
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'CW-TF-041', severity: 'info', line: 7 }),
    ]);
  });

  it('does not offer .terraform as a root module', () => {
    expect(findRootModules(dir)).toEqual([dir]);
  });
});
