/**
 * The command line as a user drives it: exit codes, formats written to files, usage and
 * configuration errors. Runs `main()` in-process with a captured terminal.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli/main.js';

const ROOT = join(import.meta.dirname, '../..');
const EXAMPLE = join(ROOT, 'examples/aws-terraform');
const FIXED = join(ROOT, 'examples/aws-terraform-fixed');

/** Every scan of these tests appends to a ledger of its own, never to the working tree. */
const STORE = join(mkdtempSync(join(tmpdir(), 'cw-ledger-')), 'evidence.db');

async function run(
  args: string[],
  stdin = '',
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    isTTY: false,
    env: { CROSSWALK_STORE: STORE },
    readStdin: async () => stdin,
  };
  const code = await main(args, io);
  return { code, out, err };
}

describe('crosswalk scan', () => {
  it('exits 1 when failed findings reach the threshold, 0 on the fixed twin', async () => {
    const failing = await run(['scan', EXAMPLE, '--quiet']);
    expect(failing.code).toBe(1);
    expect(failing.out).toContain('aws-s3-bucket-encrypted-at-rest');
    expect(failing.out).not.toContain('\u001b[');
    const fixed = await run(['scan', FIXED]);
    expect(fixed.code).toBe(0);
  });

  it('applies --fail-on to the severity of failed findings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-cli-'));
    writeFileSync(
      join(dir, 'main.tf'),
      'resource "aws_kms_key" "k" {\n  enable_key_rotation = false\n}\n',
    );
    expect((await run(['scan', dir, '--fail-on', 'low'])).code).toBe(1);
    expect((await run(['scan', dir, '--fail-on', 'critical'])).code).toBe(0);
  });

  it('writes several formats at once, each to its own file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-cli-'));
    const sarifFile = join(dir, 'out.sarif');
    const jsonFile = join(dir, 'out.json');
    const junitFile = join(dir, 'out.xml');
    const result = await run([
      'scan',
      EXAMPLE,
      '-f',
      'sarif',
      '-o',
      sarifFile,
      '-f',
      'json',
      '-o',
      jsonFile,
      '-f',
      'junit',
      '-o',
      junitFile,
      '-f',
      'markdown',
    ]);
    expect(result.code).toBe(1);
    expect(result.out).toContain('|');
    const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
    const schema = JSON.parse(
      readFileSync(join(ROOT, '../shared/schemas/sarif-2.1.0.schema.json'), 'utf8'),
    );
    const ajv = new Ajv.default({ allErrors: true, strict: false });
    const valid = ajv.validate(schema, sarif);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const json = JSON.parse(readFileSync(jsonFile, 'utf8'));
    expect(json.schemaVersion).toBe('1.0.0');
    expect(json.summary.failed).toBeGreaterThan(10);
    expect(readFileSync(junitFile, 'utf8')).toMatch(/^<\?xml/);
  });

  it('reads a manifest from standard input under --stdin-name', async () => {
    const manifest =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:latest\n      securityContext:\n        privileged: true\n';
    const result = await run(
      ['scan', '-', '--stdin-name', 'rendered.yaml', '-f', 'json'],
      manifest,
    );
    const json = JSON.parse(result.out);
    expect(
      json.findings.some(
        (f: { status: string; location: { file: string } }) =>
          f.status === 'failed' && f.location.file === 'rendered.yaml',
      ),
    ).toBe(true);
    expect(result.code).toBe(1);
  });

  it('exits 2 on usage and configuration errors, naming the problem', async () => {
    const unknownFramework = await run(['scan', EXAMPLE, '--framework', 'fedramp']);
    expect(unknownFramework.code).toBe(2);
    expect(unknownFramework.err).toContain('unknown framework "fedramp"');
    const badFormat = await run(['scan', EXAMPLE, '-f', 'html']);
    expect(badFormat.code).toBe(2);
    expect((await run(['scan', '--no-such-flag'])).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'cw-cli-'));
    writeFileSync(join(dir, 'bad.yaml'), 'failOn: sometimes\n');
    const badConfig = await run(['scan', FIXED, '--config', join(dir, 'bad.yaml')]);
    expect(badConfig.code).toBe(2);
    expect(badConfig.err).toMatch(/bad\.yaml:1: CW-CONFIG-003/);
  });

  it('applies config waivers with owner and expiry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-cli-'));
    writeFileSync(
      join(dir, 'main.tf'),
      'resource "aws_kms_key" "k" {\n  enable_key_rotation = false\n}\n',
    );
    writeFileSync(
      join(dir, 'waivers.yaml'),
      'waivers:\n  - rule: aws-kms-key-rotation-enabled\n    resource: aws_kms_key.*\n    reason: Key is retired next quarter\n    owner: security\n    expires: 2999-01-01\n',
    );
    const result = await run(['scan', dir, '--config', join(dir, 'waivers.yaml'), '-f', 'json']);
    const finding = JSON.parse(result.out).findings.find(
      (f: { ruleId: string }) => f.ruleId === 'aws-kms-key-rotation-enabled',
    );
    expect(finding.status).toBe('waived');
    expect(finding.waiver).toMatchObject({
      owner: 'security',
      reason: 'Key is retired next quarter',
      source: 'config',
    });
  });
});

