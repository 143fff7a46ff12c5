import { describe, expect, it } from 'vitest';
import { translate } from '../../src/rego/builtins/re2.js';
import { call, expectError, js } from './helpers.js';

describe('regex (RE2 syntax)', () => {
  it('match, with Go syntax translated', () => {
    expect(call('regex.match', '^[a-z]+\\[[0-9]+\\]$', 'foo[1]')).toBe(true);
    expect(call('regex.match', '^$', '')).toBe(true);
    expect(call('regex.match', '', 'x')).toBe(true);
    expect(call('regex.match', '^$', 'something')).toBe(false);
    expect(call('regex.match', '(?i)^ABC$', 'abc')).toBe(true);
    expect(call('regex.match', '^(?P<year>\\d{4})-\\d{2}$', '2024-01')).toBe(true);
    expect(call('regex.match', '^[[:alpha:]]+$', 'abcXYZ')).toBe(true);
    expect(call('regex.match', '^\\pL+$', 'héllo')).toBe(true);
    expect(call('regex.match', '\\Aab\\z', 'ab')).toBe(true);
    expect(call('regex.match', '^a{2}$', 'aa')).toBe(true);
    expect(call('regex.match', '^\\-\\#$', '-#')).toBe(true);
    expect(call('regex.match', '^.$', '🍧')).toBe(true);
    expect(call('re_match', 'b+', 'abbc')).toBe(true);
    // Go semantics where JS differs: dot matches \r, \s is ASCII only
    expect(call('regex.match', '^a.b$', 'a\rb')).toBe(true);
    expect(call('regex.match', '^a.b$', 'a\nb')).toBe(false);
    expect(call('regex.match', '(?s)^a.b$', 'a\nb')).toBe(true);
    expect(call('regex.match', '\\s', '\u00a0')).toBe(false);
    expect(call('regex.match', '^[\\s,]+$', ' ,\t')).toBe(true);
    // flags scoped to groups, as RE2 allows
    expect(call('regex.match', '^a(?i:b[c-d])e$', 'aBDe')).toBe(true);
    expect(call('regex.match', '^a(?i:b)c$', 'aBC')).toBe(false);
    expect(call('regex.match', '^(?:x(?i)y)z$', 'xYz')).toBe(true);
    expect(call('regex.match', '^(?:x(?i)y)z$', 'xYZ')).toBe(false);
    expect(call('regex.match', '(?m)^b$', 'a\nb\nc')).toBe(true);
    expect(call('regex.match', '^b$', 'a\nb\nc')).toBe(false);
    expect(call('regex.match', '(?i)a(?-i:b)', 'AB')).toBe(false);
    expect(call('regex.match', '(?i)a(?-i:b)', 'Ab')).toBe(true);
    expect(js('regex.find_n', '(?m)^\\w', 'ab\ncd', -1)).toEqual(['a', 'c']);
  });
  it('rejects what RE2 rejects', () => {
    expectError(
      'eval_builtin_error',
      /^regex\.match: error parsing regexp: /,
      'regex.match',
      '$^[[[',
      'x',
    );
    expectError(
      'eval_builtin_error',
      /invalid or unsupported Perl syntax/,
      'regex.match',
      '(?=a)',
      'a',
    );
    expectError('eval_builtin_error', /invalid escape sequence/, 'regex.match', '(a)\\1', 'aa');
    expect(call('regex.is_valid', '[a-z')).toBe(false);
    expect(call('regex.is_valid', '^[a-z]+$')).toBe(true);
    expect(call('regex.is_valid', 5)).toBe(false);
    expect(translate('a{,2}').source).toBe('a\\{,2\\}');
  });
  it('split follows Go Regexp.Split', () => {
    expect(js('regex.split', '^[a-z]+\\[[0-9]+\\]$', '')).toEqual(['']);
    expect(js('regex.split', '^[a-z]+', 'foobar baz')).toEqual(['', ' baz']);
    expect(js('regex.split', '[a-z]+$', 'foobar baz')).toEqual(['foobar ', '']);
    expect(js('regex.split', '^[a-z]+$', 'foobar baz')).toEqual(['foobar baz']);
    expect(js('regex.split', '^[a-z ]+$', 'foobar baz')).toEqual(['', '']);
    expect(js('regex.split', 'z+', 'pizza')).toEqual(['pi', 'a']);
    expect(js('regex.split', '', 'abc')).toEqual(['a', 'b', 'c']);
  });
  it('find_n, submatches, replace, template_match', () => {
    expect(js('regex.find_n', 'a.', 'paranormal', -1)).toEqual(['ar', 'an', 'al']);
    expect(js('regex.find_n', 'a.', 'paranormal', 2)).toEqual(['ar', 'an']);
    expect(js('regex.find_n', 'x*', 'axb', -1)).toEqual(['', 'x', '']);
    expect(js('regex.find_all_string_submatch_n', 'a(x*)b', '-', -1)).toEqual([]);
    expect(js('regex.find_all_string_submatch_n', 'a(x*)b(c)?', '-axxb-ab-abc', -1)).toEqual([
      ['axxb', 'xx', ''],
      ['ab', '', ''],
      ['abc', '', 'c'],
    ]);
    expect(call('regex.replace', '-ab-axxb-', 'a(x*)b', '${1}W')).toBe('-W-xxW-');
    expect(call('regex.replace', '-ab-axxb-', 'a(x*)b', '$1W')).toBe('---');
    expect(call('regex.replace', 'abc', '(?P<first>a)', '[$first]$$')).toBe('[a]$bc');
    expect(call('regex.template_match', 'urn:foo:{.*}', 'urn:foo:bar:baz', '{', '}')).toBe(true);
    expect(
      call('regex.template_match', 'urn:foo.bar.com:{.*}', 'urn:foo.com:bar:baz', '{', '}'),
    ).toBe(false);
    expect(call('regex.template_match', 'urn:foo:<[0-9]{2}>', 'urn:foo:42', '<', '>')).toBe(true);
    expectError(
      'eval_builtin_error',
      /unbalanced braces/,
      'regex.template_match',
      'urn:{.*',
      'urn:x',
      '{',
      '}',
    );
  });
});

