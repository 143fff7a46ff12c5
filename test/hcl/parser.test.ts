import { describe, expect, test } from 'vitest';
import {
  expressionText,
  parseHcl,
  parseHclJson,
  type Attribute,
  type Expression,
} from '../../src/iac/hcl/index.js';
import { ev, expr } from './support/helpers.js';

function strip(e: unknown): unknown {
  // drop ranges for structural comparisons
  return JSON.parse(
    JSON.stringify(e, (k, v: unknown) => (k === 'range' || k === 'nameRange' ? undefined : v)),
  );
}

describe('structure', () => {
  test('attributes and blocks with quoted and bare labels', () => {
    const r = parseHcl(
      'a = 1\nresource "aws_s3_bucket" logs {\n  b = "x"\n  inner {\n  }\n}\nempty {}\n',
      'main.tf',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.body.attributes.map((a) => a.name)).toEqual(['a']);
    const [res, empty] = r.body.blocks;
    expect(res?.type).toBe('resource');
    expect(res?.labels).toEqual(['aws_s3_bucket', 'logs']);
    expect(res?.body.attributes.map((a) => a.name)).toEqual(['b']);
    expect(res?.body.blocks.map((b) => b.type)).toEqual(['inner']);
    expect(empty?.type).toBe('empty');
    expect(empty?.body.attributes).toEqual([]);
  });

  test('one-line block with one attribute', () => {
    const r = parseHcl('lifecycle { prevent_destroy = true }\n', 'main.tf');
    expect(r.diagnostics).toEqual([]);
    expect(r.body.blocks[0]?.body.attributes[0]?.name).toBe('prevent_destroy');
  });

  test('locations of attributes, blocks and labels', () => {
    const src =
      'x = 1\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "b"\n  tags = {\n    a = 1\n  }\n}\n';
    const r = parseHcl(src, 'dir/main.tf');
    const x = r.body.attributes[0] as Attribute;
    expect(x.range.file).toBe('dir/main.tf');
    expect([x.range.start.line, x.range.start.column, x.range.end.column]).toEqual([1, 1, 6]);
    const block = r.body.blocks[0];
    expect(block?.range.start).toEqual({ line: 3, column: 1, offset: 7 });
    expect(block?.range.end.line).toBe(8);
    expect(block?.typeRange.end.column).toBe(9);
    expect(block?.labelRanges.map((l) => [l.start.line, l.start.column, l.end.column])).toEqual([
      [3, 10, 25],
      [3, 26, 32],
    ]);
    const bucket = block?.body.attributes[0] as Attribute;
    expect([bucket.nameRange.start.line, bucket.nameRange.start.column]).toEqual([4, 3]);
    expect([bucket.expr.range.start.column, bucket.expr.range.end.column]).toEqual([12, 15]);
    const tags = block?.body.attributes[1] as Attribute;
    expect([tags.range.start.line, tags.range.end.line]).toEqual([5, 7]);
  });

  test('comments are returned with their lines, and act as newlines', () => {
    const src =
      '# crosswalk:ignore CW-S3-001 reason\nresource "a" "b" { # trailing\n  x = 1 // two\n  /* block\n comment */ y = 2\n}\n';
    const r = parseHcl(src, 'main.tf');
    expect(r.diagnostics).toEqual([]);
    expect(r.comments).toEqual([
      { text: '# crosswalk:ignore CW-S3-001 reason', line: 1 },
      { text: '# trailing', line: 2 },
      { text: '// two', line: 3 },
      { text: '/* block\n comment */', line: 4 },
    ]);
    expect(r.body.blocks[0]?.body.attributes.map((a) => a.name)).toEqual(['x', 'y']);
  });

  test('CRLF line ends and a UTF-8 BOM', () => {
    const src = '\uFEFFa = "x"\r\nb {\r\n  c = <<EOT\r\nhello\r\nEOT\r\n}\r\n';
    const r = parseHcl(src, 'win.tf');
    expect(r.diagnostics).toEqual([]);
    const a = r.body.attributes[0] as Attribute;
    expect([a.range.start.line, a.range.start.column]).toEqual([1, 1]);
    const c = r.body.blocks[0]?.body.attributes[0] as Attribute;
    expect(c.range.start.line).toBe(3);
    expect(ev('"x"')).toBe('x');
    expect(c.expr).toMatchObject({ kind: 'literal', value: 'hello\n' });
  });

  test('identifiers with dashes and unicode', () => {
    const r = parseHcl('my-attr = 1\nnäme = 2\n', 'u.tf');
    expect(r.diagnostics).toEqual([]);
    expect(r.body.attributes.map((a) => a.name)).toEqual(['my-attr', 'näme']);
  });
});

