import { describe, expect, it } from 'vitest';
import { call, expectError, js, obj, set } from './helpers.js';

describe('sprintf (Go fmt as OPA calls it)', () => {
  const f = (fmt: string, ...args: unknown[]) => js('sprintf', fmt, args);
  it('formats strings, integers and floats', () => {
    expect(f('User %s from %s', 'alice', 'eng')).toBe('User alice from eng');
    expect(f('%d|%5d|%05d|%-4d|', 42, 42, 42, 42)).toBe('42|   42|00042|42  |');
    expect(f('%x %X %o %b %O', 255, 255, 64, 15, 64)).toBe('ff FF 100 1111 0o100');
    expect(f('%.2f %f %e', 3.14159, 3.14, 1234.5)).toBe('3.14 3.140000 1.234500e+03');
    expect(f('%v %v %g', 2.5, 1234567.5, 0.00001)).toBe('2.5 1.2345675e+06 1e-05');
    expect(f('%q %%', 'a"b')).toBe('"a\\"b" %');
  });
  it('prints composite values in Rego literal form', () => {
    expect(f('%v', { key: 'value', a: [1, 'x'] })).toBe('{"a": [1, "x"], "key": "value"}');
    expect(js('sprintf', '%v %v', [[], null])).toBe('[] null');
    expect(call('sprintf', '%v|%v', [set(2, 1), set()])).toBe('{1, 2}|set()');
    expect(f('%v %s', true, false)).toBe('true false');
  });
  it('keeps Go quirks: wrong verbs, missing and extra arguments', () => {
    expect(f('%s', 5)).toBe('%!s(int=5)');
    expect(f('%d', 'x')).toBe('%!d(string=x)');
    expect(f('%d', 1.5)).toBe('%!d(float64=1.5)');
    expect(f('Value: %s %d', 'only_one')).toBe('Value: only_one %!d(MISSING)');
    expect(f('x', 1, 'a')).toBe('x%!(EXTRA int=1, string=a)');
    expect(f('%t', true)).toBe('%!t(string=true)');
  });
  it('prints integers beyond 64 bits as *big.Int does (%s allowed)', () => {
    expect(f('%s', 2 ** 70)).toBe('1180591620717411303424');
    expect(f('%d', 1e21)).toBe('1000000000000000000000');
  });
  it('rejects a non-array argument list', () => {
    expectError(
      'eval_type_error',
      'sprintf: operand 2 must be array but got string',
      'sprintf',
      '%s',
      'x',
    );
  });
});

