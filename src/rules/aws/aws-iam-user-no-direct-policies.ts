/**
 * IAM users get permissions through groups or roles, not policies of their own.
 */
import type { IamUser, IamUserPolicy } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed } from './platform/checks.js';

export default defineRule<IamUser | IamUserPolicy>({
  id: 'aws-iam-user-no-direct-policies',
  title: 'IAM user has no inline or directly attached policies',
  severity: 'medium',
  controls: ['role-based-access', 'access-reviews'],
  kinds: ['aws.iam.user', 'aws.iam.user-policy'],
  remediation:
    'Attach policies to an IAM group (or a role the user assumes) and add the user to it, instead of `aws_iam_user_policy` or `aws_iam_user_policy_attachment`.',
  description:
    'Permissions given to individual users are hard to review and drift apart; granting them through groups or roles keeps access tied to a job function. Checks declared users for inline policies and attached managed policies, and also reports such policies given to users the code does not declare.',
  check: (entity) => {
    if (entity.kind === 'aws.iam.user-policy') {
      const user = typeof entity.user.value === 'string' ? `user "${entity.user.value}"` : 'a user';
      return failed(
        `${entity.address} gives ${user} ${entity.inline ? 'an inline policy' : 'a managed policy'} directly`,
        entity.location,
      );
    }
    const grant = entity.grants[0];
    if (grant) {
      return failed(
        `${grant.address} gives this user ${grant.inline ? 'an inline policy' : 'a managed policy'} directly` +
          (entity.grants.length > 1 ? ` (${entity.grants.length} direct policies in all)` : ''),
        grant.location,
      );
    }
    return passed('the user has no inline or directly attached policies', entity.location);
  },
});
