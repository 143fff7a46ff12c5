import { describe, expect, test } from 'vitest';
import { compile, RegoError, RegoErrors, toJS, type EvalOptions } from '../../src/rego/index.js';

/** Evaluates `query` against one module and returns the values bound to x. */
function xs(
  src: string,
  query = 'x = data.test.p',
  opts: EvalOptions & { v0?: boolean } = {},
): unknown[] {
  const p = compile([{ file: 'test.rego', text: src }], { v0Compatible: opts.v0 ?? false });
  return p.eval(query, opts).map((r) => toJS(r.bindings.x!));
}

function compileErrors(src: string, v0 = false): RegoError[] {
  try {
    compile([{ file: 'test.rego', text: src }], { v0Compatible: v0 });
  } catch (e) {
    if (e instanceof RegoErrors) return e.errors;
    throw e;
  }
  return [];
}

function evalError(src: string, query = 'x = data.test.p', opts: EvalOptions = {}): RegoError {
  try {
    xs(src, query, opts);
  } catch (e) {
    if (e instanceof RegoError) return e;
    if (e instanceof RegoErrors) return e.errors[0]!;
    throw e;
  }
  throw new Error('expected an error');
}

describe('rules', () => {
  test('complete rules, defaults and else', () => {
    const src = `package test
default p := "none"
p := "big" if input.n > 10
else := "small" if input.n > 0`;
    expect(xs(src, 'x = data.test.p', { input: { n: 20 } })).toEqual(['big']);
    expect(xs(src, 'x = data.test.p', { input: { n: 3 } })).toEqual(['small']);
    expect(xs(src, 'x = data.test.p', { input: { n: -1 } })).toEqual(['none']);
  });

  test('v1 partial sets, partial objects and ref heads', () => {
    const src = `package test
s contains x if some x in [3, 1, 2]
o[k] := v if some k, v in {"a": 1, "b": 2}
deny[msg] if { msg := "no" }
a.b[c].d := c if some c in ["x", "y"]`;
    expect(xs(src, 'x = data.test.s')).toEqual([[1, 2, 3]]);
    expect(xs(src, 'x = data.test.o')).toEqual([{ a: 1, b: 2 }]);
    // in v1, deny[msg] if ... is an object keyed by msg with value true
    expect(xs(src, 'x = data.test.deny')).toEqual([{ no: true }]);
    expect(xs(src, 'x = data.test.a')).toEqual([{ b: { x: { d: 'x' }, y: { d: 'y' } } }]);
  });

  test('v0 syntax: deny[msg] { } is a set', () => {
    const src = `package test
deny[msg] { msg := "no" }
p = 1 { true }`;
    expect(xs(src, 'x = data.test.deny', { v0: true })).toEqual([['no']]);
    expect(xs(src, 'x = data.test.p', { v0: true })).toEqual([1]);
  });

  test('import rego.v1 in a v0-compatible module switches to v1', () => {
    const src = `package test
import rego.v1
deny contains msg if msg := "no"`;
    expect(xs(src, 'x = data.test.deny', { v0: true })).toEqual([['no']]);
  });

  test('data at any prefix, overlaying base data', () => {
    const src = `package test
p := 1
q := data.base.v`;
    expect(xs(src, 'x = data.test', { data: { base: { v: 7 }, test: { r: 3 } } })).toEqual([
      { p: 1, q: 7, r: 3 },
    ]);
  });

  test('functions, multiple definitions and conflicts', () => {
    const src = `package test
f(x) := "neg" if x < 0
f(x) := "pos" if x > 0
g(x) := y if y := x * 2
p := [f(-1), f(1), g(4)]`;
    expect(xs(src)).toEqual([['neg', 'pos', 8]]);
    expect(xs(src, 'x = data.test.f(0)')).toEqual([]);
    const conflict = evalError(`package test
f(_) := 1
f(_) := 2
p := f(0)`);
    expect(conflict.code).toBe('eval_conflict_error');
  });

  test('complete rule conflict is an eval_conflict_error', () => {
    const e = evalError(`package test
p := 1
p := 2`);
    expect(e.code).toBe('eval_conflict_error');
  });
});