describe('glob', () => {
  it('matches with delimiters like gobwas/glob', () => {
    expect(call('glob.match', '*.github.com', [], 'api.github.com')).toBe(true);
    expect(call('glob.match', '*.github.com', [], 'api.cdn.github.com')).toBe(false);
    expect(call('glob.match', '*.github.com', null, 'api.cdn.github.com')).toBe(true);
    expect(call('glob.match', '**.github.com', ['.'], 'api.cdn.github.com')).toBe(true);
    expect(call('glob.match', '*:github:com', [':'], 'api:github:com')).toBe(true);
    expect(call('glob.match', '?at', [], 'cat')).toBe(true);
    expect(call('glob.match', '[!a-c]at', [], 'cat')).toBe(false);
    expect(call('glob.match', '[a-c]at', [], 'bat')).toBe(true);
    expect(call('glob.match', '{cat,bat,[fr]at}', [], 'rat')).toBe(true);
    expect(call('glob.match', '{cat,bat}', [], 'hat')).toBe(false);
    expect(call('glob.match', 'a\\*b', [], 'a*b')).toBe(true);
    expect(call('glob.match', 'a\\*b', [], 'axb')).toBe(false);
    expect(call('glob.match', 'arn:aws:s3:::*', [], 'arn:aws:s3:::bucket/key')).toBe(true);
    expectError('eval_builtin_error', /glob\.match: /, 'glob.match', '{a,b', [], 'a');
  });
  it('quote_meta escapes the meta characters', () => {
    expect(call('glob.quote_meta', '*.github.com')).toBe('\\*.github.com');
    expect(call('glob.quote_meta', 'a[b]{c}?\\')).toBe('a\\[b\\]\\{c\\}\\?\\\\');
  });
});
