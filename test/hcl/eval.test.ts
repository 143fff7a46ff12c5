import { describe, expect, test } from 'vitest';
import { COMPUTED, Unknown, type Value } from '../../src/iac/types.js';
import {
  EvalError,
  evaluate,
  evaluateSafe,
  isEvalError,
  referencesOf,
} from '../../src/iac/hcl/index.js';
import { ctx, ev, evErr, expr } from './support/helpers.js';

const U = new Unknown('var.x has no value', { address: 'var.x', attribute: '' });

/** A resource object whose other attributes are computed. */
function resource(address: string, known: { [k: string]: Value }): Value {
  const o = { ...known };
  Object.defineProperty(o, COMPUTED, { value: { address }, enumerable: false });
  return o;
}

describe('unknown propagation', () => {
  test('operators keep the first unknown', () => {
    for (const src of [
      'u + 1',
      '1 + u',
      'u * u',
      '-u',
      '!u',
      'u < 3',
      'u == 1',
      'u != "a"',
      '"a-${u}"',
      'u.attr',
      'u[0]',
      'l[u]',
      'upper(u)',
      '[for x in u: x]',
      '{for k, v in u: k => v}',
    ]) {
      const v = ev(src, { u: U, l: [1] });
      expect(v, src).toBe(U);
    }
  });

  test('logical operators do not short-circuit over unknowns', () => {
    expect(ev('true || u', { u: U })).toBe(U);
    expect(ev('false && u', { u: U })).toBe(U);
    expect(ev('u || true', { u: U })).toBe(U);
  });

  test('conditionals', () => {
    const either = ev('u ? "a" : "b"', { u: U }) as Unknown;
    expect(either).toBeInstanceOf(Unknown);
    expect([either.reason, either.ref, either.candidates]).toEqual([U.reason, U.ref, ['a', 'b']]);
    // any operation on such a value drops the candidates
    const upper = ev('upper(u ? "a" : "b")', { u: U }) as Unknown;
    expect([upper.reason, upper.candidates]).toEqual([U.reason, undefined]);
    expect(ev('u ? x : "b"', { u: U, x: U })).toBe(U);
    expect(ev('u ? "same" : "same"', { u: U })).toBe('same');
    expect(ev('u ? [1] : [1]', { u: U })).toEqual([1]);
    expect(ev('true ? u : "b"', { u: U })).toBe(U);
    expect(ev('false ? u : "b"', { u: U })).toBe('b');
  });

  test('collections keep unknown elements; known parts stay known', () => {
    expect(ev('[1, u]', { u: U })).toEqual([1, U]);
    expect(ev('{ a = u, b = 2 }.b', { u: U })).toBe(2);
    expect(ev('{ (u) = 1 }', { u: U })).toBe(U);
    expect(ev('length([u, 2])', { u: U })).toBe(2);
    expect(ev('merge({ a = u }, { b = 1 })', { u: U })).toEqual({ a: U, b: 1 });
    expect(ev('concat([u], [1])', { u: U })).toEqual([U, 1]);
    expect(ev('join(",", [u, "a"])', { u: U })).toBe(U);
  });

  test('splat over an unknown is unknown; over unknown elements keeps them', () => {
    expect(ev('u[*].id', { u: U })).toBe(U);
    expect(ev('l[*].id', { l: [U, { id: 'b' }] })).toEqual([U, 'b']);
  });

  test('computed attributes of resources carry a ref', () => {
    const vars = { aws_s3_bucket: { logs: resource('aws_s3_bucket.logs', { bucket: 'my-logs' }) } };
    expect(ev('aws_s3_bucket.logs.bucket', vars)).toBe('my-logs');
    const id = ev('aws_s3_bucket.logs.id', vars);
    expect(id).toBeInstanceOf(Unknown);
    expect((id as Unknown).reason).toBe('aws_s3_bucket.logs.id is known only after apply');
    expect((id as Unknown).ref).toEqual({ address: 'aws_s3_bucket.logs', attribute: 'id' });
    // the ref survives templates and functions
    const arn = ev('"${aws_s3_bucket.logs.arn}/*"', vars) as Unknown;
    expect(arn.ref).toEqual({ address: 'aws_s3_bucket.logs', attribute: 'arn' });
    expect((ev('lower(aws_s3_bucket.logs.id)', vars) as Unknown).ref?.attribute).toBe('id');
  });

  test('functions that need a value after apply are unknown', () => {
    for (const f of ['uuid()', 'timestamp()', 'bcrypt("x")']) {
      expect(ev(f)).toBeInstanceOf(Unknown);
    }
  });
});

