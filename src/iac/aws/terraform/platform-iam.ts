/**
 * IAM from Terraform: managed and inline policies, roles with their attachments, users with
 * the policies given straight to them, and the account password policy.
 */
import { isUnknown, locate, type RawResource, type Value } from '../../types.js';
import { field, type Entity, type Field } from '../field.js';
import type {
  IamPasswordPolicy,
  IamPolicy,
  IamRole,
  IamUser,
  IamUserPolicy,
  IamUserPolicyGrant,
  PolicyAttachment,
  PolicyHolderKind,
} from '../model/platform.js';
import { PolicyDocuments } from './platform-policy.js';
import {
  addressMatches,
  blockList,
  boolField,
  entityBase,
  linkTo,
  numberField,
  stringField,
} from './platform-support.js';

const ofType = (resources: readonly RawResource[], ...types: string[]): RawResource[] =>
  resources.filter((r) => r.mode === 'managed' && types.includes(r.type));

export function adaptIam(resources: readonly RawResource[]): Entity[] {
  const docs = PolicyDocuments.from(resources);
  const out: Entity[] = [];

  // Managed policies, indexed for attachments by reference or literal ARN.
  const managed = ofType(resources, 'aws_iam_policy').map((resource) => ({
    resource,
    entity: policyEntity(resource, 'managed', docs.read(resource, ['policy'])),
  }));
  out.push(...managed.map((m) => m.entity));

  // `data "aws_iam_policy"` looked up by a literal ARN (usually an AWS managed policy).
  const policyData = resources.filter((r) => r.mode === 'data' && r.type === 'aws_iam_policy');
  const attachment = (r: RawResource, path: readonly (string | number)[]): PolicyAttachment => {
    let arn = stringField(r, path);
    const raw = arn.value;
    if (isUnknown(raw) && raw.ref) {
      const ref = raw.ref;
      const data = policyData.find((d) => addressMatches(ref.address, d.address));
      const literal = data?.attributes['arn'];
      if (typeof literal === 'string') arn = { value: literal, location: arn.location };
    }
    const link = linkTo<(typeof managed)[number]>(field<Value>(r, path).value, managed, ['arn']);
    let policy = link.kind === 'linked' ? link.owners[0]?.entity : undefined;
    const text = arn.value;
    // `arn:aws:iam::123456789012:policy/path/name` ↔ a declared policy named `name`.
    const customer =
      typeof text === 'string'
        ? /^arn:[^:]+:iam::(\d+):policy\/(?:.*\/)?([^/]+)$/.exec(text)
        : null;
    if (!policy && customer) {
      policy = managed.find((m) => m.resource.attributes['name'] === customer[2])?.entity;
    }
    return { arn, ...(policy ? { policy } : {}), location: locate(r, path) };
  };

  // Roles.
  const roles = ofType(resources, 'aws_iam_role').map((resource) => ({
    resource,
    inline: [] as IamPolicy[],
    attachments: [] as PolicyAttachment[],
    sources: [] as RawResource[],
  }));
  const unlinkedRoleAttachments: PolicyAttachment[] = [];
  for (const role of roles) {
    const r = role.resource;
    const inline = blockList(r, ['inline_policy']);
    if (!isUnknown(inline)) {
      inline.forEach((_, i) => {
        const name = stringField(r, ['inline_policy', i, 'name']).value;
        const entity = policyEntity(r, 'role-inline', docs.read(r, ['inline_policy', i, 'policy']));
        role.inline.push({
          ...entity,
          name: typeof name === 'string' ? `${r.name}/${name}` : r.name,
        });
      });
    } else if (!computedInPlan(r, inline)) {
      // Dynamic inline_policy blocks: the role may hold any policy.
      role.inline.push(
        policyEntity(r, 'role-inline', { value: inline, location: locate(r, ['inline_policy']) }),
      );
    }
    const arns = field<Value>(r, ['managed_policy_arns']).value;
    if (Array.isArray(arns)) {
      arns.forEach((_, i) => role.attachments.push(attachment(r, ['managed_policy_arns', i])));
    } else if (isUnknown(arns) && !computedInPlan(r, arns)) {
      role.attachments.push(attachment(r, ['managed_policy_arns']));
    }
  }
  const roleLink = (value: Value | undefined) => linkTo(value, roles, ['name', 'id']);
  const attachRole = (
    link: ReturnType<typeof roleLink>,
    a: PolicyAttachment,
    r: RawResource,
  ): void => {
    if (link.kind === 'linked') {
      for (const o of link.owners) {
        o.attachments.push(a);
        o.sources.push(r);
      }
    } else if (link.kind === 'unknown') {
      unlinkedRoleAttachments.push(a);
    }
  };

  for (const r of ofType(resources, 'aws_iam_role_policy')) {
    const entity = policyEntity(r, 'role-inline', docs.read(r, ['policy']));
    out.push(entity);
    const link = roleLink(r.attributes['role']);
    if (link.kind === 'linked') {
      for (const o of link.owners) {
        o.inline.push(entity);
        o.sources.push(r);
      }
    }
  }
  for (const r of ofType(resources, 'aws_iam_role_policy_attachment')) {
    const link = roleLink(r.attributes['role']);
    const a = attachment(r, ['policy_arn']);
    attachRole(link, a, r);
  }

  // Users, and the policies given to them.
  const users = ofType(resources, 'aws_iam_user').map((resource) => ({
    resource,
    grants: [] as IamUserPolicyGrant[],
    sources: [] as RawResource[],
  }));
  const grantUser = (r: RawResource, path: readonly (string | number)[], inline: boolean): void => {
    const grant: IamUserPolicyGrant = {
      address: r.address,
      resourceType: r.type,
      inline,
      location: locate(r, path),
    };
    const link = linkTo(field<Value>(r, path).value, users, ['name', 'id']);
    if (link.kind === 'linked') {
      for (const o of link.owners) {
        o.grants.push(grant);
        o.sources.push(r);
      }
      return;
    }
    const orphan: IamUserPolicy = {
      ...entityBase(r, 'aws.iam.user-policy'),
      user: stringField(r, path),
      inline,
    };
    out.push(orphan);
  };
  for (const r of ofType(resources, 'aws_iam_user_policy')) {
    out.push(policyEntity(r, 'user-inline', docs.read(r, ['policy'])));
    grantUser(r, ['user'], true);
  }
  for (const r of ofType(resources, 'aws_iam_user_policy_attachment'))
    grantUser(r, ['user'], false);
  for (const r of ofType(resources, 'aws_iam_group_policy')) {
    out.push(policyEntity(r, 'group-inline', docs.read(r, ['policy'])));
  }
  // The legacy exclusive attachment names roles, users and groups at once.
  for (const r of ofType(resources, 'aws_iam_policy_attachment')) {
    const a = attachment(r, ['policy_arn']);
    const roleNames = field<Value>(r, ['roles']).value;
    const roleItems = Array.isArray(roleNames)
      ? roleNames
      : roleNames === undefined
        ? []
        : [roleNames];
    for (const item of roleItems) {
      const link = roleLink(item);
      attachRole(link, a, r);
    }
    const userNames = field<Value>(r, ['users']).value;
    if (isUnknown(userNames)) grantUser(r, ['users'], false);
    else if (Array.isArray(userNames))
      userNames.forEach((_, i) => grantUser(r, ['users', i], false));
  }

  for (const role of roles) {
    const entity: IamRole = {
      ...entityBase(role.resource, 'aws.iam.role', role.sources),
      trustPolicy: docs.read(role.resource, ['assume_role_policy']),
      inlinePolicies: role.inline,
      attachments: role.attachments,
      unlinkedAttachments: unlinkedRoleAttachments,
    };
    out.push(entity, ...role.inline.filter((p) => p.address === role.resource.address));
  }
  for (const user of users) {
    const entity: IamUser = {
      ...entityBase(user.resource, 'aws.iam.user', user.sources),
      grants: user.grants,
    };
    out.push(entity);
  }

  for (const r of ofType(resources, 'aws_iam_account_password_policy')) {
    const entity: IamPasswordPolicy = {
      ...entityBase(r, 'aws.iam.password-policy'),
      minimumLength: numberField(r, ['minimum_password_length']),
      requireSymbols: boolField(r, ['require_symbols']),
      requireNumbers: boolField(r, ['require_numbers']),
      requireUppercase: boolField(r, ['require_uppercase_characters']),
      requireLowercase: boolField(r, ['require_lowercase_characters']),
      reusePrevention: numberField(r, ['password_reuse_prevention']),
      maxAgeDays: numberField(r, ['max_password_age']),
    };
    out.push(entity);
  }
  return out;
}

/**
 * In a plan, variables are already resolved and references carry a `ref`, so an Unknown
 * without one in an optional+computed attribute (`managed_policy_arns`) is the provider
 * filling in what the configuration left unset.
 */
function computedInPlan(resource: RawResource, value: { readonly ref?: unknown }): boolean {
  return resource.format === 'plan' && value.ref === undefined;
}

function policyEntity(
  resource: RawResource,
  holder: PolicyHolderKind,
  document: Field<IamPolicy['document'] extends Field<infer D> ? D : never>,
): IamPolicy {
  return { ...entityBase(resource, 'aws.iam.policy'), holder, document };
}
