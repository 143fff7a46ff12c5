/**
 * RBAC helpers: wildcard detection in role rules.
 */
import { isUnknown, type Field } from '../../../iac/aws/field.js';
import type { PolicyRule, Role } from '../../../iac/kubernetes/model.js';
import type { Verdict } from '../../types.js';
import { unknownVerdict } from './checks.js';

function hasWildcard(field: Field<readonly string[]>): boolean {
  return Array.isArray(field.value) && field.value.includes('*');
}

/**
 * One verdict per rule of the role that grants `*` verbs or resources, or a single
 * passed verdict when none does.
 */
export function wildcardVerdicts(role: Role, what: string): Verdict[] {
  const verdicts: Verdict[] = [];
  role.rules.forEach((rule: PolicyRule, index) => {
    for (const [name, field] of [
      ['verbs', rule.verbs],
      ['resources', rule.resources],
    ] as const) {
      if (isUnknown(field.value)) verdicts.push(unknownVerdict(field, `rules[${index}].${name}`));
      else if (hasWildcard(field)) {
        verdicts.push({
          status: 'failed',
          message: `${what} grants "*" ${name} in rules[${index}]`,
          location: field.location,
        });
      }
    }
  });
  if (verdicts.length > 0) return verdicts;
  return [
    {
      status: 'passed',
      message: `${what} grants no wildcard verbs or resources`,
      location: role.rules[0]?.location ?? role.location,
    },
  ];
}
