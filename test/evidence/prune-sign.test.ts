import { generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { computeHash, type StoredRow } from '../../src/evidence/canonical.js';
import { openStore } from '../../src/evidence/store.js';
import { ENGINES, fresh, sample } from './helpers.js';

function keys() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

for (const { engine, skip } of ENGINES) {
  describe.skipIf(skip)(`${engine}: prune`, () => {
    it('removes only payloads past retention, records it, and the chain still verifies', async () => {
      const { store } = await fresh(engine);
      try {
        const old = await store.putArtifact(Buffer.from('old policy'));
        const shared = await store.putArtifact(Buffer.from('shared doc'));
        await store.appendMany([
          sample(1, { retainUntil: '2025-01-31', artifactSha256: old }),
          sample(2, { retainUntil: '2027-01-01' }),
          sample(3, { retainUntil: '2025-06-30', artifactSha256: shared }),
          sample(4, { retainUntil: '2026-01-01', artifactSha256: shared }),
          sample(5, { retainUntil: '2025-12-31' }),
        ]);
        const result = await store.prune('2026-01-01');
        // 1, 3, 5 are past retention; 4 is kept through its last day (2026-01-01).
        expect(result.pruned).toBe(3);
        expect(result.artifactsRemoved).toBe(1);
        expect(result.record).toMatchObject({ seq: 6, kind: 'prune' });
        expect(result.record?.payload).toMatchObject({
          asOf: '2026-01-01',
          count: 3,
          ranges: [
            [1, 1],
            [3, 3],
            [5, 5],
          ],
        });
        const all = await store.list();
        expect(all.filter((r) => r.prunedBy === 6).map((r) => r.seq)).toEqual([1, 3, 5]);
        expect(all.find((r) => r.seq === 1)?.payload).toBeNull();
        expect(all.find((r) => r.seq === 4)?.payload).not.toBeNull();
        expect(await store.getArtifact(old)).toBeUndefined();
        expect((await store.getArtifact(shared))?.toString()).toBe('shared doc');
        expect(await store.verify()).toMatchObject({ ok: true, count: 6, pruned: 3 });
        // Nothing more to prune on the same date; appends continue the chain.
        expect((await store.prune('2026-01-01')).pruned).toBe(0);
        await store.append(sample(7));
        expect(await store.verify()).toMatchObject({ ok: true, count: 7 });
      } finally {
        await store.close();
      }
    });
  });

  describe.skipIf(skip)(`${engine}: signed checkpoints`, () => {
    it('checkpoints every N records and at request, and verify checks them with the public key', async () => {
      const k = keys();
      const { store, url } = await fresh(engine, { signKey: k.privatePem, checkpointEvery: 5 });
      try {
        await store.appendMany(Array.from({ length: 12 }, (_, i) => sample(i)));
        const cp = await store.checkpoint();
        expect(cp).toMatchObject({ kind: 'checkpoint' });
        const checkpoints = await store.list({ kind: 'checkpoint' });
        expect(checkpoints.length).toBe(2);
        expect(checkpoints[0]?.payload).toMatchObject({ headSeq: 12, algorithm: 'ed25519' });
        expect(await store.verify({ publicKey: k.publicPem })).toMatchObject({
          ok: true,
          checkpoints: { count: 2, verified: true },
        });
        // Another key does not verify them.
        expect((await store.verify({ publicKey: keys().publicPem })).firstBad).toMatchObject({
          seq: 13,
          problem: 'bad-signature',
        });
      } finally {
        await store.close();
      }
      const unsigned = await openStore(url);
      expect(await unsigned.verify()).toMatchObject({
        ok: true,
        checkpoints: { count: 2, verified: false },
      });
      await unsigned.close();
    });
  });
}

describe('a rewritten chain fails against the signed checkpoint', () => {
  it('editing a record and re-hashing everything after it is caught as bad-signature', async () => {
    const k = keys();
    const { store, url } = await fresh('sqlite', { signKey: k.privatePem, checkpointEvery: 0 });
    await store.appendMany([sample(1), sample(2), sample(3)]);
    await store.checkpoint();
    await store.close();

    // The attacker edits record 2 and recomputes every later hash, checkpoint included.
    const db = new Database(url);
    const rows = db.prepare('SELECT * FROM records ORDER BY seq').all() as Record<
      string,
      string | number | null
    >[];
    let prev = '0'.repeat(64);
    for (const r of rows) {
      const payload = r['seq'] === 2 ? '{"i":2,"note":"forged"}' : String(r['payload']);
      const base: Omit<StoredRow, 'hash' | 'prunedBy'> = {
        seq: Number(r['seq']),
        id: String(r['id']),
        kind: String(r['kind']),
        control: r['control'] as string | null,
        source: String(r['source']),
        collectedAt: String(r['collected_at']),
        status: String(r['status']),
        payloadText: payload,
        artifactSha256: r['artifact_sha256'] as string | null,
        retainUntil: String(r['retain_until']),
        prevHash: prev,
      };
      const hash = computeHash(base, payload);
      db.prepare('UPDATE records SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(
        payload,
        prev,
        hash,
        base.seq,
      );
      prev = hash;
    }
    db.close();

    const again = await openStore(url);
    try {
      // Without the key the rewrite is self-consistent...
      expect((await again.verify()).ok).toBe(true);
      // ...with it, the checkpoint no longer signs the head it names.
      expect((await again.verify({ publicKey: k.publicPem })).firstBad).toMatchObject({
        seq: 4,
        problem: 'bad-signature',
      });
    } finally {
      await again.close();
    }
  });

  it('requireCheckpoint fails a ledger with no checkpoint', async () => {
    const { store } = await fresh('sqlite');
    await store.append(sample(1));
    const r = await store.verify({ publicKey: keys().publicPem, requireCheckpoint: true });
    expect(r).toMatchObject({ ok: false, firstBad: { problem: 'bad-signature' } });
    await store.close();
  });

  it('a payload cleared without a prune record is caught as edited', async () => {
    const { store, url } = await fresh('sqlite');
    await store.appendMany([sample(1), sample(2), sample(3)]);
    await store.close();
    expect(existsSync(join(dirname(url), 'evidence.db'))).toBe(true);
    const db = new Database(url);
    db.prepare('UPDATE records SET payload = NULL, pruned_by = 3 WHERE seq = 2').run();
    db.close();
    const again = await openStore(url);
    expect((await again.verify()).firstBad).toMatchObject({ seq: 2, problem: 'edited' });
    await again.close();
  });
});
