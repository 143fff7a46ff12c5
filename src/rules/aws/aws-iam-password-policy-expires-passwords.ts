/**
 * The account password policy makes passwords expire.
 */
import { isUnknown } from '../../iac/aws/field.js';
import type { IamPasswordPolicy } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed, unknown } from './platform/checks.js';

export default defineRule<IamPasswordPolicy>({
  id: 'aws-iam-password-policy-expires-passwords',
  title: 'IAM password policy sets a maximum password age',
  severity: 'low',
  controls: ['password-policy'],
  kinds: ['aws.iam.password-policy'],
  remediation: 'Set `max_password_age` between 1 and the configured maximum (90 days by default).',
  description:
    'Checks `max_password_age` against the `maxPasswordAgeDays` setting (default 90). Absent or 0 means passwords never expire. Periodic change matters where a password is the only authentication factor; with MFA enforced this rule can be waived.',
  check: (policy, { settings }) => {
    const f = policy.maxAgeDays;
    const v = f.value;
    if (isUnknown(v))
      return unknown(`max_password_age is not known before apply (${v.reason})`, f.location);
    if (v === undefined || v === 0)
      return failed(
        `max_password_age is ${v === 0 ? '0' : 'not set'}, so passwords never expire`,
        f.location,
      );
    return v <= settings.maxPasswordAgeDays
      ? passed(`max_password_age = ${v}`, f.location)
      : failed(`max_password_age = ${v}, above ${settings.maxPasswordAgeDays}`, f.location);
  },
});
