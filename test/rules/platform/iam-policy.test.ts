import { describe, expect, it } from 'vitest';
import { isUnknown } from '../../../src/iac/types.js';
import type { IamPolicy } from '../../../src/iac/aws/model/platform.js';
import { raw } from '../../support/raw.js';
import { entities, only, ref, run, statuses, unknown } from './helpers.js';

const json = (statements: object[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

const policy = (name: string, document: string | ReturnType<typeof ref>) =>
  raw('aws_iam_policy', name, { name, policy: document });

describe('IAM policy documents', () => {
  it('parses JSON strings with single or listed statements, actions and resources', () => {
    const [p] = entities([
      policy(
        'a',
        JSON.stringify({
          Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/*'] },
        }),
      ),
    ]) as IamPolicy[];
    const doc = p?.document.value;
    if (!doc || isUnknown(doc)) throw new Error('document expected');
    expect(doc.statements).toHaveLength(1);
    expect(doc.statements[0]?.actions.value).toEqual(['s3:GetObject']);
    expect(doc.statements[0]?.resources.value).toEqual(['arn:aws:s3:::b/*']);
  });

  it('builds the document of a data "aws_iam_policy_document" through the json reference', () => {
    const data = raw(
      'aws_iam_policy_document',
      'admin',
      { statement: [{ actions: ['*'], resources: ['*'] }] },
      { mode: 'data' },
    );
    const results = run('aws-iam-policy-no-full-admin-access', [
      data,
      policy('p', ref('data.aws_iam_policy_document.admin', 'json')),
    ]);
    // The data source's effect defaults to Allow.
    expect(statuses(results)).toEqual(['aws_iam_policy.p=failed']);
    expect(only(results).message).toContain('Action "*"');
    // The finding points at the statement in the data source, not at the policy.
    expect(only(results).location?.file).toBe('main.tf');
    expect(only(results).location?.startLine).toBe(
      data.attributeLocations.get('statement.0')?.startLine,
    );
  });

  it('links data sources inside modules and with instance keys', () => {
    const data = raw(
      'aws_iam_policy_document',
      'd',
      { statement: [{ actions: ['iam:PassRole'], resources: ['*'] }] },
      {
        mode: 'data',
        module: 'module.iam',
      },
    );
    const p = raw(
      'aws_iam_policy',
      'p',
      { policy: ref('module.iam.data.aws_iam_policy_document.d', 'json') },
      { module: 'module.iam' },
    );
    expect(statuses(run('aws-iam-policy-no-passrole-on-all-resources', [data, p]))).toEqual([
      'module.iam.aws_iam_policy.p=failed',
    ]);
  });

  it('gives unknown for a document that is not knowable, and for an unlinked data reference', () => {
    expect(
      only(
        run('aws-iam-policy-no-full-admin-access', [
          policy('p', unknown('var.policy has no value')),
        ]),
      ).status,
    ).toBe('unknown');
    expect(
      only(
        run('aws-iam-policy-no-full-admin-access', [
          policy('p', ref('data.aws_iam_policy_document.missing', 'json')),
        ]),
      ).status,
    ).toBe('unknown');
  });

  it('merges source_policy_documents and marks unknown ones as incomplete', () => {
    const base = raw(
      'aws_iam_policy_document',
      'base',
      { statement: [{ actions: ['s3:GetObject'], resources: ['*'] }] },
      { mode: 'data' },
    );
    const merged = raw(
      'aws_iam_policy_document',
      'merged',
      {
        source_policy_documents: [
          JSON.stringify({ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
        ],
        statement: [],
      },
      { mode: 'data' },
    );
    const partial = raw(
      'aws_iam_policy_document',
      'partial',
      {
        source_policy_documents: [unknown()],
        statement: [{ actions: ['s3:GetObject'], resources: ['*'] }],
      },
      { mode: 'data' },
    );
    const results = run('aws-iam-policy-no-full-admin-access', [
      base,
      merged,
      partial,
      policy('base', ref('data.aws_iam_policy_document.base', 'json')),
      policy('merged', ref('data.aws_iam_policy_document.merged', 'json')),
      policy('partial', ref('data.aws_iam_policy_document.partial', 'json')),
    ]);
    expect(statuses(results)).toEqual([
      'aws_iam_policy.base=passed',
      'aws_iam_policy.merged=failed',
      'aws_iam_policy.partial=unknown',
    ]);
  });

  it('treats invalid JSON as unknown rather than a pass', () => {
    expect(
      only(run('aws-iam-policy-no-full-admin-access', [policy('p', '{not json')])).status,
    ).toBe('unknown');
  });
});

describe('aws-iam-policy-no-full-admin-access', () => {
  const check = (statements: object[]) =>
    only(run('aws-iam-policy-no-full-admin-access', [policy('p', json(statements))]));

  it('fails on Allow * on *, and on *:*', () => {
    expect(check([{ Effect: 'Allow', Action: '*', Resource: '*' }]).status).toBe('failed');
    expect(check([{ Effect: 'Allow', Action: ['*:*'], Resource: ['*'] }]).status).toBe('failed');
  });

  it('passes Deny * on *, * on a scoped resource, and service wildcards', () => {
    expect(check([{ Effect: 'Deny', Action: '*', Resource: '*' }]).status).toBe('passed');
    expect(check([{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' }]).status).toBe(
      'passed',
    );
    expect(check([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]).status).toBe('passed');
  });

  it('fails on NotResource with action * (everything but a few resources)', () => {
    expect(check([{ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::b' }]).status).toBe(
      'failed',
    );
  });

  it('is unknown when an unknown element could make it admin, but fails when another statement already is', () => {
    const doc = (resource: unknown) => ({
      Statement: [{ Effect: 'Allow', Action: '*', Resource: resource }],
    });
    const u = unknown('var.resource has no value');
    const r1 = run('aws-iam-policy-no-full-admin-access', [
      raw('aws_iam_policy', 'p', { policy: doc([u]) as never }),
    ]);
    expect(only(r1).status).toBe('unknown');
    const r2 = run('aws-iam-policy-no-full-admin-access', [
      raw('aws_iam_policy', 'p', {
        policy: {
          Statement: [
            { Effect: 'Allow', Action: '*', Resource: [u] },
            { Effect: 'Allow', Action: '*', Resource: '*' },
          ],
        },
      }),
    ]);
    expect(only(r2).status).toBe('failed');
  });
});

describe('aws-iam-policy-no-wildcard-actions-on-all-resources', () => {
  const check = (actions: string[], resource = '*') =>
    only(
      run('aws-iam-policy-no-wildcard-actions-on-all-resources', [
        policy('p', json([{ Effect: 'Allow', Action: actions, Resource: resource }])),
      ]),
    );

  it('accepts read-only wildcards precisely', () => {
    expect(check(['s3:Get*', '*:List*', 'ec2:Describe*', 's3:GetObject*', 'iam:get*']).status).toBe(
      'passed',
    );
  });

  it('fails on write or service-wide wildcards on all resources', () => {
    for (const a of [
      's3:*',
      'iam:Put*',
      'ec2:*Instance*',
      '*',
      's3:G*',
      's3:Get*Object',
      's3:Get?bject',
    ]) {
      const r = check([a]);
      expect(r.status, a).toBe('failed');
      expect(r.message, a).toContain(a);
    }
  });

  it('accepts wildcards scoped to specific resources and exact actions on *', () => {
    expect(check(['s3:*'], 'arn:aws:s3:::logs/*').status).toBe('passed');
    expect(check(['ec2:StartInstances']).status).toBe('passed');
  });

  it('fails on NotAction with Allow on all resources', () => {
    const r = only(
      run('aws-iam-policy-no-wildcard-actions-on-all-resources', [
        policy('p', json([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }])),
      ]),
    );
    expect(r.status).toBe('failed');
    expect(r.message).toContain('NotAction');
  });
});

describe('aws-iam-policy-no-passrole-on-all-resources', () => {
  const check = (st: object) =>
    only(run('aws-iam-policy-no-passrole-on-all-resources', [policy('p', json([st]))]));

  it('fails on iam:PassRole, iam:Pass*, iam:* (any case) on *', () => {
    for (const a of ['iam:PassRole', 'iam:pass*', 'IAM:*', 'iam:PassRol?']) {
      expect(check({ Effect: 'Allow', Action: a, Resource: '*' }).status, a).toBe('failed');
    }
  });

  it('passes PassRole on a role ARN, and NotAction that excludes it', () => {
    expect(
      check({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::1:role/app' })
        .status,
    ).toBe('passed');
    expect(check({ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }).status).toBe('passed');
    expect(check({ Effect: 'Allow', NotAction: ['s3:*'], Resource: '*' }).status).toBe('failed');
  });

  it('covers inline role, user and group policies as well as role inline_policy blocks', () => {
    const doc = json([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }]);
    const results = run('aws-iam-policy-no-passrole-on-all-resources', [
      raw('aws_iam_role_policy', 'r', { role: 'app', policy: doc }),
      raw('aws_iam_user_policy', 'u', { user: 'bob', policy: doc }),
      raw('aws_iam_group_policy', 'g', { group: 'ops', policy: doc }),
      raw('aws_iam_role', 'app', {
        name: 'app',
        assume_role_policy: '{}',
        inline_policy: [{ name: 'x', policy: doc }],
      }),
    ]);
    expect(statuses(results)).toEqual([
      'aws_iam_role_policy.r=failed',
      'aws_iam_user_policy.u=failed',
      'aws_iam_group_policy.g=failed',
      'aws_iam_role.app=failed',
    ]);
  });
});

describe('resource references in statements', () => {
  it('a reference to another resource ARN is not "*", a bare unknown could be', () => {
    const data = (resources: unknown[]) =>
      raw(
        'aws_iam_policy_document',
        'd',
        { statement: [{ actions: ['iam:PassRole'], resources: resources as never }] },
        { mode: 'data' },
      );
    const p = policy('p', ref('data.aws_iam_policy_document.d', 'json'));
    expect(
      only(
        run('aws-iam-policy-no-passrole-on-all-resources', [
          data([ref('aws_iam_role.app', 'arn')]),
          p,
        ]),
      ).status,
    ).toBe('passed');
    expect(
      only(run('aws-iam-policy-no-passrole-on-all-resources', [data([unknown()]), p])).status,
    ).toBe('unknown');
  });
});
