import { describe, expect, test } from 'vitest';
import { compile, toJS, type EvalOptions } from '../../src/rego/index.js';
import {
  canonicalKey,
  equal,
  fromJS,
  RegoObject,
  RegoSet,
  type RegoValue,
} from '../../src/rego/value.js';

/** Evaluates data.test.<rule> against one module and returns it as plain JS. */
function run(src: string, rule: string, opts: EvalOptions = {}): unknown {
  const p = compile([{ file: 'test.rego', text: src }]);
  const rs = p.eval(`x = data.test.${rule}`, opts);
  return rs.length === 0 ? undefined : toJS(rs[0]!.bindings.x!);
}

/** 40 resources of three types, some without a type, one with a composite type. */
function resources(): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < 40; i++) {
    const type = i % 7 === 0 ? undefined : ['a', 'b', 'c'][i % 3];
    out.push(type === undefined ? { id: i } : { id: i, type, n: i % 2, tags: { t: type } });
  }
  out.push({ id: 99, type: ['a'] });
  return out;
}

// The same filters written twice: with the constant inline (the indexed form) and through a
// variable (which the index does not recognise), so both must give the same answer.
const policy = `package test
indexed_assign contains [i, r.id] if {
  r := input.rs[i]
  r.type == "a"
}
plain_assign contains [i, r.id] if {
  t := "a"
  r := input.rs[i]
  r.type == t
}
indexed_somein := [r.id | some r in input.rs; r.tags.t = "b"]
plain_somein := [r.id | t := "b"; some r in input.rs; r.tags.t = t]
indexed_keyed := [[k, r.id] | some k, r in input.rs; "c" == r.type]
plain_keyed := [[k, r.id] | t := "c"; some k, r in input.rs; t == r.type]
indexed_number := [r.id | some r in input.rs; r.n == 1.0]
plain_number := [r.id | one := 1; some r in input.rs; r.n == one]
indexed_object := [k | some k, v in input.obj; v.type == "b"]
plain_object := [k | t := "b"; some k, v in input.obj; v.type == t]
indexed_missing := [r.id | some r in input.rs; r.type == "zzz"]
any_b if {
  some r in input.rs
  r.type == "b"
  r.id > 10
}
has(prefix) if {
  r := input.rs[_]
  r.type == "a"
  startswith(sprintf("%d", [r.id]), prefix)
}
found := [p | some p in ["1", "3", "5"]; has(p)]
`;

describe('indexed iteration', () => {
  const rs = resources();
  const obj: Record<string, unknown> = {};
  rs.forEach((r, i) => (obj[`k${String(i).padStart(2, '0')}`] = r));
  const input = { rs, obj };

  test('gives the same solutions, in the same order, as a plain scan', () => {
    const ids = (type: string) =>
      rs.flatMap((r, i) => ((r as { type?: unknown }).type === type ? [i] : []));
    const a = ids('a').map((i) => [i, i]);
    expect(a.length).toBe(12);
    expect(run(policy, 'indexed_assign', { input })).toEqual(a);
    expect(run(policy, 'plain_assign', { input })).toEqual(a);
    const b = ids('b');
    expect(b.slice(0, 4)).toEqual([1, 4, 10, 13]);
    expect(run(policy, 'indexed_somein', { input })).toEqual(b);
    expect(run(policy, 'plain_somein', { input })).toEqual(b);
    for (const [fast, plain] of [
      ['indexed_keyed', 'plain_keyed'],
      ['indexed_number', 'plain_number'],
      ['indexed_object', 'plain_object'],
    ] as const) {
      const want = run(policy, plain, { input });
      expect((want as unknown[]).length).toBeGreaterThan(3);
      expect(run(policy, fast, { input })).toEqual(want);
    }
    expect(run(policy, 'indexed_object', { input })).toEqual(
      b.map((i) => `k${String(i).padStart(2, '0')}`),
    );
    expect(run(policy, 'indexed_missing', { input })).toEqual([]);
  });

  test('stops early and binds the key, inside functions too', () => {
    expect(run(policy, 'any_b', { input })).toBe(true);
    // ids of type a: 3, 6, 9, 12, 15, 18, 24, 27, 30, 33, 36, 39 (none start with 5)
    expect(run(policy, 'found', { input })).toEqual(['1', '3']);
  });

  test('sees input replaced with `with` and small collections', () => {
    const src = `package test
n := count([r | some r in input.rs; r.type == "a"])
m := y if y := n with input.rs as [{"type": "a"}, {"type": "b"}]
`;
    expect(run(src, 'n', { input })).toBe(12);
    expect(run(src, 'm', { input })).toBe(1);
    // ids 0 to 4: no type, b, c, a, b
    expect(run(src, 'n', { input: { rs: rs.slice(0, 5) } })).toBe(1);
  });

  test('a mocked equality is still honoured', () => {
    const src = `package test
yes(_, _) := true
n := count([r | some r in input.rs; r.type == "a"])
m := y if y := n with equal as yes
`;
    expect(run(src, 'n', { input })).toBe(12);
    // every resource that has a type (every 7th has none)
    expect(run(src, 'm', { input })).toBe(rs.length - 6);
  });
});

