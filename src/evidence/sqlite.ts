/**
 * The embedded store: one SQLite file in WAL mode, artifacts as content-addressed files in
 * `artifacts/` beside it. Every append runs in a BEGIN IMMEDIATE transaction that reads the
 * tail and inserts, so concurrent processes serialize and a crash leaves no half record.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
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

type RawRow = [
  number,
  string,
  string,
  string | null,
  string,
  string,
  string,
  string | null,
  string | null,
  string,
  string,
  string,
  number | null,
];

function fromRaw(r: RawRow): StoredRow {
  return {
    seq: r[0],
    id: r[1],
    kind: r[2],
    control: r[3],
    source: r[4],
    collectedAt: r[5],
    status: r[6],
    payloadText: r[7],
    artifactSha256: r[8],
    retainUntil: r[9],
    prevHash: r[10],
    hash: r[11],
    prunedBy: r[12],
  };
}

const CHUNK = 10_000;
/** Rows per multi-row INSERT (12 parameters each; SQLite allows 32766 per statement). */
const INSERT_GROUP = 100;

function rowParams(row: StoredRow): (string | number | null)[] {
  return [
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
  ];
}

export class SqliteStore implements EvidenceStore {
  readonly engine = 'sqlite' as const;
  readonly retention: RetentionPolicy;
  private readonly db: Database.Database;
  private readonly artifactsDir: string;
  private readonly signer: Signer;
  private readonly insert: Database.Statement;
  private readonly insertGroup: Database.Statement;
  private readonly tail: Database.Statement;

