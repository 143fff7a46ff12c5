/** uuid.rfc4122 (random, stable per query and key) and uuid.parse. */
import { randomUUID } from 'node:crypto';
import { RegoObject, type RegoValue } from '../value.js';
import { def, queryCache, str, T, type BuiltinDecl } from './spec.js';

/** 100-ns intervals between the Gregorian reform (1582-10-15) and the Unix epoch. */
const GREGORIAN_OFFSET = 0x01b21dd213814000n;

function parseBytes(s: string): Buffer | undefined {
  let hex: string | undefined;
  const dashed =
    /^(?:urn:uuid:)?\{?([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{12})\}?$/;
  const m = dashed.exec(s);
  if (m && s.startsWith('{') === s.endsWith('}')) hex = m.slice(1).join('');
  else if (/^[0-9a-fA-F]{32}$/.test(s)) hex = s;
  return hex ? Buffer.from(hex, 'hex') : undefined;
}

function variantName(b: number): string {
  if ((b & 0x80) === 0) return 'Reserved';
  if ((b & 0xc0) === 0x80) return 'RFC4122';
  if ((b & 0xe0) === 0xc0) return 'Microsoft';
  return 'Future';
}

function parse(s: string): RegoValue | undefined {
  const u = parseBytes(s);
  if (!u) return undefined;
  const version = u[6]! >> 4;
  const out = new RegoObject();
  out.set('version', version);
  out.set('variant', variantName(u[8]!));
  if (version === 1 || version === 2) {
    // like Google's uuid package, v2 keeps the id in time_low and still counts it as time
    const low = BigInt(u.readUInt32BE(0));
    const mid = BigInt(u.readUInt16BE(4));
    const hi = BigInt(u.readUInt16BE(6) & 0x0fff);
    const ticks = (hi << 48n) | (mid << 32n) | low;
    out.set('time', Number((ticks - GREGORIAN_OFFSET) * 100n));
    out.set('clocksequence', u.readUInt16BE(8) & 0x3fff);
    const node = u.subarray(10, 16);
    out.set('nodeid', [...node].map((b) => b.toString(16).padStart(2, '0')).join('-'));
    const first = node[0]!;
    out.set(
      'macvariables',
      (first & 2 ? 'local' : 'global') + ':' + (first & 1 ? 'multicast' : 'unicast'),
    );
    if (version === 2) {
      const domains = ['Person', 'Group', 'Org'];
      out.set('domain', domains[u[9]!] ?? `Domain${u[9]}`);
      out.set('id', u.readUInt32BE(0));
    }
  }
  return out;
}

export const decls: BuiltinDecl[] = [
  def(
    'uuid.rfc4122',
    [T.string],
    T.string,
    'uuid',
    (a, ctx) => {
      // one query, one key: one UUID (OPA caches per query the same way)
      const key = 'uuid.rfc4122\0' + str(a[0]);
      const hit = queryCache(ctx).get(key);
      if (hit !== undefined) return hit;
      const id = randomUUID();
      queryCache(ctx).set(key, id);
      return id;
    },
    { nondeterministic: true },
  ),
  def('uuid.parse', [T.string], T.object(T.string), 'uuid', (a) => parse(str(a[0]))),
];
