import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/evidence/store.js';
import type { EvidenceInput, EvidenceStore, StoreOptions } from '../../src/evidence/types.js';

/** PostgreSQL tests run when CROSSWALK_TEST_PG names a database; they are skipped otherwise. */
export const PG_URL = process.env['CROSSWALK_TEST_PG'];
export const PG_SKIP_REASON = 'CROSSWALK_TEST_PG is not set: PostgreSQL tests skipped';
if (!PG_URL) console.warn(`[evidence] ${PG_SKIP_REASON}`);

const dirs: string[] = [];
// Each test file has its own copy of this module: its temp folders go when the file is done.
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'crosswalk-evidence-'));
  dirs.push(d);
  return d;
}

/** A fresh SQLite file, or a fresh schema in the test database. */
export function freshUrl(engine: 'sqlite' | 'postgres'): string {
  if (engine === 'sqlite') return join(tempDir(), 'evidence.db');
  const u = new URL(PG_URL ?? 'postgres://unset');
  u.searchParams.set('schema', `t_${randomBytes(6).toString('hex')}`);
  return u.toString();
}

export async function fresh(
  engine: 'sqlite' | 'postgres',
  options?: StoreOptions,
): Promise<{ store: EvidenceStore; url: string }> {
  const url = freshUrl(engine);
  return { store: await openStore(url, options), url };
}

export function sample(i: number, extra: Partial<EvidenceInput> = {}): EvidenceInput {
  return {
    kind: 'manual',
    control: 'security-policies',
    source: 'test',
    status: 'info',
    payload: { i, note: `record ${i}`, nested: { b: [1, 2, i], a: 'x' } },
    ...extra,
  };
}

export const ENGINES = [
  { engine: 'sqlite' as const, skip: false },
  { engine: 'postgres' as const, skip: !PG_URL },
];
