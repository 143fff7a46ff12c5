import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/types.js';
import { formatSarif } from '../../src/report/sarif.js';
import { findings, scanResult } from './fixture.js';

const SCHEMA_PATH = '/work/shared/schemas/sarif-2.1.0.schema.json';

const sarif = (result = scanResult(), options = {}) =>
  JSON.parse(formatSarif(result, { root: '/repo', ...options })) as Sarif.Log;

const resultFor = (log: Sarif.Log, address: string) =>
  log.runs[0]!.results!.find(
    (r) => r.locations?.[0]?.logicalLocations?.[0]?.fullyQualifiedName === address,
  );

describe('formatSarif', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    const ajv = new Ajv.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
    for (const includePassed of [false, true]) {
      expect(
        validate(sarif(scanResult(), { includePassed })),
        JSON.stringify(validate.errors),
      ).toBe(true);
    }
    const broken = sarif();
    (broken.runs[0]!.results![0] as { level: string }).level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('describes the tool and one reporting descriptor per rule', () => {
    const driver = sarif().runs[0]!.tool.driver;
    expect(driver.name).toBe('crosswalk');
    expect(driver.version).toBe('0.1.0');
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules!.map((r) => r.id)).toEqual([
      'aws-cloudtrail-enabled',
      'aws-cloudwatch-log-retention',
      'aws-iam-password-min-length',
      'aws-s3-bucket-encrypted-at-rest',
      'aws-s3-bucket-public-access-blocked',
    ]);
    const encryption = driver.rules![3]!;
    expect(encryption.name).toBe('AwsS3BucketEncryptedAtRest');
    expect(encryption.shortDescription!.text).toBe('S3 bucket encrypted at rest');
    expect(encryption.defaultConfiguration!.level).toBe('error');
    expect(encryption.help!.markdown).toContain('**Remediation:** Fix it: s3 bucket encrypted');
    expect(encryption.help!.text).toContain('Requirements: hipaa:164.312(a)(2)(iv), pci-dss:3.5.1');
    expect(encryption.properties).toMatchObject({
      tags: ['security', 'compliance', 'hipaa', 'pci-dss', 'soc2'],
      'security-severity': '8.0',
      requirements: ['hipaa:164.312(a)(2)(iv)', 'pci-dss:3.5.1', 'soc2:CC6.1'],
      controls: ['encryption-at-rest'],
    });
    expect(driver.rules![4]!.properties!['security-severity']).toBe('9.5');
    expect(driver.rules![2]!.defaultConfiguration!.level).toBe('note');
  });

  it('reports failed findings with level, relative location and rule index', () => {
    const log = sarif();
    const failed = resultFor(log, 'aws_s3_bucket.logs')!;
    expect(failed.kind).toBe('fail');
    expect(failed.level).toBe('error');
    expect(failed.ruleIndex).toBe(3);
    expect(failed.message.text).toContain('aws_s3_bucket.logs: No server-side encryption');
    expect(failed.locations![0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'main.tf', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, endLine: 16 },
    });
    expect(failed.suppressions).toBeUndefined();
    expect(log.runs[0]!.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
  });

  it('makes absolute paths relative to the root and encodes them', () => {
    const moved: Finding = {
      ...findings[0]!,
      location: { file: '/repo/envs/prod stack/main.tf', startLine: 3, endLine: 3 },
    };
    const log = sarif(scanResult({ findings: [moved] }));
    expect(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe(
      'envs/prod%20stack/main.tf',
    );
  });

  it('suppresses waived findings with the justification, but not expired waivers', () => {
    const log = sarif();
    const waived = resultFor(log, 'aws_s3_bucket.website')!;
    expect(waived.kind).toBe('fail');
    expect(waived.level).toBe('error');
    expect(waived.suppressions).toEqual([
      {
        kind: 'inSource',
        status: 'accepted',
        justification: 'Public static website',
        location: {
          physicalLocation: {
            artifactLocation: { uri: 'main.tf', uriBaseId: '%SRCROOT%' },
            region: { startLine: 39, endLine: 39 },
          },
        },
        properties: { owner: 'web-team', expires: '2027-06-30' },
      },
    ]);
    const expired = resultFor(log, 'aws_cloudtrail.main')!;
    expect(expired.suppressions).toBeUndefined();
    expect(expired.level).toBe('warning');
    expect(expired.properties!['waiverExpired']).toBe('2026-01-31');
  });

  it('reports unknown and errored findings as open, and omits passed ones by default', () => {
    const log = sarif();
    const unknown = resultFor(log, 'aws_s3_bucket.data')!;
    expect([unknown.kind, unknown.level]).toEqual(['open', 'none']);
    expect(unknown.message.text).toMatch(/^Could not be decided: .*var\.kms_key/);
    const errored = resultFor(log, 'aws_iam_account_password_policy.default')!;
    expect(errored.kind).toBe('open');
    expect(log.runs[0]!.results).toHaveLength(5);
    expect(resultFor(log, 'aws_s3_bucket.assets')).toBeUndefined();

    const all = sarif(scanResult(), { includePassed: true });
    expect(all.runs[0]!.results).toHaveLength(8);
    expect(resultFor(all, 'aws_s3_bucket.assets')!.kind).toBe('pass');
  });

  it('fingerprints by rule and address: stable across runs and line moves', () => {
    const a = resultFor(sarif(), 'aws_s3_bucket.logs')!.partialFingerprints!;
    const moved = { ...findings[0]!, location: { file: 'main.tf', startLine: 90, endLine: 95 } };
    const b = sarif(scanResult({ findings: [moved] })).runs[0]!.results![0]!.partialFingerprints!;
    expect(a).toEqual(b);
    expect(a['crosswalkFinding/v1']).toMatch(/^[0-9a-f]{32}$/);
    const other = resultFor(sarif(), 'aws_s3_bucket.data')!.partialFingerprints!;
    expect(other['crosswalkFinding/v1']).not.toBe(a['crosswalkFinding/v1']);
  });

  it('turns diagnostics into tool execution notifications', () => {
    const notes = sarif().runs[0]!.invocations![0]!.toolExecutionNotifications!;
    expect(notes).toEqual([
      {
        descriptor: { id: 'CW-HCL-001' },
        level: 'error',
        message: { text: 'Unexpected "}"' },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: 'broken.tf', uriBaseId: '%SRCROOT%' },
              region: { startLine: 7, startColumn: 3 },
            },
          },
        ],
      },
      {
        descriptor: { id: 'CW-TF-010' },
        level: 'warning',
        message: { text: 'Module source not found' },
        locations: [
          { physicalLocation: { artifactLocation: { uri: 'main.tf', uriBaseId: '%SRCROOT%' } } },
        ],
      },
    ]);
  });
});

describe('formatSarif fingerprints for repeated verdicts', () => {
  it('numbers several verdicts of one rule on one resource, whatever passed ones are shown', () => {
    const base = findings[0]!;
    const second = { ...base, location: { ...base.location, startLine: 14 }, message: 'second' };
    const passed = {
      ...base,
      status: 'passed' as const,
      location: { ...base.location, startLine: 13 },
    };
    const fps = (includePassed: boolean) =>
      sarif(scanResult({ findings: [base, passed, second] }), { includePassed })
        .runs[0]!.results!.filter((r) => r.kind === 'fail')
        .map((r) => r.partialFingerprints!['crosswalkFinding/v1']);
    const shown = fps(false);
    expect(new Set(shown).size).toBe(2);
    expect(fps(true)).toEqual(shown);
  });
});