describe('error recovery', () => {
  test('one bad block does not lose the others', () => {
    const src = [
      'resource "a" "one" {',
      '  x = 1',
      '}',
      'resource "a" "bad" {',
      '  y = [1, 2',
      '  z = 3',
      '}',
      'resource "a" "three" {',
      '  w = "ok"',
      '}',
      '',
    ].join('\n');
    const r = parseHcl(src, 'main.tf');
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]).toMatchObject({ code: 'CW-HCL-020', file: 'main.tf', line: 6 });
    const names = r.body.blocks.map((b) => b.labels[1]);
    expect(names).toContain('one');
    expect(names).toContain('three');
    const three = r.body.blocks.find((b) => b.labels[1] === 'three');
    expect(three?.body.attributes[0]?.name).toBe('w');
  });

  test('a bad attribute inside a block keeps the block and its other attributes', () => {
    const r = parseHcl('b {\n  x = 1 +\n  y = 2\n}\nc {}\n', 'main.tf');
    expect(r.diagnostics.length).toBe(1);
    expect(r.body.blocks.map((b) => b.type)).toEqual(['b', 'c']);
    expect(r.body.blocks[0]?.body.attributes.map((a) => a.name)).toEqual(['y']);
  });

  test('unterminated string reports CW-HCL-002 and the next line still parses', () => {
    const r = parseHcl('a = "abc\nb = 2\n', 'main.tf');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['CW-HCL-002']);
    expect(r.body.attributes.map((a) => a.name)).toEqual(['b']);
  });

  test('unterminated interpolation and heredoc', () => {
    expect(parseHcl('a = "${var.x"\n', 'm.tf').diagnostics[0]?.code).toBe('CW-HCL-003');
    expect(parseHcl('a = <<EOT\nabc\n', 'm.tf').diagnostics[0]?.code).toBe('CW-HCL-004');
    expect(parseHcl('a = 1\n/* open', 'm.tf').diagnostics[0]?.code).toBe('CW-HCL-005');
  });

  test('unclosed block keeps what it read', () => {
    const r = parseHcl('a {\n  b = 1\n', 'm.tf');
    expect(r.diagnostics[0]).toMatchObject({ code: 'CW-HCL-013', line: 1, column: 3 });
    expect(r.body.blocks[0]?.body.attributes[0]?.name).toBe('b');
  });

  test('duplicate attribute', () => {
    const r = parseHcl('a = 1\na = 2\n', 'm.tf');
    expect(r.diagnostics).toMatchObject([{ code: 'CW-HCL-030', line: 2 }]);
  });

  test('block labels must not contain templates', () => {
    const r = parseHcl('resource "a_${x}" "b" {}\n', 'm.tf');
    expect(r.diagnostics[0]?.code).toBe('CW-HCL-023');
  });

  test('too many errors are counted, not listed', () => {
    const r = parseHcl('= 1\n'.repeat(500), 'm.tf');
    expect(r.diagnostics.length).toBe(101);
    expect(r.diagnostics[100]?.message).toBe('400 more syntax errors not shown');
  });
});

