import { createHash, generateKeyPairSync } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { create, extract } from 'tar';
import { describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/engine/types.js';
import { exportBundle, verifyBundle } from '../../src/evidence/bundle.js';
import {
  evidenceAdd,
  evidenceImport,
  evidenceList,
  evidencePrune,
  evidenceShow,
  evidenceVerify,
} from '../../src/evidence/cli.js';
import { addManual, UnknownControlError } from '../../src/evidence/manual.js';
import { appendScan, recordScan } from '../../src/evidence/scan.js';
import { openStore } from '../../src/evidence/store.js';
import { ENGINES, fresh, sample, tempDir } from './helpers.js';

function scanResult(failed: boolean): ScanResult {
  const location = { file: 'main.tf', startLine: 3, endLine: 9 };
  const resource = { type: 'aws_s3_bucket', name: 'data', address: 'aws_s3_bucket.data' };
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'crosswalk', version: '0.1.0' },
    startedAt: '2026-11-02T09:30:00.000Z',
    durationMs: 42,
    paths: ['.'],
    files: ['main.tf'],
    summary: {
      resources: 1,
      findings: 2,
      passed: failed ? 0 : 1,
      failed: failed ? 1 : 0,
      unknown: 0,
      waived: 1,
      error: 0,
    },
    frameworks: [],
    findings: [
      {
        ruleId: 'aws-s3-bucket-encryption-enabled',
        title: 'S3 bucket encrypted',
        severity: 'high',
        status: failed ? 'failed' : 'passed',
        resource,
        location,
        message: 'server_side_encryption_configuration is missing',
        controls: ['encryption-at-rest'],
        requirements: [],
      },
      {
        ruleId: 'aws-s3-bucket-logging-enabled',
        title: 'S3 access logging',
        severity: 'medium',
        status: 'waived',
        resource,
        location,
        message: 'logging is off',
        controls: ['audit-logging'],
        requirements: [],
        waiver: {
          reason: 'this is the log bucket',
          source: 'config',
          owner: 'sec-team',
          expires: '2027-01-01',
          expired: false,
        },
      },
    ],
    rules: [],
    diagnostics: [],
  };
}

function io() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: { stdout: (s: string) => (out.stdout += s), stderr: (s: string) => (out.stderr += s) },
  };
}

