import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/engine/config.js';

function write(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cw-config-'));
  const file = join(dir, '.crosswalk.yaml');
  writeFileSync(file, text);
  return file;
}

describe('loadConfig', () => {
  it('reads frameworks, threshold, settings and waivers', () => {
    const config = loadConfig(
      write(`frameworks: [hipaa, pci-dss]
failOn: high
settings:
  minLogRetentionDays: 731
rules:
  disabled: [aws-ec2-instance-no-public-ip]
waivers:
  - rule: aws-s3-bucket-versioning-enabled
    resource: aws_s3_bucket.scratch
    reason: Scratch data is disposable
    owner: platform-team
    expires: 2027-03-31
`),
    );
    expect(config.frameworks).toEqual(['hipaa', 'pci-dss']);
    expect(config.failOn).toBe('high');
    expect(config.settings.minLogRetentionDays).toBe(731);
    expect(config.settings.minPasswordLength).toBe(12);
    expect(config.disabledRules).toEqual(['aws-ec2-instance-no-public-ip']);
    expect(config.waivers).toEqual([
      expect.objectContaining({
        resource: 'aws_s3_bucket.scratch',
        owner: 'platform-team',
        expires: '2027-03-31',
        line: 8,
      }),
    ]);
  });

  it('turns a waiver without a reason into a diagnostic and drops it', () => {
    const config = loadConfig(write('waivers:\n  - rule: r1\n    resource: "*"\n'));
    expect(config.waivers).toEqual([]);
    expect(config.diagnostics).toEqual([
      expect.objectContaining({ code: 'CW-WAIVER-001', line: 2 }),
    ]);
  });

  it('refuses unknown keys and bad values with file and line', () => {
    expect(() => loadConfig(write('frameworks: [soc2]\nfailon: high\n'))).toThrowError(
      /:2: CW-CONFIG-003: unknown key "failon"/,
    );
    expect(() => loadConfig(write('failOn: severe\n'))).toThrowError(ConfigError);
    expect(() => loadConfig(write('settings:\n  minLogRetentionDays: "400"\n'))).toThrowError(
      /must be a number/,
    );
  });

  it('refuses invalid YAML with a coded error', () => {
    expect(() => loadConfig(write('frameworks: [soc2\n'))).toThrowError(/CW-CONFIG-002/);
  });
});

describe('waiver entries in the config', () => {
  it('refuses misspelt keys that would widen or prolong a waiver', () => {
    const base = 'waivers:\n  - rule: r1\n    reason: accepted\n';
    expect(() => loadConfig(write(`${base}    resources: aws_kms_key.k\n`))).toThrowError(
      /unknown waiver key "resources"/,
    );
    expect(() => loadConfig(write(`${base}    expire: 2020-01-01\n`))).toThrowError(
      /unknown waiver key "expire"/,
    );
    expect(() => loadConfig(write(`${base}    resource: [a, b]\n`))).toThrowError(
      /must be one address pattern/,
    );
    expect(() =>
      loadConfig(write('waivers:\n  - rule: "*"\n    reason: everything\n')),
    ).toThrowError(/must name its resources/);
  });

  it('refuses dates that do not exist', () => {
    const config = loadConfig(
      write('waivers:\n  - rule: r1\n    reason: ok\n    expires: 2027-02-31\n'),
    );
    expect(config.waivers).toEqual([]);
    expect(config.diagnostics[0]?.code).toBe('CW-WAIVER-002');
  });

  it('refuses unknown keys under rules', () => {
    expect(() => loadConfig(write('rules:\n  disable: [x]\n'))).toThrowError(
      /unknown key "rules.disable"/,
    );
  });
});
