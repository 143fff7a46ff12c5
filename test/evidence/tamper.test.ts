import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { canonicalJson, computeHash, type StoredRow } from '../../src/evidence/canonical.js';
import { openStore } from '../../src/evidence/store.js';
import { fresh, PG_URL, sample } from './helpers.js';

async function sqliteWithRecords(n: number): Promise<string> {
  const { store, url } = await fresh('sqlite');
  await store.appendMany(Array.from({ length: n }, (_, i) => sample(i + 1)));
  await store.close();
  return url;
}

async function verifyFile(url: string) {
  const store = await openStore(url);
  try {
    return await store.verify();
  } finally {
    await store.close();
  }
}

describe('tampering with the SQLite file', () => {
  it('an edited payload is caught and named by seq', async () => {
    const url = await sqliteWithRecords(10);
    const db = new Database(url);
    db.prepare(`UPDATE records SET payload = '{"i":6,"note":"changed"}' WHERE seq = 6`).run();
    const id = db.prepare('SELECT id FROM records WHERE seq = 6').pluck().get() as string;
    db.close();
    const result = await verifyFile(url);
    expect(result.ok).toBe(false);
    expect(result.firstBad).toMatchObject({ seq: 6, id, problem: 'edited' });
  });

  it('an edited status is caught', async () => {
    const url = await sqliteWithRecords(5);
    const db = new Database(url);
    db.prepare(`UPDATE records SET status = 'passed' WHERE seq = 2`).run();
    db.close();
    expect((await verifyFile(url)).firstBad).toMatchObject({ seq: 2, problem: 'edited' });
  });

  it('an edit with the hash recomputed is caught at that record', async () => {
    const url = await sqliteWithRecords(5);
    const db = new Database(url);
    const row = db.prepare('SELECT * FROM records WHERE seq = 3').get() as Record<
      string,
      string | number | null
    >;
    const payload = canonicalJson({ forged: true });
    const forged: Omit<StoredRow, 'hash' | 'prunedBy'> = {
      seq: 3,
      id: String(row['id']),
      kind: String(row['kind']),
      control: row['control'] as string | null,
      source: String(row['source']),
      collectedAt: String(row['collected_at']),
      status: String(row['status']),
      payloadText: payload,
      artifactSha256: null,
      retainUntil: String(row['retain_until']),
      prevHash: String(row['prev_hash']),
    };
    db.prepare('UPDATE records SET payload = ?, hash = ? WHERE seq = 3').run(
      payload,
      computeHash(forged, payload),
    );
    db.close();
    expect((await verifyFile(url)).firstBad).toMatchObject({ seq: 3, problem: 'edited' });
  });

  it('a deleted row is caught', async () => {
    const url = await sqliteWithRecords(10);
    const db = new Database(url);
    db.prepare('DELETE FROM records WHERE seq = 4').run();
    db.close();
    const result = await verifyFile(url);
    expect(result.ok).toBe(false);
    expect(result.firstBad).toMatchObject({ seq: 4, problem: 'removed' });
  });

  it('a deleted row with later rows renumbered is caught as removed', async () => {
    const url = await sqliteWithRecords(6);
    const db = new Database(url);
    db.prepare('DELETE FROM records WHERE seq = 3').run();
    for (const s of [4, 5, 6]) db.prepare('UPDATE records SET seq = ? WHERE seq = ?').run(s - 1, s);
    db.close();
    expect((await verifyFile(url)).firstBad).toMatchObject({ seq: 3, problem: 'removed' });
  });

  it('two swapped records are caught as reordered', async () => {
    const url = await sqliteWithRecords(8);
    const db = new Database(url);
    db.prepare('UPDATE records SET seq = -1 WHERE seq = 5').run();
    db.prepare('UPDATE records SET seq = 5 WHERE seq = 6').run();
    db.prepare('UPDATE records SET seq = 6 WHERE seq = -1').run();
    db.close();
    const result = await verifyFile(url);
    expect(result.ok).toBe(false);
    expect(result.firstBad).toMatchObject({ seq: 5, problem: 'reordered' });
  });

  it('an untouched file verifies', async () => {
    const url = await sqliteWithRecords(20);
    expect(await verifyFile(url)).toMatchObject({ ok: true, count: 20 });
  });
});

describe.skipIf(!PG_URL)('PostgreSQL refuses edits', () => {
  it('UPDATE, DELETE and TRUNCATE on records are refused by the database', async () => {
    const { store, url } = await fresh('postgres');
    await store.appendMany([sample(1), sample(2), sample(3)]);
    await store.close();
    const u = new URL(url);
    const schema = u.searchParams.get('schema') ?? '';
    u.searchParams.delete('schema');
    const client = new pg.Client({ connectionString: u.toString() });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${schema}"`);
      await expect(client.query(`UPDATE records SET payload = '{}' WHERE seq = 2`)).rejects.toThrow(
        /append-only/,
      );
      await expect(
        client.query(`UPDATE records SET payload = NULL, pruned_by = 3 WHERE seq = 1`),
      ).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM records WHERE seq = 3')).rejects.toThrow(
        /append-only/,
      );
      await expect(client.query('TRUNCATE records')).rejects.toThrow(/append-only/);
      // Announcing a prune that does not exist does not open the door either.
      await client.query('BEGIN');
      await client.query("SELECT set_config('crosswalk.prune_seq', '3', true)");
      await expect(
        client.query('UPDATE records SET payload = NULL, pruned_by = 3 WHERE seq = 1'),
      ).rejects.toThrow(/append-only/);
      await client.query('ROLLBACK');
      const count = await client.query('SELECT count(*)::int AS n FROM records');
      expect(count.rows[0]).toEqual({ n: 3 });
    } finally {
      await client.end();
    }
    const again = await openStore(url);
    expect(await again.verify()).toMatchObject({ ok: true, count: 3 });
    await again.close();
  });

  it('a row edited with the triggers disabled is caught by verify', async () => {
    const { store, url } = await fresh('postgres');
    await store.appendMany([sample(1), sample(2), sample(3)]);
    await store.close();
    const u = new URL(url);
    const schema = u.searchParams.get('schema') ?? '';
    u.searchParams.delete('schema');
    const client = new pg.Client({ connectionString: u.toString() });
    await client.connect();
    await client.query(`SET search_path TO "${schema}"`);
    await client.query('ALTER TABLE records DISABLE TRIGGER USER');
    await client.query(`UPDATE records SET payload = '{"i":2}' WHERE seq = 2`);
    await client.end();
    const again = await openStore(url);
    expect((await again.verify()).firstBad).toMatchObject({ seq: 2, problem: 'edited' });
    await again.close();
  });
});