for (const { engine, skip } of ENGINES) {
  describe.skipIf(skip)(`${engine}: scans, manual evidence and bundles`, () => {
    it('a scan run records findings, inputs and the waivers in force', async () => {
      const { store } = await fresh(engine);
      try {
        const r = await appendScan(store, scanResult(true), {
          paths: ['.'],
          inputHashes: { 'main.tf': 'a'.repeat(64) },
          commit: 'abc123',
          branch: 'main',
          rulePackVersion: '0.1.0',
        });
        expect(r).toMatchObject({
          kind: 'scan-run',
          status: 'failed',
          source: 'crosswalk/0.1.0',
          collectedAt: '2026-11-02T09:30:00.000Z',
        });
        expect(r.payload).toMatchObject({
          commit: 'abc123',
          branch: 'main',
          inputHashes: { 'main.tf': 'a'.repeat(64) },
          findings: [
            {
              ruleId: 'aws-s3-bucket-encryption-enabled',
              status: 'failed',
              file: 'main.tf',
              line: 3,
            },
            { status: 'waived' },
          ],
          waivers: [
            {
              ruleId: 'aws-s3-bucket-logging-enabled',
              reason: 'this is the log bucket',
              owner: 'sec-team',
              expires: '2027-01-01',
            },
          ],
        });
        // Encryption at rest maps to HIPAA: kept 6 years from the scan.
        expect(r.retainUntil).toBe('2032-11-02');
        const passing = await appendScan(store, scanResult(false), {
          paths: ['.'],
          inputHashes: {},
          rulePackVersion: '0.1.0',
        });
        expect(passing.status).toBe('passed');
      } finally {
        await store.close();
      }
    });

    it('manual evidence is stored content-addressed and unknown controls are refused', async () => {
      const { store } = await fresh(engine);
      const file = join(tempDir(), 'infosec-policy.pdf');
      writeFileSync(file, 'policy text v3');
      try {
        const r = await addManual(store, {
          control: 'security-policies',
          file,
          expires: '2027-06-30',
          note: 'approved by the board',
          source: 'ciso',
        });
        const sha = createHash('sha256').update('policy text v3').digest('hex');
        expect(r).toMatchObject({
          kind: 'manual',
          control: 'security-policies',
          status: 'info',
          source: 'ciso',
          artifactSha256: sha,
        });
        expect(r.payload).toEqual({
          fileName: 'infosec-policy.pdf',
          size: 14,
          expires: '2027-06-30',
          note: 'approved by the board',
        });
        expect((await store.getArtifact(sha))?.toString()).toBe('policy text v3');
        // HIPAA counts 6 years from the last effective date, i.e. the expiry.
        expect(r.retainUntil).toBe('2033-06-30');
        await expect(addManual(store, { control: 'no-such-control', file })).rejects.toBeInstanceOf(
          UnknownControlError,
        );
        expect((await store.list()).length).toBe(1);
      } finally {
        await store.close();
      }
    });

    it('export writes a bundle that verifies offline; a tampered bundle fails', async () => {
      const { store } = await fresh(engine);
      const dir = tempDir();
      const doc = join(dir, 'training.csv');
      writeFileSync(doc, 'name,date\nalice,2026-10-01\n');
      await addManual(store, { control: 'security-training', file: doc });
      await store.appendMany([sample(2, { retainUntil: '2020-01-01' }), sample(3)]);
      await store.prune('2026-01-01');
      const out = join(dir, 'bundle.tar.gz');
      const exported = await exportBundle(store, out);
      await store.close();
      expect(exported).toMatchObject({ count: 4, artifacts: 1, verification: { ok: true } });
      expect(await verifyBundle(out)).toMatchObject({
        ok: true,
        problems: [],
        chain: { ok: true, count: 4, pruned: 1 },
      });

      // Tamper: edit one record's payload inside the archive and repack it.
      const unpacked = join(dir, 'unpacked');
      mkdirSync(unpacked);
      await extract({ file: out, cwd: unpacked });
      const path = join(unpacked, 'records.jsonl');
      writeFileSync(path, readFileSync(path, 'utf8').replace('record 3', 'record 33'));
      const bad = join(dir, 'tampered.tar.gz');
      await create({ gzip: true, file: bad, cwd: unpacked }, [
        'manifest.json',
        'records.jsonl',
        'verification.json',
        'artifacts',
      ]);
      const result = await verifyBundle(bad);
      expect(result.ok).toBe(false);
      expect(result.problems).toContain('records.jsonl: content does not match the manifest');
      expect(result.chain?.firstBad).toMatchObject({ seq: 3, problem: 'edited' });

      // Tamper: swap an artifact's content.
      const [artifact] = Object.keys(
        JSON.parse(readFileSync(join(unpacked, 'manifest.json'), 'utf8')).files,
      ).filter((f: string) => f.startsWith('artifacts/'));
      writeFileSync(path, readFileSync(path, 'utf8').replace('record 33', 'record 3'));
      writeFileSync(join(unpacked, artifact ?? 'x'), 'forged');
      const bad2 = join(dir, 'tampered2.tar.gz');
      await create({ gzip: true, file: bad2, cwd: unpacked }, [
        'manifest.json',
        'records.jsonl',
        'verification.json',
        'artifacts',
      ]);
      const r2 = await verifyBundle(bad2);
      expect(r2.ok).toBe(false);
      expect(r2.problems.some((p) => p.includes('does not match its name'))).toBe(true);
    });
  });
}