  private constructor(
    readonly location: string,
    options: StoreOptions,
  ) {
    mkdirSync(dirname(location), { recursive: true });
    this.artifactsDir = join(dirname(location), 'artifacts');
    this.retention = resolveRetention(options);
    this.signer = new Signer(options);
    // A long busy timeout: other processes (CI jobs) may hold the write lock briefly.
    this.db = new Database(location, { timeout: 30_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('cache_size = -65536');
    this.migrate();
    this.insert = this.db.prepare(
      `INSERT INTO records (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    );
    const tuple = `(${'?, '.repeat(12)}NULL)`;
    this.insertGroup = this.db.prepare(
      `INSERT INTO records (${COLUMNS}) VALUES ${Array.from({ length: INSERT_GROUP }, () => tuple).join(', ')}`,
    );
    this.tail = this.db.prepare('SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1');
  }

  static open(file: string, options: StoreOptions = {}): SqliteStore {
    return new SqliteStore(resolve(file), options);
  }

  private migrate(): void {
    const run = this.db.transaction(() => {
      this.db.exec(MIGRATIONS_TABLE_SQL);
      const done = new Set(
        (
          this.db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]
        ).map((r) => r.version),
      );
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        this.db.exec(m.sqlite);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(m.version, m.name, new Date().toISOString());
      }
    });
    run.immediate();
  }

  private insertRow(row: StoredRow): void {
    this.insert.run(...rowParams(row));
  }

  /** Inserts in groups of INSERT_GROUP rows per statement: fewer calls into SQLite. */
  private insertRows(rows: readonly StoredRow[]): void {
    let i = 0;
    for (; i + INSERT_GROUP <= rows.length; i += INSERT_GROUP) {
      const params: (string | number | null)[] = [];
      for (let k = i; k < i + INSERT_GROUP; k++) params.push(...rowParams(rows[k] as StoredRow));
      this.insertGroup.run(...params);
    }
    for (; i < rows.length; i++) this.insertRow(rows[i] as StoredRow);
  }

  /** Inside a write transaction: seal and insert, adding checkpoints that fall due. */
  private appendLocked(inputs: readonly EvidenceInput[], forceCheckpoint: boolean): StoredRow[] {
    let tail = this.tail.get() as Tail | undefined;
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
    this.insertRows(rows);
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
  private async appendRows(inputs: readonly EvidenceInput[]): Promise<StoredRow[]> {
    if (inputs.length === 0) return [];
    const tx = this.db.transaction(() => this.appendLocked(inputs, false));
    return tx.immediate().slice(0, inputs.length);
  }

  async checkpoint(): Promise<EvidenceRecord | undefined> {
    if (!this.signer.enabled) return undefined;
    const tx = this.db.transaction(() => this.appendLocked([], true));
    const [row] = tx.immediate();
    return row ? rowToRecord(row) : undefined;
  }

  async putArtifact(content: Uint8Array): Promise<string> {
    const sha = sha256Hex(content);
    const path = join(this.artifactsDir, sha);
    if (!existsSync(path)) {
      mkdirSync(this.artifactsDir, { recursive: true });
      // Temp file, fsync, rename: the artifact is whole before any record points to it.
      const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
      const fd = openSync(tmp, 'w');
      try {
        writeSync(fd, content);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, path);
    }
    this.db
      .prepare('INSERT OR IGNORE INTO artifacts (sha256, size, content) VALUES (?, ?, NULL)')
      .run(sha, content.byteLength);
    return sha;
  }

  async getArtifact(sha256: string): Promise<Buffer | undefined> {
    if (!isSha256(sha256)) return undefined;
    const path = join(this.artifactsDir, sha256);
    return existsSync(path) ? readFileSync(path) : undefined;
  }

  async list(filter: ListFilter = {}): Promise<EvidenceRecord[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const add = (clause: string, value: string): void => {
      where.push(clause);
      params.push(value);
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
    const rows = this.db
      .prepare(sql)
      .raw()
      .all(...params) as RawRow[];
    return rows.map((r) => rowToRecord(fromRaw(r)));
  }

  async *records(): AsyncIterable<EvidenceRecord> {
    for (const chunk of this.chunks()) for (const row of chunk) yield rowToRecord(row);
  }

  private *chunks(): Generator<StoredRow[]> {
    const stmt = this.db
      .prepare(`SELECT ${COLUMNS} FROM records WHERE seq > ? ORDER BY seq LIMIT ?`)
      .raw();
    let after = 0;
    for (;;) {
      const raw = stmt.all(after, CHUNK) as RawRow[];
      if (raw.length === 0) return;
      const rows = raw.map(fromRaw);
      after = rows[rows.length - 1]?.seq ?? after;
      yield rows;
    }
  }

  async get(id: string): Promise<EvidenceRecord | undefined> {
    const raw = this.db.prepare(`SELECT ${COLUMNS} FROM records WHERE id = ?`).raw().get(id) as
      RawRow | undefined;
    return raw ? rowToRecord(fromRaw(raw)) : undefined;
  }

  async head(): Promise<{ seq: number; hash: string } | undefined> {
    return this.tail.get() as Tail | undefined;
  }

  async verify(options: VerifyOptions = {}): Promise<VerifyResult> {
    const byHash = this.db.prepare('SELECT seq FROM records WHERE hash = ?').pluck();
    // One read transaction: a WAL snapshot, so appends and prunes by others do not show
    // halfway through the walk.
    this.db.exec('BEGIN');
    let verifier: ChainVerifier;
    try {
      const prunes = new Map<number, PrunePayload>();
      const pruneRows = this.db.prepare(PRUNE_RECORDS_SQL).all() as {
        seq: number;
        payload: string;
      }[];
      for (const p of pruneRows) prunes.set(p.seq, JSON.parse(p.payload) as PrunePayload);
      verifier = new ChainVerifier(
        { prunes, findByHash: async (hash) => byHash.get(hash) as number | undefined },
        options,
      );
      outer: for (const chunk of this.chunks()) {
        for (const row of chunk) if (!verifier.push(row)) break outer;
      }
    } finally {
      this.db.exec('COMMIT');
    }
    return verifier.finish();
  }

  async prune(asOf: string | Date = new Date()): Promise<PruneResult> {
    const day = normalizeDate(asOf);
    const tx = this.db.transaction(() => {
      const candidates = this.db
        .prepare(
          `SELECT seq, hash, artifact_sha256 AS artifactSha256 FROM records
           WHERE pruned_by IS NULL AND payload IS NOT NULL AND kind NOT IN ('prune', 'checkpoint')
             AND retain_until < ? ORDER BY seq`,
        )
        .all(day) as PruneCandidate[];
      if (candidates.length === 0)
        return { pruned: 0, artifactsRemoved: 0, orphans: [] as string[] };
      const seqs = new Set(candidates.map((c) => c.seq));
      const shas = [
        ...new Set(candidates.flatMap((c) => (c.artifactSha256 ? [c.artifactSha256] : []))),
      ];
      const stillUsed = this.db.prepare(
        'SELECT seq FROM records WHERE artifact_sha256 = ? AND pruned_by IS NULL AND payload IS NOT NULL',
      );
      const orphans = shas.filter((sha) =>
        (stillUsed.all(sha) as { seq: number }[]).every((r) => seqs.has(r.seq)),
      );
      const input: EvidenceInput = {
        kind: 'prune',
        source: 'crosswalk',
        status: 'info',
        payload: prunePayload(day, candidates, orphans.length),
        retainUntil: KEEP_FOREVER,
      };
      const [row] = this.appendLocked([input], false);
      if (!row) throw new Error('evidence: prune record not written');
      const clear = this.db.prepare(
        'UPDATE records SET payload = NULL, pruned_by = ? WHERE seq = ?',
      );
      for (const c of candidates) clear.run(row.seq, c.seq);
      const dropArtifact = this.db.prepare('DELETE FROM artifacts WHERE sha256 = ?');
      for (const sha of orphans) dropArtifact.run(sha);
      return { pruned: candidates.length, artifactsRemoved: orphans.length, orphans, row };
    });
    const out = tx.immediate();
    // Files go only after the commit; a crash here leaves orphan files, never a dangling record.
    for (const sha of out.orphans) rmSync(join(this.artifactsDir, sha), { force: true });
    return {
      pruned: out.pruned,
      artifactsRemoved: out.artifactsRemoved,
      ...('row' in out && out.row ? { record: rowToRecord(out.row) } : {}),
    };
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
