import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/evidence/store.js';
import { exited, spawnWriter } from './child.js';
import { fresh, freshUrl, PG_URL, sample } from './helpers.js';

describe('concurrent writers give one unbroken chain', () => {
  it('SQLite: 4 processes × 25 appends', async () => {
    const url = freshUrl('sqlite');
    (await openStore(url)).close();
    const children = await Promise.all([0, 1, 2, 3].map((w) => spawnWriter(url, 25, 1, String(w))));
    const results = await Promise.all(children.map(exited));
    for (const r of results) expect(r).toMatchObject({ code: 0 });
    const store = await openStore(url);
    try {
      expect(await store.verify()).toMatchObject({ ok: true, count: 100 });
      const all = await store.list();
      expect(all.map((r) => r.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
      expect(new Set(all.map((r) => r.source)).size).toBe(4);
    } finally {
      await store.close();
    }
  });

  it.skipIf(!PG_URL)('PostgreSQL: 4 clients × 25 appends, plus 2 processes', async () => {
    const { store, url } = await fresh('postgres');
    await store.close();
    const clients = await Promise.all([0, 1, 2, 3].map(() => openStore(url)));
    await Promise.all(
      clients.map(async (c, w) => {
        for (let i = 0; i < 25; i++) await c.append(sample(i, { source: `client-${w}` }));
      }),
    );
    await Promise.all(clients.map((c) => c.close()));
    const children = await Promise.all([0, 1].map((w) => spawnWriter(url, 20, 1, `p${w}`)));
    for (const r of await Promise.all(children.map(exited))) expect(r).toMatchObject({ code: 0 });
    const check = await openStore(url);
    try {
      expect(await check.verify()).toMatchObject({ ok: true, count: 140 });
      const sources = new Map<string, number>();
      for (const r of await check.list()) sources.set(r.source, (sources.get(r.source) ?? 0) + 1);
      expect(sources.get('client-0')).toBe(25);
      expect(sources.get('writer-p1')).toBe(20);
    } finally {
      await check.close();
    }
  });
});

describe('a writer killed mid-ingest', () => {
  it('SQLite: SIGKILL during a large ingest leaves every committed batch and no half record', async () => {
    const url = freshUrl('sqlite');
    const child = await spawnWriter(url, 2_000_000, 500, 'big');
    const done = exited(child);
    let committed = 0;
    await new Promise<void>((res) => {
      // Also stop waiting if the writer dies on its own; the signal check below then fails.
      child.on('exit', () => res());
      child.stdout?.on('data', (d: Buffer) => {
        const m = /committed (\d+)\n(?![\s\S]*committed)/.exec(d.toString());
        if (m) committed = Number(m[1]);
        if (committed >= 20_000 && !child.killed) {
          child.kill('SIGKILL');
          res();
        }
      });
    });
    expect((await done).signal).toBe('SIGKILL');
    const store = await openStore(url);
    try {
      const result = await store.verify();
      expect(result.ok).toBe(true);
      // Whole batches only: a batch is one transaction.
      expect(result.count % 500).toBe(0);
      expect(result.count).toBeGreaterThanOrEqual(committed);
      expect(result.count).toBeLessThan(2_000_000);
      const next = await store.append(sample(1));
      expect(next.seq).toBe(result.count + 1);
    } finally {
      await store.close();
    }
  });
});
