/**
 * sprintf: Go's fmt.Sprintf over the arguments OPA passes it. OPA hands Go integers as
 * `int` (or `*big.Int` beyond 64 bits), other numbers as `float64`, strings as `string`,
 * and every other value as the string of its Rego literal form; so `%s` of a small integer
 * prints `%!s(int=5)` exactly as in OPA.
 */
import type { RegoValue } from '../value.js';
import { goQuote, regoString } from './format.js';

type Arg =
  | { t: 'int'; v: bigint }
  | { t: 'big'; v: bigint }
  | { t: 'float'; v: number }
  | { t: 'string'; v: string };

const INT64 = 2n ** 63n;

function toArg(x: RegoValue): Arg {
  if (typeof x === 'number') {
    if (Number.isInteger(x)) {
      // above 2^53 a double is inexact; its shortest decimal form is closest to the literal
      const b = BigInt(Math.abs(x) < 1e21 ? String(x) : x);
      return b >= -INT64 && b < INT64 ? { t: 'int', v: b } : { t: 'big', v: b };
    }
    return { t: 'float', v: x };
  }
  if (typeof x === 'string') return { t: 'string', v: x };
  return { t: 'string', v: regoString(x) };
}

interface Spec {
  minus: boolean;
  plus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  prec?: number;
}

function pad(s: string, spec: Spec, numeric: boolean): string {
  const w = spec.width ?? 0;
  const len = [...s].length;
  if (len >= w) return s;
  const fill = w - len;
  if (spec.minus) return s + ' '.repeat(fill);
  if (spec.zero) {
    // zeros go after the sign of a number
    const sign = numeric && /^[+\- ]/.test(s) ? s[0]! : '';
    return sign + '0'.repeat(fill) + s.slice(sign.length);
  }
  return ' '.repeat(fill) + s;
}

function signed(body: string, negative: boolean, spec: Spec): string {
  if (negative) return '-' + body;
  if (spec.plus) return '+' + body;
  if (spec.space) return ' ' + body;
  return body;
}

function fmtInteger(v: bigint, verb: string, spec: Spec): string | undefined {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  let body: string;
  switch (verb) {
    case 'd':
    case 'v':
      body = abs.toString();
      break;
    case 'b':
      body = (spec.sharp ? '0b' : '') + abs.toString(2);
      break;
    case 'o':
      body = (spec.sharp ? '0' : '') + abs.toString(8);
      break;
    case 'O':
      body = '0o' + abs.toString(8);
      break;
    case 'x':
      body = (spec.sharp ? '0x' : '') + abs.toString(16);
      break;
    case 'X':
      body = (spec.sharp ? '0X' : '') + abs.toString(16).toUpperCase();
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(v)), spec, false);
    case 'q':
      return pad("'" + goQuote(String.fromCodePoint(Number(v))).slice(1, -1) + "'", spec, false);
    case 'U':
      return pad('U+' + abs.toString(16).toUpperCase().padStart(4, '0'), spec, false);
    default:
      return undefined;
  }
  if (spec.prec !== undefined) body = body.padStart(spec.prec, '0');
  return pad(signed(body, neg, spec), spec, spec.prec === undefined);
}

/** Go's exponent form: at least two exponent digits, explicit sign. */
function goExp(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** %g: shortest (prec undefined) or prec significant digits, exponent form when large/small. */
function fmtG(v: number, prec: number | undefined, sharp: boolean): string {
  const e = prec === undefined ? v.toExponential() : v.toExponential(Math.max(prec, 1) - 1);
  const [mant, expStr] = e.split('e') as [string, string];
  const exp = Number(expStr);
  // Go switches to the exponent form at exponent >= precision, 6 for the shortest form
  let eprec = 6;
  if (prec !== undefined) {
    const digits = mant.replace('-', '').replace('.', '').replace(/0+$/, '').length;
    eprec = Math.max(prec, 1);
    if (eprec > digits && digits >= exp + 1) eprec = digits;
  }
  if (exp < -4 || exp >= eprec) {
    let m = mant;
    if (!sharp && m.includes('.')) m = m.replace(/\.?0+$/, '');
    return goExp(m + 'e' + (exp < 0 ? '-' : '+') + Math.abs(exp));
  }
  const fixed = prec === undefined ? String(v) : v.toFixed(Math.max(0, eprec - 1 - exp));
  return sharp || !fixed.includes('.') ? fixed : fixed.replace(/\.?0+$/, '');
}

function fmtFloat(v: number, verb: string, spec: Spec): string | undefined {
  if (!Number.isFinite(v)) {
    const s = Number.isNaN(v) ? 'NaN' : v > 0 ? (spec.plus ? '+Inf' : 'Inf') : '-Inf';
    return pad(s, { ...spec, zero: false }, false);
  }
  const neg = v < 0 || Object.is(v, -0);
  const abs = Math.abs(v);
  let body: string;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
      body = fmtG(abs, spec.prec, spec.sharp);
      if (verb === 'G') body = body.toUpperCase();
      break;
    case 'e':
    case 'E':
      body = goExp(abs.toExponential(spec.prec ?? 6));
      if (verb === 'E') body = body.toUpperCase();
      break;
    case 'f':
    case 'F':
      body = abs < 1e21 ? abs.toFixed(spec.prec ?? 6) : BigInt(abs).toString();
      break;
    default:
      return undefined;
  }
  return pad(signed(body, neg, spec), spec, true);
}

