/** net.cidr_* builtins over IPv4 and IPv6, with addresses held as BigInt. */
import { RegoObject, RegoSet, type RegoValue } from '../value.js';
import { builtinError, def, elements, str, T, type BuiltinDecl } from './spec.js';

interface Net {
  v6: boolean;
  addr: bigint;
  prefix: number;
}

const width = (n: Net): number => (n.v6 ? 128 : 32);

function parseV4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let v = 0n;
  for (const p of parts) {
    // Go rejects leading zeros (ambiguous octal)
    if (!/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255) return undefined;
    v = (v << 8n) | BigInt(p);
  }
  return v;
}

function parseV6(s: string): bigint | undefined {
  let tail: bigint[] = [];
  let body = s;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.', lastColon)) {
    const v4 = parseV4(s.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [v4 >> 16n, v4 & 0xffffn];
    // keep a "::" that ends right before the IPv4 part
    body = s[lastColon - 1] === ':' ? s.slice(0, lastColon + 1) : s.slice(0, lastColon);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const group = (h: string): bigint[] | undefined => {
    if (h === '') return [];
    const out: bigint[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt('0x' + g));
    }
    return out;
  };
  const head = group(halves[0]!);
  const rest = halves.length === 2 ? group(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const groups = [...head, ...Array<bigint>(8 - known).fill(0n), ...rest, ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** An IP address; IPv4-mapped IPv6 addresses count as IPv4, as in Go. */
function parseIP(s: string): Net | undefined {
  const v4 = parseV4(s);
  if (v4 !== undefined) return { v6: false, addr: v4, prefix: 32 };
  if (!s.includes(':')) return undefined;
  const v6 = parseV6(s);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === 0xffffn) return { v6: false, addr: v6 & 0xffffffffn, prefix: 32 };
  return { v6: true, addr: v6, prefix: 128 };
}

function mask(n: Net): bigint {
  const w = BigInt(width(n));
  return ((1n << w) - 1n) ^ ((1n << (w - BigInt(n.prefix))) - 1n);
}

function parseCIDR(s: string): Net | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const text = s.slice(0, slash);
  const p = s.slice(slash + 1);
  if (!/^\d{1,3}$/.test(p)) return undefined;
  const prefix = Number(p);
  if (!text.includes(':')) {
    const v4 = parseV4(text);
    if (v4 === undefined || prefix > 32) return undefined;
    return masked({ v6: false, addr: v4, prefix });
  }
  const v6 = parseV6(text);
  if (v6 === undefined || prefix > 128) return undefined;
  const net = masked({ v6: true, addr: v6, prefix });
  // like Go, a network that is still IPv4-mapped after masking acts as an IPv4 network
  if (prefix >= 96 && net.addr >> 32n === 0xffffn) {
    return { v6: false, addr: net.addr & 0xffffffffn, prefix: prefix - 96 };
  }
  return net;
}

const masked = (n: Net): Net => ({ ...n, addr: n.addr & mask(n) });

function cidrOrFail(name: string, s: string): Net {
  const n = parseCIDR(s);
  if (!n) throw builtinError(name, `invalid CIDR address: ${s}`);
  return n;
}

function formatIP(v6: boolean, addr: bigint): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((sh) => String((addr >> sh) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) =>
    Number((addr >> BigInt(112 - 16 * i)) & 0xffffn),
  );
  // RFC 5952: the longest run (>= 2) of zero groups becomes "::"
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return hex.slice(0, best).join(':') + '::' + hex.slice(best + bestLen).join(':');
}

const formatCIDR = (n: Net): string => formatIP(n.v6, n.addr) + '/' + n.prefix;

function last(n: Net): bigint {
  return n.addr | ((1n << BigInt(width(n) - n.prefix)) - 1n);
}

function contains(a: Net, b: Net): boolean {
  return a.v6 === b.v6 && b.prefix >= a.prefix && (b.addr & mask(a)) === a.addr;
}

/** A CIDR or a bare IP (as a single-address network). */
function cidrOrIP(name: string, s: string): Net {
  const n = parseCIDR(s) ?? parseIP(s);
  if (!n)
    throw builtinError(name, `not a valid textual representation of an IP address or CIDR: ${s}`);
  return n;
}

