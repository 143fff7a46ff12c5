/**
 * IAM policies do not grant wildcard actions on all resources (read-only wildcards excepted).
 */
import type { IamPolicy } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import {
  allows,
  and,
  checkDocument,
  grantsActionWhere,
  onAllResources,
  statementLabel,
} from './platform/checks.js';

/** `svc:Get*`, `*:List*`, `ec2:Describe*` and longer prefixes such as `s3:GetObject*`. */
const READ_ONLY = /^(\*|[a-z0-9-]+):(get|list|describe)[a-z0-9]*\*$/i;

/** A wildcard action that is not one of the read-only forms. */
export function isBroadWildcard(action: string): boolean {
  return /[*?]/.test(action) && !READ_ONLY.test(action);
}

export default defineRule<IamPolicy>({
  id: 'aws-iam-policy-no-wildcard-actions-on-all-resources',
  title: 'IAM policy does not allow wildcard actions on all resources',
  severity: 'high',
  controls: ['least-privilege'],
  kinds: ['aws.iam.policy'],
  remediation:
    'List the actions the principal needs, or scope the statement to specific resource ARNs. Read-only wildcards (`Get*`, `List*`, `Describe*`) are accepted.',
  description:
    'Fails an Allow statement on `"Resource": "*"` (or a NotResource list) whose actions include a wildcard such as `*`, `s3:*`, `iam:Put*` or `ec2:*Instance*`, or that uses NotAction (which allows everything not listed). Wildcards that only read — an action prefix of Get, List or Describe followed by a trailing `*`, e.g. `s3:Get*`, `*:List*`, `ec2:Describe*` — are accepted.',
  check: (policy) =>
    checkDocument(
      policy.document,
      'wildcard actions',
      (st) => and(allows(st), onAllResources(st), grantsActionWhere(st, isBroadWildcard)),
      (doc, st) => {
        const actions = st.actions.value;
        const shown = Array.isArray(actions)
          ? actions
              .filter((a): a is string => typeof a === 'string' && isBroadWildcard(a))
              .join(', ')
          : '';
        return `${statementLabel(doc, st)} allows ${shown ? `Action ${shown}` : 'NotAction (every other action)'} on Resource "*"`;
      },
      'no statement allows a write or service-wide wildcard action on every resource',
    ),
});
