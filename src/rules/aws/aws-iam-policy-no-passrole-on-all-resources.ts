/**
 * IAM policies do not allow iam:PassRole on every role.
 */
import type { IamPolicy } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import {
  allows,
  and,
  checkDocument,
  grantsAction,
  onAllResources,
  statementLabel,
} from './platform/checks.js';

export default defineRule<IamPolicy>({
  id: 'aws-iam-policy-no-passrole-on-all-resources',
  title: 'IAM policy does not allow iam:PassRole on all resources',
  severity: 'high',
  controls: ['least-privilege'],
  kinds: ['aws.iam.policy'],
  remediation:
    'Scope `iam:PassRole` to the ARNs of the roles the principal must hand to services, and add an `iam:PassedToService` condition.',
  description:
    'With `iam:PassRole` on `"Resource": "*"` a principal can give any role, including administrative ones, to a service it controls (an EC2 instance, a Lambda function) and act with that role\'s permissions. Wildcard actions that cover PassRole (`iam:*`, `iam:Pass*`, `*`) and NotAction lists that do not exclude it count too.',
  check: (policy) =>
    checkDocument(
      policy.document,
      'iam:PassRole',
      (st) => and(allows(st), onAllResources(st), grantsAction(st, 'iam:PassRole')),
      (doc, st) => `${statementLabel(doc, st)} allows iam:PassRole on Resource "*"`,
      'no statement allows iam:PassRole on every resource',
    ),
});
