/**
 * Recomputes the hash chain record by record, for both engines and for exported bundles.
 *
 * Pruned records are tombstones: their payload is gone so their hash cannot be recomputed,
 * but they keep `hash` and `prevHash`, so the links around them still hold, and the `prune`
 * record that removed them (itself chained) lists their seqs and a digest of their hashes.
 */
import { createHash, type Hash, type KeyObject } from 'node:crypto';
import { GENESIS_HASH, computeHash, type StoredRow } from './canonical.js';
import { checkCheckpointSignature, loadPublicKey, type CheckpointPayload } from './signing.js';
import type { ChainProblem, VerifyOptions, VerifyResult } from './types.js';

/** The payload of a `prune` record. */
export interface PrunePayload {
  /** ISO date: records with `retainUntil` before it were pruned. */
  readonly asOf: string;
  readonly count: number;
  /** Inclusive [from, to] seq ranges of the pruned records. */
  readonly ranges: readonly (readonly [number, number])[];
  /** sha256 over `${seq}:${hash}\n` of each pruned record, in seq order. */
  readonly digest: string;
  readonly artifactsRemoved: number;
}

export function pruneDigestLine(seq: number, hash: string): string {
  return `${seq}:${hash}\n`;
}

export function toRanges(seqs: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const s of seqs) {
    const last = out[out.length - 1];
    if (last && last[1] + 1 === s) last[1] = s;
    else out.push([s, s]);
  }
  return out;
}

function inRanges(ranges: readonly (readonly [number, number])[], seq: number): boolean {
  return ranges.some(([a, b]) => seq >= a && seq <= b);
}

export interface ChainContext {
  /** Seq of the record with this hash, if any (used only to tell reordering from editing). */
  findByHash(hash: string): Promise<number | undefined>;
  /**
   * Payloads of the `prune` records that tombstones point to, by seq (read before the walk:
   * tombstones come before their prune record).
   */
  prunes: ReadonlyMap<number, PrunePayload>;
}

interface Bad {
  seq: number;
  id: string;
  problem: ChainProblem;
  detail: string;
}

/** A failure whose exact kind needs a lookup by hash (async on PostgreSQL): done in finish(). */
type Pending =
  | { readonly type: 'hash'; readonly row: StoredRow }
  | {
      readonly type: 'link';
      readonly row: StoredRow;
      readonly prev: { seq: number; id: string } | undefined;
    };

export class ChainVerifier {
  private count = 0;
  private pruned = 0;
  private checkpoints = 0;
  private prev: { seq: number; hash: string; id: string } | undefined;
  private bad: Bad | undefined;
  private pending: Pending | undefined;
  private readonly publicKey: KeyObject | undefined;
  private readonly digests = new Map<number, { hash: Hash; count: number }>();

  constructor(
    private readonly context: ChainContext,
    private readonly options: VerifyOptions = {},
  ) {
    this.publicKey = options.publicKey ? loadPublicKey(options.publicKey) : undefined;
  }

  get failed(): boolean {
    return this.bad !== undefined;
  }

  /**
   * Checks one record, in seq order. Returns false once a problem has been found; call
   * `finish()` for the result.
   */
  push(row: StoredRow): boolean {
    if (this.bad) return false;
    this.count++;
    const expectedSeq = (this.prev?.seq ?? 0) + 1;
    const expectedPrev = this.prev?.hash ?? GENESIS_HASH;

    if (row.seq > expectedSeq) {
      const missing =
        row.seq - 1 === expectedSeq ? `${expectedSeq}` : `${expectedSeq}-${row.seq - 1}`;
      return this.fail(
        expectedSeq,
        row.id,
        'removed',
        `record ${missing} missing before ${row.seq}`,
      );
    }
    if (row.seq < expectedSeq) {
      return this.fail(
        row.seq,
        row.id,
        'reordered',
        `seq ${row.seq} appears after ${this.prev?.seq}`,
      );
    }

    if (row.prunedBy !== null) {
      const prune = this.context.prunes.get(row.prunedBy);
      if (!prune || row.prunedBy <= row.seq || !inRanges(prune.ranges, row.seq)) {
        return this.fail(row.seq, row.id, 'edited', 'payload removed without a prune record');
      }
      this.pruned++;
      let d = this.digests.get(row.prunedBy);
      if (!d) this.digests.set(row.prunedBy, (d = { hash: createHash('sha256'), count: 0 }));
      d.hash.update(pruneDigestLine(row.seq, row.hash));
      d.count++;
    } else {
      if (row.payloadText === null) {
        return this.fail(row.seq, row.id, 'edited', 'payload missing');
      }
      if (computeHash(row, row.payloadText) !== row.hash) {
        this.pending = { type: 'hash', row };
        return this.fail(row.seq, row.id, 'edited', 'hash does not match content');
      }
    }

    if (row.prevHash !== expectedPrev) {
      // Unless this record sits after another one (reordered), the predecessor's content no
      // longer matches what this record sealed: the predecessor was edited and re-hashed.
      const p = this.prev;
      this.pending = { type: 'link', row, prev: p };
      return this.fail(
        p?.seq ?? row.seq,
        p?.id ?? row.id,
        'edited',
        `record ${row.seq} sealed another hash`,
      );
    }

    if (row.prunedBy === null && row.payloadText !== null) {
      if (row.kind === 'checkpoint' && !this.checkCheckpoint(row)) return false;
      if (row.kind === 'prune' && !this.checkPrune(row)) return false;
    }
    this.prev = { seq: row.seq, hash: row.hash, id: row.id };
    return true;
  }

