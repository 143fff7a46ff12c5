import { describe, expect, it } from 'vitest';
import { raw } from '../../support/raw.js';
import { only, ref, run, statuses, unknown } from './helpers.js';

const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

const trust = (condition?: object, principal: object = { AWS: 'arn:aws:iam::111122223333:root' }) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: principal,
        ...(condition ? { Condition: condition } : {}),
      },
    ],
  });
const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

const role = (name: string, assume: unknown) =>
  raw('aws_iam_role', name, { name, assume_role_policy: assume as string });
const attach = (name: string, roleValue: unknown, arn: unknown) =>
  raw('aws_iam_role_policy_attachment', name, {
    role: roleValue as string,
    policy_arn: arn as string,
  });

describe('aws-iam-privileged-role-trust-requires-mfa', () => {
  const id = 'aws-iam-privileged-role-trust-requires-mfa';

  it('fails an admin role (linked by reference) that IAM principals assume without MFA', () => {
    const r = only(
      run(id, [role('admin', trust()), attach('a', ref('aws_iam_role.admin', 'name'), ADMIN)]),
    );
    expect(r.status).toBe('failed');
    expect(r.message).toContain('aws:MultiFactorAuthPresent');
  });

  it('passes the same role when the trust statement requires MFA (Bool or MultiFactorAuthAge)', () => {
    expect(only(run(id, [role('admin', trust(MFA)), attach('a', 'admin', ADMIN)])).status).toBe(
      'passed',
    );
    const age = { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } };
    expect(only(run(id, [role('admin', trust(age)), attach('a', 'admin', ADMIN)])).status).toBe(
      'passed',
    );
  });

  it('does not accept BoolIfExists, which passes for long-term keys', () => {
    const weak = { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } };
    expect(only(run(id, [role('admin', trust(weak)), attach('a', 'admin', ADMIN)])).status).toBe(
      'failed',
    );
  });

  it('ignores service principals and roles that are not privileged', () => {
    const service = trust(undefined, { Service: 'ec2.amazonaws.com' });
    expect(only(run(id, [role('admin', service), attach('a', 'admin', ADMIN)])).status).toBe(
      'passed',
    );
    expect(
      run(id, [role('app', trust()), attach('a', 'app', 'arn:aws:iam::aws:policy/ReadOnlyAccess')]),
    ).toEqual([]);
  });

  it('treats a declared */* policy attached by reference, or inline, as privileged', () => {
    const doc = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const viaPolicy = run(id, [
      role('ops', trust()),
      raw('aws_iam_policy', 'all', { name: 'all', policy: doc }),
      attach('a', 'ops', ref('aws_iam_policy.all', 'arn')),
    ]);
    expect(statuses(viaPolicy)).toEqual(['aws_iam_role.ops=failed']);
    const inline = run(id, [
      role('ops', trust()),
      raw('aws_iam_role_policy', 'p', { role: ref('aws_iam_role.ops', 'id'), policy: doc }),
    ]);
    expect(statuses(inline)).toEqual(['aws_iam_role.ops=failed']);
  });

  it('is unknown when the attached policy ARN is not knowable, or the attachment role is', () => {
    expect(
      only(run(id, [role('r', trust()), attach('a', 'r', unknown('var.policy_arn'))])).status,
    ).toBe('unknown');
    expect(
      only(run(id, [role('r', trust()), attach('a', unknown('var.role'), ADMIN)])).status,
    ).toBe('unknown');
  });

  it('reads the trust policy from a policy-document data source', () => {
    const data = raw(
      'aws_iam_policy_document',
      'assume',
      {
        statement: [
          {
            actions: ['sts:AssumeRole'],
            principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }],
            condition: [{ test: 'Bool', variable: 'aws:MultiFactorAuthPresent', values: ['true'] }],
          },
        ],
      },
      { mode: 'data' },
    );
    const results = run(id, [
      data,
      role('admin', ref('data.aws_iam_policy_document.assume', 'json')),
      attach('a', 'admin', ADMIN),
    ]);
    expect(statuses(results)).toEqual(['aws_iam_role.admin=passed']);
  });
});