describe('errors', () => {
  test('errors are EvalError with a range, and evaluateSafe reports them', () => {
    const e = expr('{ a = 1 }.b');
    expect(() => evaluate(e, ctx())).toThrow(EvalError);
    const r = evaluateSafe(e, ctx());
    expect('error' in r && isEvalError(r.error)).toBe(true);
    if ('error' in r) {
      expect(r.error.range.start.line).toBe(1);
      expect(r.error.code).toBe('CW-HCL-100');
      expect(r.error.message).toMatch(/does not have an attribute named "b"/);
    }
  });

  test('typical errors', () => {
    expect(evErr('nope')).toMatch(/no variable named "nope"/);
    expect(evErr('1 + "a"')).toMatch(/cannot convert "a" to a number/);
    expect(evErr('[1][5]')).toMatch(/Invalid index/);
    expect(evErr('null.a')).toMatch(/null/);
    expect(evErr('nosuchfn(1)')).toMatch(/unknown function "nosuchfn"/);
    expect(evErr('"x${[1]}"')).toMatch(/cannot include a tuple/);
    expect(evErr('"a${null}"')).toMatch(/null/);
    expect(ev('"${null}"')).toBe(null); // a lone interpolation is unwrapped
    expect(evErr('{for v in ["a", "a"]: v => 1}')).toMatch(/Duplicate object key "a"/);
    expect(evErr('1 / 0')).toMatch(/Division by zero/);
    expect(evErr('upper()')).toMatch(/expected 1 argument/);
    expect(evErr('"x" ? 1 : 2')).toMatch(/bool required|Invalid condition/);
  });

  test('only the selected branch of a conditional is evaluated', () => {
    expect(ev('length(l) > 0 ? l[0] : "none"', { l: [] })).toBe('none');
  });

  test('a known left side of && or || decides when the right side fails', () => {
    expect(ev('x != null && x.a == 1', { x: null })).toBe(false);
    expect(ev('x == null || x.a == 1', { x: null })).toBe(true);
    expect(evErr('x == null && x.a == 1', { x: null })).toMatch(/null/);
  });
});

describe('try and can', () => {
  test('try falls back on errors only', () => {
    expect(ev('try(o.missing, "fallback")', { o: {} })).toBe('fallback');
    expect(ev('try(o.a, "fallback")', { o: { a: 1 } })).toBe(1);
    expect(ev('try(u, "fallback")', { u: U })).toBe(U);
    expect(ev('try(o.missing, u)', { o: {}, u: U })).toBe(U);
    expect(evErr('try(o.x, o.y)', { o: {} })).toMatch(/No expression in try/);
  });

  test('can', () => {
    expect(ev('can(o.missing)', { o: {} })).toBe(false);
    expect(ev('can(o.a)', { o: { a: 1 } })).toBe(true);
    expect(ev('can(regex("^a", "abc"))')).toBe(true);
    expect(ev('can(regex("^z", "abc"))')).toBe(false);
    expect(ev('can(u)', { u: U })).toBe(U);
  });
});

describe('conversions as Terraform does them', () => {
  test('number and bool to string and back', () => {
    expect(ev('"${1.5}-${true}-${10}"')).toBe('1.5-true-10');
    expect(ev('"5" + 1')).toBe(6);
    expect(ev('"true" && true')).toBe(true);
    expect(ev('"1" == 1')).toBe(false);
    expect(ev('tostring(2)')).toBe('2');
    expect(ev('tonumber("2.5")')).toBe(2.5);
    expect(ev('tobool("false")')).toBe(false);
    expect(ev('{ "1" = "a" }[1]')).toBe('a');
    expect(ev('["a", "b"]["1"]')).toBe('b');
  });

  test('equality is deep and type-sensitive', () => {
    expect(ev('[1, { a = "x" }] == [1, { a = "x" }]')).toBe(true);
    expect(ev('{ a = 1 } == { a = 1, b = 2 }')).toBe(false);
    expect(ev('null == null')).toBe(true);
    expect(ev('x == null', { x: 'a' })).toBe(false);
  });
});

describe('context', () => {
  test('lookup is asked for root names; for variables shadow them', () => {
    const asked: string[] = [];
    const c = {
      lookup: (name: string) => {
        asked.push(name);
        return name === 'var' ? { list: [1, 2] } : undefined;
      },
    };
    expect(evaluate(expr('[for v in var.list: v * 2]'), c)).toEqual([2, 4]);
    expect(asked).toEqual(['var']);
  });

  test('extra functions override built-ins', () => {
    const c = { lookup: () => undefined, functions: { upper: Object.assign(() => 'custom', {}) } };
    expect(evaluate(expr('upper("a")'), c)).toBe('custom');
  });

  test('provider functions are unknown, not errors', () => {
    expect(ev('provider::aws::arn_parse("arn:aws:s3:::b")')).toBeInstanceOf(Unknown);
  });
});

describe('referencesOf', () => {
  test('finds root traversals with attribute and constant index steps', () => {
    const refs = referencesOf(
      expr(
        '"${aws_s3_bucket.logs.id}-${var.names[0]}-${local.m["k"].x}-${module.m[each.key].out}"',
      ),
    );
    expect(refs.map((r) => [r.root, r.steps])).toEqual([
      [
        'aws_s3_bucket',
        [
          { type: 'attr', name: 'logs' },
          { type: 'attr', name: 'id' },
        ],
      ],
      [
        'var',
        [
          { type: 'attr', name: 'names' },
          { type: 'index', key: 0 },
        ],
      ],
      [
        'local',
        [
          { type: 'attr', name: 'm' },
          { type: 'index', key: 'k' },
          { type: 'attr', name: 'x' },
        ],
      ],
      ['module', [{ type: 'attr', name: 'm' }]],
      ['each', [{ type: 'attr', name: 'key' }]],
    ]);
  });

  test('for-expression variables are not references; splats stop the traversal', () => {
    const refs = referencesOf(expr('[for s in var.subnets : s.id if s.public]'));
    expect(refs.map((r) => r.root)).toEqual(['var']);
    const refs2 = referencesOf(
      expr('concat([for s in var.subnets : s.id], aws_instance.web[*].id)'),
    );
    expect(refs2.map((r) => [r.root, r.steps.length])).toEqual([
      ['var', 1],
      ['aws_instance', 1],
    ]);
  });

  test('ranges point at the reference', () => {
    const [r] = referencesOf(expr('upper(var.name)'));
    expect(r?.range.start.column).toBe(11);
    expect(r?.range.end.column).toBe(19);
  });
});