describe('catalog commands', () => {
  it('lists frameworks with versions', async () => {
    const { out, code } = await run(['frameworks']);
    expect(code).toBe(0);
    expect(out).toMatch(/pci-dss\s+PCI DSS.*4\.0\.1/);
    expect(out).toMatch(/iso27001.*2022/);
  });

  it('shows a control across every framework', async () => {
    const { out } = await run(['controls', 'encryption-at-rest']);
    expect(out).toContain('164.312(a)(2)(iv)');
    expect(out).toContain('A.8.24');
    expect(out).toContain('aws-s3-bucket-encrypted-at-rest');
  });

  it('explains a requirement, and a legacy id as superseded', async () => {
    const { out } = await run(['explain', 'hipaa', '164.312(a)(2)(iv)']);
    expect(out).toContain('encryption-at-rest');
    expect(out).toContain('aws-rds-storage-encrypted');
    expect(out).toMatch(/addressable/);
    const legacy = await run(['explain', 'iso', 'A.10.1.1']);
    expect(legacy.code).toBe(0);
    expect(legacy.out).toContain('superseded');
    expect(legacy.out).toContain('A.8.24');
    expect((await run(['explain', 'hipaa', '999.999'])).code).toBe(2);
  });
});

describe('rego commands', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cw-rego-'));
  writeFileSync(
    join(dir, 'policy.rego'),
    `package example

deny contains msg if {
  some bucket in input.buckets
  not bucket.encrypted
  msg := sprintf("bucket %s is not encrypted", [bucket.name])
}

test_denies_unencrypted if {
  count(deny) == 1 with input as {"buckets": [{"name": "a", "encrypted": false}, {"name": "b", "encrypted": true}]}
}

test_wrong if {
  count(deny) == 2 with input as {"buckets": []}
}
`,
  );
  writeFileSync(join(dir, 'input.json'), '{"buckets": [{"name": "logs", "encrypted": false}]}');

  it('evaluates a query in the shape of opa eval --format json', async () => {
    const { code, out } = await run([
      'rego',
      'eval',
      '-d',
      join(dir, 'policy.rego'),
      '-i',
      join(dir, 'input.json'),
      'data.example.deny',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(out).result[0].expressions[0]).toMatchObject({
      value: ['bucket logs is not encrypted'],
      text: 'data.example.deny',
    });
  });

  it('runs test_ rules and exits 1 when one fails', async () => {
    const all = await run(['rego', 'test', dir]);
    expect(all.code).toBe(1);
    expect(all.out).toMatch(/test_wrong/);
    const one = await run(['rego', 'test', dir, '--run', 'denies']);
    expect(one.code).toBe(0);
  });

  it('checks modules and prints coded errors with positions', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'cw-rego-'));
    writeFileSync(join(bad, 'v0.rego'), 'package x\n\ndeny[msg] { input.a; msg := "a" }\n');
    const v1 = await run(['rego', 'check', bad]);
    expect(v1.code).toBe(1);
    expect(v1.err).toMatch(/v0\.rego:3:\d+: rego_parse_error/);
    expect((await run(['rego', 'check', '--v0-compatible', bad])).code).toBe(0);
  });
});