describe('expressions', () => {
  test('negation over undefined vs false', () => {
    const src = `package test
p if not input.missing
q if not false
r if not true`;
    expect(xs(src, 'x = data.test.p', { input: {} })).toEqual([true]);
    expect(xs(src, 'x = data.test.q')).toEqual([true]);
    expect(xs(src, 'x = data.test.r')).toEqual([]);
  });

  test('every, including over a non-collection (undefined)', () => {
    const src = `package test
p if every x in [1, 2] { x > 0 }
q if every x in [1, -2] { x > 0 }
r if every x in 5 { x > 0 }
s if every x in [] { x > 100 }`;
    expect(xs(src, 'x = data.test.p')).toEqual([true]);
    expect(xs(src, 'x = data.test.q')).toEqual([]);
    expect(xs(src, 'x = data.test.r')).toEqual([]);
    expect(xs(src, 'x = data.test.s')).toEqual([true]);
  });

  test('comprehensions, unification and membership', () => {
    const src = `package test
p := {"arr": [y | some y in [1, 2, 3]; y > 1], "set": {y | some y in [1, 1, 2]}, "obj": {k: v | some k, v in ["a", "b"]}}
q if { [a, 2] = [1, b]; a == 1; b == 2 }
r := ["a" in ["a"], 2 in {"k": 2}, 0, "a" in ["a"]]`;
    expect(xs(src)).toEqual([{ arr: [2, 3], set: [1, 2], obj: { '0': 'a', '1': 'b' } }]);
    expect(xs(src, 'x = data.test.q')).toEqual([true]);
    expect(xs(src, 'x = data.test.r')).toEqual([[true, true, 0, true]]);
  });

  test('body reordering binds variables before use', () => {
    const src = `package test
p := y if {
  y == 2
  y = x + 1
  x = 1
}`;
    expect(xs(src)).toEqual([2]);
  });

  test('raw strings, sets and empty set', () => {
    const src = 'package test\np := [`a\\b`, {1, 2}, set(), count(set())]';
    expect(xs(src)).toEqual([['a\\b', [1, 2], [], 0]]);
  });

  test('query with several results and bindings', () => {
    const p = compile([]);
    const rs = p.eval('some x in [1, 2]; y := x * 10');
    expect(rs.map((r) => [r.bindings.x, r.bindings.y])).toEqual([
      [1, 10],
      [2, 20],
    ]);
    expect(rs[0]!.expressions.map((e) => e.text)).toEqual(['some x in [1, 2]', 'y := x * 10']);
  });
});

describe('with', () => {
  test('replaces input, data and functions without leaking cached results', () => {
    const src = `package test
p := input.n
q := [p, p2, p]
p2 := y if y := p with input.n as 9
f(x) := x + 1
r := y if y := f(1) with f as g
g(x) := x * 100
c := y if y := count([1, 2]) with count as 42
d := y if y := data.cfg.v with data.cfg.v as "mock"`;
    expect(xs(src, 'x = data.test.q', { input: { n: 1 } })).toEqual([[1, 9, 1]]);
    expect(xs(src, 'x = data.test.r')).toEqual([100]);
    expect(xs(src, 'x = data.test.c')).toEqual([42]);
    expect(xs(src, 'x = data.test.d', { data: { cfg: { v: 'real' } } })).toEqual(['mock']);
  });
});

