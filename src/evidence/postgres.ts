/**
 * The team store: PostgreSQL through node-postgres. Appends take a transaction-scoped
 * advisory lock and read the tail inside the transaction, so concurrent writers (several CI
 * jobs) produce one unbroken chain. Triggers refuse UPDATE, DELETE and TRUNCATE on `records`
 * except the payload clearing the prune path announces. Artifacts live in the `artifacts`
 * table. A `schema` query parameter in the URL selects (and creates) a schema.
 */
import pg from 'pg';
import { rowToRecord, sha256Hex, type StoredRow } from './canonical.js';
import { ChainVerifier, type PrunePayload } from './chain.js';
import {
  KEEP_FOREVER,
  PRUNE_RECORDS_SQL,
  Signer,
  filterBounds,
  isSha256,
  normalizeDate,
  prepareRow,
  prunePayload,
  resolveRetention,
  type PruneCandidate,
  summarize,
  type Tail,
} from './common.js';
import { MIGRATIONS, MIGRATIONS_TABLE_SQL } from './migrations.js';
import type { RetentionPolicy } from './retention.js';
import type {
  AppendManyResult,
  EvidenceInput,
  EvidenceRecord,
  EvidenceStore,
  ListFilter,
  PruneResult,
  StoreOptions,
  VerifyOptions,
  VerifyResult,
} from './types.js';

const COLUMNS =
  'seq, id, kind, control, source, collected_at, status, payload, artifact_sha256, retain_until, prev_hash, hash, pruned_by';
/** First half of every advisory lock key ("CWEV"); the second is the schema's hash. */
const LOCK_KEY = 0x43574556;
const INSERT_BATCH = 1000;
const CHUNK = 5000;

interface PgRow {
  seq: string | number;
  id: string;
  kind: string;
  control: string | null;
  source: string;
  collected_at: string;
  status: string;
  payload: string | null;
  artifact_sha256: string | null;
  retain_until: string;
  prev_hash: string;
  hash: string;
  pruned_by: string | number | null;
}

function fromPg(r: PgRow): StoredRow {
  return {
    seq: Number(r.seq),
    id: r.id,
    kind: r.kind,
    control: r.control,
    source: r.source,
    collectedAt: r.collected_at,
    status: r.status,
    payloadText: r.payload,
    artifactSha256: r.artifact_sha256,
    retainUntil: r.retain_until,
    prevHash: r.prev_hash,
    hash: r.hash,
    prunedBy: r.pruned_by === null ? null : Number(r.pruned_by),
  };
}

/** Splits `schema` off the URL and hides the password for display. */
export function parsePostgresUrl(url: string): {
  connection: string;
  schema?: string;
  display: string;
} {
  const u = new URL(url);
  const schema = u.searchParams.get('schema') ?? undefined;
  u.searchParams.delete('schema');
  if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) {
    throw new Error(`evidence store: invalid schema name "${schema}"`);
  }
  const connection = u.toString();
  if (u.password) u.password = '***';
  return { connection, ...(schema !== undefined ? { schema } : {}), display: u.toString() };
}