function fmtString(v: string, verb: string, spec: Spec): string | undefined {
  const cut = (s: string) => (spec.prec === undefined ? s : [...s].slice(0, spec.prec).join(''));
  switch (verb) {
    case 's':
    case 'v':
      return pad(cut(v), spec, false);
    case 'q':
      return pad(goQuote(cut(v)), spec, false);
    case 'x':
    case 'X': {
      let h = Buffer.from(cut(v), 'utf8').toString('hex');
      if (verb === 'X') h = h.toUpperCase();
      return pad(h, spec, false);
    }
    default:
      return undefined;
  }
}

function typeOf(a: Arg): string {
  return a.t === 'int'
    ? 'int'
    : a.t === 'big'
      ? '*big.Int'
      : a.t === 'float'
        ? 'float64'
        : 'string';
}

function plain(a: Arg): string {
  if (a.t === 'float') return fmtG(a.v, undefined, false);
  return String(a.v);
}

function formatArg(a: Arg, verb: string, spec: Spec): string {
  if (verb === 'T') return pad(typeOf(a), spec, false);
  let out: string | undefined;
  if (a.t === 'int') out = fmtInteger(a.v, verb, spec);
  else if (a.t === 'big')
    out = verb === 's' ? pad(a.v.toString(), spec, true) : fmtInteger(a.v, verb, spec);
  else if (a.t === 'float') out = fmtFloat(a.v, verb, spec);
  else out = fmtString(a.v, verb, spec);
  return out ?? `%!${verb}(${typeOf(a)}=${plain(a)})`;
}

/** Go's fmt.Sprintf over Rego values. */
export function sprintf(format: string, values: readonly RegoValue[]): string {
  const args = values.map(toArg);
  let next = 0;
  let out = '';
  const chars = [...format];
  let i = 0;
  const readNum = (): number | undefined => {
    let s = '';
    while (i < chars.length && /[0-9]/.test(chars[i]!)) s += chars[i++];
    return s === '' ? undefined : Number(s);
  };
  const starArg = (): number | undefined => {
    const a = args[next++];
    return a && a.t === 'int' ? Number(a.v) : undefined;
  };
  while (i < chars.length) {
    const c = chars[i++]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const spec: Spec = { minus: false, plus: false, sharp: false, space: false, zero: false };
    for (; i < chars.length; i++) {
      const f = chars[i];
      if (f === '-') spec.minus = true;
      else if (f === '+') spec.plus = true;
      else if (f === '#') spec.sharp = true;
      else if (f === ' ') spec.space = true;
      else if (f === '0') spec.zero = true;
      else break;
    }
    if (chars[i] === '*') {
      i++;
      spec.width = starArg();
      if (spec.width !== undefined && spec.width < 0) {
        spec.minus = true;
        spec.width = -spec.width;
      }
    } else spec.width = readNum();
    if (chars[i] === '.') {
      i++;
      if (chars[i] === '*') {
        i++;
        spec.prec = starArg();
      } else spec.prec = readNum() ?? 0;
    }
    if (spec.minus) spec.zero = false;
    if (i >= chars.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = chars[i++]!;
    if (verb === '%') {
      out += '%';
      continue;
    }
    const arg = args[next++];
    out += arg === undefined ? `%!${verb}(MISSING)` : formatArg(arg, verb, spec);
  }
  if (next < args.length) {
    out +=
      '%!(EXTRA ' +
      args
        .slice(next)
        .map((a) => `${typeOf(a)}=${plain(a)}`)
        .join(', ') +
      ')';
  }
  return out;
}
