/**
 * Lazy evaluation with cycle detection. Locals, resources and module outputs may refer to
 * each other in any order; each is computed once, on first use, and a value that is asked
 * for while it is being computed is a reference cycle.
 */
import type { Value } from '../types.js';

/** Memoizes `compute`; a re-entrant call gets `onCycle()` instead of looping. */
export function once<T>(compute: () => T, onCycle: () => T): () => T {
  let state: 'new' | 'busy' | 'done' = 'new';
  let result: T | undefined;
  return () => {
    if (state === 'done') return result as T;
    if (state === 'busy') return onCycle();
    state = 'busy';
    try {
      result = compute();
      state = 'done';
      return result;
    } finally {
      if (state === 'busy') state = 'new';
    }
  };
}

/** An object whose properties are computed on first read. */
export function lazyObject(entries: Iterable<[string, () => Value]>): { [key: string]: Value } {
  const obj: { [key: string]: Value } = {};
  for (const [name, get] of entries) {
    Object.defineProperty(obj, name, { get, enumerable: true, configurable: false });
  }
  return obj;
}
