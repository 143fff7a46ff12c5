/** Numeric, collection and type-conversion functions. */
import { Unknown, type Value } from '../../types.js';
import {
  ValueError,
  distinctValues,
  isObjectValue,
  setOrder,
  sortedKeys,
  toBool,
  toInt,
  toList,
  toNum,
  toObject,
  toStr,
  typeName,
  valueKey,
  valuesEqual,
  type ValueObject,
} from '../values.js';
import { arg, fn, type HclFunction } from './types.js';

const num = (f: (n: number) => number) => fn((a) => f(toNum(arg(a, 0))), 1, 1);

function lengthOf(v: Value): number {
  if (typeof v === 'string') return [...v].length;
  if (Array.isArray(v)) return v.length;
  if (isObjectValue(v)) return Object.keys(v).length;
  throw new ValueError(
    `argument must be a string, a collection or a structure, got ${typeName(v)}`,
  );
}

function flattenInto(list: Value[], out: Value[]): Unknown | undefined {
  for (const v of list) {
    if (v instanceof Unknown) return v;
    if (Array.isArray(v)) {
      const u = flattenInto(v, out);
      if (u) return u;
    } else out.push(v);
  }
  return undefined;
}

function listOrSet(v: Value, what: string): Value[] {
  return toList(v, what);
}

