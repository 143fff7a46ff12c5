/**
 * Rego values: the contract between the evaluator and the builtins.
 *
 * null, booleans, numbers and strings are plain JS values; arrays are plain JS arrays;
 * objects and sets are the classes below, keyed by a canonical string so that any value
 * (an array, an object) can be an object key or a set member. Numbers are JS numbers.
 */

export type RegoValue =
  null | boolean | number | string | readonly RegoValue[] | RegoObject | RegoSet;

export class RegoObject {
  /** canonical key -> [key, value] */
  readonly entries = new Map<string, readonly [RegoValue, RegoValue]>();

  static from(pairs: Iterable<readonly [RegoValue, RegoValue]>): RegoObject {
    const o = new RegoObject();
    for (const [k, v] of pairs) o.set(k, v);
    return o;
  }

  get size(): number {
    return this.entries.size;
  }
  get(key: RegoValue): RegoValue | undefined {
    return this.entries.get(canonicalKey(key))?.[1];
  }
  has(key: RegoValue): boolean {
    return this.entries.has(canonicalKey(key));
  }
  set(key: RegoValue, value: RegoValue): void {
    this.entries.set(canonicalKey(key), [key, value]);
  }
  delete(key: RegoValue): void {
    this.entries.delete(canonicalKey(key));
  }
  keys(): RegoValue[] {
    return [...this.entries.values()].map(([k]) => k);
  }
  values(): RegoValue[] {
    return [...this.entries.values()].map(([, v]) => v);
  }
  /** Entries sorted by key in Rego's order. */
  sorted(): (readonly [RegoValue, RegoValue])[] {
    return [...this.entries.values()].sort((a, b) => compare(a[0], b[0]));
  }
}

export class RegoSet {
  /** canonical key -> member */
  readonly members = new Map<string, RegoValue>();

  static from(values: Iterable<RegoValue>): RegoSet {
    const s = new RegoSet();
    for (const v of values) s.add(v);
    return s;
  }

  get size(): number {
    return this.members.size;
  }
  has(value: RegoValue): boolean {
    return this.members.has(canonicalKey(value));
  }
  add(value: RegoValue): void {
    this.members.set(canonicalKey(value), value);
  }
  delete(value: RegoValue): void {
    this.members.delete(canonicalKey(value));
  }
  values(): RegoValue[] {
    return [...this.members.values()];
  }
  /** Members sorted in Rego's order. */
  sorted(): RegoValue[] {
    return this.values().sort(compare);
  }
}

export type TypeName = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'set';

export function typeName(v: RegoValue): TypeName {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'string') return 'string';
  if (Array.isArray(v)) return 'array';
  if (v instanceof RegoObject) return 'object';
  return 'set';
}

const ORDER: Record<TypeName, number> = {
  null: 0,
  boolean: 1,
  number: 2,
  string: 3,
  array: 4,
  object: 5,
  set: 6,
};

/** Total order used by OPA for sorting: type first, then value. */
export function compare(a: RegoValue, b: RegoValue): number {
  const ta = typeName(a);
  const tb = typeName(b);
  if (ta !== tb) return ORDER[ta] - ORDER[tb];
  switch (ta) {
    case 'null':
      return 0;
    case 'boolean':
      return a === b ? 0 : a ? 1 : -1;
    case 'number':
      return (a as number) - (b as number) || 0;
    case 'string':
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 'array': {
      const x = a as readonly RegoValue[];
      const y = b as readonly RegoValue[];
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compare(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case 'object': {
      const x = (a as RegoObject).sorted();
      const y = (b as RegoObject).sorted();
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compare(x[i]![0], y[i]![0]) || compare(x[i]![1], y[i]![1]);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
    case 'set': {
      const x = (a as RegoSet).sorted();
      const y = (b as RegoSet).sorted();
      for (let i = 0; i < Math.min(x.length, y.length); i++) {
        const c = compare(x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length - y.length;
    }
  }
}

export function equal(a: RegoValue, b: RegoValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i]!, b[i]!)) return false;
    return true;
  }
  if (a instanceof RegoObject) {
    if (!(b instanceof RegoObject) || a.size !== b.size) return false;
    for (const [ck, [, x]] of a.entries) {
      const y = b.entries.get(ck);
      if (y === undefined || !equal(x, y[1])) return false;
    }
    return true;
  }
  if (!(a instanceof RegoSet) || !(b instanceof RegoSet) || a.size !== b.size) return false;
  for (const ck of a.members.keys()) if (!b.members.has(ck)) return false;
  return true;
}

/**
 * A string that is equal for equal values and different otherwise. Strings, by far the most
 * common keys, are their own key (no allocation on lookups); every other key starts with a
 * NUL, and so does the key of a string that itself starts with one, tagged 's'.
 */
export function canonicalKey(v: RegoValue): string {
  if (typeof v === 'string') return v.charCodeAt(0) === 0 ? '\0s' + v : v;
  return '\0' + nestedKey(v);
}

/** The unambiguous form used inside composite keys: strings as JSON, members sorted. */
function nestedKey(v: RegoValue): string {
  if (v === null) return 'n';
  switch (typeof v) {
    case 'boolean':
      return v ? 't' : 'f';
    case 'number':
      return 'd' + String(v);
    case 'string':
      return 's' + JSON.stringify(v);
  }
  if (Array.isArray(v)) return '[' + v.map(nestedKey).join(',') + ']';
  if (v instanceof RegoObject) {
    const parts: string[] = [];
    for (const [k, x] of v.entries.values()) parts.push(nestedKey(k) + ':' + nestedKey(x));
    return '{' + parts.sort().join(',') + '}';
  }
  return '<' + (v as RegoSet).values().map(nestedKey).sort().join(',') + '>';
}

/** Converts parsed JSON (or YAML) into a Rego value. */
export function fromJS(x: unknown): RegoValue {
  if (x === null || x === undefined) return null;
  if (typeof x === 'boolean' || typeof x === 'string') return x;
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  if (Array.isArray(x)) {
    const out = new Array<RegoValue>(x.length);
    for (let i = 0; i < x.length; i++) out[i] = fromJS(x[i]);
    return out;
  }
  if (x instanceof RegoObject || x instanceof RegoSet) return x;
  if (x instanceof Map)
    return RegoObject.from([...x].map(([k, v]) => [fromJS(k), fromJS(v)] as const));
  if (x instanceof Set) return RegoSet.from([...x].map(fromJS));
  const o = new RegoObject();
  const rec = x as Record<string, unknown>;
  const keys = Object.keys(rec);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    o.entries.set(canonicalKey(k), [k, fromJS(rec[k])]);
  }
  return o;
}

/**
 * Converts a Rego value to plain JSON-able JS the way OPA prints it: sets become sorted
 * arrays, object keys that are not strings are serialised as JSON text.
 */
export function toJS(v: RegoValue): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toJS);
  if (v instanceof RegoObject) {
    const out: Record<string, unknown> = {};
    for (const [k, val] of v.sorted()) {
      out[typeof k === 'string' ? k : JSON.stringify(toJS(k))] = toJS(val);
    }
    return out;
  }
  return (v as RegoSet).sorted().map(toJS);
}
