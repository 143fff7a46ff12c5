/**
 * The account password policy prevents reuse of recent passwords.
 */
import { isUnknown } from '../../iac/aws/field.js';
import type { IamPasswordPolicy } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed, unknown } from './platform/checks.js';

export default defineRule<IamPasswordPolicy>({
  id: 'aws-iam-password-policy-prevents-reuse',
  title: 'IAM password policy prevents password reuse',
  severity: 'medium',
  controls: ['password-policy'],
  kinds: ['aws.iam.password-policy'],
  remediation: 'Set `password_reuse_prevention` to at least the configured minimum (4 by default).',
  description:
    'Checks `password_reuse_prevention` against the `minPasswordReusePrevention` setting (default 4 previous passwords). When absent, AWS allows any earlier password to be reused.',
  check: (policy, { settings }) => {
    const f = policy.reusePrevention;
    const v = f.value;
    if (isUnknown(v))
      return unknown(
        `password_reuse_prevention is not known before apply (${v.reason})`,
        f.location,
      );
    if (v === undefined)
      return failed(
        'password_reuse_prevention is not set, so old passwords can be reused',
        f.location,
      );
    return v >= settings.minPasswordReusePrevention
      ? passed(`password_reuse_prevention = ${v}`, f.location)
      : failed(
          `password_reuse_prevention = ${v}, below ${settings.minPasswordReusePrevention}`,
          f.location,
        );
  },
});
