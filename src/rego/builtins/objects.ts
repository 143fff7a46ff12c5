/** object.* builtins. */
import { equal, RegoObject, RegoSet, typeName, type RegoValue } from '../value.js';
import { arr, def, elements, obj, T, typeError, type BuiltinDecl } from './spec.js';

const O = T.object();
const KEYS = T.union(T.object(), T.set(), T.array());

/** Keys named by an array, set, or object (its keys). */
function keySet(v: RegoValue): RegoSet {
  return RegoSet.from(v instanceof RegoObject ? v.keys() : elements(v));
}

/** Right wins, except that two objects under the same key are merged recursively. */
export function mergeObjects(a: RegoObject, b: RegoObject): RegoObject {
  const out = RegoObject.from(a.entries.values());
  for (const [k, v] of b.entries.values()) {
    const old = out.get(k);
    out.set(k, old instanceof RegoObject && v instanceof RegoObject ? mergeObjects(old, v) : v);
  }
  return out;
}

/** Follows a path of keys / indexes; undefined when any step is missing. */
function find(v: RegoValue, path: readonly RegoValue[]): RegoValue | undefined {
  let cur: RegoValue | undefined = v;
  for (const step of path) {
    if (cur instanceof RegoObject) cur = cur.get(step);
    else if (Array.isArray(cur)) {
      cur = typeof step === 'number' && Number.isInteger(step) ? cur[step] : undefined;
    } else if (cur instanceof RegoSet) cur = cur.has(step) ? step : undefined;
    else return undefined;
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Whether `sub` is contained in `sup`: nested objects and sets recursively, arrays as runs. */
function isSubset(sup: RegoValue, sub: RegoValue): boolean {
  if (sup instanceof RegoObject && sub instanceof RegoObject) {
    return sub.keys().every((k) => {
      const sv = sup.get(k);
      return sv !== undefined && valueSubset(sv, sub.get(k)!);
    });
  }
  if (sup instanceof RegoSet && sub instanceof RegoSet)
    return sub.values().every((v) => sup.has(v));
  if (Array.isArray(sup) && sub instanceof RegoSet) {
    return sub.values().every((v) => sup.some((e: RegoValue) => equal(e, v)));
  }
  if (Array.isArray(sup) && Array.isArray(sub)) return containsRun(sup, sub);
  throw typeError(
    'object.subset',
    `both arguments must be objects, sets, or arrays; or super may be an array while sub is a set (got ${typeName(sup)} and ${typeName(sub)})`,
  );
}

function valueSubset(sup: RegoValue, sub: RegoValue): boolean {
  const sameKind =
    (sup instanceof RegoObject && sub instanceof RegoObject) ||
    (sup instanceof RegoSet && sub instanceof RegoSet) ||
    (Array.isArray(sup) && Array.isArray(sub));
  return sameKind ? isSubset(sup, sub) : equal(sup, sub);
}

function containsRun(sup: readonly RegoValue[], sub: readonly RegoValue[]): boolean {
  if (sub.length === 0) return true;
  for (let i = 0; i + sub.length <= sup.length; i++) {
    if (sub.every((v, j) => equal(sup[i + j]!, v))) return true;
  }
  return false;
}

export const decls: BuiltinDecl[] = [
  def('object.get', [O, T.any, T.any], T.any, 'objects', (a) => {
    const o = obj(a[0]);
    if (!Array.isArray(a[1])) return o.get(a[1]!) ?? a[2]!;
    const path = arr(a[1]);
    if (path.length === 0) return o;
    return find(o, path) ?? a[2]!;
  }),
  def('object.keys', [O], T.set(), 'objects', (a) => RegoSet.from(obj(a[0]).keys())),
  def('object.union', [O, O], O, 'objects', (a) => mergeObjects(obj(a[0]), obj(a[1]))),
  def('object.union_n', [T.array(O)], O, 'objects', (a) =>
    (arr(a[0]) as RegoObject[]).reduce(mergeObjects, new RegoObject()),
  ),
  def('object.remove', [O, KEYS], O, 'objects', (a) => {
    const drop = keySet(a[1]!);
    return RegoObject.from([...obj(a[0]).entries.values()].filter(([k]) => !drop.has(k)));
  }),
  def('object.filter', [O, KEYS], O, 'objects', (a) => {
    const keep = keySet(a[1]!);
    return RegoObject.from([...obj(a[0]).entries.values()].filter(([k]) => keep.has(k)));
  }),
  def(
    'object.subset',
    [T.union(O, T.array(), T.set()), T.union(O, T.array(), T.set())],
    T.boolean,
    'objects',
    (a) => isSubset(a[0]!, a[1]!),
  ),
];
