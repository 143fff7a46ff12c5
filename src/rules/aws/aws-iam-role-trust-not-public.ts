/**
 * Role trust policies do not let anyone assume the role.
 */
import { Unknown, isUnknown } from '../../iac/aws/field.js';
import { decide } from '../../iac/types.js';
import type { IamRole, PolicyStatement } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import {
  actionMatches,
  allows,
  and,
  checkDocument,
  grantsActionWhere,
  or,
  statementLabel,
  type Tri,
} from './platform/checks.js';

/** GitHub's OIDC issuer: without a `sub` condition, any repository's workflow can assume the role. */
const GITHUB_OIDC = /token\.actions\.githubusercontent\.com$/;

/**
 * A principal identifier against a test; an unknown one decides when all its candidates
 * agree (`arn:${AWS::Partition}:iam::111122223333:root` is an account whatever the partition).
 */
function idMatches(id: string | Unknown, test: (v: string) => boolean): Tri {
  if (!isUnknown(id)) return test(id);
  const one = (v: unknown): boolean => typeof v === 'string' && test(v);
  // A candidate may be one identifier or a list of them.
  return decide(id, (v) => (Array.isArray(v) ? v.some(one) : one(v))) ?? id;
}

function conditionKeys(st: PolicyStatement): string[] | Unknown {
  const c = st.conditions.value;
  if (isUnknown(c)) return c;
  const keys: string[] = [];
  for (const cond of c ?? []) {
    if (isUnknown(cond.key)) return cond.key;
    keys.push(cond.key.toLowerCase());
  }
  return keys;
}

/** The statement trusts everyone: `"*"` or `{"AWS": "*"}` with no condition at all. */
function trustsEveryone(st: PolicyStatement): Tri {
  const principals = st.principals.value;
  if (isUnknown(principals)) return principals;
  const wildcard = or(
    ...(principals ?? []).map((p): Tri => {
      if (isUnknown(p.type)) return p.type;
      if (p.type !== '*' && p.type !== 'AWS') return false;
      if (isUnknown(p.identifiers)) return idMatches(p.identifiers, (v) => v === '*');
      return or(...p.identifiers.map((id) => idMatches(id, (v) => v === '*')));
    }),
  );
  const keys = conditionKeys(st);
  return and(wildcard, isUnknown(keys) ? keys : keys.length === 0);
}

/** GitHub Actions OIDC trusted without pinning the subject (repository, branch). */
function trustsAnyGitHubRepository(st: PolicyStatement): Tri {
  const principals = st.principals.value;
  if (isUnknown(principals)) return principals;
  const github = or(
    ...(principals ?? []).map((p): Tri => {
      if (isUnknown(p.type)) return p.type;
      if (p.type !== 'Federated') return false;
      if (isUnknown(p.identifiers)) return idMatches(p.identifiers, (v) => GITHUB_OIDC.test(v));
      return or(...p.identifiers.map((id) => idMatches(id, (v) => GITHUB_OIDC.test(v))));
    }),
  );
  const keys = conditionKeys(st);
  const pinned = isUnknown(keys) ? keys : keys.includes('token.actions.githubusercontent.com:sub');
  return and(github, isUnknown(pinned) ? pinned : !pinned);
}

export default defineRule<IamRole>({
  id: 'aws-iam-role-trust-not-public',
  title: 'IAM role trust policy does not let anyone assume the role',
  severity: 'critical',
  controls: ['least-privilege', 'role-based-access'],
  kinds: ['aws.iam.role'],
  remediation:
    'Name the trusted accounts, roles or services in `Principal`; for GitHub Actions OIDC add a `StringLike` condition on `token.actions.githubusercontent.com:sub` naming the repository.',
  description:
    'Fails an Allow statement for sts:AssumeRole (or AssumeRoleWithWebIdentity/WithSAML) that trusts `"*"` or `{"AWS": "*"}` with no condition at all, and one that trusts the GitHub Actions OIDC provider without a condition on `token.actions.githubusercontent.com:sub` — in both cases principals outside the organisation can take the role. Other conditions are not evaluated: any condition on a wildcard principal is accepted.',
  check: (role) =>
    checkDocument(
      role.trustPolicy,
      'public trust',
      (st) =>
        and(
          allows(st),
          grantsActionWhere(
            st,
            (a) =>
              actionMatches(a, 'sts:AssumeRole') || /^sts:AssumeRoleWith/i.test(a) || a === '*',
          ),
          or(trustsEveryone(st), trustsAnyGitHubRepository(st)),
        ),
      (doc, st) =>
        `trust ${statementLabel(doc, st)} lets ${trustsEveryone(st) === true ? 'any AWS principal' : 'any GitHub Actions workflow'} assume the role`,
      'the trust policy names who may assume the role',
    ),
});
