/**
 * End-to-end verdicts on the bundled examples and on inputs written for one hard case
 * each: what a user sees, per requirement, with file and line.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import type { Finding, ScanResult } from '../../src/engine/types.js';

const ROOT = join(import.meta.dirname, '../..');
const EXAMPLE = join(ROOT, 'examples/aws-terraform');
const FIXED = join(ROOT, 'examples/aws-terraform-fixed');

function find(result: ScanResult, ruleId: string, address: string): Finding {
  const found = result.findings.find((f) => f.ruleId === ruleId && f.resource.address === address);
  if (!found) throw new Error(`no ${ruleId} finding for ${address}`);
  return found;
}

function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cw-scan-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('the bundled example', () => {
  const result = scan([EXAMPLE], { baseDir: ROOT, today: '2026-12-03' });

  it('fails an unencrypted bucket on the encryption requirements of every framework', () => {
    const finding = find(result, 'aws-s3-bucket-encrypted-at-rest', 'aws_s3_bucket.scratch');
    expect(finding.status).toBe('failed');
    expect(finding.location).toMatchObject({
      file: 'examples/aws-terraform/storage.tf',
      startLine: 46,
    });
    expect(finding.requirements).toEqual(
      expect.arrayContaining([
        { framework: 'hipaa', id: '164.312(a)(2)(iv)' },
        { framework: 'pci-dss', id: '3.5.1' },
        { framework: 'iso27001', id: 'A.8.24' },
        { framework: 'soc2', id: 'CC6.1' },
      ]),
    );
  });

  it('passes a bucket encrypted through a separate resource, pointing at that resource', () => {
    const finding = find(result, 'aws-s3-bucket-encrypted-at-rest', 'aws_s3_bucket.audit_logs');
    expect(finding.status).toBe('passed');
    expect(finding.location.file).toBe('examples/aws-terraform/storage.tf');
    expect(finding.location.startLine).toBe(12);
  });

  it('passes a conditional whose branches are all acceptable, even when the condition is unknown', () => {
    const finding = find(
      result,
      'aws-s3-bucket-encrypted-at-rest',
      'module.data_buckets["claims"].aws_s3_bucket.this',
    );
    expect(finding.status).toBe('passed');
    expect(finding.location.file).toBe('examples/aws-terraform/modules/data-bucket/main.tf');
  });

  it('is unknown, not passed or failed, where a KMS-only rule meets that conditional', () => {
    const finding = find(
      result,
      'aws-s3-bucket-encrypted-with-kms',
      'module.data_buckets["claims"].aws_s3_bucket.this',
    );
    expect(finding.status).toBe('unknown');
    expect(finding.message).toMatch(/after apply/);
  });

  it('expands the module per for_each key and the dynamic ingress block', () => {
    expect(
      find(
        result,
        'aws-s3-bucket-versioning-enabled',
        'module.data_buckets["invoices"].aws_s3_bucket.this',
      ).status,
    ).toBe('failed');
    expect(
      find(
        result,
        'aws-s3-bucket-versioning-enabled',
        'module.data_buckets["claims"].aws_s3_bucket.this',
      ).status,
    ).toBe('passed');
    const ssh = find(result, 'aws-security-group-no-public-ssh', 'aws_security_group.bastion');
    expect(ssh.status).toBe('failed');
    expect(ssh.message).toContain('0.0.0.0/0');
  });

  it('honours the inline waiver with its reason and expiry', () => {
    const finding = find(result, 'aws-s3-bucket-versioning-enabled', 'aws_s3_bucket.scratch');
    expect(finding.status).toBe('waived');
    expect(finding.waiver).toMatchObject({
      source: 'inline',
      expires: '2027-06-30',
      expired: false,
    });
  });

  it('lets the waiver lapse after its expiry and says so', () => {
    const later = scan([EXAMPLE], { baseDir: ROOT, today: '2027-07-01' });
    const finding = find(later, 'aws-s3-bucket-versioning-enabled', 'aws_s3_bucket.scratch');
    expect(finding.status).toBe('failed');
    expect(finding.message).toContain('waiver expired on 2027-06-30');
  });

  it('summarises per framework with requirements failing, passing and not assessed', () => {
    const hipaa = result.frameworks.find((f) => f.id === 'hipaa')!;
    expect(hipaa.summary.failing).toBeGreaterThan(0);
    expect(hipaa.summary.notAssessed).toBeGreaterThan(0);
    const req = hipaa.requirements.find((r) => r.id === '164.312(a)(2)(iv)')!;
    expect(req.status).toBe('failing');
    expect(result.diagnostics).toEqual([]);
  });

  it('limits findings and frameworks with the framework option', () => {
    const only = scan([EXAMPLE], { baseDir: ROOT, frameworks: ['pci'], today: '2026-12-03' });
    expect(only.frameworks.map((f) => f.id)).toEqual(['pci-dss']);
    expect(only.findings.length).toBeGreaterThan(20);
    for (const f of only.findings)
      expect(f.requirements.every((r) => r.framework === 'pci-dss')).toBe(true);
  });
});

describe('the fixed twin', () => {
  it('passes every rule with nothing unknown', () => {
    const result = scan([FIXED], { baseDir: ROOT });
    expect(
      result.findings
        .filter((f) => f.status !== 'passed')
        .map((f) => `${f.ruleId} ${f.resource.address}`),
    ).toEqual([]);
    expect(result.summary.passed).toBeGreaterThan(80);
    expect(result.diagnostics).toEqual([]);
  });
});

describe('hard cases', () => {
  it('does not report a resource whose count is 0', () => {
    const dir = tree({
      'main.tf': `variable "create" { default = false }
resource "aws_s3_bucket" "maybe" {
  count  = var.create ? 1 : 0
  bucket = "never-created"
}
resource "aws_s3_bucket" "always" { bucket = "created" }
`,
    });
    const result = scan([dir], { baseDir: dir });
    const addresses = new Set(result.findings.map((f) => f.resource.address));
    expect(addresses.has('aws_s3_bucket.always')).toBe(true);
    expect([...addresses].some((a) => a.includes('maybe'))).toBe(false);
  });

  it('judges the known parts of a jsonencode() policy that holds an unknown ARN', () => {
    const dir = tree({
      'main.tf': `resource "aws_s3_bucket" "data" { bucket = "d" }
resource "aws_iam_policy" "admin" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" },
                 { Effect = "Allow", Action = "s3:GetObject", Resource = "\${aws_s3_bucket.data.arn}/*" }]
  })
}
resource "aws_iam_policy" "reader" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "\${aws_s3_bucket.data.arn}/*" }]
  })
}
`,
    });
    const result = scan([dir], { baseDir: dir });
    expect(find(result, 'aws-iam-policy-no-full-admin-access', 'aws_iam_policy.admin').status).toBe(
      'failed',
    );
    expect(
      find(result, 'aws-iam-policy-no-full-admin-access', 'aws_iam_policy.reader').status,
    ).toBe('passed');
  });

  it('says unknown for a variable without a value, never passed or failed', () => {
    const dir = tree({
      'main.tf': `variable "encrypted" { type = bool }
resource "aws_db_instance" "db" {
  engine = "postgres"
  instance_class = "db.t4g.micro"
  storage_encrypted = var.encrypted
}
`,
    });
    const result = scan([dir], { baseDir: dir });
    const finding = find(result, 'aws-rds-storage-encrypted', 'aws_db_instance.db');
    expect(finding.status).toBe('unknown');
    expect(finding.message).toMatch(/encrypted/);
    const withVar = scan([dir], { baseDir: dir, vars: { encrypted: 'true' } });
    expect(find(withVar, 'aws-rds-storage-encrypted', 'aws_db_instance.db').status).toBe('passed');
    const fromEnv = scan([dir], { baseDir: dir, env: { TF_VAR_encrypted: 'false' } });
    expect(find(fromEnv, 'aws-rds-storage-encrypted', 'aws_db_instance.db').status).toBe('failed');
  });

  it('reports a module that calls itself instead of looping', () => {
    const dir = tree({
      'main.tf': `module "again" { source = "./" }
resource "aws_s3_bucket" "b" { bucket = "b" }
`,
    });
    const result = scan([dir], { baseDir: dir });
    expect(result.diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^CW-TF-/)]),
    );
    expect(result.findings.some((f) => f.resource.address === 'aws_s3_bucket.b')).toBe(true);
  });
});

describe('bad input', () => {
  it('reports each bad file with a code and line, and scans the good ones', () => {
    const dir = tree({
      'good.tf': 'resource "aws_s3_bucket" "ok" {\n  bucket = "ok"\n}\n',
      'broken.tf': 'resource "aws_s3_bucket" "bad" {\n  bucket = "x"\n  tags = {\n',
      'template.tf': 'locals {\n  x = "${var.a\n}\n',
      'binary.tf': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 0, 0]),
      'latin1.tf': Buffer.from('locals {\n  name = "caf\xe9"\n}\n', 'latin1'),
      'crlf.tf': '\ufeffresource "aws_s3_bucket" "crlf" {\r\n  bucket = "crlf"\r\n}\r\n',
    });
    const result = scan([dir], { baseDir: dir });
    const byFile = new Map(result.diagnostics.map((d) => [d.file, d]));
    for (const file of ['broken.tf', 'template.tf', 'binary.tf', 'latin1.tf']) {
      const diagnostic = byFile.get(file);
      expect(diagnostic, file).toBeDefined();
      expect(diagnostic!.code).toMatch(/^CW-[A-Z]+-\d{3}$/);
      expect(diagnostic!.line, file).toBeGreaterThan(0);
    }
    expect(byFile.has('crlf.tf')).toBe(false);
    const addresses = new Set(result.findings.map((f) => f.resource.address));
    expect(addresses.has('aws_s3_bucket.ok')).toBe(true);
    expect(addresses.has('aws_s3_bucket.crlf')).toBe(true);
    const crlf = result.findings.find((f) => f.resource.address === 'aws_s3_bucket.crlf')!;
    expect(crlf.location.startLine).toBe(1);
  });

  it('fails fast on a huge unterminated interpolation', () => {
    const dir = tree({ 'huge.tf': `locals {\n  x = "\${${'a + '.repeat(200_000)}\n}\n` });
    const started = Date.now();
    const result = scan([dir], { baseDir: dir });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.diagnostics[0]?.file).toBe('huge.tf');
  });

  it('names a path that does not exist', () => {
    const result = scan(['/nonexistent/crosswalk-path']);
    expect(result.diagnostics[0]).toMatchObject({ code: 'CW-SCAN-001' });
  });
});

describe('discovery', () => {
  it('scans a file once even when paths overlap', () => {
    const dir = tree({
      'k8s/pod.yaml':
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: busybox:1.36\n',
    });
    const once = scan([dir], { baseDir: dir }).findings.length;
    expect(once).toBeGreaterThan(0);
    expect(
      scan([dir, join(dir, 'k8s'), join(dir, 'k8s/pod.yaml')], { baseDir: dir }).findings.length,
    ).toBe(once);
  });

  it('does not take a commented-out module call for a real one', () => {
    const dir = tree({
      'app/main.tf':
        '# module "old" { source = "../legacy" }\nresource "aws_kms_key" "app" {\n  enable_key_rotation = true\n}\n',
      'legacy/main.tf': 'resource "aws_kms_key" "legacy" {\n  enable_key_rotation = false\n}\n',
    });
    const result = scan([dir], { baseDir: dir });
    expect(find(result, 'aws-kms-key-rotation-enabled', 'aws_kms_key.legacy').status).toBe(
      'failed',
    );
  });

  it('keeps modules that only call each other', () => {
    const dir = tree({
      'a/main.tf':
        'module "b" { source = "../b" }\nresource "aws_kms_key" "a" {\n  enable_key_rotation = false\n}\n',
      'b/main.tf': 'module "a" { source = "../a" }\n',
    });
    const result = scan([dir], { baseDir: dir });
    expect(
      result.findings.some(
        (f) => f.ruleId === 'aws-kms-key-rotation-enabled' && f.status === 'failed',
      ),
    ).toBe(true);
  });

  it('still scans the .tf files beside a plan that did not load', () => {
    const dir = tree({
      'main.tf': 'resource "aws_kms_key" "k" {\n  enable_key_rotation = false\n}\n',
      'old-plan.json': '{"format_version": "1.2", "planned_values": {}}',
    });
    const result = scan([dir], { baseDir: dir });
    expect(find(result, 'aws-kms-key-rotation-enabled', 'aws_kms_key.k').status).toBe('failed');
  });
});

describe('documents named on the command line', () => {
  it('reports a binary YAML file instead of skipping it silently', () => {
    const dir = tree({ 'manifest.yaml': Buffer.from([0x61, 0x70, 0x69, 0, 0, 0x01]) });
    const result = scan([join(dir, 'manifest.yaml')], { baseDir: dir });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'CW-SCAN-005', file: 'manifest.yaml', line: 1 }),
    ]);
  });
});