describe('aws-iam-user-no-direct-policies', () => {
  const id = 'aws-iam-user-no-direct-policies';

  it('fails a user with an inline or attached policy, passes one without', () => {
    const results = run(id, [
      raw('aws_iam_user', 'alice', { name: 'alice' }),
      raw('aws_iam_user', 'bob', { name: 'bob' }),
      raw('aws_iam_user', 'carol', { name: 'carol' }),
      raw('aws_iam_user_policy', 'p', { user: ref('aws_iam_user.alice', 'name'), policy: '{}' }),
      raw('aws_iam_user_policy_attachment', 'a', {
        user: 'bob',
        policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    ]);
    expect(statuses(results)).toEqual([
      'aws_iam_user.alice=failed',
      'aws_iam_user.bob=failed',
      'aws_iam_user.carol=passed',
    ]);
  });

  it('reports grants to users not declared in the scan, and via aws_iam_policy_attachment', () => {
    const results = run(id, [
      raw('aws_iam_user_policy_attachment', 'x', {
        user: 'dave',
        policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
      raw('aws_iam_policy_attachment', 'legacy', {
        name: 'l',
        users: [unknown()],
        policy_arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
      }),
    ]);
    expect(statuses(results)).toEqual([
      'aws_iam_user_policy_attachment.x=failed',
      'aws_iam_policy_attachment.legacy=failed',
    ]);
  });
});

describe('IAM password policy rules', () => {
  const pp = (attrs: Record<string, unknown>) => [
    raw('aws_iam_account_password_policy', 'this', attrs as never),
  ];

  it('minimum length uses the setting and the AWS default of 6', () => {
    expect(
      only(run('aws-iam-password-policy-min-length', pp({ minimum_password_length: 14 }))).status,
    ).toBe('passed');
    expect(
      only(run('aws-iam-password-policy-min-length', pp({ minimum_password_length: 8 }))).status,
    ).toBe('failed');
    expect(only(run('aws-iam-password-policy-min-length', pp({}))).message).toContain('default 6');
    expect(
      only(
        run('aws-iam-password-policy-min-length', pp({ minimum_password_length: 8 }), {
          minPasswordLength: 8,
        }),
      ).status,
    ).toBe('passed');
    expect(
      only(run('aws-iam-password-policy-min-length', pp({ minimum_password_length: unknown() })))
        .status,
    ).toBe('unknown');
  });

  it('complexity needs all four classes; a known missing one beats an unknown one', () => {
    const all = {
      require_symbols: true,
      require_numbers: true,
      require_uppercase_characters: true,
      require_lowercase_characters: true,
    };
    expect(only(run('aws-iam-password-policy-requires-complexity', pp(all))).status).toBe('passed');
    const r = only(
      run(
        'aws-iam-password-policy-requires-complexity',
        pp({ ...all, require_numbers: false, require_symbols: unknown() }),
      ),
    );
    expect(r.status).toBe('failed');
    expect(r.message).toContain('require_numbers');
    expect(
      only(
        run(
          'aws-iam-password-policy-requires-complexity',
          pp({ ...all, require_symbols: unknown() }),
        ),
      ).status,
    ).toBe('unknown');
  });

  it('reuse prevention and maximum age use their settings', () => {
    expect(
      only(run('aws-iam-password-policy-prevents-reuse', pp({ password_reuse_prevention: 4 })))
        .status,
    ).toBe('passed');
    expect(
      only(run('aws-iam-password-policy-prevents-reuse', pp({ password_reuse_prevention: 2 })))
        .status,
    ).toBe('failed');
    expect(only(run('aws-iam-password-policy-prevents-reuse', pp({}))).status).toBe('failed');
    expect(
      only(run('aws-iam-password-policy-expires-passwords', pp({ max_password_age: 90 }))).status,
    ).toBe('passed');
    expect(
      only(run('aws-iam-password-policy-expires-passwords', pp({ max_password_age: 0 }))).status,
    ).toBe('failed');
    expect(
      only(run('aws-iam-password-policy-expires-passwords', pp({ max_password_age: 180 }))).status,
    ).toBe('failed');
    expect(
      only(
        run('aws-iam-password-policy-expires-passwords', pp({ max_password_age: 180 }), {
          maxPasswordAgeDays: 365,
        }),
      ).status,
    ).toBe('passed');
  });
});

describe('plan JSON and dynamic blocks on roles', () => {
  const id = 'aws-iam-privileged-role-trust-requires-mfa';

  it('ignores a computed managed_policy_arns in a plan, but not an unknown one in HCL', () => {
    const attrs = {
      name: 'r',
      assume_role_policy: trust(),
      managed_policy_arns: unknown('known after apply'),
    };
    const planRole = { ...raw('aws_iam_role', 'r', attrs), format: 'plan' as const };
    expect(run(id, [planRole])).toEqual([]);
    expect(only(run(id, [raw('aws_iam_role', 'r', attrs)])).status).toBe('unknown');
  });

  it('treats dynamic inline_policy blocks as a policy that may grant anything', () => {
    const r = raw('aws_iam_role', 'r', {
      name: 'r',
      assume_role_policy: trust(),
      inline_policy: unknown('dynamic block'),
    });
    expect(only(run(id, [r])).status).toBe('unknown');
    expect(only(run('aws-iam-policy-no-full-admin-access', [r])).status).toBe('unknown');
  });
});

describe('attached policy ARNs', () => {
  const id = 'aws-iam-privileged-role-trust-requires-mfa';

  it('resolves data "aws_iam_policy" looked up by ARN', () => {
    const data = raw('aws_iam_policy', 'admin', { arn: ADMIN }, { mode: 'data' });
    const results = run(id, [
      data,
      role('r', trust()),
      attach('a', 'r', ref('data.aws_iam_policy.admin', 'arn')),
    ]);
    expect(statuses(results)).toEqual(['aws_iam_role.r=failed']);
  });

  it('matches a customer ARN to a declared policy by name, never the AWS managed ARN', () => {
    const doc = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const declared = raw('aws_iam_policy', 'all', { name: 'everything', policy: doc });
    const customer = run(id, [
      declared,
      role('r', trust()),
      attach('a', 'r', 'arn:aws:iam::111122223333:policy/ops/everything'),
    ]);
    expect(statuses(customer)).toEqual(['aws_iam_role.r=failed']);
    const readOnly = raw('aws_iam_policy', 'ro', { name: 'ReadOnlyAccess', policy: doc });
    expect(
      run(id, [
        readOnly,
        role('r', trust()),
        attach('a', 'r', 'arn:aws:iam::aws:policy/ReadOnlyAccess'),
      ]),
    ).toEqual([]);
  });
});

describe('aws-iam-role-trust-not-public', () => {
  const id = 'aws-iam-role-trust-not-public';
  const doc = (st: object) => JSON.stringify({ Version: '2012-10-17', Statement: [st] });

  it('fails Principal "*" or AWS "*" without any condition, passes with a condition', () => {
    const star = { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: '*' };
    expect(only(run(id, [role('a', doc(star))])).status).toBe('failed');
    expect(only(run(id, [role('b', doc({ ...star, Principal: { AWS: ['*'] } }))])).status).toBe(
      'failed',
    );
    const org = { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } };
    expect(only(run(id, [role('c', doc({ ...star, Condition: org }))])).status).toBe('passed');
    expect(
      only(
        run(id, [
          role('d', doc({ ...star, Principal: { AWS: 'arn:aws:iam::111122223333:root' } })),
        ]),
      ).status,
    ).toBe('passed');
  });

  it('fails GitHub OIDC trust without a sub condition', () => {
    const gh = {
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: {
        Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
      },
      Condition: {
        StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
      },
    };
    const r = only(run(id, [role('gh', doc(gh))]));
    expect(r.status).toBe('failed');
    expect(r.message).toContain('GitHub');
    const pinned = {
      ...gh,
      Condition: {
        ...gh.Condition,
        StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/app:*' },
      },
    };
    expect(only(run(id, [role('gh', doc(pinned))])).status).toBe('passed');
  });

  it('is unknown when the principal is not knowable', () => {
    const data = raw(
      'aws_iam_policy_document',
      't',
      {
        statement: [
          { actions: ['sts:AssumeRole'], principals: [{ type: 'AWS', identifiers: [unknown()] }] },
        ],
      },
      { mode: 'data' },
    );
    expect(
      only(run(id, [data, role('r', ref('data.aws_iam_policy_document.t', 'json'))])).status,
    ).toBe('unknown');
  });
});
