/** count, sum, product, max, min, sort, and the v0-only all/any. */
import { compare, RegoObject, RegoSet, type RegoValue } from '../value.js';
import { def, elements, T, type BuiltinDecl } from './spec.js';

// union orders follow OPA's error messages ("one of {set, array}")
const COLL = T.union(T.set(), T.array());
const NUMS = T.union(T.set(T.number), T.array(T.number));
const ARRAY_OR_SET = T.union(T.array(), T.set());

function count(v: RegoValue): number {
  if (typeof v === 'string') return [...v].length; // runes, not UTF-16 units
  if (Array.isArray(v)) return v.length;
  return (v as RegoObject | RegoSet).size;
}

function extreme(v: RegoValue, sign: 1 | -1): RegoValue | undefined {
  let best: RegoValue | undefined;
  for (const e of elements(v)) {
    if (best === undefined || sign * compare(e, best) > 0) best = e;
  }
  return best;
}

export const decls: BuiltinDecl[] = [
  def('count', [T.union(T.array(), T.object(), T.set(), T.string)], T.number, 'aggregates', (a) =>
    count(a[0]!),
  ),
  def('sum', [NUMS], T.number, 'aggregates', (a) =>
    (elements(a[0]!) as number[]).reduce((x, y) => x + y, 0),
  ),
  def('product', [NUMS], T.number, 'aggregates', (a) =>
    (elements(a[0]!) as number[]).reduce((x, y) => x * y, 1),
  ),
  def('max', [COLL], T.any, 'aggregates', (a) => extreme(a[0]!, 1)),
  def('min', [COLL], T.any, 'aggregates', (a) => extreme(a[0]!, -1)),
  def('sort', [COLL], T.array(), 'aggregates', (a) => elements(a[0]!).sort(compare)),
  def(
    'all',
    [ARRAY_OR_SET],
    T.boolean,
    'aggregates',
    (a) => elements(a[0]!).every((e) => e === true),
    {
      deprecated: true,
    },
  ),
  def(
    'any',
    [ARRAY_OR_SET],
    T.boolean,
    'aggregates',
    (a) => elements(a[0]!).some((e) => e === true),
    {
      deprecated: true,
    },
  ),
];
