/**
 * The evidence ledger's data model. Records are only ever appended; each one's `hash` covers
 * its canonical JSON (RFC 8785) and the previous record's hash, so an edit, a removal or a
 * reordering shows up when the chain is recomputed.
 */

export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * `scan-run`: one crosswalk scan. `manual`: a document someone attested (policy, training
 * record, review sign-off). `import`: one result of another tool. `prune`: retention removed
 * older records' payloads. `checkpoint`: a signed statement of the chain's head.
 */
export type EvidenceKind = 'scan-run' | 'manual' | 'import' | 'prune' | 'checkpoint';

export const EVIDENCE_KINDS: readonly EvidenceKind[] = [
  'scan-run',
  'manual',
  'import',
  'prune',
  'checkpoint',
];

export type EvidenceStatus = 'passed' | 'failed' | 'unknown' | 'info';

export const EVIDENCE_STATUSES: readonly EvidenceStatus[] = ['passed', 'failed', 'unknown', 'info'];

export interface EvidenceRecord {
  /** 1-based and gap-free. */
  readonly seq: number;
  /** A random UUID. */
  readonly id: string;
  readonly kind: EvidenceKind;
  /** The unified control this record evidences, when there is exactly one. */
  readonly control?: string;
  /** Tool name and version (`crosswalk/0.1.0`, `checkov`) or a person. */
  readonly source: string;
  /** ISO 8601 timestamp in UTC with milliseconds, e.g. `2026-12-03T10:00:00.000Z`. */
  readonly collectedAt: string;
  readonly status: EvidenceStatus;
  /** `null` once the record has been pruned (see `pruned`). */
  readonly payload: JsonValue;
  /** SHA-256 of an artifact stored beside the ledger (a manual document, an imported file). */
  readonly artifactSha256?: string;
  /** ISO date (YYYY-MM-DD): the last day the record must be kept. */
  readonly retainUntil: string;
  readonly prevHash: string;
  /** sha256(prevHash + canonical JSON of every field above except `hash`). */
  readonly hash: string;
  /**
   * Set when retention pruning removed the payload: the seq of the `prune` record that did it.
   * Not covered by `hash`; the prune record lists the pruned records and their hashes instead.
   */
  readonly prunedBy?: number;
}

/** What a caller supplies; the store assigns seq, id, prevHash and hash. */
export interface EvidenceInput {
  readonly kind: EvidenceKind;
  readonly control?: string;
  readonly source: string;
  readonly status: EvidenceStatus;
  readonly payload: unknown;
  readonly artifactSha256?: string;
  /** Default: now. Accepts any date `Date` parses; stored as ISO UTC. */
  readonly collectedAt?: string | Date;
  /** Default: the store's retention policy's default period after `collectedAt`. */
  readonly retainUntil?: string;
}

export interface ListFilter {
  /** Inclusive lower bound on `collectedAt` (ISO date or timestamp). */
  readonly from?: string;
  /** Inclusive upper bound on `collectedAt`; a bare date includes that whole day. */
  readonly to?: string;
  readonly control?: string;
  readonly kind?: EvidenceKind;
  readonly limit?: number;
}

export type ChainProblem = 'edited' | 'removed' | 'reordered' | 'bad-signature';

export interface VerifyOptions {
  /** Ed25519 public key (PEM text or KeyObject): every checkpoint's signature must verify. */
  readonly publicKey?: string | import('node:crypto').KeyObject;
  /** Demand at least one signed checkpoint (fails with `bad-signature` when there is none). */
  readonly requireCheckpoint?: boolean;
}

export interface VerifyResult {
  readonly ok: boolean;
  /** Records read, tombstones included. */
  readonly count: number;
  readonly pruned: number;
  readonly head?: { readonly seq: number; readonly hash: string };
  readonly checkpoints: { readonly count: number; readonly verified: boolean };
  readonly firstBad?: {
    readonly seq: number;
    readonly id: string;
    readonly problem: ChainProblem;
    readonly detail: string;
  };
}

export interface PruneResult {
  /** How many records lost their payload. */
  readonly pruned: number;
  /** The `prune` record appended, when anything was pruned. */
  readonly record?: EvidenceRecord;
  readonly artifactsRemoved: number;
}

export interface AppendManyResult {
  readonly count: number;
  /** Seq of the first record appended (0 when none were). */
  readonly firstSeq: number;
  /** Seq and hash of the last record appended (not of a checkpoint that may follow it). */
  readonly lastSeq: number;
  readonly lastHash: string;
  /** Ids in input order. */
  readonly ids: readonly string[];
}

export interface StoreOptions {
  /** Overrides of the default retention periods (regulatory.md §4). */
  readonly retention?: Partial<import('./retention.js').RetentionPolicy>;
  /** Ed25519 private key (PEM text, a path to a PEM file, or a KeyObject). */
  readonly signKey?: string | import('node:crypto').KeyObject;
  /** With a sign key: also checkpoint after every N records (default 1000; 0 = never). */
  readonly checkpointEvery?: number;
}

export interface EvidenceStore {
  readonly engine: 'sqlite' | 'postgres';
  /** The file path or the URL without its password. */
  readonly location: string;
  append(input: EvidenceInput): Promise<EvidenceRecord>;
  /**
   * Appends in one transaction: all or nothing. Returns the seq range rather than the records,
   * so bulk ingests do not re-read what they wrote; `list` or `get` fetch them.
   */
  appendMany(inputs: readonly EvidenceInput[]): Promise<AppendManyResult>;
  /** Stores content-addressed bytes; returns their SHA-256 (hex). Idempotent. */
  putArtifact(content: Uint8Array): Promise<string>;
  getArtifact(sha256: string): Promise<Buffer | undefined>;
  list(filter?: ListFilter): Promise<EvidenceRecord[]>;
  /** Every record in seq order, tombstones included, without loading them all at once. */
  records(): AsyncIterable<EvidenceRecord>;
  get(id: string): Promise<EvidenceRecord | undefined>;
  head(): Promise<{ seq: number; hash: string } | undefined>;
  verify(options?: VerifyOptions): Promise<VerifyResult>;
  /**
   * Appends a signed checkpoint of the current head when the store was opened with a signing
   * key; returns undefined otherwise (or when the ledger is empty).
   */
  checkpoint(): Promise<EvidenceRecord | undefined>;
  /** The retention policy records get their `retainUntil` from. */
  readonly retention: import('./retention.js').RetentionPolicy;
  /** Removes the payloads of records whose `retainUntil` is before `asOf` (default today). */
  prune(asOf?: string | Date): Promise<PruneResult>;
  close(): Promise<void>;
}
