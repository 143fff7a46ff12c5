import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Unknown } from '../../src/iac/types.js';
import { evaluate, fileFunctions } from '../../src/iac/hcl/index.js';
import { ev, evErr, expr } from './support/helpers.js';

const cases: [string, unknown][] = [
  // numbers
  ['abs(-3)', 3],
  ['ceil(1.2)', 2],
  ['floor(-1.2)', -2],
  ['log(8, 2)', 3],
  ['pow(2, 10)', 1024],
  ['signum(-7)', -1],
  ['max(1, 7, 3)', 7],
  ['min(4, 2)', 2],
  ['parseint("ff", 16)', 255],
  ['parseint("-101", 2)', -5],
  // strings
  ['chomp("a\\n\\n")', 'a'],
  ['format("%s-%03d-%.2f-%t-%q", "a", 7, 3.14159, true, "x")', 'a-007-3.14-true-"x"'],
  ['format("%-5s|%5s|%%|%v", "ab", "cd", 12)', 'ab   |   cd|%|12'],
  ['formatlist("%s=%s", ["a", "b"], "x")', ['a=x', 'b=x']],
  ['indent(2, "a\\nb")', 'a\n  b'],
  ['join("-", ["a", "b"], ["c"])', 'a-b-c'],
  ['lower("AbC")', 'abc'],
  ['upper("abc")', 'ABC'],
  ['replace("a-b-c", "-", "+")', 'a+b+c'],
  ['replace("hello world", "/o(\\\\w)?/", "0$1")', 'hell0 w0rld'],
  ['split(",", "a,b,,c")', ['a', 'b', '', 'c']],
  ['strrev("abc")', 'cba'],
  ['substr("hello", 1, 3)', 'ell'],
  ['substr("hello", -3, -1)', 'llo'],
  ['title("hello world")', 'Hello World'],
  ['trim("?!hi!?", "!?")', 'hi'],
  ['trimprefix("arn:aws", "arn:")', 'aws'],
  ['trimsuffix("file.tf", ".tf")', 'file'],
  ['trimspace("  x \\n")', 'x'],
  ['startswith("arn:aws:s3", "arn:")', true],
  ['endswith("a.json", ".yaml")', false],
  ['strcontains("abc", "b")', true],
  ['regex("[a-z]+", "123abc456")', 'abc'],
  ['regex("(\\\\d+)-(\\\\d+)", "10-20")', ['10', '20']],
  ['regex("(?P<y>\\\\d{4})-(?P<m>\\\\d{2})", "2024-05")', { y: '2024', m: '05' }],
  ['regexall("\\\\d", "a1b2")', ['1', '2']],
  // collections
  ['alltrue([true, "true"])', true],
  ['anytrue([false])', false],
  ['chunklist([1, 2, 3], 2)', [[1, 2], [3]]],
  ['coalesce(null, "", "b")', 'b'],
  ['coalescelist([], [1])', [1]],
  ['compact(["a", "", null, "b"])', ['a', 'b']],
  ['concat([1], [2, 3])', [1, 2, 3]],
  ['contains(["a"], "a")', true],
  ['distinct([1, 2, 1])', [1, 2]],
  ['element(["a", "b"], 3)', 'b'],
  ['flatten([[1, [2]], 3])', [1, 2, 3]],
  ['index(["a", "b"], "b")', 1],
  ['keys({ b = 1, a = 2 })', ['a', 'b']],
  ['values({ b = 1, a = 2 })', [2, 1]],
  ['length("héllo")', 5],
  ['length({ a = 1 })', 1],
  ['lookup({ a = 1 }, "b", 0)', 0],
  ['lookup({ a = 1 }, "a")', 1],
  ['matchkeys(["i1", "i2"], ["us", "eu"], ["eu"])', ['i2']],
  ['merge({ a = 1, b = 1 }, { b = 2 }, null)', { a: 1, b: 2 }],
  ['one([])', null],
  ['one(["x"])', 'x'],
  ['range(3)', [0, 1, 2]],
  ['range(1, 8, 3)', [1, 4, 7]],
  ['range(3, 0)', [3, 2, 1]],
  ['reverse([1, 2])', [2, 1]],
  ['setintersection(["a", "b"], ["b", "c"])', ['b']],
  [
    'setproduct(["a"], [1, 2])',
    [
      ['a', 1],
      ['a', 2],
    ],
  ],
  ['setsubtract(["a", "b"], ["a"])', ['b']],
  ['setunion(["b"], ["a", "b"])', ['a', 'b']],
  ['slice([1, 2, 3, 4], 1, 3)', [2, 3]],
  ['sort(["b", "a", 10])', ['10', 'a', 'b']],
  ['sum([1, 2.5])', 3.5],
  ['tolist(["a"])', ['a']],
  ['toset(["b", "a", "b"])', ['a', 'b']],
  ['tomap({ a = 1 })', { a: 1 }],
  ['transpose({ a = ["1", "2"], b = ["2"] })', { '1': ['a'], '2': ['a', 'b'] }],
  ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
  // encoding
  ['base64encode("hi")', 'aGk='],
  ['base64decode("aGk=")', 'hi'],
  ['jsonencode({ a = [1, "<x>"], b = null })', '{"a":[1,"\\u003cx\\u003e"],"b":null}'],
  ['jsondecode("{\\"a\\": [1, true]}")', { a: [1, true] }],
  ['yamldecode("a: 1\\nb: [x]\\n")', { a: 1, b: ['x'] }],
  ['yamlencode({ a = 1 })', 'a: 1\n'],
  ['urlencode("a b&c/d")', 'a+b%26c%2Fd'],
  ['csvdecode("a,b\\n1,\\"x,y\\"\\n")', [{ a: '1', b: 'x,y' }]],
  ['md5("hello")', '5d41402abc4b2a76b9719d911017c592'],
  ['sha1("hello")', 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d'],
  ['sha256("hello")', '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'],
  ['substr(sha512("hello"), 0, 16)', '9b71d224bd62f378'],
  // network
  ['cidrhost("10.12.112.0/20", 16)', '10.12.112.16'],
  ['cidrhost("10.12.112.0/20", -1)', '10.12.127.255'],
  ['cidrnetmask("172.16.0.0/12")', '255.240.0.0'],
  ['cidrsubnet("172.16.0.0/12", 4, 2)', '172.18.0.0/16'],
  ['cidrsubnet("10.1.2.0/24", 4, 15)', '10.1.2.240/28'],
  ['cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', 'fd00:fd12:3456:7800:a200::/72'],
  [
    'cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)',
    ['10.1.0.0/20', '10.1.16.0/20', '10.1.32.0/24', '10.1.48.0/20'],
  ],
  // time and paths
  ['formatdate("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z")', '02 Jan 2018 11:12 UTC'],
  [
    'formatdate("EEEE, YYYY-MM-DD\'T\'HH:mm", "2018-01-02T23:12:01-08:00")',
    'Tuesday, 2018-01-02T23:12',
  ],
  ['timeadd("2017-11-22T00:00:00Z", "10m")', '2017-11-22T00:10:00Z'],
  ['timeadd("2017-11-22T00:00:00Z", "-1h30m")', '2017-11-21T22:30:00Z'],
  ['basename("foo/bar/baz.txt")', 'baz.txt'],
  ['sensitive("s")', 's'],
  ['nonsensitive(sensitive(1))', 1],
  ['dirname("foo/bar/baz.txt")', 'foo/bar'],
];

describe('built-in functions', () => {
  for (const [src, want] of cases) {
    test(src, () => {
      expect(ev(src)).toEqual(want);
    });
  }

  test('function errors are evaluation errors', () => {
    expect(evErr('index(["a"], "z")')).toMatch(/Call to function "index" failed: item not found/);
    expect(evErr('one([1, 2])')).toMatch(/zero or one/);
    expect(evErr('cidrsubnet("10.0.0.0/30", 4, 0)')).toMatch(/insufficient address space/);
    expect(evErr('jsondecode("{")')).toMatch(/invalid JSON/);
    expect(evErr('regex("z", "abc")')).toMatch(/did not match/);
    expect(evErr('element([], 0)')).toMatch(/empty list/);
    expect(evErr('lookup({}, "k")')).toMatch(/failed to find key/);
  });

  test('unknown arguments give unknown results', () => {
    const u = new Unknown('not yet');
    for (const src of [
      'upper(u)',
      'cidrsubnet(u, 4, 1)',

      'sort([u])',
      'format("%s", u)',
      'coalesce(u, "x")',
      'zipmap([u], [1])',
    ]) {
      expect(ev(src, { u }), src).toBe(u);
    }
    expect(ev('keys({ a = u })', { u })).toEqual(['a']);
    // an encoded document is unknown text, but keeps the shape it was built from
    const doc = ev('jsonencode({ a = u, b = 1 })', { u }) as Unknown;
    expect([doc.reason, doc.partial]).toEqual(['not yet', { a: u, b: 1 }]);
    expect(ev('lookup({ a = u, b = 1 }, "b")', { u })).toBe(1);
    expect(ev('element([u, 2], 1)', { u })).toBe(2);
    expect(ev('flatten([[1], u])', { u })).toBe(u);
  });
});

describe('file functions', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cw-hcl-'));
  writeFileSync(path.join(dir, 'policy.json'), '{"Effect": "Allow"}');
  writeFileSync(path.join(dir, 'tpl.tftpl'), 'Hello ${name}!%{ for p in ports } ${p}%{ endfor }');
  mkdirSync(path.join(dir, 'policies'));
  writeFileSync(path.join(dir, 'policies', 'b.json'), '{}');
  writeFileSync(path.join(dir, 'policies', 'a.json'), '{}');
  writeFileSync(path.join(dir, 'policies', 'c.txt'), 'hello');
  const c = { lookup: () => undefined, functions: fileFunctions(dir) };

  test('file, fileexists, templatefile, abspath', () => {
    expect(evaluate(expr('file("policy.json")'), c)).toBe('{"Effect": "Allow"}');
    expect(evaluate(expr('jsondecode(file("policy.json")).Effect'), c)).toBe('Allow');
    expect(evaluate(expr('fileexists("policy.json")'), c)).toBe(true);
    expect(evaluate(expr('fileexists("nope.json")'), c)).toBe(false);
    expect(evaluate(expr('templatefile("tpl.tftpl", { name = "x", ports = [1, 2] })'), c)).toBe(
      'Hello x! 1 2',
    );
    expect(evaluate(expr('abspath("a/b")'), c)).toBe(path.join(dir, 'a/b'));
  });

  test('fileset and file hashes', () => {
    expect(evaluate(expr('fileset("policies", "*.json")'), c)).toEqual(['a.json', 'b.json']);
    expect(evaluate(expr('fileset(".", "**/*.txt")'), c)).toEqual(['policies/c.txt']);
    expect(evaluate(expr('filemd5("policies/c.txt")'), c)).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(evaluate(expr('fileset("nope", "*")'), c)).toEqual([]);
    expect(evaluate(expr('fileset("policies", "{a,c}.*")'), c)).toEqual(['a.json', 'c.txt']);
    expect(evaluate(expr('fileset("policies", "[ab].js?n")'), c)).toEqual(['a.json', 'b.json']);
  });

  test('missing files are errors; without a base dir file() is unknown function', () => {
    expect(() => evaluate(expr('file("missing.txt")'), c)).toThrow(/no file exists/);
    expect(evErr('file("x")')).toMatch(/unknown function "file"/);
  });
});
