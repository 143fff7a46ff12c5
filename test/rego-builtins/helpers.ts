import { expect } from 'vitest';
import { BUILTINS, BuiltinError, type BuiltinContext } from '../../src/rego/builtins/index.js';
import { fromJS, RegoObject, RegoSet, toJS, type RegoValue } from '../../src/rego/value.js';

export function context(nowNs = 1_700_000_000_000_000_000n): BuiltinContext {
  return { now: () => nowNs, print: () => {}, strict: true, cache: new Map() };
}

/** Calls a builtin by name with Rego values; returns the raw result. */
export function call(name: string, ...args: RegoValue[]): RegoValue | undefined {
  return callIn(context(), name, ...args);
}

export function callIn(
  ctx: BuiltinContext,
  name: string,
  ...args: RegoValue[]
): RegoValue | undefined {
  const decl = BUILTINS.get(name);
  if (!decl?.impl) throw new Error(`no builtin ${name}`);
  return decl.impl(args, ctx);
}

/** Calls with JS arguments (objects become RegoObject) and returns plain JS. */
export function js(name: string, ...args: unknown[]): unknown {
  const r = call(name, ...args.map(fromJS));
  return r === undefined ? undefined : toJS(r);
}

/** Asserts the builtin throws BuiltinError with this code and exact message. */
export function expectError(
  code: 'eval_builtin_error' | 'eval_type_error',
  message: string | RegExp,
  name: string,
  ...args: RegoValue[]
): void {
  let caught: unknown;
  try {
    call(name, ...args);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(BuiltinError);
  const err = caught as BuiltinError;
  expect(err.code).toBe(code);
  if (typeof message === 'string') expect(err.message).toBe(message);
  else expect(err.message).toMatch(message);
}

export const set = (...xs: RegoValue[]): RegoSet => RegoSet.from(xs);
export const obj = (x: Record<string, unknown>): RegoObject => fromJS(x) as RegoObject;