describe('CLI functions', () => {
  it('add, list, show, import, prune and verify through the io object', async () => {
    const dir = tempDir();
    const store = join(dir, 'ev.db');
    const doc = join(dir, 'dpa.pdf');
    writeFileSync(doc, 'data processing agreement');
    const a = io();
    expect(
      await evidenceAdd(
        { store, control: 'vendor-management', file: doc, expires: '2027-01-01' },
        a.io,
      ),
    ).toBe(0);
    expect(a.out.stdout).toMatch(/^added #1 /);
    const bad = io();
    expect(await evidenceAdd({ store, control: 'nope', file: doc }, bad.io)).toBe(2);
    expect(bad.out.stderr).toContain('unknown control "nope"');
    const imp = io();
    const fixture = new URL('./fixtures/trivy.json', import.meta.url).pathname;
    expect(await evidenceImport(fixture, { store }, imp.io)).toBe(0);
    expect(imp.out.stdout).toContain(
      'imported 3 trivy results from trivy: 3 mapped, 0 unmapped, 4 records',
    );
    const l = io();
    expect(await evidenceList({ store, control: 'vendor-management', json: true }, l.io)).toBe(0);
    const listed = JSON.parse(l.out.stdout) as { id: string }[];
    expect(listed.length).toBe(1);
    const s = io();
    expect(await evidenceShow(listed[0]?.id ?? '', { store }, s.io)).toBe(0);
    expect(JSON.parse(s.out.stdout)).toMatchObject({ control: 'vendor-management', seq: 1 });
    const p = io();
    expect(await evidencePrune({ store, asOf: '2026-01-01' }, p.io)).toBe(0);
    expect(p.out.stdout).toBe('nothing is past retention\n');
    const v = io();
    expect(await evidenceVerify({ store }, v.io)).toBe(0);
    expect(v.out.stdout).toMatch(/^OK: 5 records, chain intact/);
    const missing = io();
    expect(await evidenceVerify({ bundle: join(dir, 'none.tar.gz') }, missing.io)).toBe(2);
    const noStore = io();
    expect(await evidenceList({ store: join(dir, 'absent.db') }, noStore.io)).toBe(2);
    expect(noStore.out.stderr).toContain('no evidence store at');
    expect(existsSync(join(dir, 'absent.db'))).toBe(false);
  });

  it('verify with a public key demands and checks checkpoints; exit 1 when they fail', async () => {
    const dir = tempDir();
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const keyFile = join(dir, 'sign.pem');
    const pubFile = join(dir, 'sign.pub.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(pubFile, publicKey.export({ type: 'spki', format: 'pem' }));
    const store = join(dir, 'ev.db');
    const doc = join(dir, 'risk.md');
    writeFileSync(doc, 'risk assessment');
    expect(await evidenceAdd({ store, control: 'risk-assessment', file: doc }, io().io)).toBe(0);
    const none = io();
    expect(await evidenceVerify({ store, publicKey: pubFile }, none.io)).toBe(1);
    expect(none.out.stdout).toContain('no signed checkpoint');
    const r = await recordScan(scanResult(true), { store, cwd: dir, signKey: keyFile });
    expect(r.seq).toBe(2);
    const ok = io();
    expect(await evidenceVerify({ store, publicKey: pubFile }, ok.io)).toBe(0);
    expect(ok.out.stdout).toContain('checkpoints: 1, signatures verified');
  });

  it('recordScan hashes the inputs and reads commit and branch from git', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'main.tf'), 'resource "aws_s3_bucket" "data" {}\n');
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], {
        cwd: dir,
        stdio: 'ignore',
      });
    let commit: string | undefined;
    try {
      git('init', '-q', '-b', 'audit');
      git('add', '.');
      git('commit', '-q', '-m', 'x');
      commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir }).toString().trim();
    } catch {
      commit = undefined; // no git on this machine: the record simply has no commit
    }
    const r = await recordScan(scanResult(false), { cwd: dir, rulePackVersion: 'rules-2026.11' });
    const payload = r.payload as Record<string, unknown>;
    expect(payload['inputHashes']).toEqual({
      'main.tf': createHash('sha256').update('resource "aws_s3_bucket" "data" {}\n').digest('hex'),
    });
    expect(payload['rulePackVersion']).toBe('rules-2026.11');
    if (commit) expect(payload).toMatchObject({ commit, branch: 'audit' });
    const s = await openStore(join(dir, '.crosswalk/evidence.db'));
    expect(await s.verify()).toMatchObject({ ok: true, count: 1 });
    await s.close();
  });
});
