import type { Value } from '../../../src/iac/types.js';
import {
  evaluate,
  evaluateSafe,
  parseHcl,
  type EvalContext,
  type Expression,
} from '../../../src/iac/hcl/index.js';

/** Parses `a = <src>` and returns the expression; fails the test on diagnostics. */
export function expr(src: string): Expression {
  const r = parseHcl(`a = ${src}\n`, 'expr.tf');
  if (r.diagnostics.length > 0) {
    throw new Error(`parse errors in ${src}: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  }
  const a = r.body.attributes[0];
  if (!a) throw new Error('no attribute');
  return a.expr;
}

export function ctx(vars: { [k: string]: Value } = {}): EvalContext {
  return {
    lookup: (name) => (Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined),
  };
}

/** Evaluates `src` with root variables `vars`. */
export function ev(src: string, vars: { [k: string]: Value } = {}): Value {
  return evaluate(expr(src), ctx(vars));
}

/** The error message of evaluating `src`, or undefined when it succeeds. */
export function evErr(src: string, vars: { [k: string]: Value } = {}): string | undefined {
  const r = evaluateSafe(expr(src), ctx(vars));
  return 'error' in r ? r.error.message : undefined;
}
