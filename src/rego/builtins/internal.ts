/** print, trace, and the membership builtins OPA compiles the `in` operator to. */
import { equal, RegoObject, RegoSet, type RegoValue } from '../value.js';
import { regoString } from './format.js';
import { def, T, type BuiltinDecl } from './spec.js';

/** x in coll: array elements, set members, object values; false for non-collections. */
function member(x: RegoValue, coll: RegoValue): boolean {
  if (Array.isArray(coll)) return coll.some((e: RegoValue) => equal(e, x));
  if (coll instanceof RegoSet) return coll.has(x);
  if (coll instanceof RegoObject) return coll.values().some((e) => equal(e, x));
  return false;
}

/** k, v in coll: coll[k] == v for objects and arrays. */
function memberKey(k: RegoValue, v: RegoValue, coll: RegoValue): boolean {
  if (coll instanceof RegoObject) {
    const got = coll.get(k);
    return got !== undefined && equal(got, v);
  }
  if (coll instanceof RegoSet) return coll.has(k) && equal(k, v);
  if (Array.isArray(coll) && typeof k === 'number' && Number.isInteger(k)) {
    const got = coll[k];
    return got !== undefined && equal(got, v);
  }
  return false;
}

export const decls: BuiltinDecl[] = [
  def('internal.member_2', [T.any, T.any], T.boolean, 'sets', (a) => member(a[0]!, a[1]!), {
    infix: 'in',
  }),
  def('internal.member_3', [T.any, T.any, T.any], T.boolean, 'sets', (a) =>
    memberKey(a[0]!, a[1]!, a[2]!),
  ),
  def(
    'print',
    [],
    T.boolean,
    'debugging',
    (a, ctx) => {
      // strings print bare, everything else in Rego literal form, space separated
      ctx.print(a.map((x) => (typeof x === 'string' ? x : regoString(x))).join(' '));
      return true;
    },
    { variadic: T.any },
  ),
  def('trace', [T.string], T.boolean, 'debugging', () => true),
];
