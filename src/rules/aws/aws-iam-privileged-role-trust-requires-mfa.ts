/**
 * Administrative roles that people can assume require MFA in their trust policy.
 */
import { Unknown, isUnknown } from '../../iac/aws/field.js';
import { decide } from '../../iac/types.js';
import type { IamRole, PolicyCondition, PolicyStatement } from '../../iac/aws/model/platform.js';
import { defineRule, type Verdict } from '../types.js';
import {
  allows,
  and,
  failed,
  grantsAction,
  grantsFullAdmin,
  or,
  passed,
  statementLabel,
  unknown,
  type Tri,
} from './platform/checks.js';

const ADMIN_ARN = /^arn:aws[a-z-]*:iam::aws:policy\/AdministratorAccess$/;

/** The role holds administrator rights: the AWS managed policy or a `*`/`*` policy. */
function privileged(role: IamRole): Tri {
  const own: Tri[] = role.inlinePolicies.map((p) => grantsFullAdmin(p.document));
  for (const a of role.attachments) {
    const arn = a.arn.value;
    if (typeof arn === 'string' && ADMIN_ARN.test(arn)) own.push(true);
    else if (a.policy) own.push(grantsFullAdmin(a.policy.document));
    else if (isUnknown(arn)) {
      // `arn:${AWS::Partition}:iam::aws:policy/...` is unknown only in its partition.
      const admin = decide(arn, (v) => typeof v === 'string' && ADMIN_ARN.test(v));
      own.push(admin ?? arn);
    }
  }
  for (const a of role.unlinkedAttachments) {
    const arn = a.arn.value;
    const admin =
      typeof arn === 'string'
        ? ADMIN_ARN.test(arn) || grantsFullAdmin(a.policy?.document) === true
        : true;
    if (admin)
      own.push(
        new Unknown(
          `an attachment whose role is not known before apply may attach an administrator policy`,
        ),
      );
  }
  return or(...own);
}

/** People (IAM users, accounts, anyone) rather than services or federated identities. */
function humanPrincipal(st: PolicyStatement): Tri {
  const principals = st.principals.value;
  if (isUnknown(principals)) return principals;
  if (!principals) return false;
  return or(
    ...principals.map((p) => {
      if (isUnknown(p.type)) return p.type;
      return p.type === 'AWS' || p.type === '*';
    }),
  );
}

function lower(v: string | Unknown): string | Unknown {
  return isUnknown(v) ? v : v.toLowerCase();
}

/** `Bool aws:MultiFactorAuthPresent = true`, or a `NumericLessThan` on `aws:MultiFactorAuthAge`. */
function isMfaCondition(c: PolicyCondition): Tri {
  const op = lower(c.operator);
  const key = lower(c.key);
  if (isUnknown(op)) return op;
  if (isUnknown(key)) return key;
  if (op === 'bool' && key === 'aws:multifactorauthpresent') {
    if (isUnknown(c.values)) return c.values;
    return c.values.some((v) => typeof v === 'string' && v.toLowerCase() === 'true');
  }
  return (
    (op === 'numericlessthan' || op === 'numericlessthanequals') && key === 'aws:multifactorauthage'
  );
}

function requiresMfa(st: PolicyStatement): Tri {
  const conditions = st.conditions.value;
  if (isUnknown(conditions)) return conditions;
  return or(...(conditions ?? []).map(isMfaCondition));
}

export default defineRule<IamRole>({
  id: 'aws-iam-privileged-role-trust-requires-mfa',
  title: 'Privileged IAM role requires MFA to be assumed',
  severity: 'high',
  controls: ['multi-factor-authentication', 'least-privilege'],
  kinds: ['aws.iam.role'],
  remediation:
    'In the trust policy statement that lets IAM users or accounts assume the role, add a condition `Bool` `aws:MultiFactorAuthPresent` = `"true"`.',
  description:
    'A role is privileged when it has the AWS managed AdministratorAccess policy or a policy allowing `*` on `*`. If such a role trusts IAM principals (`"AWS"` or `"*"`) for sts:AssumeRole, every trusting statement must require MFA: `Bool aws:MultiFactorAuthPresent "true"` or a `NumericLessThan` on `aws:MultiFactorAuthAge`. `BoolIfExists` is not accepted because it passes for long-term access keys. Service and federated principals are not checked. Roles that are not privileged give no finding.',
  check: (role): Verdict | Verdict[] => {
    const admin = privileged(role);
    if (admin === false) return [];
    const trust = role.trustPolicy.value;
    const adminNote = isUnknown(admin) ? `may be privileged (${admin.reason})` : 'is privileged';
    if (isUnknown(trust)) {
      return unknown(
        `the role ${adminNote} and its trust policy is not known before apply (${trust.reason})`,
        role.trustPolicy.location,
      );
    }
    if (trust === undefined)
      return passed('the role has no trust policy for people to assume it', role.location);
    let open: Unknown | undefined;
    for (const st of trust.statements) {
      const risky = and(allows(st), grantsAction(st, 'sts:AssumeRole'), humanPrincipal(st));
      const mfa = requiresMfa(st);
      const bad = and(risky, isUnknown(mfa) ? mfa : !mfa);
      if (bad === true) {
        const message = `the role ${adminNote} and trust ${statementLabel(trust, st)} lets IAM principals assume it without an aws:MultiFactorAuthPresent condition`;
        return isUnknown(admin) ? unknown(message, st.location) : failed(message, st.location);
      }
      if (isUnknown(bad)) open ??= bad;
    }
    if (open)
      return unknown(
        `the role ${adminNote} and part of its trust policy is not known (${open.reason})`,
        role.trustPolicy.location,
      );
    if (trust.incomplete)
      return unknown(
        `the role ${adminNote} and its trust policy may have hidden statements (${trust.incomplete.reason})`,
        role.trustPolicy.location,
      );
    return passed(
      `the role ${adminNote}; every statement that lets IAM principals assume it requires MFA`,
      role.trustPolicy.location,
    );
  },
});
