/** Value helpers with Terraform's conversion rules (number↔string, bool↔string). */
import { Unknown, type Value } from '../types.js';

/** Thrown by conversions and functions; the evaluator turns it into an EvalError. */
export class ValueError extends Error {}

export type ValueObject = { [key: string]: Value };

export function isObjectValue(v: Value): v is ValueObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Unknown);
}

export function typeName(v: Value): string {
  if (v === null) return 'null';
  if (v instanceof Unknown) return 'unknown';
  if (Array.isArray(v)) return 'tuple';
  if (typeof v === 'object') return 'object';
  return typeof v; // string | number | boolean
}

/** The first Unknown anywhere inside `v`, if any. */
export function firstUnknown(v: Value): Unknown | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  if (v instanceof Unknown) return v;
  if (Array.isArray(v)) {
    for (const x of v) {
      const u = firstUnknown(x);
      if (u) return u;
    }
    return undefined;
  }
  for (const k in v) {
    const u = firstUnknown(v[k] as Value);
    if (u) return u;
  }
  return undefined;
}

/** Number formatting as Terraform prints it: no exponent for ordinary magnitudes. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  if (!s.includes('e')) return s;
  // expand exponents for readability of small/large decimals
  const abs = Math.abs(n);
  if (abs >= 1e21) return BigInt(Math.round(n)).toString();
  return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

export function toStr(v: Value, what = 'value'): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) throw new ValueError(`Invalid ${what}: a null value cannot be used as a string`);
  throw new ValueError(`Invalid ${what}: string required, got ${typeName(v)}`);
}

const NUMBER_TEXT = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function toNum(v: Value, what = 'value'): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const s = v.trim();
    if (NUMBER_TEXT.test(s)) return Number(s);
    throw new ValueError(`Invalid ${what}: cannot convert "${v}" to a number`);
  }
  if (v === null) throw new ValueError(`Invalid ${what}: a null value cannot be used as a number`);
  throw new ValueError(`Invalid ${what}: number required, got ${typeName(v)}`);
}

export function toBool(v: Value, what = 'value'): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v === null) throw new ValueError(`Invalid ${what}: a null value cannot be used as a bool`);
  throw new ValueError(`Invalid ${what}: bool required, got ${typeName(v)}`);
}

export function toList(v: Value, what = 'value'): Value[] {
  if (Array.isArray(v)) return v;
  if (v === null) throw new ValueError(`Invalid ${what}: a null value cannot be used as a list`);
  throw new ValueError(`Invalid ${what}: list required, got ${typeName(v)}`);
}

export function toObject(v: Value, what = 'value'): ValueObject {
  if (isObjectValue(v)) return v;
  if (v === null) throw new ValueError(`Invalid ${what}: a null value cannot be used as a map`);
  throw new ValueError(`Invalid ${what}: map or object required, got ${typeName(v)}`);
}

export function toInt(v: Value, what = 'value'): number {
  const n = toNum(v, what);
  if (!Number.isInteger(n)) throw new ValueError(`Invalid ${what}: ${n} is not a whole number`);
  return n;
}

/** Deep equality of known values; numbers and strings are never equal to each other. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (a instanceof Unknown || b instanceof Unknown) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => valuesEqual(x, b[i] as Value));
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => k in b && valuesEqual(a[k] as Value, b[k] as Value));
}

/** A stable key for set operations over known values. */
export function valueKey(v: Value): string {
  if (v === null) return 'n';
  if (typeof v === 'string') return 's' + JSON.stringify(v);
  if (typeof v === 'number') return 'd' + v;
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (v instanceof Unknown) return 'u';
  if (Array.isArray(v)) return '[' + v.map(valueKey).join(',') + ']';
  return (
    '{' +
    Object.keys(v)
      .sort()
      .map((k) => JSON.stringify(k) + ':' + valueKey(v[k] as Value))
      .join(',') +
    '}'
  );
}

export function distinctValues(list: Value[]): Value[] {
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const v of list) {
    const k = valueKey(v);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(v);
    }
  }
  return out;
}

/** Order sets the way Terraform shows them: strings and numbers sorted, others as given. */
export function setOrder(list: Value[]): Value[] {
  const d = distinctValues(list);
  if (d.every((v) => typeof v === 'string')) return [...d].sort(compareStrings);
  if (d.every((v) => typeof v === 'number'))
    return [...d].sort((a, b) => (a as number) - (b as number));
  return d;
}

export function compareStrings(a: Value, b: Value): number {
  const x = a as string;
  const y = b as string;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sortedKeys(o: ValueObject): string[] {
  return Object.keys(o).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
