/**
 * The account password policy requires all character classes.
 */
import { isUnknown } from '../../iac/aws/field.js';
import type { IamPasswordPolicy } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed, unknown } from './platform/checks.js';

export default defineRule<IamPasswordPolicy>({
  id: 'aws-iam-password-policy-requires-complexity',
  title: 'IAM password policy requires symbols, numbers, upper and lower case',
  severity: 'medium',
  controls: ['password-policy'],
  kinds: ['aws.iam.password-policy'],
  remediation:
    'Set `require_symbols`, `require_numbers`, `require_uppercase_characters` and `require_lowercase_characters` to true.',
  description:
    'Each of the four character-class requirements defaults to false when absent, so all four must be set to true.',
  check: (policy) => {
    const checks = [
      ['require_symbols', policy.requireSymbols],
      ['require_numbers', policy.requireNumbers],
      ['require_uppercase_characters', policy.requireUppercase],
      ['require_lowercase_characters', policy.requireLowercase],
    ] as const;
    for (const [name, f] of checks) {
      if (f.value === false || f.value === undefined) {
        return failed(
          `${name} is ${f.value === false ? 'false' : 'not set (defaults to false)'}`,
          f.location,
        );
      }
    }
    for (const [name, f] of checks) {
      if (isUnknown(f.value))
        return unknown(`${name} is not known before apply (${f.value.reason})`, f.location);
    }
    return passed(
      'symbols, numbers, upper and lower case letters are all required',
      policy.location,
    );
  },
});