describe('expressions', () => {
  const kinds = (src: string): string => expr(src).kind;

  test('literals', () => {
    expect(ev('5')).toBe(5);
    expect(ev('3.25')).toBe(3.25);
    expect(ev('1e3')).toBe(1000);
    expect(ev('2.5E-1')).toBe(0.25);
    expect(ev('true')).toBe(true);
    expect(ev('false')).toBe(false);
    expect(ev('null')).toBe(null);
    expect(ev('-4')).toBe(-4);
  });

  test('string escapes', () => {
    expect(ev('"a\\nb\\tc\\"d\\\\e\\r"')).toBe('a\nb\tc"d\\e\r');
    expect(ev('"\\u00e9\\U0001F600"')).toBe('é😀');
    expect(ev('"$${x} %%{y}"')).toBe('${x} %{y}');
    expect(ev('"100% $ 5"')).toBe('100% $ 5');
  });

  test('templates and directives', () => {
    expect(ev('"a-${x}-b"', { x: 'X' })).toBe('a-X-b');
    expect(ev('"${x}"', { x: 5 })).toBe(5); // unwrapped
    expect(ev('"n=${x}"', { x: 5 })).toBe('n=5');
    expect(ev('"%{ if x }yes%{ else }no%{ endif }"', { x: true })).toBe('yes');
    expect(ev('"%{ if x }yes%{ else }no%{ endif }"', { x: false })).toBe('no');
    expect(ev('"%{ if x }yes%{ endif }"', { x: false })).toBe('');
    expect(ev('"%{ for v in xs }${v},%{ endfor }"', { xs: ['a', 'b'] })).toBe('a,b,');
    expect(ev('"%{ for k, v in m }${k}=${v};%{ endfor }"', { m: { b: 2, a: 1 } })).toBe('a=1;b=2;');
    expect(ev('"%{ for v in [true] }${v}%{ endfor }"')).toBe('true');
  });

  test('strip markers', () => {
    expect(ev('"hello ${~ "world" }"')).toBe('helloworld');
    expect(ev('"%{ if true ~} hello %{~ endif }"')).toBe('hello');
    expect(ev('"${"hello" ~}${" world"}"')).toBe('hello world');
  });

  test('heredocs', () => {
    expect(ev('<<EOT\n  a\n  b\nEOT')).toBe('  a\n  b\n');
    expect(ev('<<-EOT\n    a\n      b\n    EOT')).toBe('a\n  b\n');
    expect(ev('<<-EOT\n    x=${v}\n    EOT', { v: 1 })).toBe('x=1\n');
    expect(ev('<<EOT\n"quoted" \\n no escapes\nEOT')).toBe('"quoted" \\n no escapes\n');
    expect(ev('<<-EOT\n  %{ for x in xs ~}\n  ${x}\n  %{ endfor ~}\n  EOT', { xs: [1, 2] })).toBe(
      '1\n2\n',
    );
  });

  test('tuples and objects', () => {
    expect(ev('[1, "a", [true]]')).toEqual([1, 'a', [true]]);
    expect(ev('[\n1,\n2,\n]')).toEqual([1, 2]);
    expect(ev('{}')).toEqual({});
    expect(ev('{ a = 1, "b" = 2, c: 3 }')).toEqual({ a: 1, b: 2, c: 3 });
    expect(ev('{\n  a = 1\n  b = 2\n}')).toEqual({ a: 1, b: 2 });
    expect(ev('{ (k) = 1 }', { k: 'dyn' })).toEqual({ dyn: 1 });
    expect(ev('{ "${k}-x" = 1 }', { k: 'dyn' })).toEqual({ 'dyn-x': 1 });
    expect(ev('{ k = 1 }', { k: 'dyn' })).toEqual({ k: 1 }); // bare key is literal
    expect(ev('{ for = 1 }.for')).toBe(1);
  });

  test('function calls, including ... expansion and newlines', () => {
    expect(ev('max(1, 5, 3)')).toBe(5);
    expect(ev('max(xs...)', { xs: [4, 9, 2] })).toBe(9);
    expect(ev('max(\n  1,\n  2,\n)')).toBe(2);
    expect(kinds('provider::aws::arn_parse("x")')).toBe('call');
  });

  test('attribute access, index, legacy index', () => {
    const vars = { o: { a: { b: [10, 20, { c: 'deep' }] } } };
    expect(ev('o.a.b[1]', vars)).toBe(20);
    expect(ev('o.a.b.1', vars)).toBe(20);
    expect(ev('o.a.b[2].c', vars)).toBe('deep');
    expect(ev('o.a.b.2.c', vars)).toBe('deep');
    expect(ev('o["a"]["b"][0]', vars)).toBe(10);
    expect(ev('[[1, 2], [3, 4]].1.0')).toBe(3);
  });

  test('splat operators', () => {
    const vars = {
      list: [
        { id: 'a', t: [1] },
        { id: 'b', t: [2] },
      ],
      one: { id: 'x' },
      n: null,
    };
    expect(ev('list.*.id', vars)).toEqual(['a', 'b']);
    expect(ev('list[*].id', vars)).toEqual(['a', 'b']);
    expect(ev('list[*].t[0]', vars)).toEqual([1, 2]);
    expect(ev('list.*.t[0]', vars)).toEqual([1]); // attribute-only splat: index applies after
    expect(ev('one.*.id', vars)).toEqual(['x']);
    expect(ev('one[*]', vars)).toEqual([{ id: 'x' }]);
    expect(ev('n[*]', vars)).toEqual([]);
  });

  test('for expressions', () => {
    expect(ev('[for v in ["a", "b"]: v]')).toEqual(['a', 'b']);
    expect(ev('[for i, v in ["a", "b"]: i]')).toEqual([0, 1]);
    expect(ev('{for i, v in ["a", "b"]: v => i}')).toEqual({ a: 0, b: 1 });
    expect(ev('{for i, v in ["a", "a", "b"]: v => i...}')).toEqual({ a: [0, 1], b: [2] });
    expect(ev('[for i, v in ["a", "b", "c"]: v if i < 2]')).toEqual(['a', 'b']);
    expect(ev('[for k, v in {b = 2, a = 1}: "${k}${v}"]')).toEqual(['a1', 'b2']);
    expect(ev('{\n  for k, v in m :\n  k => v\n  if v > 1\n}', { m: { a: 1, b: 2 } })).toEqual({
      b: 2,
    });
  });

  test('operators and precedence', () => {
    expect(ev('1 + 2 * 3')).toBe(7);
    expect(ev('(1 + 2) * 3')).toBe(9);
    expect(ev('10 / 4 * 2')).toBe(5);
    expect(ev('7 % 3 + 1')).toBe(2);
    expect(ev('1 + 1 == 2 && 3 > 2 || false')).toBe(true);
    expect(ev('!true || !false')).toBe(true);
    expect(ev('-(2 + 3)')).toBe(-5);
    expect(ev('- x', { x: 4 })).toBe(-4);
    expect(ev('1 < 2 == true')).toBe(true);
    expect(ev('true ? 1 : 2')).toBe(1);
    expect(ev('false ? 1 : true ? 2 : 3')).toBe(2);
    expect(ev('1 == 1 ? "a" : "b"')).toBe('a');
  });

  test('expression kinds', () => {
    expect(kinds('a.b')).toBe('getAttr');
    expect(kinds('a[0]')).toBe('index');
    expect(kinds('a[*].b')).toBe('splat');
    expect(kinds('(a)')).toBe('parens');
    expect(kinds('a ? b : c')).toBe('conditional');
    expect(kinds('!a')).toBe('unary');
    expect(kinds('a + b')).toBe('binary');
    expect(kinds('"${a}"')).toBe('template');
    expect(kinds('"plain"')).toBe('literal');
    expect(kinds('[for x in y: x]')).toBe('for');
  });

  test('for-expression structure', () => {
    expect(strip(expr('{ for k, v in m : k => v... if v }'))).toMatchObject({
      kind: 'for',
      keyVar: 'k',
      valueVar: 'v',
      grouped: true,
      keyExpr: { kind: 'variable', name: 'k' },
      condition: { kind: 'variable', name: 'v' },
    });
  });

  test('expressionText returns the source as written', () => {
    const r = parseHcl('a = merge(local.tags,  { x = 1 })\n', 'text.tf');
    expect(expressionText(r.body.attributes[0]?.expr as Expression)).toBe(
      'merge(local.tags,  { x = 1 })',
    );
  });

  test("expressionText keeps each parse's own source, also for JSON strings", () => {
    const first = parseHcl('a = upper(x)\n', 'same.tf');
    parseHcl('a = "something else entirely"\n', 'same.tf');
    expect(expressionText(first.body.attributes[0]?.expr as Expression)).toBe('upper(x)');
    const j = parseHclJson('{"locals": {"a": "pre-${lower(var.x)}"}}', 'x.tf.json');
    const e = j.body.blocks[0]?.body.attributes[0]?.expr;
    expect(e?.kind).toBe('template');
    if (e?.kind === 'template' && e.parts[1]?.kind === 'interp') {
      expect(expressionText(e.parts[1].expr)).toBe('lower(var.x)');
    }
  });

  test('comma-separated attributes on one line are an error', () => {
    const r = parseHcl('a = 1, b = 2\n', 'm.tf');
    expect(r.diagnostics[0]).toMatchObject({ code: 'CW-HCL-010', line: 1, column: 6 });
  });

  test('syntax errors in expressions', () => {
    for (const bad of [
      'a = [1 2]',
      'a = {x = 1 y = 2}',
      'a = f(1 2)',
      'a = 1 +',
      'a = x.',
      'a = "%{ endif }"',
      'a = "%{ if x }"',
      'a = [for x in y]',
    ]) {
      const r = parseHcl(bad + '\n', 'm.tf');
      expect(r.diagnostics.length, bad).toBeGreaterThan(0);
    }
  });
});

