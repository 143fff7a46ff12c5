import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTerraform } from '../../src/iac/terraform/index.js';
import { Unknown, locate } from '../../src/iac/types.js';
import { at, byAddress, fixture } from './helpers.js';

const dir = fixture('expansion');
const file = join(dir, 'main.tf');
const lines = readFileSync(file, 'utf8').split('\n');
const lineOf = (needle: string, after = 0): number =>
  lines.findIndex((l, i) => i >= after && l.includes(needle)) + 1;

describe('count, for_each, conditionals and dynamic blocks', () => {
  const result = loadTerraform([dir], { env: {} });
  const get = (address: string) => byAddress(result.resources, address);
  const addresses = result.resources.map((r) => r.address);

  it('count = 0 (also from a known conditional) gives no instance', () => {
    expect(addresses.filter((a) => a.includes('never') || a.includes('maybe'))).toEqual([]);
  });

  it('count expands with count.index', () => {
    expect(get('aws_s3_bucket.two[0]').attributes.bucket).toBe('two-0');
    expect(get('aws_s3_bucket.two[1]').attributes.bucket).toBe('two-1');
  });

  it('an unknown count gives one [*] instance with count.index unknown, and an info', () => {
    const u = get('aws_s3_bucket.unknown_count[*]');
    expect(u.attributes.bucket).toBeInstanceOf(Unknown);
    expect(u.attributes.acl).toBe('private');
    expect(addresses.filter((a) => a.startsWith('aws_s3_bucket.unknown_count'))).toHaveLength(1);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'CW-TF-030',
        severity: 'info',
        line: lineOf('count  = var.n'),
      }),
    );
  });

  it('a conditional with both branches known takes the right one', () => {
    expect(get('aws_s3_bucket.cond').attributes.bucket).toBe('acme-prod');
  });

  it('an undeclared variable is unknown with a warning, not a failure', () => {
    const tags = get('aws_s3_bucket.cond').attributes.tags;
    expect(at(tags as never, 'env')).toBe('prod');
    expect(at(tags as never, 'owner')).toBeInstanceOf(Unknown);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'CW-TF-010',
        severity: 'warning',
        line: lineOf('var.owner_unset'),
      }),
    );
  });

  it('dynamic blocks expand in place, with iterator and converted variable types', () => {
    const sg = get('aws_security_group.web');
    expect(sg.attributes.ingress).toEqual([
      { from_port: 443, to_port: 443, description: 'rule 0' },
      { from_port: 80, to_port: 80, description: 'rule 1' },
    ]);
    expect(sg.attributes.egress).toEqual([
      { from_port: 0, to_port: 0 },
      { from_port: 443, to_port: 443, note: 'https' },
    ]);
  });

  it('attributes from a dynamic block point at the content lines', () => {
    const sg = get('aws_security_group.web');
    const content = lineOf('content {');
    expect(locate(sg, ['ingress', 1, 'from_port']).startLine).toBe(
      lineOf('from_port   = port.value'),
    );
    expect(locate(sg, ['ingress', 1]).startLine).toBe(content);
    expect(locate(sg, ['egress', 1, 'note']).startLine).toBe(lineOf('note      = egress.key'));
    expect(locate(sg, ['egress', 0, 'to_port']).startLine).toBe(lineOf('to_port   = 0'));
  });

  it('a dynamic block over an unknown collection makes the block list unknown', () => {
    const sg = get('aws_security_group.unknown_dynamic');
    expect(sg.attributes.ingress).toBeInstanceOf(Unknown);
    expect(sg.attributes.name).toBe('u');
  });
});
