/** Arithmetic, comparison, bitwise operators and number ranges. */
import { randomInt } from 'node:crypto';
import { compare, equal, RegoSet, typeName, type RegoValue } from '../value.js';
import { builtinError, def, num, queryCache, T, typeError, type BuiltinDecl } from './spec.js';

const N = T.number;

/** Set difference or number subtraction, depending on operand 1 (as OPA decides). */
function minus(args: RegoValue[]): RegoValue {
  const [a, b] = args as [RegoValue, RegoValue];
  if (typeof a === 'number') {
    if (typeof b !== 'number')
      throw typeError('minus', `operand 2 must be number but got ${typeName(b)}`);
    return a - b;
  }
  if (a instanceof RegoSet) {
    if (!(b instanceof RegoSet))
      throw typeError('minus', `operand 2 must be set but got ${typeName(b)}`);
    return RegoSet.from(a.values().filter((x) => !b.has(x)));
  }
  throw typeError('minus', `operand 1 must be one of {number, set} but got ${typeName(a)}`);
}

function rem(args: RegoValue[]): RegoValue {
  const [a, b] = [num(args[0]), num(args[1])];
  if (!Number.isInteger(a) || !Number.isInteger(b)) {
    throw builtinError('rem', 'modulo on floating-point number');
  }
  if (b === 0) throw builtinError('rem', 'modulo by zero');
  return a % b || 0;
}

/** Rounds half away from zero, as Go's big.Float rounding does. */
function round(x: number): number {
  return (x < 0 ? -Math.round(-x) : Math.round(x)) || 0;
}

function range(name: string, from: number, to: number, step: number): RegoValue[] {
  const count = Math.floor(Math.abs(to - from) / step) + 1;
  if (count > 10_000_000) throw builtinError(name, 'range too large');
  const dir = to >= from ? 1 : -1;
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(from + dir * i * step);
  return out;
}

const big = (v: RegoValue | undefined): bigint => BigInt(num(v));
const fromBig = (b: bigint): number => Number(b);

function shiftCount(name: string, v: RegoValue | undefined): bigint {
  if (num(v) < 0) {
    throw typeError(name, 'operand 2 must be unsigned integer number but got negative integer');
  }
  return big(v);
}

export const decls: BuiltinDecl[] = [
  def('plus', [N, N], N, 'numbers', (a) => num(a[0]) + num(a[1]), { infix: '+' }),
  // operand 2 is checked by minus itself, to word the error as OPA does
  def('minus', [T.union(N, T.set()), T.any], T.union(N, T.set()), 'numbers', minus, {
    infix: '-',
  }),
  def('mul', [N, N], N, 'numbers', (a) => num(a[0]) * num(a[1]) || 0, { infix: '*' }),
  def(
    'div',
    [N, N],
    N,
    'numbers',
    (a) => {
      if (num(a[1]) === 0) throw builtinError('div', 'divide by zero');
      return num(a[0]) / num(a[1]) || 0;
    },
    { infix: '/' },
  ),
  def('rem', [N, N], N, 'numbers', rem, { infix: '%' }),
  def('abs', [N], N, 'numbers', (a) => Math.abs(num(a[0]))),
  def('round', [N], N, 'numbers', (a) => round(num(a[0]))),
  def('ceil', [N], N, 'numbers', (a) => Math.ceil(num(a[0])) || 0),
  def('floor', [N], N, 'numbers', (a) => Math.floor(num(a[0]))),
  def('numbers.range', [T.int, T.int], T.array(N), 'numbers', (a) =>
    range('numbers.range', num(a[0]), num(a[1]), 1),
  ),
  def('numbers.range_step', [T.int, T.int, T.int], T.array(N), 'numbers', (a) => {
    const step = num(a[2]);
    if (step <= 0) throw builtinError('numbers.range_step', 'step must be a positive integer');
    return range('numbers.range_step', num(a[0]), num(a[1]), step);
  }),
  def(
    'rand.intn',
    [T.string, T.int],
    N,
    'numbers',
    (a, ctx) => {
      const n = Math.abs(num(a[1]));
      if (n === 0) return 0;
      // The same arguments give the same number within one query, as OPA caches them.
      const key = 'rand.intn\0' + JSON.stringify([a[0], n]);
      const hit = queryCache(ctx).get(key);
      if (hit !== undefined) return hit;
      const r = n <= 2 ** 48 ? randomInt(n) : Math.floor(Math.random() * n);
      queryCache(ctx).set(key, r);
      return r;
    },
    { nondeterministic: true },
  ),

  // comparison
  def('equal', [T.any, T.any], T.boolean, 'comparison', (a) => equal(a[0]!, a[1]!), {
    infix: '==',
  }),
  def('neq', [T.any, T.any], T.boolean, 'comparison', (a) => !equal(a[0]!, a[1]!), { infix: '!=' }),
  def('lt', [T.any, T.any], T.boolean, 'comparison', (a) => compare(a[0]!, a[1]!) < 0, {
    infix: '<',
  }),
  def('lte', [T.any, T.any], T.boolean, 'comparison', (a) => compare(a[0]!, a[1]!) <= 0, {
    infix: '<=',
  }),
  def('gt', [T.any, T.any], T.boolean, 'comparison', (a) => compare(a[0]!, a[1]!) > 0, {
    infix: '>',
  }),
  def('gte', [T.any, T.any], T.boolean, 'comparison', (a) => compare(a[0]!, a[1]!) >= 0, {
    infix: '>=',
  }),

  // bits: exact on integers through BigInt
  def('bits.or', [T.int, T.int], T.int, 'bits', (a) => fromBig(big(a[0]) | big(a[1]))),
  def('bits.and', [T.int, T.int], T.int, 'bits', (a) => fromBig(big(a[0]) & big(a[1]))),
  def('bits.xor', [T.int, T.int], T.int, 'bits', (a) => fromBig(big(a[0]) ^ big(a[1]))),
  def('bits.negate', [T.int], T.int, 'bits', (a) => fromBig(~big(a[0]))),
  def('bits.lsh', [T.int, T.int], T.int, 'bits', (a) =>
    fromBig(big(a[0]) << shiftCount('bits.lsh', a[1])),
  ),
  def('bits.rsh', [T.int, T.int], T.int, 'bits', (a) =>
    fromBig(big(a[0]) >> shiftCount('bits.rsh', a[1])),
  ),
];
