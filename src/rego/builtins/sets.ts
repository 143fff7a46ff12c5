/** Set operators and n-ary set intersection/union. */
import { RegoSet, type RegoValue } from '../value.js';
import { def, set, T, type BuiltinDecl } from './spec.js';

const S = T.set();

function intersect(sets: RegoSet[]): RegoSet {
  if (sets.length === 0) return new RegoSet();
  const [first, ...rest] = sets as [RegoSet, ...RegoSet[]];
  return RegoSet.from(first.values().filter((v) => rest.every((s) => s.has(v))));
}

function unite(sets: RegoSet[]): RegoSet {
  const out = new RegoSet();
  for (const s of sets) for (const v of s.values()) out.add(v);
  return out;
}

const members = (v: RegoValue | undefined): RegoSet[] => set(v).values() as RegoSet[];

export const decls: BuiltinDecl[] = [
  def('and', [S, S], S, 'sets', (a) => intersect([set(a[0]), set(a[1])]), { infix: '&' }),
  def('or', [S, S], S, 'sets', (a) => unite([set(a[0]), set(a[1])]), { infix: '|' }),
  def('intersection', [T.set(S)], S, 'sets', (a) => intersect(members(a[0]))),
  def('union', [T.set(S)], S, 'sets', (a) => unite(members(a[0]))),
  def(
    'set_diff',
    [S, S],
    S,
    'sets',
    (a) =>
      RegoSet.from(
        set(a[0])
          .values()
          .filter((v) => !set(a[1]).has(v)),
      ),
    { deprecated: true },
  ),
];
