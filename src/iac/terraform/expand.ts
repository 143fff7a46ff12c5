/**
 * `count` and `for_each` on resources and module calls: which instances there are and
 * what `count.index` / `each.key` / `each.value` are in each. An expansion that is not
 * known before apply gives one instance keyed `[*]` whose `count` / `each` are Unknown.
 */
import { Unknown, isUnknown, type Value } from '../types.js';
import type { Block } from '../hcl/index.js';
import type { InstanceKey } from './address.js';
import type { Bindings, BodyEvaluator } from './body.js';

export const NO_BINDINGS: Bindings = new Map();

/** How a resource or module call expands: instance keys and the names bound in each. */
export type Expansion =
  | { readonly kind: 'single' | 'count' | 'for_each'; readonly keys: Instance[] }
  | { readonly kind: 'unknown'; readonly keys: Instance[]; readonly reason: Unknown };

export interface Instance {
  readonly key?: InstanceKey;
  readonly bindings: Bindings;
}

/** Expands `count` / `for_each` of a resource or module block. */
export function expandBlock(scope: BodyEvaluator, block: Block, what: string): Expansion {
  const count = block.body.attributes.find((a) => a.name === 'count');
  const forEach = block.body.attributes.find((a) => a.name === 'for_each');
  if (count) {
    const given = scope.evaluate(count.expr, NO_BINDINGS);
    // Terraform converts a numeric string such as "2" to a number here.
    const n = typeof given === 'string' && /^\d+$/.test(given) ? Number(given) : given;
    if (isUnknown(n)) {
      // No ref: count.index does not read the resource that made the count unknown.
      const reason = new Unknown(`count of ${what} is not known before apply`);
      scope.report(
        'CW-TF-030',
        'info',
        `${reason.reason}; checked as one instance [*]`,
        count.range,
      );
      return {
        kind: 'unknown',
        reason,
        keys: [{ key: '*', bindings: new Map([['count', { index: reason }]]) }],
      };
    }
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      scope.report('CW-TF-031', 'error', `count of ${what} must be a whole number`, count.range);
      const reason = new Unknown(`count of ${what} is invalid`);
      return { kind: 'unknown', reason, keys: [] };
    }
    const keys = Array.from({ length: n }, (_, i) => ({
      key: i,
      bindings: new Map([['count', { index: i }]]),
    }));
    return { kind: 'count', keys };
  }
  if (forEach) {
    const v = scope.evaluate(forEach.expr, NO_BINDINGS);
    const pairs = forEachPairs(v);
    if (pairs === 'unknown') {
      const reason = new Unknown(`for_each of ${what} is not known before apply`);
      scope.report(
        'CW-TF-030',
        'info',
        `${reason.reason}; checked as one instance [*]`,
        forEach.range,
      );
      const each = { key: reason, value: reason };
      return {
        kind: 'unknown',
        reason,
        keys: [{ key: '*', bindings: new Map([['each', each]]) }],
      };
    }
    if (pairs === 'invalid') {
      scope.report(
        'CW-TF-031',
        'error',
        `for_each of ${what} must be a map or a set of strings`,
        forEach.range,
      );
      return { kind: 'unknown', reason: new Unknown(`for_each of ${what} is invalid`), keys: [] };
    }
    const keys = pairs.map(([key, value]) => ({
      key,
      bindings: new Map<string, Value>([['each', { key, value }]]),
    }));
    return { kind: 'for_each', keys };
  }
  return { kind: 'single', keys: [{ bindings: NO_BINDINGS }] };
}

/** The keys and values for_each walks: map entries, or the strings of a set. */
function forEachPairs(v: Value): [string, Value][] | 'unknown' | 'invalid' {
  if (isUnknown(v)) return 'unknown';
  if (v === null || typeof v !== 'object') return 'invalid';
  if (Array.isArray(v)) {
    if (v.some(isUnknown)) return 'unknown';
    if (!v.every((s) => typeof s === 'string')) return 'invalid';
    return [...new Set(v as string[])].map((s) => [s, s]);
  }
  return Object.keys(v).map((k) => [k, v[k] ?? null]);
}
