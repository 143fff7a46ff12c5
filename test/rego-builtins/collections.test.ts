import { describe, expect, it } from 'vitest';
import { RegoObject, RegoSet } from '../../src/rego/value.js';
import { call, expectError, js, obj, set } from './helpers.js';

describe('numbers and operators', () => {
  it('arithmetic, with OPA error wording', () => {
    expect(call('plus', 2147483647, 1)).toBe(2147483648);
    expect(call('div', 1, 4)).toBe(0.25);
    expect(call('div', -6, 3)).toBe(-2);
    expect(call('rem', -17, 5)).toBe(-2);
    expect(call('rem', 17, -5)).toBe(2);
    expect(call('rem', 4.0, 3)).toBe(1);
    expect(call('round', 2.5)).toBe(3);
    expect(call('round', -2.5)).toBe(-3);
    expect(call('round', 2.4)).toBe(2);
    expect(call('abs', -5)).toBe(5);
    expect(call('ceil', 1.2)).toBe(2);
    expect(call('floor', -1.2)).toBe(-2);
    expectError('eval_builtin_error', 'div: divide by zero', 'div', 1, 0);
    expectError('eval_builtin_error', 'rem: modulo by zero', 'rem', 1, 0);
    expectError('eval_builtin_error', 'rem: modulo on floating-point number', 'rem', 1.5, 1);
    expectError('eval_type_error', 'plus: operand 1 must be number but got string', 'plus', 'a', 1);
  });
  it('minus is number subtraction or set difference', () => {
    expect(call('minus', 5, 7)).toBe(-2);
    expect(call('minus', set(1, 2, 'c'), set('c', 1))).toEqual(set(2));
    expectError(
      'eval_type_error',
      'minus: operand 2 must be set but got number',
      'minus',
      set(1),
      1,
    );
    expectError(
      'eval_type_error',
      'minus: operand 2 must be number but got set',
      'minus',
      1,
      set(1),
    );
    expectError(
      'eval_type_error',
      'minus: operand 1 must be one of {number, set} but got string',
      'minus',
      'a',
      1,
    );
  });
  it('comparison follows the Rego total order', () => {
    expect(call('equal', obj({ a: [1, 2] }), obj({ a: [1, 2] }))).toBe(true);
    expect(call('neq', 1, '1')).toBe(true);
    expect(call('lt', 1, 'a')).toBe(true);
    expect(call('gte', [1, 2], [1])).toBe(true);
    expect(call('gt', null, false)).toBe(false);
  });
  it('ranges and bits', () => {
    expect(js('numbers.range', 0, 3)).toEqual([0, 1, 2, 3]);
    expect(js('numbers.range', 2, -1)).toEqual([2, 1, 0, -1]);
    expect(js('numbers.range_step', 0, 10, 4)).toEqual([0, 4, 8]);
    expect(js('numbers.range_step', 0, -10, 5)).toEqual([0, -5, -10]);
    expect(js('numbers.range_step', 0, 10, 1e20)).toEqual([0]);
    expectError(
      'eval_builtin_error',
      'numbers.range_step: step must be a positive integer',
      'numbers.range_step',
      0,
      10,
      -2,
    );
    expectError(
      'eval_type_error',
      'numbers.range: operand 1 must be integer number but got floating-point number',
      'numbers.range',
      1.5,
      2,
    );
    expect(call('bits.xor', 42, 3)).toBe(41);
    expect(call('bits.rsh', 8, 3)).toBe(1);
    expect(call('bits.lsh', 1, 40)).toBe(2 ** 40);
    expect(call('bits.negate', 0)).toBe(-1);
    expect(call('bits.and', 12, 10)).toBe(8);
    expectError(
      'eval_type_error',
      'bits.lsh: operand 1 must be integer number but got floating-point number',
      'bits.lsh',
      7.2,
      42,
    );
  });
});

describe('aggregates, sets, arrays', () => {
  it('count counts runes, elements, keys', () => {
    expect(call('count', 'aé🍧')).toBe(3);
    expect(call('count', [1, 2, 3, 4])).toBe(4);
    expect(call('count', obj({ a: 1 }))).toBe(1);
    expect(call('count', set(1, 2))).toBe(2);
    expectError(
      'eval_type_error',
      'count: operand 1 must be one of {array, object, set, string} but got number',
      'count',
      1,
    );
  });
  it('sum, product, max, min, sort', () => {
    expect(call('sum', set(1, 2, 3, 4))).toBe(10);
    expect(call('sum', [1.5, 2.5])).toBe(4);
    expect(call('product', [2, 3, 4])).toBe(24);
    expect(call('max', [1, 'a', null])).toBe('a');
    expect(call('min', set(3, 1, 2))).toBe(1);
    expect(call('max', [])).toBeUndefined();
    expect(js('sort', [3, 'b', 1, null, [0]])).toEqual([null, 1, 3, 'b', [0]]);
    expectError(
      'eval_type_error',
      'sort: operand 1 must be one of {set, array} but got string',
      'sort',
      'x',
    );
    expectError(
      'eval_type_error',
      'sum: operand 1 must be array of numbers but got array containing string',
      'sum',
      [1, 'x'],
    );
  });
  it('set operators', () => {
    expect(call('and', set(1, 2, 3), set(2, 3, 4))).toEqual(set(2, 3));
    expect(call('or', set(3, 1), set(3, 4))).toEqual(set(1, 3, 4));
    expect(call('intersection', set(set(1, 2), set(2, 3)))).toEqual(set(2));
    expect(call('union', set(set(1), set(2)))).toEqual(set(1, 2));
    expect(call('intersection', set())).toEqual(set());
  });
  it('array builtins', () => {
    expect(js('array.concat', [1, 2], [3, 4])).toEqual([1, 2, 3, 4]);
    expect(js('array.slice', [1, 2, 3, 4, 5], 1, 3)).toEqual([2, 3]);
    expect(js('array.slice', [1, 2, 3], -5, 10)).toEqual([1, 2, 3]);
    expect(js('array.slice', [1, 2, 3], 2, 1)).toEqual([]);
    expect(js('array.reverse', [1, 2, 3])).toEqual([3, 2, 1]);
    expect(js('array.flatten', [[1, 2], 'string', [3, { a: 'b' }], 4.5, [6, [7, 8]]])).toEqual([
      1,
      2,
      'string',
      3,
      { a: 'b' },
      4.5,
      6,
      [7, 8],
    ]);
    expectError(
      'eval_type_error',
      'array.concat: operand 2 must be array but got object',
      'array.concat',
      [1],
      obj({ v: 1 }),
    );
    expectError(
      'eval_type_error',
      'array.flatten: operand 1 must be array but got number',
      'array.flatten',
      42,
    );
  });
});

