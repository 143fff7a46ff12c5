/**
 * The account password policy demands long passwords.
 */
import { isUnknown } from '../../iac/aws/field.js';
import type { IamPasswordPolicy } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed, unknown } from './platform/checks.js';

export default defineRule<IamPasswordPolicy>({
  id: 'aws-iam-password-policy-min-length',
  title: 'IAM password policy requires a minimum length',
  severity: 'medium',
  controls: ['password-policy'],
  kinds: ['aws.iam.password-policy'],
  remediation: 'Set `minimum_password_length` to at least the configured minimum (12 by default).',
  description:
    'Checks `minimum_password_length` of the account password policy against the `minPasswordLength` setting (default 12). When the attribute is absent AWS applies 6 characters.',
  check: (policy, { settings }) => {
    const f = policy.minimumLength;
    const v = f.value;
    if (isUnknown(v))
      return unknown(`minimum_password_length is not known before apply (${v.reason})`, f.location);
    const effective = v ?? 6;
    const shown =
      v === undefined
        ? 'minimum_password_length is not set (AWS default 6)'
        : `minimum_password_length = ${v}`;
    return effective >= settings.minPasswordLength
      ? passed(shown, f.location)
      : failed(`${shown}, below ${settings.minPasswordLength}`, f.location);
  },
});
