/**
 * What both engines share: turning an input into a chained row, choosing what to prune, and
 * filtering listings.
 */
import type { KeyObject } from 'node:crypto';
import { canonicalJson, computeHash, sha256Hex, uuidv7, type StoredRow } from './canonical.js';
import { pruneDigestLine, toRanges, type PrunePayload } from './chain.js';
import { addPeriod, isoDate, mergeRetention, type RetentionPolicy } from './retention.js';
import { loadPrivateKey, signCheckpoint } from './signing.js';
import {
  EVIDENCE_KINDS,
  EVIDENCE_STATUSES,
  type AppendManyResult,
  type EvidenceInput,
  type ListFilter,
  type StoreOptions,
} from './types.js';

/** The prune records that tombstones point to (through the partial index on pruned_by). */
export const PRUNE_RECORDS_SQL = `SELECT seq, payload FROM records
  WHERE kind = 'prune' AND payload IS NOT NULL
    AND seq IN (SELECT DISTINCT pruned_by FROM records WHERE pruned_by IS NOT NULL)`;

/** Kept forever: prune and checkpoint records prove what happened to the ledger. */
export const KEEP_FOREVER = '9999-12-31';

export interface Tail {
  readonly seq: number;
  readonly hash: string;
}

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function normalizeTimestamp(value: string | Date | undefined): string {
  if (typeof value === 'string' && ISO_UTC_MS.test(value) && !Number.isNaN(Date.parse(value))) {
    return value;
  }
  const d = value === undefined ? new Date() : new Date(value);
  if (Number.isNaN(d.getTime())) throw new Error(`evidence: invalid date "${String(value)}"`);
  return d.toISOString();
}

export function normalizeDate(value: string | Date): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  return isoDate(new Date(normalizeTimestamp(value)));
}

/** Seals an input into the row that follows `tail`. */
export function prepareRow(
  input: EvidenceInput,
  tail: Tail | undefined,
  retention: RetentionPolicy,
): StoredRow {
  if (!EVIDENCE_KINDS.includes(input.kind))
    throw new Error(`evidence: unknown kind "${input.kind}"`);
  if (!EVIDENCE_STATUSES.includes(input.status)) {
    throw new Error(`evidence: unknown status "${input.status}"`);
  }
  if (input.artifactSha256 !== undefined && !/^[0-9a-f]{64}$/.test(input.artifactSha256)) {
    throw new Error('evidence: artifactSha256 must be 64 lower-case hex digits');
  }
  const collectedAt = normalizeTimestamp(input.collectedAt);
  const retainUntil =
    input.retainUntil !== undefined
      ? normalizeDate(input.retainUntil)
      : isoDate(addPeriod(new Date(collectedAt), retention.defaultPeriod));
  const payloadText = canonicalJson(input.payload);
  const base = {
    seq: (tail?.seq ?? 0) + 1,
    id: uuidv7(),
    kind: input.kind,
    control: input.control ?? null,
    source: input.source,
    collectedAt,
    status: input.status,
    payloadText,
    artifactSha256: input.artifactSha256 ?? null,
    retainUntil,
    prevHash: tail?.hash ?? '0'.repeat(64),
  };
  return { ...base, hash: computeHash(base, payloadText), prunedBy: null };
}

/** Signing state of an open store. */
export class Signer {
  private readonly key: KeyObject | undefined;
  readonly every: number;

  constructor(options: StoreOptions) {
    this.key = options.signKey !== undefined ? loadPrivateKey(options.signKey) : undefined;
    this.every = options.checkpointEvery ?? 1000;
  }

  get enabled(): boolean {
    return this.key !== undefined;
  }

  /** A checkpoint input for the head `tail`, or undefined without a key. */
  checkpointFor(tail: Tail): EvidenceInput | undefined {
    if (!this.key) return undefined;
    return {
      kind: 'checkpoint',
      source: 'crosswalk',
      status: 'info',
      payload: signCheckpoint(this.key, tail.seq, tail.hash),
      retainUntil: KEEP_FOREVER,
    };
  }

  /** Whether an automatic checkpoint is due after appending up to `seq`. */
  due(fromSeq: number, toSeq: number): boolean {
    if (!this.key || this.every <= 0) return false;
    return Math.floor(toSeq / this.every) > Math.floor(fromSeq / this.every);
  }
}

export function resolveRetention(options: StoreOptions): RetentionPolicy {
  return mergeRetention(options.retention);
}

export interface PruneCandidate {
  readonly seq: number;
  readonly hash: string;
  readonly artifactSha256: string | null;
}

export function prunePayload(
  asOf: string,
  candidates: readonly PruneCandidate[],
  artifactsRemoved: number,
): PrunePayload {
  const digest = sha256Hex(candidates.map((c) => pruneDigestLine(c.seq, c.hash)).join(''));
  return {
    asOf,
    count: candidates.length,
    ranges: toRanges(candidates.map((c) => c.seq)),
    digest,
    artifactsRemoved,
  };
}

/** `to` as a bare date includes the whole day. */
export function filterBounds(filter: ListFilter): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  if (filter.from !== undefined) out.from = normalizeTimestamp(filter.from);
  if (filter.to !== undefined) {
    out.to = /^\d{4}-\d{2}-\d{2}$/.test(filter.to)
      ? `${filter.to}T23:59:59.999Z`
      : normalizeTimestamp(filter.to);
  }
  return out;
}

export function isSha256(s: string): boolean {
  return /^[0-9a-f]{64}$/.test(s);
}

export function summarize(rows: readonly StoredRow[]): AppendManyResult {
  const last = rows[rows.length - 1];
  return {
    count: rows.length,
    firstSeq: rows[0]?.seq ?? 0,
    lastSeq: last?.seq ?? 0,
    lastHash: last?.hash ?? '',
    ids: rows.map((r) => r.id),
  };
}