describe('string builtins', () => {
  it('concat joins arrays and sets (sets sorted)', () => {
    expect(call('concat', ',', ['a', 'b'])).toBe('a,b');
    expect(call('concat', '-', set('b', 'a'))).toBe('a-b');
    expectError(
      'eval_type_error',
      'concat: operand 2 must be array of strings but got array containing number',
      'concat',
      ',',
      ['a', 1],
    );
  });
  it('indexof / indexof_n count runes', () => {
    expect(call('indexof', 'skön var våren', 'vår')).toBe(9);
    expect(call('indexof', '🍧🍨🧁🍰🍮', '🍮')).toBe(4);
    expect(call('indexof', 'μ', 'μμ')).toBe(-1);
    expect(js('indexof_n', 'dog cat dog', 'dog')).toEqual([0, 8]);
    expectError('eval_builtin_error', 'indexof: empty search character', 'indexof', 'a', '');
  });
  it('substring, trims and case', () => {
    expect(call('substring', 'aébcd', 1, 2)).toBe('éb');
    expect(call('substring', 'abc', 1, -1)).toBe('bc');
    expect(call('substring', 'abc', 5, 1)).toBe('');
    expectError('eval_builtin_error', 'substring: negative offset', 'substring', 'abc', -1, 1);
    expectError(
      'eval_type_error',
      'substring: operand 2 must be integer number but got floating-point number',
      'substring',
      'abc',
      1.5,
      1,
    );
    expect(call('trim', '¡¡¡foo, bar!!!', 'i')).toBe('¡¡¡foo, bar!!!');
    expect(call('trim', '¡¡¡foo, bar!!!', '¡!')).toBe('foo, bar');
    expect(call('trim_left', 'xxaxx', 'x')).toBe('axx');
    expect(call('trim_right', 'xxaxx', 'x')).toBe('xxa');
    expect(call('trim_prefix', 'foo.bar', 'foo.')).toBe('bar');
    expect(call('trim_suffix', 'foo.bar', '.bar')).toBe('foo');
    expect(call('trim_space', ' \t\n x y \u00a0')).toBe('x y');
    expect(call('upper', 'abc')).toBe('ABC');
    expect(call('strings.reverse', 'aé🍧')).toBe('🍧éa');
  });
  it('split, split_n, count, format_int', () => {
    expect(js('split', 'a.b.c', '.')).toEqual(['a', 'b', 'c']);
    expect(js('split', 'test', '')).toEqual(['t', 'e', 's', 't']);
    expect(js('split', '', '')).toEqual([]);
    expect(js('split', '', '.')).toEqual(['']);
    expect(js('strings.split_n', 'a.b.c.d', '.', 2)).toEqual(['a', 'b']);
    expect(js('strings.split_n', 'a.b.c.d', '.', -2)).toEqual(['c', 'd']);
    expect(js('strings.split_n', 'a.b.c.d', '.', 0)).toEqual([]);
    expect(js('strings.split_n', 'abc', '', -2)).toEqual(['b', 'c']);
    expect(call('strings.count', 'dummy', '')).toBe(6);
    expect(call('strings.count', '11111', '11')).toBe(2);
    expect(call('format_int', 15.5, 16)).toBe('f');
    expect(call('format_int', -5, 2)).toBe('-101');
    expectError(
      'eval_type_error',
      'format_int: operand 2 must be one of {2, 8, 10, 16}',
      'format_int',
      1,
      3,
    );
  });
  it('replace and replace_n follow Go strings.Replacer', () => {
    expect(call('replace', 'aaa', 'a', 'b')).toBe('bbb');
    expect(call('replace', 'ab', '', 'X')).toBe('XaXbX');
    const rn = (p: Record<string, unknown>, s: string) => call('strings.replace_n', obj(p), s);
    expect(rn({ info: 'X', anotherinfo: 'Y' }, 'anotherinfo')).toBe('Y');
    expect(rn({ a: 'YY', bba: 'bX' }, 'bbab')).toBe('bXb');
    expect(rn({ ab: 'b', b: 'Y' }, 'baaabbbba')).toBe('YaabYYYa');
    expect(rn({ a: 'b', b: 'a' }, 'abba')).toBe('baab');
    expect(rn({ a: 'Xa', ab: 'X', ba: 'bYa', aaa: 'X' }, 'aaaaab')).toBe('XaXaXaXaXab');
    expect(rn({ aab: 'Y', a: '', b: '' }, 'bbaab')).toBe('');
    expect(rn({ '': 'X' }, '')).toBe('X');
    expect(rn({ '': 'X', a: 'Y' }, 'ab')).toBe('XYXbX');
    expect(rn({ '': '-', é: 'e' }, 'aéb')).toBe('-a-e-b-');
    expectError(
      'eval_type_error',
      'strings.replace_n: operand 1 non-string value found in pattern object',
      'strings.replace_n',
      obj({ f: 100 }),
      'foo',
    );
    expectError(
      'eval_type_error',
      'strings.replace_n: operand 2 must be string but got number',
      'strings.replace_n',
      obj({ foo: 'baz' }),
      100,
    );
  });
  it('any_prefix_match / any_suffix_match accept strings, arrays and sets', () => {
    expect(call('strings.any_prefix_match', ['a/b/c', 'e/f/g'], ['x/', 'e/f'])).toBe(true);
    expect(call('strings.any_prefix_match', 'a/b/c', ['g/', 'd/'])).toBe(false);
    expect(call('strings.any_prefix_match', set('a/b'), '')).toBe(true);
    expect(call('strings.any_suffix_match', 'file.tf', set('.json', '.tf'))).toBe(true);
    expectError(
      'eval_type_error',
      'strings.any_prefix_match: operand 1 must be one of {string, set, array} but got number',
      'strings.any_prefix_match',
      1,
      ['a'],
    );
    expectError(
      'eval_type_error',
      'strings.any_prefix_match: operand 2 must be array of strings but got array containing number',
      'strings.any_prefix_match',
      ['a'],
      [1, 2],
    );
  });
});
