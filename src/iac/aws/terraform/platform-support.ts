/**
 * Small helpers shared by the platform adapters: reading nested blocks in either plan-JSON
 * shape, building entity bases and linking a configuring resource to its owner.
 */
import { Unknown, isUnknown, locate, type RawResource, type Value } from '../../types.js';
import { field, type Entity, type Field } from '../field.js';

/** Nested blocks as a list: HCL and plan JSON give arrays, `.tf.json` may give one object. */
export function blocks(value: Value | undefined): Value[] | Unknown {
  if (value === undefined || value === null) return [];
  if (isUnknown(value)) return value;
  if (Array.isArray(value)) return value;
  if (typeof value === 'object') return [value];
  return [];
}

/** The known blocks at `path`, or an Unknown when the block list itself is not knowable. */
export function blockList(
  resource: RawResource,
  path: readonly (string | number)[],
): Value[] | Unknown {
  const value = field<Value>(resource, path).value;
  return blocks(value);
}

/** The common part of every entity built from one raw resource. */
export function entityBase<K extends string>(
  resource: RawResource,
  kind: K,
  extraSources: readonly RawResource[] = [],
): Entity & { readonly kind: K } {
  const tags = resource.attributes['tags'];
  return {
    kind,
    address: resource.address,
    resourceType: resource.type,
    name: resource.name,
    location: resource.location,
    sources: [resource, ...extraSources],
    ...(tags !== undefined && tags !== null
      ? { tags: field<Record<string, Value>>(resource, ['tags']) }
      : {}),
  };
}

/** Reads a boolean, accepting the `"true"`/`"false"` strings some schemas use. */
export function boolField(
  resource: RawResource,
  path: readonly (string | number)[],
): Field<boolean> {
  const f = field<Value>(resource, path);
  const v = f.value;
  if (v === undefined || isUnknown(v) || typeof v === 'boolean') return f as Field<boolean>;
  if (v === 'true' || v === 'false') return { value: v === 'true', location: f.location };
  return { value: undefined, location: f.location };
}

/** Reads a number, accepting numeric strings (variables typed as string). */
export function numberField(
  resource: RawResource,
  path: readonly (string | number)[],
): Field<number> {
  const f = field<Value>(resource, path);
  const v = f.value;
  if (v === undefined || isUnknown(v) || typeof v === 'number') return f as Field<number>;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) {
    return { value: Number(v), location: f.location };
  }
  return { value: undefined, location: f.location };
}

/** Reads a string, turning numbers and booleans into their text. */
export function stringField(
  resource: RawResource,
  path: readonly (string | number)[],
): Field<string> {
  const f = field<Value>(resource, path);
  const v = f.value;
  if (v === undefined || isUnknown(v) || typeof v === 'string') return f as Field<string>;
  if (typeof v === 'number' || typeof v === 'boolean')
    return { value: String(v), location: f.location };
  return { value: undefined, location: f.location };
}

