import { join } from 'node:path';
import type { RawResource, Value } from '../../src/iac/types.js';
import { Unknown } from '../../src/iac/types.js';

export const fixture = (name: string): string =>
  join(import.meta.dirname, '../fixtures/terraform', name);

export function byAddress(resources: readonly RawResource[], address: string): RawResource {
  const found = resources.find((r) => r.address === address);
  if (!found) {
    throw new Error(`no ${address}; have ${resources.map((r) => r.address).join(', ')}`);
  }
  return found;
}

/** Reads a dotted path of a value, e.g. `rule.0.apply_server_side_encryption_by_default`. */
export function at(
  value: Value | { readonly [key: string]: Value },
  path: string,
): Value | undefined {
  let current: Value | undefined = value as Value;
  for (const step of path.split('.')) {
    if (current === null || current === undefined || current instanceof Unknown) return undefined;
    if (Array.isArray(current)) current = current[Number(step)];
    else if (typeof current === 'object') current = current[step];
    else return undefined;
  }
  return current;
}

export function refOf(value: Value | undefined): Unknown['ref'] | 'not unknown' {
  return value instanceof Unknown ? value.ref : 'not unknown';
}
