/**
 * Canonical JSON (RFC 8785, JCS) and the record hash. Both engines store the payload as its
 * canonical text, so hashing a stored row needs no re-parse: the record's canonical form is
 * assembled around that text with its keys already in JCS order.
 */
import { hash, randomFillSync } from 'node:crypto';
import type { EvidenceRecord, JsonValue } from './types.js';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * RFC 8785 (JCS) text of a value, with JSON.stringify's treatment of what JSON cannot hold:
 * `toJSON` is called, `undefined`, functions and symbols are dropped from objects and become
 * `null` in arrays. Unlike JSON.stringify it refuses NaN, Infinity, BigInt and cycles, since
 * JCS has no form for them. Keys sort by UTF-16 code units (JavaScript's default sort), and
 * numbers and strings print as ECMAScript does, which is what JCS specifies. Tested against
 * the `canonicalize` package, written by the RFC's author.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set()) ?? 'null';
}

function write(value: unknown, ancestors: Set<object>): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonical JSON: ${value} is not JSON`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonical JSON: BigInt is not JSON');
    case 'object': {
      if (value === null) return 'null';
      const withJson = value as { toJSON?: unknown };
      if (typeof withJson.toJSON === 'function') {
        return write((withJson.toJSON as () => unknown)(), ancestors);
      }
      if (ancestors.has(value)) throw new TypeError('canonical JSON: cyclic structure');
      ancestors.add(value);
      let out: string;
      if (Array.isArray(value)) {
        out = `[${value.map((v: unknown) => write(v, ancestors) ?? 'null').join(',')}]`;
      } else {
        const obj = value as Record<string, unknown>;
        const parts: string[] = [];
        for (const key of Object.keys(obj).sort()) {
          const v = write(obj[key], ancestors);
          if (v !== undefined) parts.push(`${JSON.stringify(key)}:${v}`);
        }
        out = `{${parts.join(',')}}`;
      }
      ancestors.delete(value);
      return out;
    }
    default:
      return undefined; // undefined, function, symbol
  }
}

export function sha256Hex(data: string | Uint8Array): string {
  return typeof data === 'string'
    ? hash('sha256', data, 'hex')
    : hash('sha256', Buffer.from(data.buffer, data.byteOffset, data.byteLength), 'hex');
}

const pool = Buffer.alloc(16 * 512);
let poolOffset = pool.length;

/**
 * A version 7 UUID (RFC 9562): a millisecond timestamp then random bits. Time-ordered ids
 * keep the unique index's inserts at its right edge, which matters at a million records.
 */
export function uuidv7(now: number = Date.now()): string {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const b = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | ((b[6] ?? 0) & 0x0f);
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A record as stored: the payload as canonical text, `null` once pruned. */
export interface StoredRow {
  readonly seq: number;
  readonly id: string;
  readonly kind: string;
  readonly control: string | null;
  readonly source: string;
  readonly collectedAt: string;
  readonly status: string;
  readonly payloadText: string | null;
  readonly artifactSha256: string | null;
  readonly retainUntil: string;
  readonly prevHash: string;
  readonly hash: string;
  readonly prunedBy: number | null;
}

const q = JSON.stringify;

/**
 * Canonical JSON of the record without `hash` (and without `prunedBy`, which is not hashed).
 * Keys in JCS order: artifactSha256, collectedAt, control, id, kind, payload, prevHash,
 * retainUntil, seq, source, status. `payloadText` must already be canonical.
 *
 * Only `control` and `source` are free text and go through JSON.stringify. The other fields
 * are written as they are, because `prepareRow` only ever stores values that need no escaping
 * (hex, uuid, ISO dates, fixed words); this is the hot path of append and verify. A stored value
 * tampered to contain a quote cannot recreate the original text: the result no longer hashes.
 */
export function canonicalBody(
  row: Omit<StoredRow, 'hash' | 'prunedBy'>,
  payloadText: string,
): string {
  return (
    '{' +
    (row.artifactSha256 !== null ? '"artifactSha256":"' + row.artifactSha256 + '",' : '') +
    '"collectedAt":"' +
    row.collectedAt +
    '",' +
    (row.control !== null ? '"control":' + q(row.control) + ',' : '') +
    '"id":"' +
    row.id +
    '","kind":"' +
    row.kind +
    '","payload":' +
    payloadText +
    ',"prevHash":"' +
    row.prevHash +
    '","retainUntil":"' +
    row.retainUntil +
    '","seq":' +
    String(row.seq) +
    ',"source":' +
    q(row.source) +
    ',"status":"' +
    row.status +
    '"}'
  );
}

export function computeHash(
  row: Omit<StoredRow, 'hash' | 'prunedBy'>,
  payloadText: string,
): string {
  return sha256Hex(row.prevHash + canonicalBody(row, payloadText));
}

export function rowToRecord(row: StoredRow): EvidenceRecord {
  return {
    seq: row.seq,
    id: row.id,
    kind: row.kind as EvidenceRecord['kind'],
    ...(row.control !== null ? { control: row.control } : {}),
    source: row.source,
    collectedAt: row.collectedAt,
    status: row.status as EvidenceRecord['status'],
    payload: row.payloadText === null ? null : (JSON.parse(row.payloadText) as JsonValue),
    ...(row.artifactSha256 !== null ? { artifactSha256: row.artifactSha256 } : {}),
    retainUntil: row.retainUntil,
    prevHash: row.prevHash,
    hash: row.hash,
    ...(row.prunedBy !== null ? { prunedBy: row.prunedBy } : {}),
  };
}

/** The inverse of `rowToRecord`, for records read back from an exported bundle. */
export function recordToRow(record: EvidenceRecord): StoredRow {
  return {
    seq: record.seq,
    id: record.id,
    kind: record.kind,
    control: record.control ?? null,
    source: record.source,
    collectedAt: record.collectedAt,
    status: record.status,
    payloadText: record.prunedBy !== undefined ? null : canonicalJson(record.payload),
    artifactSha256: record.artifactSha256 ?? null,
    retainUntil: record.retainUntil,
    prevHash: record.prevHash,
    hash: record.hash,
    prunedBy: record.prunedBy ?? null,
  };
}
