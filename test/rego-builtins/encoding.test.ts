import { describe, expect, it } from 'vitest';
import { RegoObject } from '../../src/rego/value.js';
import { call, expectError, js, obj, set } from './helpers.js';

describe('base64 and hex', () => {
  it('round-trips and validates strictly', () => {
    expect(call('base64.encode', 'hello')).toBe('aGVsbG8=');
    expect(call('base64.decode', 'aGVsbG8=')).toBe('hello');
    expect(call('base64.is_valid', 'aGVsbG8=')).toBe(true);
    expect(call('base64.is_valid', 'aGVsbG8')).toBe(false);
    expect(call('base64.is_valid', 'aGV$bG8=')).toBe(false);
    expect(call('base64.is_valid', 5)).toBe(false);
    expectError(
      'eval_builtin_error',
      'base64.decode: illegal base64 data at input byte 3',
      'base64.decode',
      'aGV$bG8=',
    );
    expect(call('base64url.encode', 'there')).toBe('dGhlcmU=');
    expect(call('base64url.encode', '\u00fb\u00ff')).toBe('w7vDvw==');
    expect(call('base64url.encode_no_pad', 'there')).toBe('dGhlcmU');
    expect(call('base64url.decode', 'dGhlcmU')).toBe('there');
    expect(call('base64url.decode', 'w7vDvw')).toBe('\u00fb\u00ff');
    expect(call('hex.encode', 'hi')).toBe('6869');
    expect(call('hex.decode', '6869')).toBe('hi');
    expectError(
      'eval_builtin_error',
      "hex.decode: encoding/hex: invalid byte: U+0067 'g'",
      'hex.decode',
      'fghijkl',
    );
    expectError(
      'eval_builtin_error',
      'hex.decode: encoding/hex: odd length hex string',
      'hex.decode',
      'abc',
    );
  });
});

describe('urlquery', () => {
  it('encodes and decodes like Go net/url', () => {
    expect(call('urlquery.encode', 'a=b+1')).toBe('a%3Db%2B1');
    expect(call('urlquery.encode', 'a b~é')).toBe('a+b~%C3%A9');
    expect(call('urlquery.decode', 'a%3Db+1%C3%A9')).toBe('a=b 1é');
    expectError(
      'eval_builtin_error',
      'urlquery.decode: invalid URL escape "%zz"',
      'urlquery.decode',
      '%zz',
    );
    expect(call('urlquery.encode_object', obj({ b: ['x', 'y'], a: 'c d' }))).toBe('a=c+d&b=x&b=y');
    expect(call('urlquery.encode_object', obj({ s: set('2', '1') }))).toBe('s=1&s=2');
    expect(js('urlquery.decode_object', 'a=value_a1&b=value_b&a=value_a2')).toEqual({
      a: ['value_a1', 'value_a2'],
      b: ['value_b'],
    });
    expect(js('urlquery.decode_object', 'a=value_a1&b')).toEqual({ a: ['value_a1'], b: [''] });
    expect(js('urlquery.decode_object', '')).toEqual({});
  });
});

describe('JSON and YAML', () => {
  it('json.marshal writes Go encoding/json text: sorted keys, sets as arrays, HTML-safe', () => {
    const v = obj({ b: [1, 2.5, null], a: '<&>' });
    expect(call('json.marshal', v)).toBe('{"a":"\\u003c\\u0026\\u003e","b":[1,2.5,null]}');
    expect(call('json.marshal', set(3, 1))).toBe('[1,3]');
    expect(call('json.marshal', RegoObject.from([[1, 'x']]))).toBe('{"1":"x"}');
    expect(call('json.marshal', 1e9)).toBe('1000000000');
  });
  it('json.marshal_with_options', () => {
    const v = obj({ a: [1], b: {} });
    expect(call('json.marshal_with_options', v, obj({ pretty: true }))).toBe(
      '{\n\t"a": [\n\t\t1\n\t],\n\t"b": {}\n}',
    );
    expect(call('json.marshal_with_options', v, obj({ indent: '  ', prefix: '> ' }))).toBe(
      '> {\n>   "a": [\n>     1\n>   ],\n>   "b": {}\n> }',
    );
    expect(call('json.marshal_with_options', v, obj({ indent: ' ', pretty: false }))).toBe(
      '{"a":[1],"b":{}}',
    );
    expectError(
      'eval_type_error',
      'json.marshal_with_options: operand 2 object contained unknown key foo',
      'json.marshal_with_options',
      v,
      obj({ foo: 1 }),
    );
  });
  it('json.unmarshal / is_valid', () => {
    expect(js('json.unmarshal', '{"a": [1, "x", true, null]}')).toEqual({
      a: [1, 'x', true, null],
    });
    expect(call('json.is_valid', '{"a": 1}')).toBe(true);
    expect(call('json.is_valid', '{a: 1}')).toBe(false);
    expectError('eval_builtin_error', /^json\.unmarshal: /, 'json.unmarshal', '{a: 1}');
  });
  it('yaml.marshal / unmarshal / is_valid', () => {
    expect(call('yaml.marshal', obj({ b: [1, 2], a: { c: 'x' } }))).toBe(
      'a:\n  c: x\nb:\n- 1\n- 2\n',
    );
    expect(js('yaml.unmarshal', 'a: [1, 2]\nb: {c: d}\n')).toEqual({ a: [1, 2], b: { c: 'd' } });
    expect(js('yaml.unmarshal', 'on: yes\nx: "yes"\n')).toEqual({ true: true, x: 'yes' });
    expect(call('yaml.marshal', obj({ a: 'yes' }))).toBe('a: "yes"\n');
    expect(call('yaml.is_valid', 'a: [1, 2')).toBe(false);
    expect(call('yaml.is_valid', 'a: 1')).toBe(true);
    expectError('eval_builtin_error', /^yaml\.unmarshal: /, 'yaml.unmarshal', 'a: [1, 2');
  });
});

