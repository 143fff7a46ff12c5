import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES, fresh, sample } from './helpers.js';
import {
  canonicalJson,
  computeHash,
  GENESIS_HASH,
  recordToRow,
} from '../../src/evidence/canonical.js';
import { openStore } from '../../src/evidence/store.js';
import { MIGRATIONS } from '../../src/evidence/migrations.js';
import Database from 'better-sqlite3';
import pg from 'pg';

async function pgVersions(url: string): Promise<number[]> {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? 'public';
  u.searchParams.delete('schema');
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    const res = await client.query<{ version: number }>(
      `SELECT version FROM "${schema}".schema_migrations ORDER BY version`,
    );
    return res.rows.map((r) => r.version);
  } finally {
    await client.end();
  }
}

for (const { engine, skip } of ENGINES) {
  describe.skipIf(skip)(`${engine} store`, () => {
    it('appends gap-free, chained records and verifies them', async () => {
      const { store } = await fresh(engine);
      try {
        const a = await store.append(sample(1));
        const many = await store.appendMany([sample(2), sample(3)]);
        expect(many).toMatchObject({ count: 2, firstSeq: 2, lastSeq: 3 });
        const rest = await store.list({ from: '2000-01-01' }).then((all) => all.slice(1));
        expect(rest.map((r) => r.id)).toEqual(many.ids);
        expect(many.lastHash).toBe(rest[1]?.hash);
        expect(a.seq).toBe(1);
        expect(a.prevHash).toBe(GENESIS_HASH);
        expect(rest.map((r) => r.seq)).toEqual([2, 3]);
        expect(rest[0]?.prevHash).toBe(a.hash);
        expect(rest[1]?.prevHash).toBe(rest[0]?.hash);
        const row = recordToRow(a);
        expect(a.hash).toBe(computeHash(row, canonicalJson(a.payload)));
        const result = await store.verify();
        expect(result).toMatchObject({ ok: true, count: 3, head: { seq: 3, hash: rest[1]?.hash } });
        expect(await store.get(a.id)).toEqual(a);
        expect(await store.get('nope')).toBeUndefined();
      } finally {
        await store.close();
      }
    });

    it('lists by kind, control and date, and re-opens with the same chain', async () => {
      const { store, url } = await fresh(engine);
      await store.appendMany([
        sample(1, { collectedAt: '2026-01-10T00:00:00Z' }),
        sample(2, { collectedAt: '2026-02-10T12:00:00Z', control: 'encryption-at-rest' }),
        sample(3, { collectedAt: '2026-03-10T00:00:00Z', kind: 'import', status: 'failed' }),
      ]);
      expect((await store.list({ kind: 'import' })).map((r) => r.seq)).toEqual([3]);
      expect((await store.list({ control: 'encryption-at-rest' })).map((r) => r.seq)).toEqual([2]);
      expect(
        (await store.list({ from: '2026-02-01', to: '2026-02-10' })).map((r) => r.seq),
      ).toEqual([2]);
      expect((await store.list({ to: '2026-02-09' })).map((r) => r.seq)).toEqual([1]);
      await store.close();
      const again = await openStore(url);
      try {
        const r = await again.append(sample(4));
        expect(r.seq).toBe(4);
        expect((await again.verify()).ok).toBe(true);
      } finally {
        await again.close();
      }
    });

    it('records its migrations, and opening again applies none twice', async () => {
      const { store, url } = await fresh(engine);
      await store.close();
      const again = await openStore(url);
      await again.close();
      const versions =
        engine === 'sqlite'
          ? (new Database(url)
              .prepare('SELECT version FROM schema_migrations ORDER BY version')
              .pluck()
              .all() as number[])
          : await pgVersions(url);
      expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
      expect(versions).toEqual([1, 2]);
    });

    it('stores artifacts content-addressed', async () => {
      const { store } = await fresh(engine);
      try {
        const sha = await store.putArtifact(Buffer.from('policy v1'));
        expect(sha).toBe(createHash('sha256').update('policy v1').digest('hex'));
        expect(await store.putArtifact(Buffer.from('policy v1'))).toBe(sha);
        expect((await store.getArtifact(sha))?.toString()).toBe('policy v1');
        expect(await store.getArtifact('0'.repeat(64))).toBeUndefined();
      } finally {
        await store.close();
      }
    });
  });
}
