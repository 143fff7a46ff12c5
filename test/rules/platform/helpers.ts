/**
 * Runs platform rules on hand-built raw resources, through the Terraform adapter.
 */
import type { Entity } from '../../../src/iac/aws/field.js';
import { adaptPlatformResources } from '../../../src/iac/aws/terraform/platform.js';
import { Unknown, type RawResource } from '../../../src/iac/types.js';
import { platformRules } from '../../../src/rules/aws/platform-rules.js';
import {
  DEFAULT_RULE_SETTINGS,
  type RuleSettings,
  type Verdict,
} from '../../../src/rules/types.js';

export interface Result extends Verdict {
  readonly address: string;
}

export function run(
  ruleId: string,
  resources: readonly RawResource[],
  settings: Partial<RuleSettings> = {},
): Result[] {
  const rule = platformRules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const entities = adaptPlatformResources(resources);
  const context = {
    settings: { ...DEFAULT_RULE_SETTINGS, ...settings },
    entitiesOf: <E extends Entity>(kind: string) => entities.filter((e) => e.kind === kind) as E[],
  };
  return entities
    .filter((e) => rule.kinds.includes(e.kind))
    .flatMap((e) => {
      const out = rule.check(e, context);
      return (Array.isArray(out) ? out : [out]).map((v: Verdict) => ({ address: e.address, ...v }));
    });
}

/** Statuses in order, as `address=status`, for compact assertions. */
export function statuses(results: readonly Result[]): string[] {
  return results.map((r) => `${r.address}=${r.status}`);
}

/** The only result; throws when there is not exactly one. */
export function only(results: readonly Result[]): Result {
  if (results.length !== 1) throw new Error(`expected one result, got ${JSON.stringify(results)}`);
  return results[0] as Result;
}

/** `aws_x.y.attr` as the evaluator gives it: an Unknown naming the resource. */
export function ref(address: string, attribute = 'id'): Unknown {
  return new Unknown(`${address}.${attribute} is known only after apply`, { address, attribute });
}

export function unknown(reason = 'var.x has no value'): Unknown {
  return new Unknown(reason);
}

export function entities(resources: readonly RawResource[]): Entity[] {
  return adaptPlatformResources(resources);
}