describe('objects', () => {
  it('object.get with keys, paths and defaults', () => {
    const o = obj({ a: { b: 'c', l: [10, { x: 1 }] } });
    expect(js('object.get', { a: { b: 'c' } }, 'a', true)).toEqual({ b: 'c' });
    expect(js('object.get', { a: { b: 'c' } }, 'b', true)).toBe(true);
    expect(call('object.get', o, ['a', 'b'], 'd')).toBe('c');
    expect(call('object.get', o, ['a', 'l', 1, 'x'], 0)).toBe(1);
    expect(call('object.get', o, ['a', 'z'], 'dflt')).toBe('dflt');
    expect(call('object.get', o, [], 'dflt')).toBe(o);
  });
  it('union merges nested objects, right wins', () => {
    expect(js('object.union', { a: 1, b: { c: 1 } }, { b: { d: 2 }, e: 3 })).toEqual({
      a: 1,
      b: { c: 1, d: 2 },
      e: 3,
    });
    expect(js('object.union', { a: { b: 1 } }, { a: 2 })).toEqual({ a: 2 });
    expect(js('object.union_n', [{ a: { b: 2 } }, { a: 4 }, { a: { c: 3 } }])).toEqual({
      a: { c: 3 },
    });
    expectError(
      'eval_type_error',
      'object.union: operand 2 must be object but got array',
      'object.union',
      obj({ a: 1 }),
      [1, 2, 3],
    );
  });
  it('filter, remove, keys with arrays, sets and objects of keys', () => {
    expect(js('object.filter', { a: 1, b: 2, c: 3 }, ['a', 'c'])).toEqual({ a: 1, c: 3 });
    expect(js('object.remove', { a: 1, b: 2, c: 3 }, { b: true })).toEqual({ a: 1, c: 3 });
    const nonString = RegoObject.from([
      ['a', 1],
      [[[7]], 2],
    ]);
    expect(call('object.filter', nonString, set([[7]]))).toEqual(RegoObject.from([[[[7]], 2]]));
    expect(call('object.keys', obj({ a: 1, b: 2 }))).toEqual(set('a', 'b'));
    expectError(
      'eval_type_error',
      'object.filter: operand 2 must be one of {object, set, array} but got null',
      'object.filter',
      obj({ a: 1 }),
      null,
    );
  });
  it('object.subset: objects and sets recursively, arrays as runs', () => {
    const A = obj({ a: 5, b: 7, nested: { x: 10, y: 15, arr1: [6, 7, 8, 9] } });
    expect(call('object.subset', A, obj({ a: 5, nested: { y: 15, arr1: [7, 8] } }))).toBe(true);
    expect(call('object.subset', A, obj({ a: 5, b: 10 }))).toBe(false);
    expect(call('object.subset', set(1, 2, 3), set(3, 2))).toBe(true);
    expect(call('object.subset', set(1, 2, 3, set('a', 'b', 'c')), set(3, set('a', 'b')))).toBe(
      false,
    );
    expect(call('object.subset', [1, 2, 3, 4, 5, 6], [4, 5, 6])).toBe(true);
    expect(call('object.subset', [1, 2, 3, 4, 5, 6], [4, 5, 6, 8])).toBe(false);
    expect(call('object.subset', [1, 2, 3, 4, 5, 6], set(4, 3, 2))).toBe(true);
    expectError('eval_type_error', /object\.subset: both arguments/, 'object.subset', set(1), [1]);
  });
});

describe('types and casts', () => {
  it('is_* and type_name', () => {
    expect(call('is_string', 'x')).toBe(true);
    expect(call('is_object', 'foo')).toBe(false);
    expect(call('is_set', new RegoSet())).toBe(true);
    expect(call('type_name', set(1))).toBe('set');
    expect(call('type_name', true)).toBe('boolean');
    expect(call('type_name', null)).toBe('null');
  });
  it('to_number', () => {
    expect(call('to_number', '3')).toBe(3);
    expect(call('to_number', '-1.5e2')).toBe(-150);
    expect(call('to_number', true)).toBe(1);
    expect(call('to_number', null)).toBe(0);
    expectError(
      'eval_builtin_error',
      'to_number: strconv.ParseFloat: parsing "broken": invalid syntax',
      'to_number',
      'broken',
    );
    expectError(
      'eval_type_error',
      'to_number: operand 1 must be valid number string but got string',
      'to_number',
      'Inf',
    );
    expectError(
      'eval_type_error',
      'to_number: operand 1 must be one of {null, boolean, number, string} but got array',
      'to_number',
      [],
    );
  });
  it('v0 casts answer undefined on the wrong type', () => {
    expect(call('cast_string', 1)).toBeUndefined();
    expect(call('cast_set', [1, 1, 2])).toEqual(set(1, 2));
  });
});