describe('evidence, reports and init', () => {
  it('records each scan in the ledger, which then verifies and lists it', async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'cw-ledger-')), 'evidence.db');
    expect((await run(['scan', EXAMPLE, '-q', '--store', store])).code).toBe(1);
    expect((await run(['scan', FIXED, '-q', '--store', store])).code).toBe(0);
    const verify = await run(['evidence', 'verify', '--store', store]);
    expect(verify.code).toBe(0);
    expect(verify.out).toMatch(/OK: 2 records/);
    const list = await run(['evidence', 'list', '--store', store, '--json']);
    const records = JSON.parse(list.out) as { kind: string }[];
    expect(records.map((r) => r.kind)).toEqual(['scan-run', 'scan-run']);
    const report = await run([
      'report',
      '--framework',
      'hipaa',
      '--format',
      'md',
      '--store',
      store,
    ]);
    expect(report.code).toBe(0);
    expect(report.out).toContain('164.312(a)(2)(iv)');
  });

  it('skips the ledger with --no-evidence', async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'cw-ledger-')), 'evidence.db');
    await run(['scan', FIXED, '-q', '--no-evidence', '--store', store]);
    const verify = await run(['evidence', 'list', '--store', store, '--json']);
    expect(JSON.parse(verify.out || '[]')).toEqual([]);
  });

  it('writes the frameworks that apply, with their reasons, from a profile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-init-'));
    writeFileSync(
      join(dir, 'org.yaml'),
      `name: Acme Health
health: { role: business-associate }
cards: { handlesCardData: false }
eu: { establishment: false, offersGoodsOrServices: true, monitorsBehaviour: false }
california: { forProfit: true, doesBusinessInCalifornia: false, collectsConsumersPersonalInfo: false }
soc2: { customersRequest: true }
iso27001: { certificationWanted: false }
`,
    );
    const out = join(dir, '.crosswalk.yaml');
    const result = await run(['init', '--profile', join(dir, 'org.yaml'), '--output', out]);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const config = readFileSync(out, 'utf8');
    expect(config).toMatch(/- hipaa/);
    expect(config).toMatch(/- gdpr/);
    expect(config).toMatch(/- soc2/);
    expect(config).not.toMatch(/^\s*- pci-dss/m);
    expect((await run(['init', '--profile', join(dir, 'org.yaml'), '--output', out])).code).toBe(2);
  });
});

describe('outputs and incomplete scans', () => {
  it('pairs each --output with the --format just before it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-cli-'));
    const sarif = join(dir, 'r.sarif');
    const result = await run(['scan', FIXED, '-f', 'text', '-f', 'sarif', '-o', sarif]);
    expect(JSON.parse(readFileSync(sarif, 'utf8')).version).toBe('2.1.0');
    expect(result.out).toContain('Findings:');
    expect((await run(['scan', FIXED, '-o', sarif, '-f', 'sarif'])).code).toBe(2);
  });

  it('exits 2 when a path is missing or a file cannot be parsed, even with clean findings', async () => {
    const missing = await run(['scan', '/nonexistent/crosswalk-path']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/errors among the diagnostics/);
    const dir = mkdtempSync(join(tmpdir(), 'cw-cli-'));
    writeFileSync(
      join(dir, 'good.tf'),
      'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n',
    );
    writeFileSync(
      join(dir, 'bad.tf'),
      'resource "aws_kms_key" "broken" {\n  enable_key_rotation = \n',
    );
    expect((await run(['scan', dir])).code).toBe(2);
  });

  it('lets --no-color win over FORCE_COLOR, and FORCE_COLOR=0 mean no colour', async () => {
    const { useColor } = await import('../../src/cli/scan-command.js');
    const io = (env: Record<string, string>, isTTY = false) => ({ ...({} as Io), env, isTTY });
    expect(useColor(false, io({ FORCE_COLOR: '1' }))).toBe(false);
    expect(useColor(true, io({ FORCE_COLOR: '0' }, true))).toBe(false);
    expect(useColor(true, io({ FORCE_COLOR: '1' }))).toBe(true);
    expect(useColor(true, io({ NO_COLOR: '1' }, true))).toBe(false);
    expect(useColor(true, io({}, true))).toBe(true);
  });
});

describe('importing crosswalk SARIF into the ledger', () => {
  it('maps results through the controls their rules declare', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-import-'));
    const store = join(dir, 'evidence.db');
    const sarif = join(dir, 'scan.sarif');
    await run(['scan', EXAMPLE, '--no-evidence', '-f', 'sarif', '-o', sarif]);
    const result = await run(['evidence', 'import', sarif, '--store', store]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/[1-9]\d* mapped, 0 unmapped/);
  });
});

describe('requirements met only by manual evidence', () => {
  it('are not cited by automated findings, and explain lists no rule for them', async () => {
    const { out } = await run(['scan', EXAMPLE, '--no-evidence', '-f', 'json']);
    const lifecycle = JSON.parse(out).findings.find(
      (f: { ruleId: string }) => f.ruleId === 'aws-s3-bucket-lifecycle-configured',
    );
    const cited = lifecycle.requirements.map(
      (r: { framework: string; id: string }) => `${r.framework} ${r.id}`,
    );
    expect(cited).toContain('iso27001 A.5.33');
    expect(cited).not.toContain('iso27001 A.7.14');
    expect(cited).not.toContain('pci-dss 9.4.6');
    const explained = await run(['explain', 'iso', 'A.7.14']);
    expect(explained.out).toContain('data-retention-disposal');
    expect(explained.out).toMatch(/Rules that test it \(0\)/);
  });
});