/** [key, address] pairs of net.cidr_contains_matches' operands. */
function keyed(v: RegoValue): [RegoValue, string][] {
  const addr = (x: RegoValue): string => {
    const a = Array.isArray(x) ? x[0] : x;
    if (typeof a !== 'string') {
      throw builtinError(
        'net.cidr_contains_matches',
        'operand must be a CIDR or IP string, or an array whose first element is one',
      );
    }
    return a;
  };
  if (typeof v === 'string') return [[v, v]];
  if (Array.isArray(v)) return v.map((x: RegoValue, i: number) => [i, addr(x)]);
  if (v instanceof RegoSet) return v.sorted().map((x) => [x, addr(x)]);
  return (v as RegoObject).sorted().map(([k, x]) => [k, addr(x)]);
}

function merge(addrs: RegoValue): RegoSet {
  const nets: Net[] = [];
  for (const a of elements(addrs)) {
    if (typeof a !== 'string') {
      throw builtinError('net.cidr_merge', 'operand 1 must be array or set of strings');
    }
    let n = parseCIDR(a);
    if (!n) {
      const ip = parseIP(a);
      if (ip?.v6) throw builtinError('net.cidr_merge', 'IPv6 invalid: needs prefix length');
      if (!ip) throw builtinError('net.cidr_merge', `invalid CIDR address: ${a}`);
      n = ip;
    }
    nets.push(n);
  }
  const out = new RegoSet();
  for (const v6 of [false, true]) {
    let list = nets
      .filter((n) => n.v6 === v6)
      .sort((x, y) => (x.addr < y.addr ? -1 : x.addr > y.addr ? 1 : x.prefix - y.prefix));
    // drop networks inside earlier ones, then join sibling halves until nothing changes
    for (let changed = true; changed;) {
      changed = false;
      const kept: Net[] = [];
      for (const n of list) {
        const prev = kept[kept.length - 1];
        if (prev && contains(prev, n)) continue;
        if (prev && prev.prefix === n.prefix && prev.prefix > 0) {
          const parent: Net = { v6, prefix: n.prefix - 1, addr: 0n };
          parent.addr = prev.addr & mask(parent);
          if (parent.addr === prev.addr && last(parent) === last(n)) {
            kept[kept.length - 1] = parent;
            changed = true;
            continue;
          }
        }
        kept.push(n);
      }
      list = kept;
    }
    for (const n of list) out.add(formatCIDR(n));
  }
  return out;
}

const S = T.string;
const MANY = T.union(S, T.array(), T.set(), T.object());

export const decls: BuiltinDecl[] = [
  def('net.cidr_contains', [S, S], T.boolean, 'net', (a) =>
    contains(cidrOrFail('net.cidr_contains', str(a[0])), cidrOrIP('net.cidr_contains', str(a[1]))),
  ),
  def(
    'net.cidr_overlap',
    [S, S],
    T.boolean,
    'net',
    (a) =>
      contains(cidrOrFail('net.cidr_overlap', str(a[0])), cidrOrIP('net.cidr_overlap', str(a[1]))),
    { deprecated: true },
  ),
  def('net.cidr_intersects', [S, S], T.boolean, 'net', (a) => {
    const x = cidrOrFail('net.cidr_intersects', str(a[0]));
    const y = cidrOrFail('net.cidr_intersects', str(a[1]));
    return x.v6 === y.v6 && x.addr <= last(y) && y.addr <= last(x);
  }),
  def('net.cidr_is_valid', [S], T.boolean, 'net', (a) => parseCIDR(str(a[0])) !== undefined),
  def('net.cidr_expand', [S], T.set(S), 'net', (a) => {
    const n = cidrOrFail('net.cidr_expand', str(a[0]));
    const size = last(n) - n.addr + 1n;
    if (size > 1n << 20n) throw builtinError('net.cidr_expand', 'CIDR too large to expand');
    const out = new RegoSet();
    for (let x = n.addr; x <= last(n); x++) out.add(formatIP(n.v6, x));
    return out;
  }),
  def('net.cidr_contains_matches', [MANY, MANY], T.set(T.array()), 'net', (a) => {
    const name = 'net.cidr_contains_matches';
    const out = new RegoSet();
    const bs = keyed(a[1]!).map(([k, s]) => [k, cidrOrIP(name, s)] as const);
    for (const [ka, sa] of keyed(a[0]!)) {
      const na = cidrOrFail(name, sa);
      for (const [kb, nb] of bs) if (contains(na, nb)) out.add([ka, kb]);
    }
    return out;
  }),
  def('net.cidr_merge', [T.union(T.array(S), T.set(S))], T.set(S), 'net', (a) => merge(a[0]!)),
];