describe('json.patch / json.filter / json.remove', () => {
  const patch = (doc: unknown, ops: unknown[]) => js('json.patch', doc, ops);
  it('applies RFC 6902 operations', () => {
    expect(patch({ a: { foo: 1 } }, [{ op: 'add', path: '/a/bar', value: 2 }])).toEqual({
      a: { foo: 1, bar: 2 },
    });
    expect(patch({ arr: [1, 2, 3] }, [{ op: 'add', path: '/arr/1', value: 'x' }])).toEqual({
      arr: [1, 'x', 2, 3],
    });
    expect(patch({ arr: [1, 2, 3] }, [{ op: 'add', path: '/arr/-', value: 4 }])).toEqual({
      arr: [1, 2, 3, 4],
    });
    expect(patch({ arr: [1, 2, 3] }, [{ op: 'remove', path: '/arr/1' }])).toEqual({ arr: [1, 3] });
    expect(
      patch({ a: { foo: 1 }, b: {} }, [{ op: 'move', from: '/a/foo', path: '/b/foo' }]),
    ).toEqual({ a: {}, b: { foo: 1 } });
    expect(
      patch({ a: { foo: 1 }, b: {} }, [{ op: 'copy', from: '/a/foo', path: '/b/foo' }]),
    ).toEqual({ a: { foo: 1 }, b: { foo: 1 } });
    expect(
      patch({ 'foo/bar': { 'baz~': 1 } }, [{ op: 'add', path: '/foo~1bar/baz~0t', value: 2 }]),
    ).toEqual({
      'foo/bar': { 'baz~': 1, 'baz~t': 2 },
    });
    expect(
      call('json.patch', set('a', 'b'), [obj({ op: 'add', path: ['c'], value: 'c' })]),
    ).toEqual(set('a', 'b', 'c'));
    expect(
      patch({ a: 1 }, [
        { op: 'remove', path: '' },
        { op: 'add', path: '', value: { b: 2 } },
      ]),
    ).toEqual({
      b: 2,
    });
  });
  it('is undefined when an operation fails', () => {
    expect(patch({ a: 1 }, [{ op: 'test', path: '/a', value: 2 }])).toBeUndefined();
    expect(patch({ a: 1 }, [{ op: 'remove', path: '' }])).toBeUndefined();
    expect(patch([1, 2], [{ op: 'remove', path: '/01' }])).toBeUndefined();
    expect(patch([1, 2], [{ op: 'remove', path: '/-' }])).toBeUndefined();
    expect(patch({}, [{ op: 'add', path: '/a' }])).toBeUndefined();
    expect(patch({ a: { b: 1 } }, [{ op: 'move', from: '/a', path: '/a/c' }])).toBeUndefined();
    expect(
      call('json.patch', set('a', 'b'), [obj({ op: 'replace', path: ['a'], value: 'c' })]),
    ).toBeUndefined();
  });
  it('filters and removes by paths', () => {
    expect(js('json.filter', {}, ['a/b'])).toEqual({});
    expect(js('json.filter', { a: { b: { c: 7, d: 8 } }, e: 9 }, ['a/b/c', 'e'])).toEqual({
      a: { b: { c: 7 } },
      e: 9,
    });
    expect(js('json.filter', { a: [{ x: 1, y: 2 }, { x: 3 }] }, [['a', 0, 'x']])).toEqual({
      a: [{ x: 1 }],
    });
    expect(js('json.remove', { a: { b: { c: 7, d: 8 } }, e: 9 }, ['a/b/c'])).toEqual({
      a: { b: { d: 8 } },
      e: 9,
    });
    expect(js('json.remove', { a: { b: { c: 7, d: 8 } }, e: 9 }, [['a', 'b', 'c'], ['e']])).toEqual(
      {
        a: { b: { d: 8 } },
      },
    );
    expect(js('json.remove', { a: [1, 2, 3] }, ['a/1'])).toEqual({ a: [1, 3] });
  });
});
