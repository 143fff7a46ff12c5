/**
 * Reading CloudFormation raw resources for the AWS adapters. Attributes are
 * `{ Properties, Metadata }`; every reader here takes a path inside `Properties`.
 */
import { Unknown, isUnknown, locate, type RawResource, type Value } from '../../types.js';
import { field, type Entity, type Field } from '../field.js';
import type { MaybeString } from '../model/platform.js';

export type Path = readonly (string | number)[];

const P = (path: Path): (string | number)[] => ['Properties', ...path];

/** The raw value at a path inside Properties (null read as absent). */
export function raw(r: RawResource, path: Path): Value | undefined {
  const v = field<Value>(r, P(path)).value;
  return v === null ? undefined : v;
}

export function at(r: RawResource, path: Path) {
  return locate(r, P(path));
}

export function str(r: RawResource, path: Path): Field<string> {
  const f = field<Value>(r, P(path));
  const v = f.value;
  if (v === undefined || isUnknown(v) || typeof v === 'string') return f as Field<string>;
  if (typeof v === 'number' || typeof v === 'boolean')
    return { value: String(v), location: f.location };
  return { value: new Unknown(`${path.join('.')} is not a string`), location: f.location };
}

/** CloudFormation accepts `true`, `"true"` and `"True"` for booleans. */
export function bool(r: RawResource, path: Path): Field<boolean> {
  const f = field<Value>(r, P(path));
  const v = f.value;
  if (v === undefined || isUnknown(v) || typeof v === 'boolean') return f as Field<boolean>;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) {
    return { value: v.toLowerCase() === 'true', location: f.location };
  }
  return { value: new Unknown(`${path.join('.')} is not a boolean`), location: f.location };
}

export function num(r: RawResource, path: Path): Field<number> {
  const f = field<Value>(r, P(path));
  const v = f.value;
  if (v === undefined || isUnknown(v) || typeof v === 'number') return f as Field<number>;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) {
    return { value: Number(v), location: f.location };
  }
  return { value: new Unknown(`${path.join('.')} is not a number`), location: f.location };
}

/** The list at a path: [] when absent, Unknown when not knowable, a lone item as a list. */
export function list(r: RawResource, path: Path): readonly Value[] | Unknown {
  const v = raw(r, path);
  if (v === undefined) return [];
  if (isUnknown(v)) return v;
  return Array.isArray(v) ? v : [v];
}

/** A list of strings (single strings promoted); Unknown stays Unknown at its level. */
export function strings(r: RawResource, path: Path): Field<readonly MaybeString[]> {
  const v = raw(r, path);
  const location = at(r, path);
  if (v === undefined) return { value: undefined, location };
  if (isUnknown(v)) return { value: v, location };
  const items = Array.isArray(v) ? v : [v];
  return {
    value: items
      .filter((i) => i !== null)
      .map((i) =>
        isUnknown(i)
          ? i
          : typeof i === 'string' || typeof i === 'number' || typeof i === 'boolean'
            ? String(i)
            : new Unknown('a list element is not a plain value'),
      ),
    location,
  };
}

export function present(r: RawResource, path: Path): boolean {
  const v = raw(r, path);
  return !(v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0));
}

/** `Tags: [{ Key, Value }]` (most types) or a plain map (a few types) as one record. */
export function tags(
  r: RawResource,
  path: Path = ['Tags'],
): Field<Record<string, Value>> | undefined {
  const v = raw(r, path);
  const location = at(r, path);
  if (v === undefined) return undefined;
  if (isUnknown(v)) return { value: v, location };
  if (Array.isArray(v)) {
    const out: Record<string, Value> = {};
    for (const t of v) {
      if (isUnknown(t)) return { value: t, location };
      if (t === null || typeof t !== 'object' || Array.isArray(t)) continue;
      const key = t['Key'];
      if (isUnknown(key)) return { value: key, location };
      if (typeof key === 'string') out[key] = t['Value'] ?? null;
    }
    return { value: out, location };
  }
  if (typeof v === 'object' && v !== null) return { value: v, location };
  return { value: new Unknown('Tags is not a list'), location };
}

export function entityBase<K extends string>(
  r: RawResource,
  kind: K,
  extra: readonly RawResource[] = [],
  tagPath?: Path,
): Entity & { readonly kind: K } {
  const t = tags(r, tagPath);
  return {
    kind,
    address: r.address,
    resourceType: r.type,
    name: r.name,
    location: r.location,
    sources: [r, ...extra],
    ...(t ? { tags: t } : {}),
  };
}

export const absent = <T>(r: RawResource): Field<T> => ({ value: undefined, location: r.location });

export const ofType = (resources: readonly RawResource[], ...types: string[]): RawResource[] =>
  resources.filter((r) => types.includes(r.type));

export type Link =
  | { readonly kind: 'linked'; readonly owner: RawResource }
  /** Not knowable and names no resource: could be any owner. */
  | { readonly kind: 'unknown'; readonly reason: string }
  /** A name or a reference that matches no declared owner (managed elsewhere). */
  | { readonly kind: 'unmatched' }
  | { readonly kind: 'absent' };

/**
 * Finds the owner a link value names: `!Ref X` / `!GetAtt X.Attr` (an Unknown whose ref is
 * the owner's logical id), or a literal equal to the owner's `nameProperty`.
 */
export function linkTo(
  value: Value | undefined,
  owners: readonly RawResource[],
  nameProperty?: string,
): Link {
  if (value === undefined || value === null) return { kind: 'absent' };
  if (isUnknown(value)) {
    const ref = value.ref;
    if (!ref) return { kind: 'unknown', reason: value.reason };
    const owner = owners.find((o) => o.address === ref.address);
    return owner ? { kind: 'linked', owner } : { kind: 'unmatched' };
  }
  if ((typeof value === 'string' || typeof value === 'number') && nameProperty) {
    const owner = owners.find((o) => {
      const name = raw(o, [nameProperty]);
      return (
        (typeof name === 'string' || typeof name === 'number') && String(name) === String(value)
      );
    });
    if (owner) return { kind: 'linked', owner };
  }
  return { kind: 'unmatched' };
}