  /** The verdict, after telling an edit from a move where a record failed. */
  async finish(): Promise<VerifyResult> {
    const pending = this.pending;
    if (pending?.type === 'hash') {
      const problem = await this.editedOrMoved(pending.row);
      if (problem !== 'edited') this.bad = { ...(this.bad as Bad), problem };
    } else if (pending?.type === 'link') {
      const { row } = pending;
      const elsewhere = await this.context.findByHash(row.prevHash);
      if (elsewhere !== undefined && elsewhere !== row.seq - 1) {
        this.bad = {
          seq: row.seq,
          id: row.id,
          problem: 'reordered',
          detail: `follows record ${elsewhere}, not ${row.seq - 1}`,
        };
      }
    }
    this.pending = undefined;
    let bad = this.bad;
    if (!bad && this.options.requireCheckpoint && this.checkpoints === 0) {
      bad = {
        seq: this.prev?.seq ?? 0,
        id: this.prev?.id ?? '',
        problem: 'bad-signature',
        detail: 'no signed checkpoint in the ledger',
      };
    }
    return {
      ok: bad === undefined,
      count: this.count,
      pruned: this.pruned,
      ...(this.prev ? { head: { seq: this.prev.seq, hash: this.prev.hash } } : {}),
      checkpoints: { count: this.checkpoints, verified: this.publicKey !== undefined },
      ...(bad ? { firstBad: bad } : {}),
    };
  }

  /** A record whose hash fails may be intact but moved: its hash holds under another seq. */
  private async editedOrMoved(row: StoredRow): Promise<ChainProblem> {
    const before = row.prevHash === GENESIS_HASH ? 0 : await this.context.findByHash(row.prevHash);
    const candidates = new Set<number>();
    if (before !== undefined) candidates.add(before + 1);
    for (let k = 1; k <= 8; k++) candidates.add(row.seq + k);
    for (const seq of candidates) {
      if (seq === row.seq || row.payloadText === null) continue;
      if (computeHash({ ...row, seq }, row.payloadText) === row.hash) {
        return seq > row.seq && before === undefined ? 'removed' : 'reordered';
      }
    }
    return 'edited';
  }

  private checkCheckpoint(row: StoredRow): boolean {
    this.checkpoints++;
    if (!this.publicKey) return true;
    const p = JSON.parse(row.payloadText ?? 'null') as CheckpointPayload | null;
    if (!p || p.headSeq !== row.seq - 1 || p.headHash !== row.prevHash) {
      return this.fail(row.seq, row.id, 'bad-signature', 'checkpoint does not name its head');
    }
    if (!checkCheckpointSignature(this.publicKey, p)) {
      return this.fail(row.seq, row.id, 'bad-signature', 'checkpoint signature does not verify');
    }
    return true;
  }

  private checkPrune(row: StoredRow): boolean {
    const p = JSON.parse(row.payloadText ?? 'null') as PrunePayload | null;
    const d = this.digests.get(row.seq);
    const digest = d ? d.hash.digest('hex') : createHash('sha256').digest('hex');
    if (!p || p.count !== (d?.count ?? 0) || p.digest !== digest) {
      return this.fail(row.seq, row.id, 'edited', 'pruned records do not match the prune record');
    }
    return true;
  }

  private fail(seq: number, id: string, problem: ChainProblem, detail: string): false {
    this.bad = { seq, id, problem, detail };
    return false;
  }
}