/** Strips a trailing instance key: `aws_vpc.main[0]` → `aws_vpc.main`. */
function baseAddress(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

/** Same reference, allowing a reference without index to name a counted resource. */
export function addressMatches(ref: string, address: string): boolean {
  return ref === address || baseAddress(address) === ref;
}

export type Link<T> =
  | { readonly kind: 'linked'; readonly owners: readonly T[] }
  /** The link value cannot be known and names no resource: any owner could be meant. */
  | { readonly kind: 'unknown'; readonly reason: string }
  /** A known value, or a reference, that matches no declared owner. */
  | { readonly kind: 'unmatched' }
  | { readonly kind: 'absent' };

/**
 * Finds the owners a link value points at: by the reference of an Unknown
 * (`aws_iam_role.app.name`), or by a literal equal to one of the owner's `keys` attributes.
 */
export function linkTo<T extends { readonly resource: RawResource }>(
  value: Value | undefined,
  owners: readonly T[],
  keys: readonly string[],
): Link<T> {
  if (value === undefined || value === null) return { kind: 'absent' };
  if (isUnknown(value)) {
    const ref = value.ref;
    if (!ref) return { kind: 'unknown', reason: value.reason };
    const found = ownerIndex(owners, keys).byAddress.get(ref.address);
    return found ? { kind: 'linked', owners: [...found] } : { kind: 'unmatched' };
  }
  if (typeof value !== 'string' && typeof value !== 'number') return { kind: 'unmatched' };
  const found = ownerIndex(owners, keys).byKey.get(String(value));
  return found ? { kind: 'linked', owners: [...found] } : { kind: 'unmatched' };
}

/**
 * The owners by every reference that matches them (`addressMatches`) and by the text of
 * each key attribute, each list in owner order. Built once per owner list and keys, so
 * linking thousands of rules to thousands of groups is not quadratic.
 */
interface OwnerIndex<T> {
  readonly byAddress: ReadonlyMap<string, readonly T[]>;
  readonly byKey: ReadonlyMap<string, readonly T[]>;
}

const ownerIndexes = new WeakMap<readonly object[], Map<string, OwnerIndex<unknown>>>();

function ownerIndex<T extends { readonly resource: RawResource }>(
  owners: readonly T[],
  keys: readonly string[],
): OwnerIndex<T> {
  let byKeys = ownerIndexes.get(owners);
  if (!byKeys) ownerIndexes.set(owners, (byKeys = new Map()));
  const id = keys.join('\u0000');
  let index = byKeys.get(id) as OwnerIndex<T> | undefined;
  if (!index) {
    const byAddress = new Map<string, T[]>();
    const byKey = new Map<string, T[]>();
    const add = (map: Map<string, T[]>, key: string, owner: T): void => {
      const list = map.get(key);
      if (!list) map.set(key, [owner]);
      else if (list[list.length - 1] !== owner) list.push(owner);
    };
    for (const owner of owners) {
      const { address, attributes } = owner.resource;
      add(byAddress, address, owner);
      add(byAddress, baseAddress(address), owner);
      for (const k of keys) {
        const own = attributes[k];
        if (typeof own === 'string' || typeof own === 'number') add(byKey, String(own), owner);
      }
    }
    index = { byAddress, byKey };
    byKeys.set(id, index as OwnerIndex<unknown>);
  }
  return index;
}

/** A list of strings, single strings promoted; Unknown stays Unknown at its level. */
export function stringList(value: Value | undefined): (string | Unknown)[] | Unknown | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return value;
  const items = Array.isArray(value) ? value : [value];
  const out: (string | Unknown)[] = [];
  for (const item of items) {
    if (item === null) continue;
    if (isUnknown(item)) out.push(item);
    else if (typeof item === 'string') out.push(item);
    else if (typeof item === 'number' || typeof item === 'boolean') out.push(String(item));
    else out.push(new Unknown('a list element is not a plain value'));
  }
  return out;
}

/**
 * In `.tf.json` a nested block may be one object instead of a list: returns a copy of the
 * resource whose `keys` blocks are lists, so paths with block indices work for both shapes.
 */
export function withBlockLists(resource: RawResource, keys: readonly string[]): RawResource {
  const isObject = (v: Value | undefined): boolean =>
    v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) && !isUnknown(v);
  if (!keys.some((k) => isObject(resource.attributes[k]))) return resource;
  const copy: Record<string, Value> = { ...resource.attributes };
  for (const k of keys) {
    const v = copy[k];
    if (v !== undefined && isObject(v)) copy[k] = [v];
  }
  return { ...resource, attributes: copy };
}

/**
 * The real attribute path for `steps` through single nested blocks: where a block is a list
 * (HCL, plan JSON) and the next step is a name, its first element is taken; where it is one
 * object (`.tf.json`), it is used as is. Numeric steps are kept.
 */
export function blockPath(
  resource: RawResource,
  steps: readonly (string | number)[],
): (string | number)[] {
  const out: (string | number)[] = [];
  let current: Value | undefined = resource.attributes as Value;
  for (const step of steps) {
    if (Array.isArray(current) && typeof step === 'string') {
      out.push(0);
      current = current[0];
    }
    out.push(step);
    if (current === null || current === undefined || isUnknown(current)) {
      current = undefined;
    } else if (Array.isArray(current)) {
      current = typeof step === 'number' ? current[step] : undefined;
    } else if (typeof current === 'object') {
      current = (current as Record<string, Value>)[String(step)];
    } else {
      current = undefined;
    }
  }
  return out;
}

export { locate };
