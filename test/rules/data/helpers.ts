/**
 * Runs data-store rules on hand-built raw resources, through the Terraform adapter.
 */
import { adaptDataResources } from '../../../src/iac/aws/terraform/data.js';
import { Unknown, type RawResource } from '../../../src/iac/types.js';
import { dataRules } from '../../../src/rules/aws/data-rules.js';
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
  const rule = dataRules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const entities = adaptDataResources(resources);
  const context = {
    settings: { ...DEFAULT_RULE_SETTINGS, ...settings },
    entitiesOf: <E>(kind: string) => entities.filter((e) => e.kind === kind) as E[],
  };
  return entities
    .filter((e) => rule.kinds.includes(e.kind))
    .flatMap((e) => {
      const out = rule.check(e, context);
      return (Array.isArray(out) ? out : [out]).map((v: Verdict) => ({ address: e.address, ...v }));
    });
}

/** Statuses by entity address, for compact assertions. */
export function statuses(results: readonly Result[]): Record<string, string> {
  return Object.fromEntries(results.map((r) => [r.address, r.status]));
}

/** `aws_x.y.attr` as the evaluator gives it: an Unknown naming the resource. */
export function ref(address: string, attribute = 'id'): Unknown {
  return new Unknown(`${address}.${attribute} is known only after apply`, { address, attribute });
}

export function unknown(reason = 'var.x has no value'): Unknown {
  return new Unknown(reason);
}