export const collectionFunctions: Record<string, HclFunction> = {
  abs: num(Math.abs),
  ceil: num(Math.ceil),
  floor: num(Math.floor),
  signum: num(Math.sign),
  log: fn((a) => Math.log(toNum(arg(a, 0))) / Math.log(toNum(arg(a, 1))), 2, 2),
  pow: fn((a) => Math.pow(toNum(arg(a, 0)), toNum(arg(a, 1))), 2, 2),
  max: fn((a) => Math.max(...a.map((v) => toNum(v))), 1, Infinity),
  min: fn((a) => Math.min(...a.map((v) => toNum(v))), 1, Infinity),
  parseint: fn(
    (a) => {
      const s = toStr(arg(a, 0));
      const base = toInt(arg(a, 1));
      if (base < 2 || base > 62) throw new ValueError('base must be between 2 and 62');
      const digits = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
      const neg = s.startsWith('-');
      const body = neg || s.startsWith('+') ? s.slice(1) : s;
      if (body === '') throw new ValueError(`cannot parse "${s}" as a base ${base} integer`);
      let n = 0;
      for (const ch of body) {
        const d = base <= 36 ? digits.indexOf(ch.toLowerCase()) : digits.indexOf(ch);
        if (d < 0 || d >= base)
          throw new ValueError(`cannot parse "${s}" as a base ${base} integer`);
        n = n * base + d;
      }
      return neg ? -n : n;
    },
    2,
    2,
  ),

  length: fn((a) => lengthOf(arg(a, 0)), 1, 1, 'shallow'),
  alltrue: fn((a) => toList(arg(a, 0)).every((v) => toBool(v)), 1, 1),
  anytrue: fn((a) => toList(arg(a, 0)).some((v) => toBool(v)), 1, 1),
  chunklist: fn(
    (a) => {
      const list = toList(arg(a, 0));
      const size = toInt(arg(a, 1));
      if (size < 0) throw new ValueError('the size argument must be positive');
      if (size === 0) return [list];
      const out: Value[] = [];
      for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
      return out;
    },
    2,
    2,
    'shallow',
  ),
  coalesce: fn(
    (a) => {
      for (const v of a) {
        if (v instanceof Unknown) return v;
        if (v !== null && v !== '') return v;
      }
      throw new ValueError('no non-null, non-empty-string arguments');
    },
    1,
    Infinity,
    'none',
  ),
  coalescelist: fn(
    (a) => {
      for (const v of a) {
        if (v instanceof Unknown) return v;
        if (toList(v).length > 0) return v;
      }
      throw new ValueError('no non-empty list arguments');
    },
    1,
    Infinity,
    'none',
  ),
  compact: fn((a) => toList(arg(a, 0)).filter((v) => v !== null && v !== ''), 1, 1),
  concat: fn((a) => a.flatMap((v) => toList(v)), 0, Infinity, 'shallow'),
  contains: fn((a) => toList(arg(a, 0)).some((v) => valuesEqual(v, arg(a, 1))), 2, 2),
  distinct: fn((a) => distinctValues(toList(arg(a, 0))), 1, 1),
  element: fn(
    (a) => {
      const list = toList(arg(a, 0));
      const i = toInt(arg(a, 1));
      if (list.length === 0) throw new ValueError('cannot use element function with an empty list');
      if (i < 0) throw new ValueError('cannot use element function with a negative index');
      return list[i % list.length] as Value;
    },
    2,
    2,
    'shallow',
  ),
  flatten: fn(
    (a) => {
      const out: Value[] = [];
      return flattenInto(toList(arg(a, 0)), out) ?? out;
    },
    1,
    1,
    'shallow',
  ),
  index: fn(
    (a) => {
      const i = toList(arg(a, 0)).findIndex((v) => valuesEqual(v, arg(a, 1)));
      if (i < 0) throw new ValueError('item not found');
      return i;
    },
    2,
    2,
  ),
  keys: fn((a) => sortedKeys(toObject(arg(a, 0))), 1, 1, 'shallow'),
  values: fn(
    (a) => {
      const o = toObject(arg(a, 0));
      return sortedKeys(o).map((k) => o[k] as Value);
    },
    1,
    1,
    'shallow',
  ),
  lookup: fn(
    (a) => {
      const m = arg(a, 0);
      if (m instanceof Unknown) return m;
      const o = toObject(m);
      const k = toStr(arg(a, 1));
      if (Object.prototype.hasOwnProperty.call(o, k)) return o[k] as Value;
      if (a.length === 3) return arg(a, 2);
      throw new ValueError(`lookup failed to find key "${k}"`);
    },
    2,
    3,
    'shallow',
  ),
  matchkeys: fn(
    (a) => {
      const values = toList(arg(a, 0));
      const keys = toList(arg(a, 1));
      const search = new Set(toList(arg(a, 2)).map(valueKey));
      if (values.length !== keys.length)
        throw new ValueError('length of keys and values should be equal');
      return values.filter((_, i) => search.has(valueKey(keys[i] as Value)));
    },
    3,
    3,
  ),
  merge: fn(
    (a) => {
      const out: ValueObject = {};
      for (const v of a) {
        if (v === null) continue;
        const o = toObject(v);
        for (const k of Object.keys(o)) {
          Object.defineProperty(out, k, {
            value: o[k],
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
      }
      return out;
    },
    0,
    Infinity,
    'shallow',
  ),
  one: fn(
    (a) => {
      const list = toList(arg(a, 0));
      if (list.length === 0) return null;
      if (list.length === 1) return list[0] as Value;
      throw new ValueError('must be a list, set, or tuple value with either zero or one elements');
    },
    1,
    1,
    'shallow',
  ),
  range: fn(
    (a) => {
      const nums = a.map((v) => toNum(v));
      let [start, end, step] = [0, 0, 1];
      if (nums.length === 1) end = nums[0] as number;
      else {
        start = nums[0] as number;
        end = nums[1] as number;
        step = nums.length === 3 ? (nums[2] as number) : end >= start ? 1 : -1;
      }
      if (step === 0) throw new ValueError('step must not be zero');
      if ((step > 0 && end < start) || (step < 0 && end > start)) {
        throw new ValueError('step has the wrong sign for the given start and end');
      }
      const out: number[] = [];
      for (let v = start; step > 0 ? v < end : v > end; v += step) {
        out.push(v);
        if (out.length > 1024) throw new ValueError('more than 1024 values were generated');
      }
      return out;
    },
    1,
    3,
  ),
  reverse: fn((a) => [...toList(arg(a, 0))].reverse(), 1, 1, 'shallow'),
  setintersection: fn(
    (a) => {
      const [first, ...rest] = a.map((v) => listOrSet(v, 'set'));
      const keys = rest.map((l) => new Set(l.map(valueKey)));
      return setOrder((first ?? []).filter((v) => keys.every((k) => k.has(valueKey(v)))));
    },
    1,
    Infinity,
  ),
  setsubtract: fn(
    (a) => {
      const drop = new Set(listOrSet(arg(a, 1), 'set').map(valueKey));
      return setOrder(listOrSet(arg(a, 0), 'set').filter((v) => !drop.has(valueKey(v))));
    },
    2,
    2,
  ),
  setunion: fn((a) => setOrder(a.flatMap((v) => listOrSet(v, 'set'))), 1, Infinity),
  setproduct: fn(
    (a) => {
      let out: Value[][] = [[]];
      for (const v of a) {
        const list = listOrSet(v, 'set');
        out = out.flatMap((prefix) => list.map((x) => [...prefix, x]));
      }
      return a.length === 0 ? [] : out;
    },
    1,
    Infinity,
  ),
  slice: fn(
    (a) => {
      const list = toList(arg(a, 0));
      const from = toInt(arg(a, 1));
      const to = toInt(arg(a, 2));
      if (from < 0 || to > list.length || from > to) {
        throw new ValueError(
          `invalid slice indexes ${from}..${to} for a list of length ${list.length}`,
        );
      }
      return list.slice(from, to);
    },
    3,
    3,
    'shallow',
  ),
  sort: fn(
    (a) =>
      toList(arg(a, 0))
        .map((v) => toStr(v))
        .sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)),
    1,
    1,
  ),
  sum: fn(
    (a) => {
      const list = toList(arg(a, 0));
      if (list.length === 0) throw new ValueError('cannot sum an empty list');
      return list.reduce<number>((s, v) => s + toNum(v), 0);
    },
    1,
    1,
  ),
  tolist: fn((a) => (arg(a, 0) === null ? null : toList(arg(a, 0))), 1, 1, 'shallow'),
  toset: fn((a) => (arg(a, 0) === null ? null : setOrder(toList(arg(a, 0)))), 1, 1),
  tomap: fn((a) => (arg(a, 0) === null ? null : toObject(arg(a, 0))), 1, 1, 'shallow'),
  transpose: fn(
    (a) => {
      const o = toObject(arg(a, 0));
      const out: Record<string, string[]> = {};
      for (const k of sortedKeys(o)) {
        for (const v of toList(o[k] as Value)) {
          const key = toStr(v);
          (out[key] ??= []).push(k);
        }
      }
      return out;
    },
    1,
    1,
  ),
  zipmap: fn(
    (a) => {
      const keys = toList(arg(a, 0));
      const values = toList(arg(a, 1));
      if (keys.length !== values.length) {
        throw new ValueError('number of keys and values must be equal');
      }
      const out: ValueObject = {};
      keys.forEach((k, i) => {
        if (k instanceof Unknown) throw new ValueError('keys must be known');
        Object.defineProperty(out, toStr(k), {
          value: values[i],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      });
      return out;
    },
    2,
    2,
    'shallow',
  ),

  // sensitivity is not tracked: these pass the value through
  sensitive: fn((a) => arg(a, 0), 1, 1, 'none'),
  nonsensitive: fn((a) => arg(a, 0), 1, 1, 'none'),
  issensitive: fn(() => false, 1, 1, 'none'),
  tobool: fn((a) => (arg(a, 0) === null ? null : toBool(arg(a, 0))), 1, 1),
  tonumber: fn((a) => (arg(a, 0) === null ? null : toNum(arg(a, 0))), 1, 1),
  tostring: fn((a) => (arg(a, 0) === null ? null : toStr(arg(a, 0))), 1, 1),
};

// zipmap with unknown keys must be unknown, not an error: check keys deeply first
const zipmapImpl = collectionFunctions.zipmap as HclFunction;
collectionFunctions.zipmap = Object.assign(
  (args: Value[]): Value => {
    const keys = args[0];
    if (Array.isArray(keys)) {
      const u = keys.find((k) => k instanceof Unknown);
      if (u) return u;
    }
    return zipmapImpl(args);
  },
  { unknowns: 'shallow' as const },
);
