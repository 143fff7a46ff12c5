import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import type { EvidenceRecord } from '../../src/evidence/types.js';
import { postureAt, postureHistory, type FrameworkPosture } from '../../src/posture/history.js';
import type { PostureRecord } from '../../src/posture/records.js';
import * as f from './fixture.js';

// The ledger's records are accepted as they come from the store (checked by tsc).
const fromStore = (records: readonly EvidenceRecord[]): readonly PostureRecord[] => records;
void fromStore;

const catalog = loadCatalog();
const hipaa = (date: string, records = f.records): FrameworkPosture =>
  postureAt(catalog, records, date, { framework: 'hipaa' });
const status = (p: FrameworkPosture, id: string) => {
  const r = p.requirements.find((x) => x.id === id);
  if (!r) throw new Error(`requirement ${id} not reported`);
  return r;
};

describe('postureAt', () => {
  const now = hipaa('2026-12-03');

  it('fails a requirement from the latest scan only', () => {
    expect(status(hipaa('2026-11-30'), '164.312(a)(2)(iv)').status).toBe('failing');
    expect(status(hipaa('2026-11-30'), '164.312(e)(2)(ii)').status).toBe('failing');
    // The second scan passes the bucket; by 12-02 the key-management evidence is current.
    expect(status(hipaa('2026-12-02'), '164.312(a)(2)(iv)').status).toBe('passing');
  });

  it('reports open failures with file and line and the record they came from', () => {
    const r = status(hipaa('2026-11-30'), '164.312(a)(2)(iv)');
    expect(r.failures).toEqual([
      expect.objectContaining({
        ruleId: 'aws-s3-bucket-encrypted-at-rest',
        file: 'main.tf',
        line: 12,
        recordId: f.firstScan.id,
      }),
    ]);
    expect(r.rules).toEqual(['aws-s3-bucket-encrypted-at-rest']);
    expect(r.controls).toEqual(['encryption-at-rest', 'key-management']);
  });

  it('is stale when a required manual item has passed its explicit expiry', () => {
    const r = status(now, '164.312(a)(2)(iv)');
    expect(r.status).toBe('stale');
    expect(r.manual.map((m) => [m.item, m.state])).toEqual([
      ['key-management-procedure', 'current'],
      ['crypto-review', 'expired'],
    ]);
    expect(r.manual[1]?.expiresAt).toBe('2026-12-02T23:59:59.999Z');
  });

  it('is stale when manual evidence is older than its renewal period', () => {
    const r = status(now, '164.404');
    expect(r.status).toBe('stale');
    const procedure = r.manual.find((m) => m.item === 'breach-procedure');
    expect(procedure?.state).toBe('expired');
    expect(procedure?.expiresAt).toBe('2026-10-01T08:00:00.000Z');
    expect(r.evidence.map((e) => e.id)).toEqual([f.oldBreachProcedure.id, f.breachRegister.id]);
  });

  it('passes a manual-only requirement while its evidence is current', () => {
    expect(status(now, '164.308(a)(5)').status).toBe('passing');
    expect(status(hipaa('2026-11-28'), '164.308(a)(5)').status).toBe('unassessed');
    // 365 days after collection the training record is no longer current.
    expect(status(hipaa('2027-11-30'), '164.308(a)(5)').status).toBe('stale');
  });

  it('is waived when the only failures are waived, keeping reason, owner and expiry', () => {
    const r = status(now, '164.312(e)(2)(ii)');
    expect(r.status).toBe('waived');
    expect(r.waivers[0]).toMatchObject({
      file: 'lb.tf',
      line: 4,
      waiver: {
        reason: 'Internal health-check listener only',
        owner: 'net-team',
        expires: '2027-01-31',
      },
    });
  });

  it('gives unknown, never a pass, when a check could not decide', () => {
    const r = status(now, '164.312(b)');
    expect(r.status).toBe('unknown');
    expect(r.unknowns[0]?.message).toContain('no value');
  });

  it('fails from an imported result mapped through its control', () => {
    const r = status(now, '164.312(d)');
    expect(r.status).toBe('failing');
    expect(r.failures[0]).toMatchObject({
      ruleId: 'checkov/3.2.0:CKV_AWS_MFA',
      recordId: f.checkovImport.id,
      resource: 'aws_iam_user.admin',
      file: 'iam.tf',
      line: 7,
      message: 'IAM user console access without MFA',
    });
    expect(r.evidence.map((e) => e.source)).toEqual(['checkov/3.2.0']);
    // A later passing import from the same source and control replaces it.
    const fixed = {
      ...f.checkovImport,
      seq: 99,
      id: 'later',
      status: 'passed' as const,
      collectedAt: '2026-12-03T01:00:00.000Z',
    };
    expect(status(hipaa('2026-12-03', [...f.records, fixed]), '164.312(d)').status).toBe(
      'incomplete',
    );
  });

  it("replaces a tool's whole import run with its next run", () => {
    // The next checkov run reports only an unrelated passing check: the MFA failure is gone.
    const nextRun = f.record(
      'import',
      '2026-12-03T02:00:00.000Z',
      'passed',
      { ruleId: 'CKV_AWS_20', status: 'passed' },
      'encryption-at-rest',
      'checkov/3.2.0',
      'b'.repeat(64),
    );
    const p = hipaa('2026-12-03', [...f.records, nextRun]);
    expect(status(p, '164.312(d)').status).toBe('unassessed');
    expect(status(p, '164.312(a)(2)(iv)').evidence.map((e) => e.id)).toContain(nextRun.id);
    // A run of another tool does not replace checkov's.
    const otherTool = { ...nextRun, id: 'other', seq: 101, source: 'prowler/4' };
    const withOther = hipaa('2026-12-03', [...f.records, otherTool]);
    expect(status(withOther, '164.312(d)').status).toBe('failing');
  });

  it('counts a manual record without an item for every manual item of its control', () => {
    const whole = f.record(
      'manual',
      '2026-12-03T12:00:00.000Z',
      'info',
      { fileName: 'breach-pack.zip', size: 1 },
      'breach-notification',
      'bob@example.com',
    );
    const r = status(hipaa('2026-12-03', [...f.records, whole]), '164.404');
    expect(r.status).toBe('passing');
    expect(r.manual.map((m) => m.record?.id)).toEqual([whole.id, whole.id]);
  });

  it('joins the waivers list of a ledger scan payload to waived findings', () => {
    const r = status(now, '164.312(e)(1)');
    expect(r.waivers).toHaveLength(1);
    expect(r.waivers[0]?.waiver).toEqual({
      reason: 'Internal health-check listener only',
      owner: 'net-team',
      expires: '2027-01-31',
      source: 'config',
    });
  });

  it('is incomplete when checks pass but a required manual item was never provided', () => {
    const r = status(now, '164.308(a)(5)(ii)(D)');
    expect(r.status).toBe('incomplete');
    expect(r.manual.find((m) => m.item === 'password-standard')?.state).toBe('missing');
  });

  it('counts statuses and gives the score together with coverage', () => {
    expect(now.counts).toEqual({
      failing: 1,
      stale: 8,
      unknown: 2,
      waived: 3,
      incomplete: 3,
      passing: 2,
      unassessed: now.total - 19,
    });
    expect(now.assessed).toBe(19);
    expect(now.score).toBeCloseTo(2 / 19);
    expect(now.coverage).toBeCloseTo(19 / now.total);
    expect(now.total).toBeGreaterThan(40);
    expect(now.framework.id).toBe('hipaa');
  });

  it('has no score, and zero coverage, before any evidence', () => {
    const empty = hipaa('2020-01-01');
    expect(empty.score).toBeNull();
    expect(empty.coverage).toBe(0);
    expect(empty.counts.unassessed).toBe(empty.total);
  });

  it('ignores records collected after the date and pruned records', () => {
    const pruned = { ...f.secondScan, payload: null, prunedBy: 20 };
    const p = hipaa(
      '2026-12-03',
      f.records.map((r) => (r.id === f.secondScan.id ? pruned : r)),
    );
    expect(status(p, '164.312(e)(2)(ii)').status).toBe('failing');
    expect(status(hipaa('2026-12-01T08:59:59Z'), '164.312(e)(2)(ii)').status).toBe('failing');
    expect(status(hipaa('2026-12-01T09:00:00Z'), '164.312(e)(2)(ii)').status).toBe('waived');
  });

  it('resolves framework aliases and rejects unknown frameworks', () => {
    expect(postureAt(catalog, f.records, '2026-12-03', { framework: 'pci' }).framework.id).toBe(
      'pci-dss',
    );
    expect(() => postureAt(catalog, f.records, '2026-12-03', { framework: 'sox' })).toThrow(
      /Unknown framework/,
    );
  });

  it('reads requirement ids from the finding and from its controls for other frameworks', () => {
    const soc2 = postureAt(catalog, f.records, '2026-11-30', { framework: 'soc2' });
    expect(soc2.requirements.find((r) => r.id === 'CC6.7')?.status).toBe('failing');
  });
});

