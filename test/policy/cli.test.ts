/**
 * `crosswalk scan --policy <dir>` and the `policies:` key of the configuration file.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../../src/cli/main.js';
import { loadConfig } from '../../src/engine/config.js';
import type { ScanResult } from '../../src/engine/types.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const plan = join(root, 'test/fixtures/policy/plan/tfplan.json');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    isTTY: false,
    env: {},
    readStdin: async () => '',
  };
  const code = await main(args, io);
  return { code, out, err };
}

function workspace(): { dir: string; policies: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cw-policy-cli-'));
  const policies = join(dir, 'policies');
  mkdirSync(policies);
  writeFileSync(
    join(policies, 'kms.rego'),
    `package acme

# METADATA
# title: KMS keys rotate
# custom:
#   controls: [key-management]
deny contains sprintf("key %s does not rotate", [r.address]) if {
  some r in input.resource_changes
  r.type == "aws_kms_key"
  not r.change.after.enable_key_rotation
}
`,
  );
  return { dir, policies };
}

describe('crosswalk scan --policy', () => {
  it('adds custom findings to every output, here JSON and SARIF', async () => {
    const { policies } = workspace();
    const json = await run([
      'scan',
      plan,
      '--policy',
      policies,
      '--format',
      'json',
      '--framework',
      'pci',
    ]);
    const result = JSON.parse(json.out) as ScanResult;
    const custom = result.findings.filter((f) => f.ruleId === 'acme.deny');
    expect(custom.map((f) => [f.status, f.resource.address])).toEqual([
      ['failed', 'aws_kms_key.data'],
    ]);
    expect(custom[0]!.requirements.some((r) => r.framework === 'pci-dss')).toBe(true);
    expect(result.rules.some((r) => r.id === 'acme.deny' && r.title === 'KMS keys rotate')).toBe(
      true,
    );
    expect(json.code).toBe(1);

    const sarif = await run(['scan', plan, '--policy', policies, '--format', 'sarif']);
    expect(sarif.out).toContain('"ruleId": "acme.deny"');
    expect(sarif.out).toContain('key aws_kms_key.data does not rotate');
  });

  it('reads `policies:` from the configuration file, relative to the file', async () => {
    const { dir } = workspace();
    const config = join(dir, '.crosswalk.yaml');
    writeFileSync(config, 'policies:\n  - ./policies\n');
    expect(loadConfig(config).policies).toEqual([join(dir, 'policies')]);
    const json = await run(['scan', plan, '--config', config, '--format', 'json']);
    const result = JSON.parse(json.out) as ScanResult;
    expect(result.findings.filter((f) => f.ruleId === 'acme.deny')).toHaveLength(1);
  });

  it('reports a missing policy directory as a diagnostic', async () => {
    const json = await run(['scan', plan, '--policy', '/nonexistent/policies', '--format', 'json']);
    const result = JSON.parse(json.out) as ScanResult;
    expect(result.diagnostics.find((d) => d.code === 'CW-POLICY-001')?.file).toBe(
      '/nonexistent/policies',
    );
  });
});

describe('policy paths', () => {
  it('load a directory given twice (flag and configuration) once', async () => {
    const { dir, policies } = workspace();
    const config = join(dir, '.crosswalk.yaml');
    writeFileSync(config, 'policies:\n  - ./policies\n');
    // loaded twice, a default rule would be declared twice: a compile error
    writeFileSync(join(policies, 'defaults.rego'), 'package acme\n\ndefault ready := true\n');
    const json = await run([
      'scan',
      plan,
      '--config',
      config,
      '--policy',
      policies,
      '--format',
      'json',
    ]);
    const result = JSON.parse(json.out) as ScanResult;
    expect(result.findings.filter((f) => f.ruleId === 'acme.deny')).toHaveLength(1);
    expect(result.rules.filter((r) => r.id === 'acme.deny')).toHaveLength(1);
    expect(result.diagnostics.filter((d) => d.code.startsWith('CW-POLICY'))).toEqual([]);
  });
});
