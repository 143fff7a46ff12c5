/** Opens the store a URL or path names: `postgres://…` → PostgreSQL, anything else → SQLite. */
import type { EvidenceStore, StoreOptions } from './types.js';

export const DEFAULT_STORE = '.crosswalk/evidence.db';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * `url` defaults to `$CROSSWALK_STORE`, then `.crosswalk/evidence.db` (relative to the
 * working directory). SQLite accepts a plain path or `sqlite:<path>`. Each engine's driver is
 * loaded only when used.
 */
export async function openStore(url?: string, options: StoreOptions = {}): Promise<EvidenceStore> {
  const target = url ?? process.env['CROSSWALK_STORE'] ?? DEFAULT_STORE;
  if (isPostgresUrl(target)) {
    const { PostgresStore } = await import('./postgres.js');
    return PostgresStore.open(target, options);
  }
  const { SqliteStore } = await import('./sqlite.js');
  return SqliteStore.open(target.replace(/^sqlite:(\/\/)?/i, ''), options);
}