describe('errors', () => {
  test('parse errors carry a location', () => {
    const [e] = compileErrors('package test\np if {\n  x := \n}');
    expect(e!.code).toBe('rego_parse_error');
    expect(e!.location?.row).toBeGreaterThanOrEqual(3);
    expect(e!.toString()).toMatch(/^test\.rego:\d+:\d+: rego_parse_error: /);
  });

  test('v1 requires if and contains', () => {
    expect(compileErrors('package test\np { true }')[0]!.code).toBe('rego_parse_error');
    expect(compileErrors('package test\np { true }', true)).toEqual([]);
  });

  test('unsafe variables', () => {
    const errs = compileErrors('package test\np if { x > 1 }');
    expect(errs.map((e) => [e.code, e.message])).toEqual([
      ['rego_unsafe_var_error', 'var x is unsafe'],
    ]);
  });

  test('recursion', () => {
    const errs = compileErrors('package test\np if q\nq if p');
    expect(errs[0]!.code).toBe('rego_recursion_error');
  });

  test('builtin arity and obvious type errors are compile-time type errors', () => {
    expect(compileErrors('package test\np := count(1, 2, 3)')[0]!.code).toBe('rego_type_error');
    expect(compileErrors('package test\np := upper(1)')[0]!.code).toBe('rego_type_error');
    expect(compileErrors('package test\np := nope(1)')[0]!.message).toBe('undefined function nope');
  });

  test('redeclaring a variable with := is a compile error', () => {
    const errs = compileErrors('package test\np if { x := 1; x := 2 }');
    expect(errs[0]!.code).toBe('rego_compile_error');
    expect(errs[0]!.message).toBe('var x assigned above');
  });

  test('builtin errors: undefined unless strict', () => {
    const src = 'package test\np := to_number("abc")';
    expect(xs(src)).toEqual([]);
    expect(evalError(src, 'x = data.test.p', { strictBuiltinErrors: true }).code).toBe(
      'eval_builtin_error',
    );
  });

  test('I/O builtins are unavailable', () => {
    const e = evalError(
      'package test\np := http.send({"method": "get", "url": "http://x"})',
      'x = data.test.p',
      {
        strictBuiltinErrors: true,
      },
    );
    expect(e.code).toBe('eval_builtin_error');
    expect(e.message).toContain('not available in crosswalk');
  });
});

describe('limits, print and metadata', () => {
  const slow = `package test
p := count([x | some a in numbers.range(1, 300); some b in numbers.range(1, 300); x := a * b])`;

  test('step limit', () => {
    const e = evalError(slow, 'x = data.test.p', { maxSteps: 1000 });
    expect(e.code).toBe('eval_cancel_error');
    expect(e.message).toContain('step limit');
  });

  test('time limit', () => {
    const e = evalError(slow, 'x = data.test.p', { timeoutMs: 0 });
    expect(e.code).toBe('eval_cancel_error');
  });

  test('print goes to the sink, undefined prints <undefined>', () => {
    const out: string[] = [];
    xs('package test\np if { print("hi", 1, [2], input.nope) }', 'x = data.test.p', {
      print: (m) => out.push(m),
      input: {},
    });
    expect(out).toEqual(['hi 1 [2] <undefined>']);
  });

  test('rego.metadata.rule() returns the rule annotations', () => {
    const src = `package test

# METADATA
# title: Deny public buckets
# custom:
#   severity: high
deny contains msg if {
  meta := rego.metadata.rule()
  msg := sprintf("%s (%s)", [meta.title, meta.custom.severity])
}`;
    expect(xs(src, 'x = data.test.deny')).toEqual([['Deny public buckets (high)']]);
  });
});

