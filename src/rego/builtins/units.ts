/** units.parse and units.parse_bytes, with exact decimal arithmetic. */
import { builtinError, def, str, T, type BuiltinDecl } from './spec.js';

const K = 1000n;
const KI = 1024n;
const SI: Record<string, bigint> = {
  k: K,
  m: K ** 2n,
  g: K ** 3n,
  t: K ** 4n,
  p: K ** 5n,
  e: K ** 6n,
};
const BIN: Record<string, bigint> = {
  ki: KI,
  mi: KI ** 2n,
  gi: KI ** 3n,
  ti: KI ** 4n,
  pi: KI ** 5n,
  ei: KI ** 6n,
};

class ExponentTooLarge extends Error {}

/** Splits "10.5Ki" into number and unit text the way OPA does (exponents allowed). */
function split(s: string): [string, string] {
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/[0-9.+-]/.test(c)) {
      i++;
      continue;
    }
    if (c === 'e' || c === 'E') {
      const next = s[i + 1];
      if (next === undefined || !/[0-9+-]/.test(next)) break;
      let j = i + 1;
      if (next === '+' || next === '-') j++;
      let k = j;
      while (k < s.length && /[0-9]/.test(s[k]!)) k++;
      if (k - j > 6) throw new ExponentTooLarge();
      i = j;
      continue;
    }
    break;
  }
  return [s.slice(0, i), s.slice(i)];
}

/** A decimal as an exact fraction num/den, or undefined when malformed. */
function rational(s: string): [bigint, bigint] | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const frac = m[3] ?? '';
  let num = BigInt((m[2] || '0') + frac) * (m[1] === '-' ? -1n : 1n);
  let den = 10n ** BigInt(frac.length);
  const exp = Number(m[4] ?? 0);
  if (exp >= 0) num *= 10n ** BigInt(exp);
  else den *= 10n ** BigInt(-exp);
  return [num, den];
}

/** num/den as a JS number, exact when it is an integer; 10 decimals otherwise (as OPA). */
function toNumber(num: bigint, den: bigint): number {
  if (num % den === 0n) return Number(num / den);
  const scaled = (num * 10n ** 10n) / den;
  const neg = scaled < 0n;
  const digits = (neg ? -scaled : scaled).toString().padStart(11, '0');
  return Number((neg ? '-' : '') + digits.slice(0, -10) + '.' + digits.slice(-10));
}

function parseUnits(raw: string): number {
  const name = 'units.parse';
  const s = raw.replace(/"/g, '');
  if (s.includes(' ')) throw builtinError(name, 'spaces not allowed in resource strings');
  let num: string;
  let unit: string;
  try {
    [num, unit] = split(s);
  } catch {
    throw builtinError(name, 'exponent too large');
  }
  if (num === '') throw builtinError(name, 'no amount provided');
  // only the first letter keeps its case: "m" is milli, "M" mega
  if (unit.length > 1) unit = unit[0] + unit.slice(1).toLowerCase();
  let mulNum: bigint;
  let mulDen = 1n;
  if (unit === 'm') [mulNum, mulDen] = [1n, 1000n];
  else if (unit === '') mulNum = 1n;
  else if (unit === 'M') mulNum = SI.m!;
  else if (unit.length === 1 && unit !== 'm' && SI[unit.toLowerCase()])
    mulNum = SI[unit.toLowerCase()]!;
  else if (BIN[unit.toLowerCase()]) mulNum = BIN[unit.toLowerCase()]!;
  else throw builtinError(name, `unit ${unit} not recognized`);
  const r = rational(num);
  if (!r) throw builtinError(name, 'could not parse amount to a number');
  return toNumber(r[0] * mulNum, r[1] * mulDen);
}

function parseBytes(raw: string): number {
  const name = 'units.parse_bytes';
  const s = raw.toLowerCase().replace(/"/g, '');
  if (s.includes(' ')) throw builtinError(name, 'spaces not allowed in resource strings');
  let num: string;
  let unit: string;
  try {
    [num, unit] = split(s);
  } catch {
    throw builtinError(name, 'exponent too large');
  }
  if (num === '') throw builtinError(name, 'no byte amount provided');
  let mul: bigint | undefined;
  if (unit === '') mul = 1n;
  else if (/^[kmgtpe]b?$/.test(unit)) mul = SI[unit[0]!];
  else if (/^[kmgtpe]ib?$/.test(unit)) mul = BIN[unit.slice(0, 2)];
  if (mul === undefined) throw builtinError(name, `byte unit ${unit} not recognized`);
  const r = rational(num);
  if (!r) throw builtinError(name, 'could not parse byte amount to a number');
  return Number((r[0] * mul) / r[1]); // truncated toward zero, as big.Float.Int does
}

export const decls: BuiltinDecl[] = [
  def('units.parse', [T.string], T.number, 'units', (a) => parseUnits(str(a[0]))),
  def('units.parse_bytes', [T.string], T.number, 'units', (a) => parseBytes(str(a[0]))),
];
