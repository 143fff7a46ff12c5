/** String functions, format() and RE2-style regular expressions. */
import { Unknown, type Value } from '../../types.js';
import {
  ValueError,
  formatNumber,
  isObjectValue,
  toInt,
  toList,
  toNum,
  toStr,
  typeName,
} from '../values.js';
import { arg, fn, type HclFunction } from './types.js';

const str1 = (f: (s: string) => Value) => fn((a) => f(toStr(arg(a, 0))), 1, 1);

/** Translates the common RE2 syntax differences into a JS RegExp. */
export function re2(pattern: string, flags = ''): RegExp {
  let p = pattern.replace(/\(\?P</g, '(?<');
  // RE2 inline flags at the start, e.g. (?i)
  const m = /^\(\?([imsU]+)\)/.exec(p);
  if (m) {
    p = p.slice(m[0].length);
    for (const f of m[1] as string) if ('ims'.includes(f) && !flags.includes(f)) flags += f;
  }
  p = p.replace(/\\z/g, '$').replace(/\\A/g, '^');
  try {
    return new RegExp(p, flags + 'u');
  } catch {
    try {
      return new RegExp(p, flags);
    } catch (e) {
      throw new ValueError(`invalid regular expression "${pattern}": ${(e as Error).message}`);
    }
  }
}

function matchValue(m: RegExpExecArray): Value {
  if (m.groups && Object.keys(m.groups).length > 0) {
    const out: { [k: string]: Value } = {};
    for (const [k, v] of Object.entries(m.groups)) out[k] = v ?? '';
    return out;
  }
  if (m.length > 1) return m.slice(1).map((v) => v ?? '');
  return m[0];
}

function title(s: string): string {
  return s.replace(
    /(^|[^\p{L}\p{N}_'])(\p{L})/gu,
    (_, pre: string, c: string) => pre + c.toUpperCase(),
  );
}

/** Go-style `%` formatting as Terraform's format() does it. */
export function formatString(spec: string, args: Value[]): string {
  let out = '';
  let argIndex = 0;
  let i = 0;
  while (i < spec.length) {
    const c = spec[i] as string;
    if (c !== '%') {
      const next = spec.indexOf('%', i);
      const end = next === -1 ? spec.length : next;
      out += spec.slice(i, end);
      i = end;
      continue;
    }
    if (spec[i + 1] === '%') {
      out += '%';
      i += 2;
      continue;
    }
    const m = /^%([-+ 0#]*)(?:\[(\d+)\])?(\d+)?(?:\.(\d+))?([a-zA-Z])/.exec(spec.slice(i));
    if (!m) throw new ValueError(`invalid format verb at offset ${i} in "${spec}"`);
    i += m[0].length;
    const flags = m[1] ?? '';
    if (m[2]) argIndex = Number(m[2]) - 1;
    const width = m[3] ? Number(m[3]) : 0;
    const prec = m[4] !== undefined ? Number(m[4]) : undefined;
    const verb = m[5] as string;
    if (argIndex >= args.length) throw new ValueError(`not enough arguments for format "${spec}"`);
    const v = args[argIndex++] as Value;
    let s: string;
    switch (verb) {
      case 's':
        s = toStr(v);
        if (prec !== undefined) s = [...s].slice(0, prec).join('');
        break;
      case 'q':
        s = JSON.stringify(toStr(v));
        break;
      case 'v':
        s = typeof v === 'object' && v !== null ? jsonText(v) : v === null ? 'null' : toStr(v);
        break;
      case 't':
        if (typeof v !== 'boolean') throw new ValueError(`%t requires a bool, got ${typeName(v)}`);
        s = String(v);
        break;
      case 'd': {
        const n = toNum(v);
        if (!Number.isInteger(n)) throw new ValueError(`%d requires a whole number, got ${n}`);
        s = formatNumber(n);
        if (flags.includes('+') && n >= 0) s = '+' + s;
        break;
      }
      case 'f':
      case 'e':
      case 'E':
      case 'g':
      case 'G': {
        const n = toNum(v);
        if (verb === 'f') s = n.toFixed(prec ?? 6);
        else if (verb === 'e' || verb === 'E') {
          s = n.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
          if (verb === 'E') s = s.toUpperCase();
        } else s = prec !== undefined ? String(Number(n.toPrecision(prec))) : formatNumber(n);
        if (flags.includes('+') && n >= 0) s = '+' + s;
        break;
      }
      case 'x':
      case 'X':
      case 'o':
      case 'b': {
        const base = verb === 'o' ? 8 : verb === 'b' ? 2 : 16;
        if (typeof v === 'string' && base === 16) {
          s = Buffer.from(v, 'utf8').toString('hex');
        } else {
          const n = toNum(v);
          if (!Number.isInteger(n)) throw new ValueError(`%${verb} requires a whole number`);
          s = n.toString(base);
        }
        if (verb === 'X') s = s.toUpperCase();
        break;
      }
      default:
        throw new ValueError(`unsupported format verb %${verb}`);
    }
    if (s.length < width) {
      const pad = flags.includes('0') && !flags.includes('-') && verb !== 's' ? '0' : ' ';
      if (flags.includes('-')) s = s.padEnd(width, ' ');
      else if (pad === '0' && /^[+-]/.test(s)) s = s[0] + s.slice(1).padStart(width - 1, '0');
      else s = s.padStart(width, pad);
    }
    out += s;
  }
  return out;
}

function jsonText(v: Value): string {
  return JSON.stringify(v, (_k, x: unknown) => (x instanceof Unknown ? null : x));
}

export const stringFunctions: Record<string, HclFunction> = {
  chomp: str1((s) => s.replace(/(\r\n|\n|\r)+$/, '')),
  lower: str1((s) => s.toLowerCase()),
  upper: str1((s) => s.toUpperCase()),
  strrev: str1((s) => [...s].reverse().join('')),
  title: str1(title),
  trimspace: str1((s) => s.trim()),
  indent: fn(
    (a) => {
      const pad = ' '.repeat(toInt(arg(a, 0)));
      return toStr(arg(a, 1)).replace(/\n/g, '\n' + pad);
    },
    2,
    2,
  ),
  join: fn(
    (a) => {
      const sep = toStr(arg(a, 0));
      const lists = a.slice(1).map((l) => toList(l));
      return lists
        .flat()
        .map((v) => {
          if (v === null) throw new ValueError('cannot join a null element');
          return toStr(v);
        })
        .join(sep);
    },
    2,
    Infinity,
  ),
  split: fn(
    (a) => {
      const sep = toStr(arg(a, 0));
      const s = toStr(arg(a, 1));
      if (s === '') return [''];
      return sep === '' ? [...s] : s.split(sep);
    },
    2,
    2,
  ),
  replace: fn(
    (a) => {
      const s = toStr(arg(a, 0));
      const search = toStr(arg(a, 1));
      const rep = toStr(arg(a, 2));
      if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
        const re = re2(search.slice(1, -1), 'g');
        const jsRep = rep.replace(/\$\{(\w+)\}/g, (_, n: string) =>
          /^\d+$/.test(n) ? `$${n}` : `$<${n}>`,
        );
        return s.replace(re, jsRep);
      }
      if (search === '') return s;
      return s.split(search).join(rep);
    },
    3,
    3,
  ),
  substr: fn(
    (a) => {
      const chars = [...toStr(arg(a, 0))];
      let offset = toInt(arg(a, 1));
      let length = toInt(arg(a, 2));
      if (offset < 0) offset = chars.length + offset;
      if (offset < 0 || offset > chars.length) throw new ValueError('offset out of range');
      if (length < 0) length = chars.length - offset;
      return chars.slice(offset, offset + length).join('');
    },
    3,
    3,
  ),
  trim: fn(
    (a) => {
      const s = toStr(arg(a, 0));
      const cut = new Set([...toStr(arg(a, 1))]);
      const chars = [...s];
      let i = 0;
      let j = chars.length;
      while (i < j && cut.has(chars[i] as string)) i++;
      while (j > i && cut.has(chars[j - 1] as string)) j--;
      return chars.slice(i, j).join('');
    },
    2,
    2,
  ),
  trimprefix: fn(
    (a) => {
      const s = toStr(arg(a, 0));
      const p = toStr(arg(a, 1));
      return s.startsWith(p) ? s.slice(p.length) : s;
    },
    2,
    2,
  ),
  trimsuffix: fn(
    (a) => {
      const s = toStr(arg(a, 0));
      const p = toStr(arg(a, 1));
      return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
    },
    2,
    2,
  ),
  startswith: fn((a) => toStr(arg(a, 0)).startsWith(toStr(arg(a, 1))), 2, 2),
  endswith: fn((a) => toStr(arg(a, 0)).endsWith(toStr(arg(a, 1))), 2, 2),
  strcontains: fn((a) => toStr(arg(a, 0)).includes(toStr(arg(a, 1))), 2, 2),
  regex: fn(
    (a) => {
      const m = re2(toStr(arg(a, 0))).exec(toStr(arg(a, 1)));
      if (!m) throw new ValueError('pattern did not match any part of the given string');
      return matchValue(m);
    },
    2,
    2,
  ),
  regexall: fn(
    (a) => {
      const re = re2(toStr(arg(a, 0)), 'g');
      const s = toStr(arg(a, 1));
      const out: Value[] = [];
      for (const m of s.matchAll(re)) out.push(matchValue(m as RegExpExecArray));
      return out;
    },
    2,
    2,
  ),
  format: fn((a) => formatString(toStr(arg(a, 0)), a.slice(1)), 1, Infinity),
  formatlist: fn(
    (a) => {
      const spec = toStr(arg(a, 0));
      const rest = a.slice(1);
      let n = -1;
      for (const v of rest) {
        if (Array.isArray(v)) {
          if (n !== -1 && v.length !== n)
            throw new ValueError('all list arguments must have the same length');
          n = v.length;
        } else if (isObjectValue(v))
          throw new ValueError('formatlist arguments must be lists or primitives');
      }
      if (n === -1) n = 1;
      const out: Value[] = [];
      for (let i = 0; i < n; i++) {
        out.push(
          formatString(
            spec,
            rest.map((v) => (Array.isArray(v) ? (v[i] as Value) : v)),
          ),
        );
      }
      return out;
    },
    1,
    Infinity,
  ),
};
