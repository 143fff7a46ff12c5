import type { Value } from '../../types.js';
import { ValueError } from '../values.js';

/**
 * A function callable from HCL. Throw any Error for a failed call (the evaluator reports
 * it with the call's range). `unknowns` says what happens to unknown arguments before the
 * call: 'deep' (default) returns the first Unknown found anywhere in the arguments,
 * 'shallow' only looks at the arguments themselves, 'none' passes them to the function.
 */
export interface HclFunction {
  (args: Value[]): Value;
  unknowns?: 'deep' | 'shallow' | 'none';
}

export function fn(
  impl: (args: Value[]) => Value,
  min: number,
  max: number,
  unknowns: 'deep' | 'shallow' | 'none' = 'deep',
): HclFunction {
  const f: HclFunction = (args) => {
    if (args.length < min || args.length > max) {
      const want =
        min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      throw new ValueError(`expected ${want} argument(s), got ${args.length}`);
    }
    return impl(args);
  };
  f.unknowns = unknowns;
  return f;
}

export function arg(args: Value[], i: number): Value {
  return args[i] === undefined ? null : (args[i] as Value);
}