describe('prefix narrowing after an indexed scan', () => {
  const names = ['b-1', 'b-10', 'b-2', 'a-1', 'b', 'b-1x', '', 'é-1', '\u{1F600}-1', 'B-1'];
  const rs: unknown[] = [];
  for (let i = 0; i < 60; i++) {
    const name = names[i % names.length]!;
    rs.push(i % 11 === 0 ? { k: 'x', id: i } : { k: i % 4 === 0 ? 'y' : 'x', id: i, name });
  }
  // `true` between the filters turns the narrowing off, so both forms must agree
  const src = `package test
narrow(p) := [[i, r.id] | r := input.rs[i]; r.k == "x"; startswith(r.name, p)]
plain(p) := [[i, r.id] | r := input.rs[i]; r.k == "x"; true; startswith(r.name, p)]
narrow_in(p) := [r.id | some r in input.rs; r.k == "x"; startswith(r.name, p)]
plain_in(p) := [r.id | some r in input.rs; r.k == "x"; true; startswith(r.name, p)]
`;
  const p = compile([{ file: 'test.rego', text: src }]);
  const q = (expr: string, input: unknown, strict = false) =>
    toJS(p.eval(`x = ${expr}`, { input, strictBuiltinErrors: strict })[0]!.bindings.x!);

  test('keeps exactly the members startswith accepts, in order', () => {
    for (const prefix of ['b-1', 'b', '', 'é', '\u{1F600}', 'B', 'zzz', 'b-10']) {
      const arg = JSON.stringify(prefix);
      const want = rs.flatMap((r, i) => {
        const x = r as { k: string; id: number; name?: string };
        return x.k === 'x' && x.name?.startsWith(prefix) ? [[i, x.id]] : [];
      });
      expect(q(`data.test.narrow(${arg})`, { rs })).toEqual(want);
      expect(q(`data.test.plain(${arg})`, { rs })).toEqual(want);
      expect(q(`data.test.narrow_in(${arg})`, { rs })).toEqual(want.map(([, id]) => id));
      expect(q(`data.test.plain_in(${arg})`, { rs })).toEqual(want.map(([, id]) => id));
    }
  });

  test('a value that is not a string still fails startswith as before', () => {
    const bad = [...rs, { k: 'x', id: 100, name: 7 }];
    expect(q('data.test.narrow("b")', { rs: bad })).toEqual(q('data.test.plain("b")', { rs: bad }));
    expect(() => q('data.test.narrow("b")', { rs: bad }, true)).toThrow(/startswith/);
    expect(() => q('data.test.plain("b")', { rs: bad }, true)).toThrow(/startswith/);
  });
});

describe('value keys', () => {
  test('strings are their own key and never collide with other values', () => {
    const o = new RegoObject();
    const keys: RegoValue[] = ['a', '\u0000sa', '\u0000a', 1, '1', 'd1', null, 'n', true, 't'];
    keys.forEach((k, i) => o.set(k, i));
    expect(o.size).toBe(keys.length);
    keys.forEach((k, i) => expect(o.get(k)).toBe(i));
    expect(canonicalKey('abc')).toBe('abc');
  });

  test('composite keys are unambiguous', () => {
    const s = RegoSet.from([RegoSet.from(['a,sb']), RegoSet.from(['a', 'b']), ['a,b'], ['a', 'b']]);
    expect(s.size).toBe(4);
    const o1 = fromJS({ 'a:b': 1 });
    const o2 = fromJS({ a: 'b:1' });
    expect(equal(o1, o2)).toBe(false);
    expect(canonicalKey(o1)).not.toBe(canonicalKey(o2));
  });

  test('structural equality matches key equality', () => {
    const a = fromJS({ x: [1, { y: 'z' }], s: 2 });
    const b = fromJS({ s: 2.0, x: [1, { y: 'z' }] });
    const c = fromJS({ s: 2, x: [1, { y: 'w' }] });
    expect(equal(a, b)).toBe(true);
    expect(equal(a, c)).toBe(false);
    expect(canonicalKey(a)).toBe(canonicalKey(b));
    expect(equal(RegoSet.from([1, 'a']), RegoSet.from(['a', 1]))).toBe(true);
    expect(equal(RegoSet.from([1, 'a']), RegoSet.from(['a', 2]))).toBe(false);
    expect(equal([1, 2], RegoSet.from([1, 2]))).toBe(false);
    expect(equal(new RegoObject(), RegoSet.from([]))).toBe(false);
  });
});
