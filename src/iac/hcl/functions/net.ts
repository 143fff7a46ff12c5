/** CIDR functions over IPv4 and IPv6, using BigInt addresses. */
import type { Value } from '../../types.js';
import { ValueError, toInt, toNum, toStr } from '../values.js';
import { arg, fn, type HclFunction } from './types.js';

interface Prefix {
  addr: bigint;
  bits: number;
  v6: boolean;
}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseIPv6(s: string): bigint | undefined {
  let head = s;
  let tail = '';
  const dbl = s.indexOf('::');
  if (dbl !== -1) {
    head = s.slice(0, dbl);
    tail = s.slice(dbl + 2);
  }
  const groups = (x: string): number[] | undefined => {
    if (x === '') return [];
    const out: number[] = [];
    const parts = x.split(':');
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i] as string;
      if (i === parts.length - 1 && p.includes('.')) {
        const v4 = parseIPv4(p);
        if (v4 === undefined) return undefined;
        out.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(p)) out.push(parseInt(p, 16));
      else return undefined;
    }
    return out;
  };
  const h = groups(head);
  const t = groups(tail);
  if (!h || !t) return undefined;
  const fill = 8 - h.length - t.length;
  if (dbl === -1 ? fill !== 0 : fill < 1) return undefined;
  const all = [...h, ...new Array<number>(dbl === -1 ? 0 : fill).fill(0), ...t];
  return all.reduce((n, g) => (n << 16n) | BigInt(g), 0n);
}

function parsePrefix(s: string): Prefix {
  const slash = s.indexOf('/');
  if (slash === -1) throw new ValueError(`invalid CIDR address "${s}"`);
  const ip = s.slice(0, slash);
  const bitsText = s.slice(slash + 1);
  const v6 = ip.includes(':');
  const addr = v6 ? parseIPv6(ip) : parseIPv4(ip);
  const max = v6 ? 128 : 32;
  if (addr === undefined || !/^\d+$/.test(bitsText) || Number(bitsText) > max) {
    throw new ValueError(`invalid CIDR address "${s}"`);
  }
  const bits = Number(bitsText);
  const mask = ((1n << BigInt(max)) - 1n) ^ ((1n << BigInt(max - bits)) - 1n);
  return { addr: addr & mask, bits, v6 };
}

function formatAddr(n: bigint, v6: boolean): string {
  if (!v6) return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  // compress the longest run of zero groups (length >= 2)
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best === -1) return hex.join(':');
  return hex.slice(0, best).join(':') + '::' + hex.slice(best + bestLen).join(':');
}

function subnet(p: Prefix, newbits: number, netnum: bigint): Prefix {
  const max = p.v6 ? 128 : 32;
  const bits = p.bits + newbits;
  if (newbits < 0 || bits > max) {
    throw new ValueError(`insufficient address space to extend prefix of ${p.bits} by ${newbits}`);
  }
  if (netnum < 0n || netnum >= 1n << BigInt(newbits)) {
    throw new ValueError(
      `prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`,
    );
  }
  return { addr: p.addr | (netnum << BigInt(max - bits)), bits, v6: p.v6 };
}

const show = (p: Prefix): string => `${formatAddr(p.addr, p.v6)}/${p.bits}`;

export const netFunctions: Record<string, HclFunction> = {
  cidrhost: fn(
    (a) => {
      const p = parsePrefix(toStr(arg(a, 0)));
      const max = p.v6 ? 128 : 32;
      const size = 1n << BigInt(max - p.bits);
      let host = BigInt(toInt(arg(a, 1)));
      if (host < 0n) host += size;
      if (host < 0n || host >= size) {
        throw new ValueError(
          `prefix of ${p.bits} does not accommodate a host numbered ${toNum(arg(a, 1))}`,
        );
      }
      return formatAddr(p.addr | host, p.v6);
    },
    2,
    2,
  ),
  cidrnetmask: fn(
    (a) => {
      const p = parsePrefix(toStr(arg(a, 0)));
      if (p.v6) throw new ValueError('only IPv4 networks have a netmask');
      const mask = (0xffffffffn ^ ((1n << BigInt(32 - p.bits)) - 1n)) & 0xffffffffn;
      return formatAddr(mask, false);
    },
    1,
    1,
  ),
  cidrsubnet: fn(
    (a) => show(subnet(parsePrefix(toStr(arg(a, 0))), toInt(arg(a, 1)), BigInt(toInt(arg(a, 2))))),
    3,
    3,
  ),
  cidrsubnets: fn(
    (a) => {
      const base = parsePrefix(toStr(arg(a, 0)));
      const max = base.v6 ? 128 : 32;
      const out: Value[] = [];
      let next = base.addr;
      for (const v of a.slice(1)) {
        const nb = toInt(v);
        const bits = base.bits + nb;
        if (nb < 1 || bits > max) throw new ValueError(`invalid new bits ${nb}`);
        const size = 1n << BigInt(max - bits);
        // align to the subnet size
        const start = ((next + size - 1n) / size) * size;
        const end = base.addr + (1n << BigInt(max - base.bits));
        if (start + size > end) throw new ValueError('not enough remaining address space');
        out.push(show({ addr: start, bits, v6: base.v6 }));
        next = start + size;
      }
      return out;
    },
    1,
    Infinity,
  ),
};