describe('missing closing braces', () => {
  test('blocks after an unclosed block are not swallowed', () => {
    const src = [
      'resource "a" "one" {',
      '  x = 1',
      '  nested {',
      '    y = 2',
      '  }',
      '',
      'resource "a" "two" {',
      '  z = 3',
      '}',
      'top = 1',
      '',
    ].join('\n');
    const r = parseHcl(src, 'main.tf');
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['CW-HCL-013', 1]]);
    expect(r.body.blocks.map((b) => b.labels[1])).toEqual(['one', 'two']);
    expect(r.body.blocks[0]?.body.blocks.map((b) => b.type)).toEqual(['nested']);
    expect(r.body.blocks[0]?.body.attributes.map((a) => a.name)).toEqual(['x']);
    expect(r.body.blocks[1]?.body.attributes.map((a) => a.name)).toEqual(['z']);
    expect(r.body.attributes.map((a) => a.name)).toEqual(['top']);
    expect(r.body.blocks[0]?.range.end.line).toBe(7);
  });

  test('an unclosed outer block keeps well-formed nested blocks', () => {
    const src = 'r {\n  a {\n    x = 1\n  b = 2\n  c {}\n}\n';
    const r = parseHcl(src, 'main.tf');
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['CW-HCL-013', 1]]);
    // `c {}` and the last `}` close `a`, so only `r` is unclosed; nothing is lost
    const outer = r.body.blocks[0];
    expect(outer?.type).toBe('r');
    const inner = outer?.body.blocks[0];
    expect(inner?.body.attributes.map((x) => x.name)).toEqual(['x', 'b']);
    expect(inner?.body.blocks.map((x) => x.type)).toEqual(['c']);
  });
});
