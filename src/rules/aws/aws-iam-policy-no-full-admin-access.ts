/**
 * IAM policies do not grant every action on every resource.
 */
import type { IamPolicy } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import {
  allows,
  and,
  checkDocument,
  grantsActionWhere,
  isFullWildcard,
  onAllResources,
  statementLabel,
} from './platform/checks.js';

export default defineRule<IamPolicy>({
  id: 'aws-iam-policy-no-full-admin-access',
  title: 'IAM policy does not grant full administrative access',
  severity: 'critical',
  controls: ['least-privilege', 'role-based-access'],
  kinds: ['aws.iam.policy'],
  remediation:
    'Replace `"Action": "*"` on `"Resource": "*"` with the actions and resources the principal needs; use the AWS managed AdministratorAccess policy only for break-glass roles.',
  description:
    'Checks managed and inline IAM policies (including documents built with `aws_iam_policy_document`) for an Allow statement whose action is `*` (or `*:*`) and whose resource is `*` or a NotResource list. Such a policy makes its holder an administrator of the account. Unknown parts of the document give an unknown result.',
  check: (policy) =>
    checkDocument(
      policy.document,
      'administrative access',
      (st) => and(allows(st), onAllResources(st), grantsActionWhere(st, isFullWildcard)),
      (doc, st) => `${statementLabel(doc, st)} allows Action "*" on Resource "*"`,
      'no statement allows every action on every resource',
    ),
});
