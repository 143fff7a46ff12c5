import { describe, expect, it } from 'vitest';
import {
  BUILTINS,
  BuiltinError,
  checkArgs,
  OPERATORS,
  specName,
  T,
} from '../../src/rego/builtins/index.js';
import { call, callIn, context, expectError, obj, set } from './helpers.js';

describe('the builtin registry', () => {
  it('declares every builtin with types, a category and an implementation', () => {
    expect(BUILTINS.size).toBeGreaterThan(180);
    for (const [name, d] of BUILTINS) {
      expect(d.name).toBe(name);
      expect(d.category).not.toBe('');
      expect(typeof d.impl).toBe('function');
      expect(Array.isArray(d.args)).toBe(true);
      expect(d.result.kind).toBeTruthy();
    }
  });
  it('covers the families OPA documents', () => {
    const expected = [
      'plus',
      'minus',
      'mul',
      'div',
      'rem',
      'equal',
      'neq',
      'lt',
      'lte',
      'gt',
      'gte',
      'and',
      'or',
      'abs',
      'round',
      'ceil',
      'floor',
      'numbers.range',
      'numbers.range_step',
      'bits.or',
      'bits.and',
      'bits.negate',
      'bits.xor',
      'bits.lsh',
      'bits.rsh',
      'count',
      'sum',
      'product',
      'max',
      'min',
      'sort',
      'all',
      'any',
      'array.concat',
      'array.slice',
      'array.reverse',
      'intersection',
      'union',
      'object.get',
      'object.union',
      'object.union_n',
      'object.remove',
      'object.filter',
      'object.keys',
      'object.subset',
      'concat',
      'contains',
      'startswith',
      'endswith',
      'format_int',
      'indexof',
      'indexof_n',
      'lower',
      'upper',
      'replace',
      'strings.replace_n',
      'strings.reverse',
      'strings.any_prefix_match',
      'strings.any_suffix_match',
      'strings.count',
      'split',
      'sprintf',
      'substring',
      'trim',
      'trim_left',
      'trim_right',
      'trim_prefix',
      'trim_suffix',
      'trim_space',
      'regex.match',
      'regex.is_valid',
      'regex.split',
      'regex.find_n',
      'regex.find_all_string_submatch_n',
      'regex.replace',
      'regex.template_match',
      'glob.match',
      'glob.quote_meta',
      'is_number',
      'is_string',
      'is_boolean',
      'is_array',
      'is_set',
      'is_object',
      'is_null',
      'type_name',
      'to_number',
      'json.marshal',
      'json.unmarshal',
      'json.is_valid',
      'json.marshal_with_options',
      'yaml.marshal',
      'yaml.unmarshal',
      'yaml.is_valid',
      'json.patch',
      'json.filter',
      'json.remove',
      'base64.encode',
      'base64.decode',
      'base64.is_valid',
      'base64url.encode',
      'base64url.encode_no_pad',
      'base64url.decode',
      'hex.encode',
      'hex.decode',
      'urlquery.encode',
      'urlquery.decode',
      'urlquery.encode_object',
      'urlquery.decode_object',
      'time.now_ns',
      'time.parse_rfc3339_ns',
      'time.parse_ns',
      'time.parse_duration_ns',
      'time.date',
      'time.clock',
      'time.weekday',
      'time.add_date',
      'time.diff',
      'time.format',
      'net.cidr_contains',
      'net.cidr_intersects',
      'net.cidr_merge',
      'net.cidr_expand',
      'net.cidr_is_valid',
      'net.cidr_contains_matches',
      'net.lookup_ip_addr',
      'units.parse',
      'units.parse_bytes',
      'semver.is_valid',
      'semver.compare',
      'crypto.md5',
      'crypto.sha1',
      'crypto.sha256',
      'crypto.hmac.md5',
      'crypto.hmac.sha1',
      'crypto.hmac.sha256',
      'crypto.hmac.sha512',
      'crypto.hmac.equal',
      'graph.reachable',
      'graph.reachable_paths',
      'walk',
      'uuid.rfc4122',
      'uuid.parse',
      'io.jwt.decode',
      'io.jwt.verify_rs256',
      'io.jwt.decode_verify',
      'http.send',
      'opa.runtime',
      'print',
      'internal.member_2',
    ];
    expect(expected.filter((n) => !BUILTINS.has(n))).toEqual([]);
  });
  it('marks walk as a relation and the clock/random builtins as nondeterministic', () => {
    expect(BUILTINS.get('walk')!.relation).toBe(true);
    expect(BUILTINS.get('count')!.relation).toBeUndefined();
    for (const n of ['time.now_ns', 'uuid.rfc4122', 'rand.intn', 'http.send']) {
      expect(BUILTINS.get(n)!.nondeterministic).toBe(true);
    }
    expect(BUILTINS.get('re_match')!.deprecated).toBe(true);
  });
  it('maps infix operators to builtins', () => {
    expect(OPERATORS.get('+')!.name).toBe('plus');
    expect(OPERATORS.get('&')!.name).toBe('and');
    expect(OPERATORS.get('|')!.name).toBe('or');
    expect(OPERATORS.get('==')!.name).toBe('equal');
    expect(OPERATORS.get('%')!.name).toBe('rem');
  });
});

describe('checkArgs', () => {
  it('words type errors as OPA does', () => {
    const d = BUILTINS.get('concat')!;
    expect(() => checkArgs(d, [',', ['a']])).not.toThrow();
    const err = (() => {
      try {
        checkArgs(d, [1, ['a']]);
      } catch (e) {
        return e as BuiltinError;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(BuiltinError);
    expect(err!.code).toBe('eval_type_error');
    expect(err!.message).toBe('concat: operand 1 must be string but got number');
    expect(() => checkArgs(d, [',', set('a', 2)])).toThrow(
      'concat: operand 2 must be set of strings but got set containing number',
    );
    expect(() => checkArgs(d, [','])).toThrow('concat: arity mismatch');
  });
  it('names union types', () => {
    expect(specName(T.union(T.string, T.set(), T.array()))).toBe('one of {string, set, array}');
    expect(specName(T.int)).toBe('number');
  });
  it('is applied by every implementation before it runs', () => {
    expectError('eval_type_error', 'upper: operand 1 must be string but got null', 'upper', null);
    expectError(
      'eval_type_error',
      'object.keys: operand 1 must be object but got array',
      'object.keys',
      [],
    );
  });
});

describe('print, trace and membership', () => {
  it('print writes strings bare and other values as Rego', () => {
    const lines: string[] = [];
    const ctx = { ...context(), print: (m: string) => lines.push(m) };
    expect(callIn(ctx, 'print', 'x', 1, obj({ a: [true] }), set())).toBe(true);
    expect(lines).toEqual(['x 1 {"a": [true]} set()']);
    expect(call('trace', 'note')).toBe(true);
  });
  it('internal.member_2 / member_3 implement `in`', () => {
    expect(call('internal.member_2', 1, set(1))).toBe(true);
    expect(call('internal.member_2', 1, obj({ foo: 1 }))).toBe(true);
    expect(call('internal.member_2', 1, 'foo')).toBe(false);
    expect(call('internal.member_2', obj({ a: [1] }), [obj({ a: [1] })])).toBe(true);
    expect(call('internal.member_3', 'foo', 1, obj({ foo: 1 }))).toBe(true);
    expect(call('internal.member_3', 1, 'two', ['one', 'two'])).toBe(true);
    expect(call('internal.member_3', 1, 'foo', 1)).toBe(false);
  });
});
