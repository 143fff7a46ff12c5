/**
 * Rego custom policies in a scan: rule discovery (deny / violation / warn and prefixed
 * names), v0 and v1 syntax, results as strings or objects, attachment to resources, the
 * input shapes of each format, METADATA mapping and its diagnostics, waivers.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import type { Finding } from '../../src/engine/types.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = `${root}test/fixtures/policy`;

function policyDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cw-policy-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const customOf = (findings: readonly Finding[]) =>
  findings.filter((f) => !/^(aws|k8s)-/.test(f.ruleId));

describe('Rego policies on a plan', () => {
  const plan = `${fixtures}/plan/tfplan.json`;

  it('finds deny, violation and warn rules (and prefixed ones) in any package, v1 syntax', () => {
    const dir = policyDir({
      'v1.rego': `package checks.kms

deny contains msg if {
  some r in input.resource_changes
  r.type == "aws_kms_key"
  not r.change.after.enable_key_rotation
  msg := sprintf("key %s does not rotate", [r.address])
}

violation_tags contains {"msg": "bucket has no tags", "resource": r.address} if {
  some r in input.resource_changes
  r.type == "aws_s3_bucket"
  not r.change.after.tags
}

warn contains "the plan has IAM roles" if {
  some r in input.resource_changes
  r.type == "aws_iam_role"
}

allow if false
`,
    });
    const result = scan([plan], { policies: [dir], baseDir: root });
    const custom = customOf(result.findings);
    const summary = custom.map((f) => [
      f.ruleId,
      f.status,
      f.severity,
      f.resource.address,
      f.message,
    ]);
    expect(summary).toEqual(
      expect.arrayContaining([
        [
          'checks.kms.deny',
          'failed',
          'high',
          'aws_kms_key.data',
          'key aws_kms_key.data does not rotate',
        ],
        ['checks.kms.violation_tags', 'failed', 'high', 'aws_s3_bucket.logs', 'bucket has no tags'],
        [
          'checks.kms.warn',
          'failed',
          'low',
          'test/fixtures/policy/plan/tfplan.json',
          'the plan has IAM roles',
        ],
      ]),
    );
    expect(custom).toHaveLength(3);
    // a result naming no resource is attached to the file
    const warn = custom.find((f) => f.ruleId === 'checks.kms.warn')!;
    expect(warn.resource.type).toBe('plan');
    expect(warn.location).toEqual({
      file: 'test/fixtures/policy/plan/tfplan.json',
      startLine: 1,
      endLine: 1,
    });
    // no rule ran unmapped into frameworks, so no requirement is affected
    expect(warn.requirements).toEqual([]);
    expect(result.rules.map((r) => r.id)).toEqual(
      expect.arrayContaining(['checks.kms.deny', 'checks.kms.violation_tags', 'checks.kms.warn']),
    );
  });

  it('reads METADATA: custom id, severity, controls, frameworks (tolerant forms)', () => {
    const dir = policyDir({
      'p.rego': `package checks

# METADATA
# title: KMS keys rotate
# custom:
#   id: ACME-KMS-1
#   severity: critical
#   controls: [key-management]
#   frameworks:
#     pci: ["3.7.4"]
#     hipaa: ["§164.312(a)(2)(iv)"]
deny contains msg if {
  some r in input.resource_changes
  r.type == "aws_kms_key"
  not r.change.after.enable_key_rotation
  msg := sprintf("key %s does not rotate", [r.address])
}
`,
    });
    const result = scan([plan], { policies: [dir], baseDir: root });
    const [finding, ...rest] = customOf(result.findings);
    expect(rest).toEqual([]);
    expect(finding!.ruleId).toBe('ACME-KMS-1');
    expect(finding!.title).toBe('KMS keys rotate');
    expect(finding!.severity).toBe('critical');
    expect(finding!.controls).toEqual(['key-management']);
    expect(finding!.requirements).toContainEqual({ framework: 'pci-dss', id: '3.7.4' });
    expect(finding!.requirements).toContainEqual({ framework: 'hipaa', id: '164.312(a)(2)(iv)' });
    const pci = result.frameworks.find((f) => f.id === 'pci-dss')!;
    expect(pci.requirements.find((r) => r.id === '3.7.4')!.status).toBe('failing');
  });

  it('reports unknown controls, frameworks and superseded requirement ids with file:line', () => {
    const dir = policyDir({
      'bad.rego': `package bad

# METADATA
# custom:
#   controls: [encryption-at-rest, encrypt-everything]
#   frameworks:
#     pci-dss: ["3.4", "99.99"]
#     iso27001: ["A.10.1.1"]
#     sox: ["404"]
deny contains "x" if { false }
`,
    });
    const result = scan([plan], { policies: [dir], baseDir: root });
    const diags = result.diagnostics.filter((d) => d.code.startsWith('CW-POLICY'));
    const where = diags.map((d) => [d.code, d.line, d.file?.endsWith('bad.rego')]);
    expect(where).toEqual(
      expect.arrayContaining([
        ['CW-POLICY-003', 3, true],
        ['CW-POLICY-005', 3, true],
        ['CW-POLICY-004', 3, true],
      ]),
    );
    expect(diags.find((d) => d.code === 'CW-POLICY-003')!.message).toContain('encrypt-everything');
    const superseded = diags.filter((d) => d.code === 'CW-POLICY-005').map((d) => d.message);
    expect(
      superseded.some((m) => m.includes('"A.10.1.1" is a superseded id; current: A.8.24')),
    ).toBe(true);
    // 3.4 is a current PCI DSS 4.0.1 id too: accepted, with a warning about its old meaning
    const ambiguous = diags.find((d) =>
      d.message.includes('"3.4" is read as the current requirement'),
    )!;
    expect(ambiguous.severity).toBe('warning');
    expect(ambiguous.message).toContain('3.5.1');
    expect(superseded.some((m) => m.includes('unknown requirement "99.99"'))).toBe(true);
    expect(diags.find((d) => d.code === 'CW-POLICY-004')!.message).toContain(
      'unknown framework "sox"',
    );
  });

  it('reports syntax errors with file:line and keeps running the other modules', () => {
    const dir = policyDir({
      'broken.rego': 'package broken\n\ndeny contains msg if {\n  msg := \n}\n',
      'ok.rego':
        'package ok\n\ndeny[msg] {\n  input.resource_changes[_].type == "aws_kms_key"\n  msg := "has keys"\n}\n',
    });
    const result = scan([plan], { policies: [dir], baseDir: root });
    const error = result.diagnostics.find((d) => d.code === 'CW-POLICY-002')!;
    expect(error.file?.endsWith('broken.rego')).toBe(true);
    expect(error.line).toBeGreaterThanOrEqual(4);
    expect(customOf(result.findings).map((f) => f.message)).toEqual(['has keys']);
    // v0 (ok.rego) beside nothing else in v1: no mixing note
    expect(result.diagnostics.some((d) => d.code === 'CW-POLICY-011')).toBe(false);
  });

  it('compiles v0 and v1 modules separately, with a note', () => {
    const dir = policyDir({
      'a.rego':
        'package a\n\ndeny[msg] {\n  input.resource_changes[_].type == "aws_kms_key"\n  msg := "v0 rule"\n}\n',
      'b.rego':
        'package b\n\ndeny contains "v1 rule" if {\n  some r in input.resource_changes\n  r.type == "aws_kms_key"\n}\n',
    });
    const result = scan([plan], { policies: [dir], baseDir: root });
    expect(
      customOf(result.findings)
        .map((f) => f.message)
        .sort(),
    ).toEqual(['v0 rule', 'v1 rule']);
    expect(result.diagnostics.some((d) => d.code === 'CW-POLICY-011')).toBe(true);
  });

  it('turns an evaluation error into a diagnostic and an error finding', () => {
    const dir = policyDir({
      'conflict.rego': 'package conflict\n\ndeny := "a" if { true }\ndeny := "b" if { true }\n',
    });
    const result = scan([plan], { policies: [dir], baseDir: root });
    expect(result.diagnostics.find((d) => d.code === 'CW-POLICY-007')?.message).toContain(
      'eval_conflict_error',
    );
    expect(customOf(result.findings).map((f) => f.status)).toEqual(['error']);
  });

  it('applies configuration waivers to custom findings', () => {
    const dir = policyDir({
      'p.rego':
        'package p\n\ndeny contains sprintf("%s", [r.address]) if {\n  some r in input.resource_changes\n  r.type == "aws_kms_key"\n}\n',
    });
    const result = scan([plan], {
      policies: [dir],
      baseDir: root,
      today: '2026-01-01',
      waivers: [
        { rule: 'p.deny', resource: 'aws_kms_key.data', reason: 'test key', file: 'cfg', line: 1 },
      ],
    });
    const status = Object.fromEntries(
      customOf(result.findings).map((f) => [f.resource.address, f.status]),
    );
    expect(status).toEqual({ 'aws_kms_key.data': 'waived', 'aws_kms_key.rotated': 'failed' });
  });

  it('leaves out unmapped custom rules when frameworks are selected, keeps mapped ones', () => {
    const dir = policyDir({
      'p.rego': `package p

deny contains "unmapped" if { true }

# METADATA
# custom:
#   controls: [key-management]
violation contains "mapped" if { true }
`,
    });
    const result = scan([plan], { policies: [dir], baseDir: root, frameworks: ['pci'] });
    const custom = customOf(result.findings);
    expect(custom.map((f) => f.message)).toEqual(['mapped']);
    expect(custom[0]!.requirements.every((r) => r.framework === 'pci-dss')).toBe(true);
    expect(custom[0]!.requirements.length).toBeGreaterThan(0);
  });
});

describe('input documents of each format', () => {
  it('HCL: one hcl2json-shaped document per .tf file; results attach to the named resource', () => {
    const dir = policyDir({
      'hcl.rego': `package hcl

deny contains msg if {
  some name, blocks in input.resource.aws_s3_bucket
  some block in blocks
  not block.tags
  msg := sprintf("aws_s3_bucket.%s has no tags (bucket = %v)", [name, block.bucket])
}

deny contains msg if {
  some name, blocks in input.resource.aws_s3_bucket_versioning
  status := blocks[0].versioning_configuration[0].status
  msg := sprintf("aws_s3_bucket_versioning.%s: %s", [name, status])
}
`,
    });
    const result = scan([`${fixtures}/hcl`], { policies: [dir], baseDir: root });
    const custom = customOf(result.findings);
    expect(custom.map((f) => [f.message, f.resource.address, f.location.startLine]).sort()).toEqual(
      [
        ['aws_s3_bucket.data has no tags (bucket = ${var.name})', 'aws_s3_bucket.data', 8],
        ['aws_s3_bucket_versioning.data: Enabled', 'aws_s3_bucket_versioning.data', 12],
      ].sort(),
    );
  });

  it('CloudFormation: the template, short-form intrinsics in long form', () => {
    const dir = policyDir({
      'cfn.rego': `package cfn

deny contains {"msg": sprintf("%s is not encrypted", [name]), "resource": name} if {
  some name, res in input.Resources
  res.Type == "AWS::S3::Bucket"
  not res.Properties.BucketEncryption
}

warn contains sprintf("%s names itself with %v", [name, res.Properties.BucketName]) if {
  some name, res in input.Resources
  res.Properties.BucketName["Fn::Sub"]
}
`,
    });
    const result = scan([`${fixtures}/cfn/template.yaml`], { policies: [dir], baseDir: root });
    const custom = customOf(result.findings);
    const deny = custom.find((f) => f.ruleId === 'cfn.deny')!;
    expect(deny.message).toBe('Logs is not encrypted');
    expect(deny.resource.address).toBe('Logs');
    expect(deny.location.startLine).toBe(3);
    const warn = custom.find((f) => f.ruleId === 'cfn.warn')!;
    expect(warn.message).toBe('Logs names itself with {"Fn::Sub": "${AWS::StackName}-logs"}');
    expect(custom).toHaveLength(2);
  });
});

describe('Kubernetes manifests and standard input', () => {
  it('gives each document as input; a result is placed on the document it came from', () => {
    const dir = policyDir({
      'k8s.rego': `package main

deny contains msg if {
  input.kind == "Deployment"
  some c in input.spec.template.spec.containers
  endswith(c.image, ":latest")
  msg := sprintf("%s uses a latest tag", [c.name])
}
`,
    });
    const manifest = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:latest
`;
    const result = scan([], {
      policies: [dir],
      baseDir: root,
      stdin: { name: 'manifest.yaml', text: manifest },
    });
    const custom = customOf(result.findings);
    expect(custom.map((f) => [f.ruleId, f.message, f.resource.type, f.location.startLine])).toEqual(
      [['main.deny', 'web uses a latest tag', 'apps/v1/Deployment', 6]],
    );
  });
});
