/** Encoding, hashing and time functions. */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { Unknown, type Value } from '../../types.js';
import { ValueError, toStr } from '../values.js';
import { arg, fn, type HclFunction } from './types.js';

/** JSON as Terraform writes it: compact, with <, > and & escaped. */
export function jsonEncode(v: Value): string {
  return JSON.stringify(v)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function fromPlain(x: unknown): Value {
  if (x === null || x === undefined) return null;
  if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return x;
  if (x instanceof Date) return x.toISOString();
  if (Array.isArray(x)) return x.map(fromPlain);
  if (typeof x === 'object') {
    const out: { [k: string]: Value } = {};
    for (const [k, v] of Object.entries(x as object)) {
      Object.defineProperty(out, k, {
        value: fromPlain(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return String(x);
}

const hash = (alg: string) =>
  fn(
    (a) =>
      createHash(alg)
        .update(toStr(arg(a, 0)), 'utf8')
        .digest('hex'),
    1,
    1,
  );
const hash64 = (alg: string) =>
  fn(
    (a) =>
      createHash(alg)
        .update(toStr(arg(a, 0)), 'utf8')
        .digest('base64'),
    1,
    1,
  );

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
    i++;
  }
  if (quoted) throw new ValueError('unterminated quoted field in CSV');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Parses an RFC 3339 timestamp; keeps its UTC offset in minutes. */
export function parseRfc3339(s: string): { ms: number; offset: number } {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) throw new ValueError(`"${s}" is not a valid RFC 3339 timestamp`);
  const ms = Date.parse(s.toUpperCase());
  if (Number.isNaN(ms)) throw new ValueError(`"${s}" is not a valid RFC 3339 timestamp`);
  const z = m[8] as string;
  const offset =
    z.toUpperCase() === 'Z'
      ? 0
      : (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(4, 6)));
  return { ms, offset };
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function offsetText(offset: number, colon: boolean): string {
  if (offset === 0 && colon) return 'Z';
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return `${sign}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

function rfc3339(ms: number, offset: number): string {
  const d = new Date(ms + offset * 60_000);
  const frac = d.getUTCMilliseconds()
    ? '.' + pad(d.getUTCMilliseconds(), 3).replace(/0+$/, '')
    : '';
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac}` +
    offsetText(offset, true)
  );
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function formatDate(spec: string, ts: string): string {
  const { ms, offset } = parseRfc3339(ts);
  const d = new Date(ms + offset * 60_000);
  const h = d.getUTCHours();
  const tokens: Record<string, () => string> = {
    YYYY: () => pad(d.getUTCFullYear(), 4),
    YY: () => pad(d.getUTCFullYear() % 100),
    MMMM: () => MONTHS[d.getUTCMonth()] as string,
    MMM: () => (MONTHS[d.getUTCMonth()] as string).slice(0, 3),
    MM: () => pad(d.getUTCMonth() + 1),
    M: () => String(d.getUTCMonth() + 1),
    DD: () => pad(d.getUTCDate()),
    D: () => String(d.getUTCDate()),
    EEEE: () => DAYS[d.getUTCDay()] as string,
    EEE: () => (DAYS[d.getUTCDay()] as string).slice(0, 3),
    HH: () => pad(h),
    H: () => String(h),
    hh: () => pad(h % 12 === 0 ? 12 : h % 12),
    h: () => String(h % 12 === 0 ? 12 : h % 12),
    mm: () => pad(d.getUTCMinutes()),
    m: () => String(d.getUTCMinutes()),
    ss: () => pad(d.getUTCSeconds()),
    s: () => String(d.getUTCSeconds()),
    AA: () => (h < 12 ? 'AM' : 'PM'),
    aa: () => (h < 12 ? 'am' : 'pm'),
    ZZZZZ: () => offsetText(offset, true).replace('Z', '+00:00'),
    ZZZZ: () => offsetText(offset, false).replace('Z', '+0000'),
    ZZZ: () => (offset === 0 ? 'UTC' : offsetText(offset, false)),
    Z: () => offsetText(offset, true),
  };
  let out = '';
  let i = 0;
  while (i < spec.length) {
    const c = spec[i] as string;
    if (c === "'") {
      const end = spec.indexOf("'", i + 1);
      if (end === -1) throw new ValueError('unterminated literal in date format');
      out += end === i + 1 ? "'" : spec.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (spec[j] === c) j++;
      const tok = spec.slice(i, j);
      const f = tokens[tok];
      if (!f) throw new ValueError(`invalid date format token "${tok}"`);
      out += f();
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

export function parseDuration(s: string): number {
  const m = /^([+-]?)((?:\d+(?:\.\d*)?(?:ns|us|µs|ms|s|m|h))+)$/.exec(s);
  if (!m) {
    if (s === '0') return 0;
    throw new ValueError(`"${s}" is not a valid duration`);
  }
  let total = 0;
  for (const part of (m[2] as string).matchAll(/(\d+(?:\.\d*)?)(ns|us|µs|ms|s|m|h)/g)) {
    total += Number(part[1]) * (DURATION_UNITS[part[2] as string] as number);
  }
  return m[1] === '-' ? -total : total;
}

const afterApply = (name: string) =>
  fn(() => new Unknown(`${name}() is known only after apply`), 0, Infinity, 'none');

export const encodingFunctions: Record<string, HclFunction> = {
  base64encode: fn((a) => Buffer.from(toStr(arg(a, 0)), 'utf8').toString('base64'), 1, 1),
  base64decode: fn(
    (a) => {
      const s = toStr(arg(a, 0));
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) {
        throw new ValueError('the given value is not valid base64');
      }
      return Buffer.from(s, 'base64').toString('utf8');
    },
    1,
    1,
  ),
  jsonencode: fn((a) => jsonEncode(arg(a, 0)), 1, 1),
  jsondecode: fn(
    (a) => {
      try {
        return fromPlain(JSON.parse(toStr(arg(a, 0))));
      } catch (e) {
        throw new ValueError(`invalid JSON: ${(e as Error).message}`);
      }
    },
    1,
    1,
  ),
  yamlencode: fn((a) => stringifyYaml(arg(a, 0)), 1, 1),
  yamldecode: fn(
    (a) => {
      try {
        return fromPlain(parseYaml(toStr(arg(a, 0))));
      } catch (e) {
        throw new ValueError(`invalid YAML: ${(e as Error).message}`);
      }
    },
    1,
    1,
  ),
  urlencode: fn(
    (a) =>
      encodeURIComponent(toStr(arg(a, 0)))
        .replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
        .replace(/%20/g, '+'),
    1,
    1,
  ),
  csvdecode: fn(
    (a) => {
      const rows = parseCsv(toStr(arg(a, 0)));
      const [header, ...data] = rows;
      if (!header) throw new ValueError('missing header line');
      return data.map((r, i) => {
        if (r.length !== header.length) {
          throw new ValueError(`line ${i + 2}: wrong number of fields`);
        }
        const o: { [k: string]: Value } = {};
        header.forEach((h, j) => (o[h] = r[j] as string));
        return o;
      });
    },
    1,
    1,
  ),
  md5: hash('md5'),
  sha1: hash('sha1'),
  sha256: hash('sha256'),
  sha512: hash('sha512'),
  base64sha256: hash64('sha256'),
  base64sha512: hash64('sha512'),
  base64gzip: fn((a) => gzipSync(Buffer.from(toStr(arg(a, 0)), 'utf8')).toString('base64'), 1, 1),
  uuid: afterApply('uuid'),
  plantimestamp: afterApply('plantimestamp'),
  timestamp: afterApply('timestamp'),
  bcrypt: afterApply('bcrypt'),
  formatdate: fn((a) => formatDate(toStr(arg(a, 0)), toStr(arg(a, 1))), 2, 2),
  timeadd: fn(
    (a) => {
      const { ms, offset } = parseRfc3339(toStr(arg(a, 0)));
      return rfc3339(ms + parseDuration(toStr(arg(a, 1))), offset);
    },
    2,
    2,
  ),
  timecmp: fn(
    (a) => {
      const x = parseRfc3339(toStr(arg(a, 0))).ms;
      const y = parseRfc3339(toStr(arg(a, 1))).ms;
      return x < y ? -1 : x > y ? 1 : 0;
    },
    2,
    2,
  ),
};