describe('postureHistory', () => {
  it('gives one point per day with score and coverage, ending at "to"', () => {
    const points = postureHistory(catalog, f.records, '2026-11-27', '2026-12-03', 1, {
      framework: 'hipaa',
    });
    expect(points.map((p) => p.date)).toEqual([
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
    ]);
    // Only the expired breach procedure exists on 11-27: evidence, but nothing passing.
    expect(points[0]?.score).toBe(0);
    expect(points[0]?.counts.stale).toBe(7);
    expect(points[6]?.score).toBeCloseTo(2 / 19);
    for (let i = 1; i < points.length; i++) {
      expect(points[i]!.coverage).toBeGreaterThanOrEqual(points[i - 1]!.coverage);
    }
  });

  it('agrees with postureAt on every day (the trend takes a shorter path)', () => {
    for (const framework of ['hipaa', 'soc2', 'pci-dss']) {
      const points = postureHistory(catalog, f.records, '2026-11-27', '2026-12-03', 1, {
        framework,
      });
      for (const point of points) {
        const p = postureAt(catalog, f.records, point.date, { framework });
        expect(point.counts).toEqual(p.counts);
        expect(point.score).toBe(p.score);
        expect(point.coverage).toBe(p.coverage);
      }
    }
  });

  it('steps by several days and still ends on "to"', () => {
    const points = postureHistory(catalog, f.records, '2026-11-27', '2026-12-03', 3, {
      framework: 'hipaa',
    });
    expect(points.map((p) => p.date)).toEqual(['2026-11-27', '2026-11-30', '2026-12-03']);
  });

  it('rejects a reversed range and a bad step', () => {
    expect(() =>
      postureHistory(catalog, [], '2026-12-03', '2026-12-01', 1, { framework: 'hipaa' }),
    ).toThrow();
    expect(() =>
      postureHistory(catalog, [], '2026-12-01', '2026-12-03', 0, { framework: 'hipaa' }),
    ).toThrow();
  });
});
