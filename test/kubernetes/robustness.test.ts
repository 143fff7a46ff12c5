/**
 * Odd shapes (a string where a list belongs, null where a mapping belongs) must never
 * crash the adapter or a rule: each field of the example manifests is replaced in turn by
 * values of the wrong type.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { adaptKubernetes, loadKubernetes } from '../../src/iac/kubernetes/index.js';
import type { RawResource, Value } from '../../src/iac/types.js';
import { kubernetesRules } from '../../src/rules/kubernetes/index.js';
import { contextFor } from './helpers.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/kubernetes');
const ODD: Value[] = [null, 'text', 7, true, [], {}, ['a', 1], { x: [null] }];

/** Every path of a JSON value, parents before children. */
function paths(value: Value, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v as Value, [...prefix, k]));
  }
  return out;
}

function replaced(value: Value, path: (string | number)[], odd: Value): Value {
  const copy = structuredClone(value) as Record<string | number, Value>;
  let at: Record<string | number, Value> = copy;
  for (const step of path.slice(0, -1)) at = at[step] as Record<string | number, Value>;
  at[path[path.length - 1]!] = odd;
  return copy as Value;
}

describe('robustness', () => {
  const objects = readdirSync(EXAMPLE)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => loadKubernetes(f, readFileSync(join(EXAMPLE, f), 'utf8')).resources)
    .map((r) => r.attributes as Value);

  const originals = objects.map(
    (o, i) => loadKubernetes(`other-${i}.yaml`, stringify(o)).resources,
  );

  it('no rule throws on wrongly typed fields', () => {
    let cases = 0;
    const crashes: string[] = [];
    objects.forEach((object, index) => {
      paths(object).forEach((path, n) => {
        // Keep apiVersion and kind so that the object still reaches its adapter.
        if (path[0] === 'apiVersion' || path[0] === 'kind') return;
        // null everywhere, and one other wrong type in rotation.
        for (const odd of [null, ODD[1 + ((index + n) % (ODD.length - 1))]!]) {
          const text = stringify(replaced(object, path, odd));
          const loaded = loadKubernetes('odd.yaml', text);
          const resources: RawResource[] = [
            ...loaded.resources,
            ...originals.filter((_, i) => i !== index).flat(),
          ];
          const entities = adaptKubernetes(resources);
          const context = contextFor(entities);
          for (const rule of kubernetesRules) {
            for (const entity of entities.filter((e) => rule.kinds.includes(e.kind))) {
              try {
                rule.check(entity, context);
              } catch (error) {
                crashes.push(
                  `${rule.id} ${path.join('.')}=${JSON.stringify(odd)}: ${String(error)}`,
                );
              }
            }
          }
          cases++;
        }
      });
    });
    expect(cases).toBeGreaterThan(400);
    expect(crashes).toEqual([]);
  });
});
