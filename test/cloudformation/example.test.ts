/**
 * The example stack in examples/cloudformation: every deliberate failure is found, the
 * parts meant to pass do, and the parameter overrides change what they should.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adaptCloudFormation } from '../../src/iac/aws/cloudformation/index.js';
import type { Entity } from '../../src/iac/aws/field.js';
import { loadCloudFormation } from '../../src/iac/cloudformation/index.js';
import type { RawResource } from '../../src/iac/types.js';
import { builtinRules } from '../../src/rules/index.js';
import { DEFAULT_RULE_SETTINGS, type Verdict } from '../../src/rules/types.js';

const DIR = join(import.meta.dirname, '../../examples/cloudformation');

function scanExample(parameters: Record<string, string> = {}) {
  const resources: RawResource[] = [];
  const diagnostics = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml'))) {
    const loaded = loadCloudFormation(file, readFileSync(join(DIR, file), 'utf8'), { parameters });
    resources.push(...loaded.resources);
    diagnostics.push(...loaded.diagnostics);
  }
  const entities = adaptCloudFormation(resources);
  const context = {
    settings: DEFAULT_RULE_SETTINGS,
    entitiesOf: <E extends Entity>(kind: string) => entities.filter((e) => e.kind === kind) as E[],
  };
  const findings: { rule: string; address: string; status: string; line: number }[] = [];
  for (const rule of builtinRules.filter((r) => r.id.startsWith('aws-'))) {
    for (const entity of entities.filter((e) => rule.kinds.includes(e.kind))) {
      const out = rule.check(entity, context);
      for (const v of Array.isArray(out) ? out : [out as Verdict]) {
        const line = (v.location ?? entity.location).startLine;
        findings.push({ rule: rule.id, address: entity.address, status: v.status, line });
      }
    }
  }
  const by = (status: string) =>
    findings.filter((f) => f.status === status).map((f) => `${f.rule} ${f.address}`);
  return { resources, diagnostics, findings, failed: by('failed'), passed: by('passed') };
}

describe('examples/cloudformation', () => {
  const result = scanExample();

  it('loads without errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.resources.length).toBeGreaterThanOrEqual(20);
  });

  it('finds every deliberate failure', () => {
    expect(result.failed).toEqual(
      expect.arrayContaining([
        'aws-kms-key-rotation-enabled LogKey',
        'aws-s3-bucket-encrypted-at-rest Scratch',
        'aws-s3-bucket-acl-not-public Scratch',
        'aws-s3-bucket-public-access-blocked Scratch',
        'aws-s3-bucket-versioning-enabled Scratch',
        'aws-data-store-classification-tagged Scratch',
        'aws-dynamodb-table-point-in-time-recovery-enabled Orders',
        'aws-rds-backup-retention-sufficient Database',
        'aws-vpc-flow-logs-enabled Vpc',
        'aws-security-group-no-public-ssh WebGroup',
        'aws-lb-listener-http-redirects-to-https HttpListener',
        'aws-cloudtrail-cloudwatch-logs-integrated Trail',
        'aws-iam-privileged-role-trust-requires-mfa BreakGlass',
        'aws-iam-policy-no-passrole-on-all-resources Deployer',
        'aws-iam-user-no-direct-policies CiUser',
      ]),
    );
  });

  it('passes what is written to pass', () => {
    expect(result.failed.filter((f) => f.endsWith(' AuditLogs'))).toEqual([]);
    expect(result.passed).toEqual(
      expect.arrayContaining([
        'aws-s3-bucket-tls-required AuditLogs',
        'aws-s3-log-bucket-protected AuditLogs',
        'aws-rds-instance-multi-az Database',
        'aws-lb-listener-modern-tls-policy HttpsListener',
        'aws-cloudwatch-log-group-retention-sufficient AppLogs',
      ]),
    );
  });

  it('carries the metadata waiver to the scratch bucket', () => {
    const scratch = result.resources.find((r) => r.address === 'Scratch')!;
    expect(scratch.comments?.[0]?.text).toBe(
      'crosswalk:ignore aws-s3-bucket-versioning-enabled Scratch data is rebuilt nightly from the source system expires=2027-06-30',
    );
  });

  it('follows parameter overrides', () => {
    const fixed = scanExample({ BackupRetentionDays: '14' });
    expect(fixed.passed).toContain('aws-rds-backup-retention-sufficient Database');
    const staging = scanExample({ Environment: 'staging' });
    expect(staging.failed).toEqual(
      expect.arrayContaining([
        'aws-rds-instance-multi-az Database',
        'aws-cloudwatch-log-group-retention-sufficient AppLogs',
      ]),
    );
    expect(staging.passed).toContain('aws-dynamodb-table-point-in-time-recovery-enabled Orders');
  });
});
