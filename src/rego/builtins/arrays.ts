/** array.* builtins. */
import type { RegoValue } from '../value.js';
import { arr, def, num, T, type BuiltinDecl } from './spec.js';

const A = T.array();

function slice(a: readonly RegoValue[], start: number, stop: number): RegoValue[] {
  // OPA clamps both bounds and answers [] for an empty or inverted range
  const from = Math.max(0, Math.trunc(start));
  const to = Math.min(a.length, Math.trunc(stop));
  return from >= to ? [] : a.slice(from, to);
}

export const decls: BuiltinDecl[] = [
  def('array.concat', [A, A], A, 'arrays', (a) => [...arr(a[0]), ...arr(a[1])]),
  def('array.slice', [A, T.int, T.int], A, 'arrays', (a) => slice(arr(a[0]), num(a[1]), num(a[2]))),
  def('array.reverse', [A], A, 'arrays', (a) => [...arr(a[0])].reverse()),
  def('array.flatten', [A], A, 'arrays', (a) =>
    arr(a[0]).flatMap((e) => (Array.isArray(e) ? (e as RegoValue[]) : [e])),
  ),
];