export class PostgresStore implements EvidenceStore {
  readonly engine = 'postgres' as const;
  readonly retention: RetentionPolicy;
  private readonly signer: Signer;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly client: pg.Client,
    readonly location: string,
    options: StoreOptions,
  ) {
    this.retention = resolveRetention(options);
    this.signer = new Signer(options);
  }

  static async open(url: string, options: StoreOptions = {}): Promise<PostgresStore> {
    const { connection, schema, display } = parsePostgresUrl(url);
    const client = new pg.Client({ connectionString: connection });
    await client.connect();
    try {
      if (schema !== undefined) {
        try {
          await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        } catch (e) {
          // Two clients creating the same schema at once: the loser sees a duplicate.
          const code = (e as { code?: string }).code;
          if (code !== '23505' && code !== '42P06') throw e;
        }
        await client.query(`SET search_path TO "${schema}"`);
      }
      const store = new PostgresStore(client, display, options);
      await store.migrate();
      return store;
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
  }

  /** One operation at a time on this connection: transactions must not interleave. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** A transaction holding this schema's append lock. */
  private async locked<T>(fn: () => Promise<T>): Promise<T> {
    await this.client.query('BEGIN');
    try {
      await this.client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [
        LOCK_KEY,
      ]);
      const out = await fn();
      await this.client.query('COMMIT');
      return out;
    } catch (e) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw e;
    }
  }

  private migrate(): Promise<void> {
    return this.serial(() =>
      this.locked(async () => {
        await this.client.query(MIGRATIONS_TABLE_SQL);
        const res = await this.client.query<{ version: number }>(
          'SELECT version FROM schema_migrations',
        );
        const done = new Set(res.rows.map((r) => Number(r.version)));
        for (const m of MIGRATIONS) {
          if (done.has(m.version)) continue;
          await this.client.query(m.postgres);
          await this.client.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)',
            [m.version, m.name, new Date().toISOString()],
          );
        }
      }),
    );
  }

  private async readTail(): Promise<Tail | undefined> {
    const res = await this.client.query<{ seq: string; hash: string }>(
      'SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1',
    );
    const r = res.rows[0];
    return r ? { seq: Number(r.seq), hash: r.hash } : undefined;
  }

  private async insertRows(rows: readonly StoredRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const batch = rows.slice(i, i + INSERT_BATCH);
      const values: unknown[] = [];
      const tuples = batch.map((row, j) => {
        values.push(
          row.seq,
          row.id,
          row.kind,
          row.control,
          row.source,
          row.collectedAt,
          row.status,
          row.payloadText,
          row.artifactSha256,
          row.retainUntil,
          row.prevHash,
          row.hash,
        );
        const b = j * 12;
        return `(${Array.from({ length: 12 }, (_, k) => `$${b + k + 1}`).join(', ')}, NULL)`;
      });
      await this.client.query(
        `INSERT INTO records (${COLUMNS}) VALUES ${tuples.join(', ')}`,
        values,
      );
    }
  }

  /** Inside `locked`: seal and insert, adding checkpoints that fall due. */
  private async appendLocked(
    inputs: readonly EvidenceInput[],
    forceCheckpoint: boolean,
  ): Promise<StoredRow[]> {
    let tail = await this.readTail();
    const startSeq = tail?.seq ?? 0;
    const rows: StoredRow[] = [];
    for (const input of inputs) {
      const row = prepareRow(input, tail, this.retention);
      rows.push(row);
      tail = row;
    }
    if (tail && (forceCheckpoint || this.signer.due(startSeq, tail.seq))) {
      const cp = this.signer.checkpointFor(tail);
      if (cp) rows.push(prepareRow(cp, tail, this.retention));
    }
    await this.insertRows(rows);
    return rows;
  }

  async append(input: EvidenceInput): Promise<EvidenceRecord> {
    const [row] = await this.appendRows([input]);
    if (!row) throw new Error('evidence: append produced no record');
    return rowToRecord(row);
  }

  async appendMany(inputs: readonly EvidenceInput[]): Promise<AppendManyResult> {
    return summarize(await this.appendRows(inputs));
  }

  /** The rows appended for `inputs`, without a checkpoint that may follow them. */
  private appendRows(inputs: readonly EvidenceInput[]): Promise<StoredRow[]> {
    if (inputs.length === 0) return Promise.resolve([]);
    return this.serial(async () => {
      const rows = await this.locked(() => this.appendLocked(inputs, false));
      return rows.slice(0, inputs.length);
    });
  }

  checkpoint(): Promise<EvidenceRecord | undefined> {
    if (!this.signer.enabled) return Promise.resolve(undefined);
    return this.serial(async () => {
      const [row] = await this.locked(() => this.appendLocked([], true));
      return row ? rowToRecord(row) : undefined;
    });
  }

  putArtifact(content: Uint8Array): Promise<string> {
    const sha = sha256Hex(content);
    return this.serial(async () => {
      await this.client.query(
        'INSERT INTO artifacts (sha256, size, content) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING',
        [sha, content.byteLength, Buffer.from(content)],
      );
      return sha;
    });
  }

  getArtifact(sha256: string): Promise<Buffer | undefined> {
    if (!isSha256(sha256)) return Promise.resolve(undefined);
    return this.serial(async () => {
      const res = await this.client.query<{ content: Buffer | null }>(
        'SELECT content FROM artifacts WHERE sha256 = $1',
        [sha256],
      );
      return res.rows[0]?.content ?? undefined;
    });
  }

  list(filter: ListFilter = {}): Promise<EvidenceRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown): void => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    const { from, to } = filterBounds(filter);
    if (from !== undefined) add('collected_at >= ?', from);
    if (to !== undefined) add('collected_at <= ?', to);
    if (filter.control !== undefined) add('control = ?', filter.control);
    if (filter.kind !== undefined) add('kind = ?', filter.kind);
    let sql = `SELECT ${COLUMNS} FROM records`;
    if (where.length > 0) sql += ` WHERE ${where.join(' AND ')}`;
    sql += ' ORDER BY seq';
    if (filter.limit !== undefined) sql += ` LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
    return this.serial(async () => {
      const res = await this.client.query<PgRow>(sql, params);
      return res.rows.map((r) => rowToRecord(fromPg(r)));
    });
  }

  private readChunk(after: number): Promise<StoredRow[]> {
    return this.serial(async () => {
      const res = await this.client.query<PgRow>(
        `SELECT ${COLUMNS} FROM records WHERE seq > $1 ORDER BY seq LIMIT ${CHUNK}`,
        [after],
      );
      return res.rows.map(fromPg);
    });
  }

  async *records(): AsyncIterable<EvidenceRecord> {
    let after = 0;
    for (;;) {
      const rows = await this.readChunk(after);
      if (rows.length === 0) return;
      for (const row of rows) yield rowToRecord(row);
      after = rows[rows.length - 1]?.seq ?? after;
    }
  }

  get(id: string): Promise<EvidenceRecord | undefined> {
    return this.serial(async () => {
      const res = await this.client.query<PgRow>(`SELECT ${COLUMNS} FROM records WHERE id = $1`, [
        id,
      ]);
      const r = res.rows[0];
      return r ? rowToRecord(fromPg(r)) : undefined;
    });
  }

  head(): Promise<{ seq: number; hash: string } | undefined> {
    return this.serial(() => this.readTail());
  }

  /** One REPEATABLE READ snapshot for the whole walk, holding this connection throughout. */
  verify(options: VerifyOptions = {}): Promise<VerifyResult> {
    return this.serial(async () => {
      await this.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        const prunes = new Map<number, PrunePayload>();
        const pruneRows = await this.client.query<{ seq: string; payload: string }>(
          PRUNE_RECORDS_SQL,
        );
        for (const p of pruneRows.rows) {
          prunes.set(Number(p.seq), JSON.parse(p.payload) as PrunePayload);
        }
        const verifier = new ChainVerifier(
          {
            prunes,
            findByHash: async (hash) => {
              const res = await this.client.query<{ seq: string }>(
                'SELECT seq FROM records WHERE hash = $1 LIMIT 1',
                [hash],
              );
              const r = res.rows[0];
              return r ? Number(r.seq) : undefined;
            },
          },
          options,
        );
        let after = 0;
        outer: for (;;) {
          const res = await this.client.query<PgRow>(
            `SELECT ${COLUMNS} FROM records WHERE seq > $1 ORDER BY seq LIMIT ${CHUNK}`,
            [after],
          );
          if (res.rows.length === 0) break;
          for (const r of res.rows) if (!verifier.push(fromPg(r))) break outer;
          after = Number(res.rows[res.rows.length - 1]?.seq ?? after);
        }
        return await verifier.finish();
      } finally {
        await this.client.query('COMMIT');
      }
    });
  }

  prune(asOf: string | Date = new Date()): Promise<PruneResult> {
    const day = normalizeDate(asOf);
    return this.serial(() =>
      this.locked(async () => {
        const res = await this.client.query<{
          seq: string;
          hash: string;
          artifact_sha256: string | null;
        }>(
          `SELECT seq, hash, artifact_sha256 FROM records
           WHERE pruned_by IS NULL AND payload IS NOT NULL AND kind NOT IN ('prune', 'checkpoint')
             AND retain_until < $1 ORDER BY seq`,
          [day],
        );
        const candidates: PruneCandidate[] = res.rows.map((r) => ({
          seq: Number(r.seq),
          hash: r.hash,
          artifactSha256: r.artifact_sha256,
        }));
        if (candidates.length === 0) return { pruned: 0, artifactsRemoved: 0 };
        const seqs = candidates.map((c) => c.seq);
        const shas = [
          ...new Set(candidates.flatMap((c) => (c.artifactSha256 ? [c.artifactSha256] : []))),
        ];
        const used = await this.client.query<{ artifact_sha256: string }>(
          `SELECT DISTINCT artifact_sha256 FROM records
           WHERE artifact_sha256 = ANY($1) AND pruned_by IS NULL AND payload IS NOT NULL
             AND NOT (seq = ANY($2))`,
          [shas, seqs],
        );
        const keep = new Set(used.rows.map((r) => r.artifact_sha256));
        const orphans = shas.filter((s) => !keep.has(s));
        const input: EvidenceInput = {
          kind: 'prune',
          source: 'crosswalk',
          status: 'info',
          payload: prunePayload(day, candidates, orphans.length),
          retainUntil: KEEP_FOREVER,
        };
        const [row] = await this.appendLocked([input], false);
        if (!row) throw new Error('evidence: prune record not written');
        // The guard trigger lets exactly this update through, for this prune record only.
        await this.client.query("SELECT set_config('crosswalk.prune_seq', $1, true)", [
          String(row.seq),
        ]);
        await this.client.query(
          'UPDATE records SET payload = NULL, pruned_by = $1 WHERE seq = ANY($2)',
          [row.seq, seqs],
        );
        await this.client.query('DELETE FROM artifacts WHERE sha256 = ANY($1)', [orphans]);
        return {
          pruned: candidates.length,
          artifactsRemoved: orphans.length,
          record: rowToRecord(row),
        };
      }),
    );
  }

  async close(): Promise<void> {
    await this.queue;
    await this.client.end();
  }
}
