/** Type tests (is_*, type_name), to_number, and the deprecated cast_* builtins. */
import { RegoObject, RegoSet, typeName, type RegoValue } from '../value.js';
import { goQuote } from './format.js';
import { builtinError, def, elements, T, typeError, type BuiltinDecl } from './spec.js';

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function toNumber(v: RegoValue): number {
  if (v === null) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  const s = v as string;
  const bare = s.replace(/^[+-]+/, '').toLowerCase();
  if (bare === 'inf' || bare === 'infinity' || bare === 'nan') {
    throw typeError('to_number', 'operand 1 must be valid number string but got string');
  }
  if (!DECIMAL.test(s)) {
    throw builtinError('to_number', `strconv.ParseFloat: parsing ${goQuote(s)}: invalid syntax`);
  }
  const n = Number(s);
  if (!Number.isFinite(n)) {
    throw builtinError(
      'to_number',
      `strconv.ParseFloat: parsing ${goQuote(s)}: value out of range`,
    );
  }
  return n || 0;
}

const is = (t: string) => (a: RegoValue[]) => typeName(a[0]!) === t;

/** The v0 casts answer undefined when the value has the wrong type. */
const cast = (t: string) => (a: RegoValue[]) => (typeName(a[0]!) === t ? a[0]! : undefined);

export const decls: BuiltinDecl[] = [
  def('is_number', [T.any], T.boolean, 'types', is('number')),
  def('is_string', [T.any], T.boolean, 'types', is('string')),
  def('is_boolean', [T.any], T.boolean, 'types', is('boolean')),
  def('is_array', [T.any], T.boolean, 'types', is('array')),
  def('is_set', [T.any], T.boolean, 'types', is('set')),
  def('is_object', [T.any], T.boolean, 'types', is('object')),
  def('is_null', [T.any], T.boolean, 'types', is('null')),
  def('type_name', [T.any], T.string, 'types', (a) => typeName(a[0]!)),
  def('to_number', [T.union(T.null, T.boolean, T.number, T.string)], T.number, 'casts', (a) =>
    toNumber(a[0]!),
  ),
  def(
    'cast_array',
    [T.any],
    T.array(),
    'casts',
    (a) => (Array.isArray(a[0]) ? a[0] : a[0] instanceof RegoSet ? elements(a[0]) : undefined),
    { deprecated: true },
  ),
  def(
    'cast_set',
    [T.any],
    T.set(),
    'casts',
    (a) =>
      a[0] instanceof RegoSet
        ? a[0]
        : Array.isArray(a[0])
          ? RegoSet.from(a[0] as RegoValue[])
          : undefined,
    { deprecated: true },
  ),
  def('cast_string', [T.any], T.string, 'casts', cast('string'), { deprecated: true }),
  def('cast_boolean', [T.any], T.boolean, 'casts', cast('boolean'), { deprecated: true }),
  def('cast_null', [T.any], T.null, 'casts', cast('null'), { deprecated: true }),
  def(
    'cast_object',
    [T.any],
    T.object(),
    'casts',
    (a) => (a[0] instanceof RegoObject ? a[0] : undefined),
    { deprecated: true },
  ),
];
