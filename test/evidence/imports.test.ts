import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { detectFormat, ImportMapping, importResults } from '../../src/evidence/imports.js';
import { ENGINES, fresh } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('the shipped mapping table', () => {
  const mapping = ImportMapping.load();

  it('loads, names only catalog controls, and covers the common tools', () => {
    expect(mapping.toolNames()).toEqual(expect.arrayContaining(['checkov', 'trivy', 'prowler']));
    expect(mapping.controlsFor('Checkov', 'CKV_AWS_19')).toEqual(['encryption-at-rest']);
    expect(mapping.controlsFor('trivy', 'AVD-AWS-0088')).toEqual(['encryption-at-rest']);
    expect(mapping.controlsFor('trivy', 'CVE-2021-44228')).toEqual([
      'vulnerability-scanning',
      'patch-management',
    ]);
    expect(mapping.controlsFor('prowler', 'iam_root_mfa_enabled')).toEqual([
      'multi-factor-authentication',
    ]);
    expect(mapping.controlsFor('prowler', 'iam_password_policy_minimum_length_14')).toEqual([
      'password-policy',
    ]);
    expect(mapping.controlsFor('checkov', 'CKV_AWS_99999')).toEqual([]);
    expect(mapping.controlsFor('some-tool', 'CKV_AWS_19')).toEqual([]);
  });

  it('rejects a table naming an unknown control', () => {
    expect(
      () => new ImportMapping({ tools: { checkov: { CKV_AWS_1: ['no-such-control'] } } }),
    ).toThrow(/unknown control "no-such-control"/);
    expect(loadCatalog().control('encryption-at-rest')).toBeDefined();
  });

  it('detects each format', () => {
    expect(detectFormat({ version: '2.1.0', runs: [] })).toBe('sarif');
    expect(detectFormat({ SchemaVersion: 2, Results: [] })).toBe('trivy');
    expect(detectFormat({ check_type: 'terraform', results: { passed_checks: [] } })).toBe(
      'checkov',
    );
    expect(detectFormat([{ status_code: 'PASS', metadata: {} }])).toBe('prowler-ocsf');
    expect(detectFormat({ hello: 1 })).toBeUndefined();
  });
});

for (const { engine, skip } of ENGINES) {
  describe.skipIf(skip)(`${engine}: imports`, () => {
    it('SARIF from two tools: mapped, unmapped and suppressed results', async () => {
      const { store } = await fresh(engine);
      try {
        const s = await importResults(store, fixture('sample.sarif.json'));
        expect(s).toMatchObject({
          format: 'sarif',
          results: 3,
          mapped: 2,
          unmapped: 1,
          records: 3,
        });
        expect(s.tools).toEqual(['Checkov', 'gitleaks']);
        const records = await store.list({ kind: 'import' });
        const enc = records.find((r) => r.control === 'encryption-at-rest');
        expect(enc).toMatchObject({
          status: 'failed',
          source: 'Checkov/3.2.0',
          artifactSha256: s.artifactSha256,
        });
        expect(enc?.payload).toMatchObject({
          ruleId: 'CKV_AWS_19',
          file: 'main.tf',
          line: 12,
          mapping: 'mapped',
        });
        const unmapped = records.find((r) => r.control === undefined);
        expect(unmapped?.payload).toMatchObject({ ruleId: 'CKV_AWS_999', mapping: 'unmapped' });
        expect(unmapped?.status).toBe('passed');
        expect(records.find((r) => r.control === 'secrets-management')?.status).toBe('info');
        expect((await store.getArtifact(s.artifactSha256))?.toString()).toContain('"2.1.0"');
        expect((await store.verify()).ok).toBe(true);
      } finally {
        await store.close();
      }
    });

    it('Checkov JSON: one record per mapped control, skipped checks kept as info', async () => {
      const { store } = await fresh(engine);
      try {
        const s = await importResults(store, fixture('checkov.json'));
        expect(s).toMatchObject({
          format: 'checkov',
          results: 4,
          mapped: 3,
          unmapped: 1,
          records: 5,
        });
        const records = await store.list();
        expect(
          records
            .filter((r) => r.control === 'encryption-at-rest')
            .map((r) => r.status)
            .sort(),
        ).toEqual(['failed', 'passed']);
        expect(records.find((r) => r.control === 'key-management')?.payload).toMatchObject({
          ruleId: 'CKV_AWS_145',
        });
        const skipped = records.find((r) => r.control === 'audit-logging');
        expect(skipped?.status).toBe('info');
        expect(skipped?.payload).toMatchObject({
          message: expect.stringContaining('this is the log bucket'),
        });
        expect(records.find((r) => r.control === undefined)?.payload).toMatchObject({
          ruleId: 'CKV_CUSTOM_1',
          mapping: 'unmapped',
        });
      } finally {
        await store.close();
      }
    });

    it('Trivy JSON: misconfigurations and vulnerabilities', async () => {
      const { store } = await fresh(engine);
      try {
        const s = await importResults(store, fixture('trivy.json'));
        expect(s).toMatchObject({
          format: 'trivy',
          results: 3,
          mapped: 3,
          unmapped: 0,
          records: 4,
        });
        const records = await store.list();
        expect(records.find((r) => r.control === 'encryption-at-rest')).toMatchObject({
          status: 'failed',
        });
        expect(records.find((r) => r.control === 'data-backup')).toMatchObject({
          status: 'passed',
        });
        expect(records.find((r) => r.control === 'patch-management')?.payload).toMatchObject({
          ruleId: 'CVE-2024-0001',
          resource: 'leftpad@1.0.0',
        });
      } finally {
        await store.close();
      }
    });

    it('Prowler OCSF JSON: PASS, FAIL and MANUAL, with retention from the mapped frameworks', async () => {
      const { store } = await fresh(engine);
      try {
        const s = await importResults(store, fixture('prowler.ocsf.json'), {
          collectedAt: '2026-03-01T00:00:00Z',
        });
        expect(s).toMatchObject({
          format: 'prowler-ocsf',
          results: 3,
          mapped: 2,
          unmapped: 1,
          records: 3,
        });
        const records = await store.list();
        const mfa = records.find((r) => r.control === 'multi-factor-authentication');
        expect(mfa).toMatchObject({ status: 'passed', source: 'prowler/4.2.0' });
        expect(records.find((r) => r.control === 'firewall-configuration')?.status).toBe('failed');
        expect(records.find((r) => r.control === undefined)).toMatchObject({ status: 'unknown' });
        // MFA maps to HIPAA requirements: 6 years (164.316(b)(2)(i)).
        expect(mfa?.retainUntil).toBe('2032-03-01');
      } finally {
        await store.close();
      }
    });
  });
}