describe('more language features', () => {
  test('walk is a relation', () => {
    const src = 'package test\np := [path | walk({"a": [1]}, [path, _])]';
    expect(xs(src)).toEqual([[[], ['a'], ['a', 0]]]);
  });

  test('rego.metadata.chain() lists the rule and its package annotations', () => {
    const src = `# METADATA
# title: My package
package test

# METADATA
# title: My rule
p := rego.metadata.chain()`;
    expect(xs(src)).toEqual([
      [
        { path: ['data', 'test', 'p'], annotations: { title: 'My rule', scope: 'rule' } },
        { path: ['data', 'test'], annotations: { title: 'My package', scope: 'package' } },
      ],
    ]);
  });

  test('v0: several bodies for one head, partial objects, default', () => {
    const src = `package test
default allow = false
allow { input.a } { input.b }
o[k] = v { some k; v := input.m[k] }`;
    expect(xs(src, 'x = data.test.allow', { v0: true, input: { b: true } })).toEqual([true]);
    expect(xs(src, 'x = data.test.allow', { v0: true, input: {} })).toEqual([false]);
    expect(xs(src, 'x = data.test.o', { v0: true, input: { m: { a: 1 } } })).toEqual([{ a: 1 }]);
  });

  test('imports with aliases and calls across packages', () => {
    const lib = { file: 'lib.rego', text: 'package lib\ndouble(x) := x * 2\nlimit := 3' };
    const main = {
      file: 'main.rego',
      text: 'package main\nimport data.lib as l\nimport input.req\np := [l.double(req.n), l.limit]',
    };
    const rs = compile([lib, main]).eval('x = data.main.p', { input: { req: { n: 5 } } });
    expect(rs.map((r) => toJS(r.bindings.x!))).toEqual([[10, 3]]);
  });

  test('object key conflicts in partial objects', () => {
    const e = evalError(
      'package test\np[k] := v if { some pair in [["a", 1], ["a", 2]]; k := pair[0]; v := pair[1] }',
    );
    expect([e.code, e.message]).toEqual(['eval_conflict_error', 'object keys must be unique']);
  });

  test('unknown input paths are undefined, never an error', () => {
    expect(xs('package test\np := input.a.b.c', 'x = data.test.p', { input: { a: 1 } })).toEqual(
      [],
    );
    expect(xs('package test\np if not input.a.b', 'x = data.test.p', { input: { a: 1 } })).toEqual([
      true,
    ]);
  });
});

describe('compiled policy introspection', () => {
  test('packages() and annotations()', () => {
    const src = `# METADATA
# scope: package
# title: Storage
package storage

# METADATA
# title: Buckets must be encrypted
# custom:
#   controls: [SC-28]
deny contains "x" if input.bad`;
    const p = compile([{ file: 'p.rego', text: src }]);
    expect(p.packages()).toEqual(['data.storage']);
    expect(
      p.annotations().map((a) => [a.path, a.scope, a.annotations.title, a.location.row]),
    ).toEqual([
      ['data.storage', 'package', 'Storage', 1],
      ['data.storage.deny', 'rule', 'Buckets must be encrypted', 6],
    ]);
    expect(p.annotations()[1]!.annotations.custom).toEqual({ controls: ['SC-28'] });
  });
});

test('builtins declared unavailable fail loudly even without strict errors', () => {
  const e = evalError('package test\np := graphql.parse_schema("type Query { a: Int }")');
  expect(e.code).toBe('eval_builtin_error');
  expect(e.message).toBe('graphql.parse_schema: not available in crosswalk');
});

test('variables declared inside a comprehension shadow outer ones', () => {
  const src = `package test
p := [x, y, z] if {
  x := 1
  y := [x | x := 5]
  z := [x | some x in [7, 8]]
}`;
  expect(xs(src)).toEqual([[1, [5], [7, 8]]]);
});

test('function else chains and default functions', () => {
  const src = `package test
f(x) := "big" if x > 10
else := "small" if x > 0
default g(_) := "fallback"
g(x) := "one" if x == 1
p := [f(20), f(5), g(1), g(2)]
q := r if { r := f(-1) } else := "undefined"`;
  expect(xs(src)).toEqual([['big', 'small', 'one', 'fallback']]);
  expect(xs(src, 'x = data.test.q')).toEqual(['undefined']);
});

test('calling a rule that is not a function is a compile-time type error', () => {
  const errs = compileErrors('package test\nq := 1\np := q(1)');
  expect(errs.map((e) => [e.code, e.message])).toEqual([
    ['rego_type_error', 'undefined function q'],
  ]);
});

test('calling a rule of another package that is not a function is a type error', () => {
  const errs = compileErrors('package test\nq := 1\np := data.test.q(1)');
  expect(errs.map((e) => [e.code, e.message])).toEqual([
    ['rego_type_error', 'undefined function data.test.q'],
  ]);
});
