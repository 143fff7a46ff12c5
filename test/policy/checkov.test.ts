/**
 * Checkov-style YAML policies: parsing, operators (with unknown values), attribute paths,
 * and/or/not, connection and filter conditions, and their findings in a scan.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { scan } from '../../src/engine/scan.js';
import { Unknown, type Diagnostic, type Value } from '../../src/iac/types.js';
import { applyOperator, parseYamlPolicy, resolvePath } from '../../src/policy/checkov.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = `${root}test/fixtures/policy`;

function policyFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cw-yaml-'));
  writeFileSync(join(dir, name), text);
  return dir;
}

describe('operators', () => {
  const computed = new Unknown('known after apply');
  it('decide over known values, any value for positive forms, none for not_*', () => {
    expect(applyOperator('equals', ['a', 'b'], 'b')).toBe(true);
    expect(applyOperator('not_equals', ['a', 'b'], 'b')).toBe(false);
    expect(applyOperator('equals', [true], 'true')).toBe(true);
    expect(applyOperator('exists', [], undefined)).toBe(false);
    expect(applyOperator('not_exists', [], undefined)).toBe(true);
    expect(applyOperator('contains', [['x', 'PHI']], 'PHI')).toBe(true);
    expect(applyOperator('contains', ['PHI-data'], 'PHI')).toBe(true);
    expect(applyOperator('contains', [{ PHI: 'yes' }], 'PHI')).toBe(true);
    expect(applyOperator('not_contains', [['x']], 'PHI')).toBe(true);
    expect(applyOperator('within', ['eu-west-1'], ['eu-west-1', 'eu-central-1'])).toBe(true);
    expect(applyOperator('starting_with', ['acme-logs'], 'acme')).toBe(true);
    expect(applyOperator('ending_with', ['acme-logs'], 'data')).toBe(false);
    expect(applyOperator('greater_than', [400], 365)).toBe(true);
    expect(applyOperator('less_than_or_equal', ['30'], 30)).toBe(true);
    expect(applyOperator('regex_match', ['arn:aws:kms:eu'], 'arn:aws:kms')).toBe(true);
    expect(applyOperator('regex_match', ['x-arn:aws:kms'], 'arn:aws:kms')).toBe(false);
    expect(applyOperator('is_true', ['true'], undefined)).toBe(true);
    expect(applyOperator('is_false', [true], undefined)).toBe(false);
    expect(applyOperator('is_empty', [[]], undefined)).toBe(true);
    expect(applyOperator('is_not_empty', [[]], undefined)).toBe(false);
    expect(applyOperator('intersects', [['a', 'b']], ['b', 'c'])).toBe(true);
    expect(applyOperator('subset', [['a', 'b']], ['a', 'b', 'c'])).toBe(true);
    expect(applyOperator('length_greater_than', [[1, 2, 3]], 2)).toBe(true);
    expect(applyOperator('length_not_equals', [[1, 2, 3]], 3)).toBe(false);
  });

  it('are unknown on an unknown value, never passed or failed', () => {
    expect(applyOperator('equals', [computed], 'aws:kms')).toBeUndefined();
    expect(applyOperator('not_equals', [computed], 'aws:kms')).toBeUndefined();
    expect(applyOperator('exists', [computed], undefined)).toBeUndefined();
    expect(applyOperator('greater_than', [computed], 3)).toBeUndefined();
    // a known value that decides it wins over an unknown one
    expect(applyOperator('equals', [computed, 'aws:kms'], 'aws:kms')).toBe(true);
  });

  it('use the candidates of a conditional when they agree', () => {
    const either = new Unknown('condition unknown', undefined, ['aws:kms', 'aws:kms:dsse']);
    expect(applyOperator('starting_with', [either], 'aws:kms')).toBe(true);
    expect(applyOperator('equals', [either], 'aws:kms')).toBeUndefined();
    expect(applyOperator('equals', [either], 'AES256')).toBe(false);
  });
});

describe('attribute paths', () => {
  const attributes: { [key: string]: Value } = {
    tags: { Owner: 'platform' },
    rule: [
      { apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] },
      { apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] },
    ],
    ingress: [{ cidr_blocks: ['10.0.0.0/8', '0.0.0.0/0'] }],
  };
  it('walk block lists implicitly, by index, and with *', () => {
    expect(resolvePath(attributes, ['tags', 'Owner'])).toEqual(['platform']);
    expect(
      resolvePath(attributes, ['rule', 'apply_server_side_encryption_by_default', 'sse_algorithm']),
    ).toEqual(['aws:kms', 'AES256']);
    expect(
      resolvePath(attributes, [
        'rule',
        '1',
        'apply_server_side_encryption_by_default',
        '0',
        'sse_algorithm',
      ]),
    ).toEqual(['AES256']);
    expect(resolvePath(attributes, ['ingress', '*', 'cidr_blocks', '*'])).toEqual([
      '10.0.0.0/8',
      '0.0.0.0/0',
    ]);
    expect(resolvePath(attributes, ['tags', 'Missing'])).toEqual([]);
  });
  it('stop at an unknown and return it', () => {
    const unknown = new Unknown('computed');
    expect(resolvePath({ tags: unknown }, ['tags', 'Owner'])).toEqual([unknown]);
  });
});

describe('parsing', () => {
  const catalog = loadCatalog();
  it('refuses unsupported operators and cond_types with file:line', () => {
    const diagnostics: Diagnostic[] = [];
    const text = `metadata:
  id: X_1
  name: x
definition:
  or:
    - cond_type: attribute
      resource_types: [aws_s3_bucket]
      attribute: bucket
      operator: sounds_like
      value: acme
    - cond_type: graph
`;
    expect(parseYamlPolicy('/p/x.yaml', text, catalog, diagnostics)).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'CW-POLICY-010', file: '/p/x.yaml', line: 4 });
    expect(diagnostics[0]!.message).toContain('unsupported operator "sounds_like"');
    expect(diagnostics[0]!.message).toContain('unsupported cond_type "graph"');
  });
  it('maps metadata controls and frameworks, reporting unknown ids', () => {
    const diagnostics: Diagnostic[] = [];
    const policy = parseYamlPolicy(
      '/p/y.yaml',
      `metadata:
  id: Y_1
  severity: LOW
  controls: [data-classification, phi-tags]
  frameworks:
    hipaa: ["164.308(a)(1)(ii)(A)"]
definition:
  cond_type: attribute
  resource_types: all
  attribute: tags.DataClassification
  operator: exists
`,
      catalog,
      diagnostics,
    )!;
    expect(policy.severity).toBe('low');
    expect(policy.mapping.controls).toEqual(['data-classification']);
    expect(policy.mapping.requirements).toEqual([
      { framework: 'hipaa', id: '164.308(a)(1)(ii)(A)' },
    ]);
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['CW-POLICY-003', 1]]);
  });
});

describe('YAML policies in a scan', () => {
  it('Terraform: attribute, connection, and/not; unknown values give unknown', () => {
    const dir = policyFile(
      'buckets.yaml',
      `metadata:
  id: ACME_S3_1
  name: Buckets are named for the company and versioned
  category: GENERAL_SECURITY
  controls: [data-backup]
definition:
  and:
    - cond_type: attribute
      resource_types: [aws_s3_bucket]
      attribute: bucket
      operator: starting_with
      value: acme-
    - cond_type: connection
      resource_types: [aws_s3_bucket]
      connected_resource_types: [aws_s3_bucket_versioning]
      operator: exists
    - not:
        cond_type: attribute
        resource_types: [aws_s3_bucket]
        attribute: tags.Owner
        operator: equals
        value: nobody
`,
    );
    const result = scan([`${fixtures}/hcl`], { policies: [dir], baseDir: root });
    const findings = result.findings.filter((f) => f.ruleId === 'ACME_S3_1');
    const byAddress = Object.fromEntries(
      findings.map((f) => [f.resource.address, [f.status, f.message]]),
    );
    expect(byAddress['aws_s3_bucket.logs']).toEqual([
      'failed',
      'aws_s3_bucket.logs: no connected aws_s3_bucket_versioning',
    ]);
    // bucket = var.name has no value before apply
    expect(byAddress['aws_s3_bucket.data']![0]).toBe('unknown');
    expect(byAddress['aws_s3_bucket.data']![1]).toContain('bucket is not known before apply');
    expect(Object.keys(byAddress).sort()).toEqual(['aws_s3_bucket.data', 'aws_s3_bucket.logs']);
    expect(findings[0]!.controls).toEqual(['data-backup']);
    expect(findings[0]!.location.file).toBe('test/fixtures/policy/hcl/main.tf');
  });

  it('filter narrows resources; resource_types all; CloudFormation attributes', () => {
    const dir = policyFile(
      'cfn.yaml',
      `metadata:
  id: ACME_CFN_1
  name: Buckets use KMS
definition:
  and:
    - cond_type: filter
      attribute: resource_type
      operator: within
      value: [AWS::S3::Bucket]
    - cond_type: attribute
      resource_types: all
      attribute: BucketEncryption.ServerSideEncryptionConfiguration[*].ServerSideEncryptionByDefault.SSEAlgorithm
      operator: equals
      value: aws:kms
`,
    );
    const result = scan([`${fixtures}/cfn/template.yaml`], { policies: [dir], baseDir: root });
    const status = Object.fromEntries(
      result.findings
        .filter((f) => f.ruleId === 'ACME_CFN_1')
        .map((f) => [f.resource.address, f.status]),
    );
    expect(status).toEqual({ Data: 'passed', Logs: 'failed' });
  });
});
