/**
 * The lookups that were made linear for large trees (owner indexes in the adapters, the
 * log-bucket index, posture counted per requirements list, lazy resource-type objects)
 * must give what the direct, quadratic versions gave. Each test builds enough resources
 * that a wrong index would show.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding, RequirementRef } from '../../src/engine/types.js';
import { adaptDataResources } from '../../src/iac/aws/terraform/data.js';
import { loadTerraform } from '../../src/iac/terraform/index.js';
import { Unknown, isUnknown, type RawResource } from '../../src/iac/types.js';
import { frameworkResults, type PostureCatalog } from '../../src/posture/scan.js';
import logBucketRule from '../../src/rules/aws/aws-s3-log-bucket-protected.js';
import { DEFAULT_RULE_SETTINGS, type Verdict } from '../../src/rules/types.js';
import { raw } from '../support/raw.js';
import { run as runPlatform } from '../rules/platform/helpers.js';
import { run as runData } from '../rules/data/helpers.js';

const ref = (address: string, attribute = 'id'): Unknown =>
  new Unknown(`${address}.${attribute} is known only after apply`, { address, attribute });

describe('security group rules linked through the owner index', () => {
  const id = 'aws-security-group-no-public-ssh';

  it('links each of many rule resources to its own group, by reference and by literal id', () => {
    const resources: RawResource[] = [];
    for (let i = 0; i < 120; i++) {
      resources.push(raw('aws_security_group', `g${i}`, { name: `g${i}`, id: `sg-${i}` }));
    }
    // a counted group, named by a reference without index
    resources.push(raw('aws_security_group', 'c[0]', { name: 'c' }));
    for (let i = 0; i < 120; i++) {
      if (i % 3 !== 0) continue;
      resources.push(
        raw('aws_security_group_rule', `ssh${i}`, {
          type: 'ingress',
          from_port: 22,
          to_port: 22,
          protocol: 'tcp',
          cidr_blocks: ['0.0.0.0/0'],
          // every other linked rule names its group by literal id instead of reference
          security_group_id: i % 2 === 0 ? ref(`aws_security_group.g${i}`) : `sg-${i}`,
        }),
      );
    }
    resources.push(
      raw('aws_security_group_rule', 'counted', {
        type: 'ingress',
        from_port: 22,
        to_port: 22,
        protocol: 'tcp',
        cidr_blocks: ['0.0.0.0/0'],
        security_group_id: ref('aws_security_group.c'),
      }),
    );
    const failed = runPlatform(id, resources)
      .filter((r) => r.status === 'failed')
      .map((r) => r.address)
      .sort();
    const expected = [
      'aws_security_group.c[0]',
      ...Array.from({ length: 40 }, (_, k) => `aws_security_group.g${k * 3}`),
    ].sort();
    expect(failed).toEqual(expected);
  });
});

describe('S3 parts linked to a counted bucket through the sorted address index', () => {
  const encrypted = 'aws-s3-bucket-encrypted-at-rest';
  const sse = (name: string, bucket: unknown) =>
    raw('aws_s3_bucket_server_side_encryption_configuration', name, {
      bucket: bucket as never,
      rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms' }] }],
    });

  it('links a reference without index only when exactly one instance has that prefix', () => {
    const resources: RawResource[] = [];
    for (let i = 0; i < 50; i++) resources.push(raw('aws_s3_bucket', `b${i}`, {}));
    resources.push(raw('aws_s3_bucket', 'one[0]', {}));
    resources.push(raw('aws_s3_bucket', 'two[0]', {}), raw('aws_s3_bucket', 'two[1]', {}));
    // `two` sorts right after `one` and `b...`: a prefix search must not run into it
    resources.push(raw('aws_s3_bucket', 'onex[0]', {}));
    resources.push(sse('one', ref('aws_s3_bucket.one')), sse('two', ref('aws_s3_bucket.two')));
    const statuses = Object.fromEntries(
      runData(encrypted, resources).map((r) => [r.address, r.status]),
    );
    expect(statuses['aws_s3_bucket.one[0]']).toBe('passed');
    // `two` has two instances: its part is linked to neither, so it may configure any
    // bucket without one of its own, and those are unknown rather than failed
    expect(statuses['aws_s3_bucket.two[0]']).toBe('unknown');
    expect(statuses['aws_s3_bucket.two[1]']).toBe('unknown');
    expect(statuses['aws_s3_bucket.onex[0]']).toBe('unknown');
    expect(statuses['aws_s3_bucket.b7']).toBe('unknown');
    expect(Object.keys(statuses)).toHaveLength(54);
  });
});

describe('aws-s3-log-bucket-protected with many buckets', () => {
  it('finds the buckets other buckets log to, by name and by reference, in one scan context', () => {
    const resources: RawResource[] = [];
    for (let i = 0; i < 60; i++) {
      // plain names: no log word, so only logging targets make them log buckets
      resources.push(raw('aws_s3_bucket', `data${i}`, { bucket: `acme-data-${i}` }));
    }
    resources.push(
      raw('aws_s3_bucket_logging', 'a', {
        bucket: ref('aws_s3_bucket.data1'),
        target_bucket: 'acme-data-7',
      }),
      raw('aws_s3_bucket_logging', 'b', {
        bucket: ref('aws_s3_bucket.data2'),
        target_bucket: ref('aws_s3_bucket.data9'),
      }),
    );
    const entities = adaptDataResources(resources);
    const buckets = entities.filter((e) => e.kind === logBucketRule.kinds[0]);
    const byKind = new Map([[logBucketRule.kinds[0]!, buckets]]);
    // one array per kind, as a scan gives it, so the rule's index is reused across buckets
    const context = {
      settings: DEFAULT_RULE_SETTINGS,
      entitiesOf: <E>(kind: string) => (byKind.get(kind) ?? []) as E[],
    };
    const checked = buckets.flatMap((b) => {
      const out = logBucketRule.check(b as never, context as never);
      const verdicts: Verdict[] = Array.isArray(out) ? out : [out];
      return verdicts.map((v) => `${b.address}=${v.status}`);
    });
    expect(checked).toEqual(['aws_s3_bucket.data7=failed', 'aws_s3_bucket.data9=failed']);
  });
});

describe('posture counted per requirements list', () => {
  const frameworks = [
    {
      id: 'fw',
      name: 'Framework',
      version: '1',
      requirements: ['r1', 'r2', 'r3'].map((id) => ({ framework: 'fw', id, title: id })),
    },
  ];
  const catalog: PostureCatalog = {
    frameworks,
    controls: [{ id: 'c1' }],
    framework: (name) => frameworks.find((f) => f.id === name || name === 'alias'),
    requirementsForControls: () => [{ framework: 'fw', id: 'r1' }],
  };
  const finding = (status: Finding['status'], requirements: RequirementRef[]): Finding =>
    ({ status, requirements }) as unknown as Finding;

  it('gives the same counts whether findings share their requirements array or not', () => {
    const shared: RequirementRef[] = [
      { framework: 'fw', id: 'r2' },
      { framework: 'alias', id: 'r2' }, // the same requirement by alias: counted once
      { framework: 'fw', id: 'extra' }, // not in the catalog: reported under its id
    ];
    const statuses: Finding['status'][] = ['passed', 'failed', 'passed', 'error', 'waived'];
    const sharing = statuses.map((s) => finding(s, shared));
    const copies = statuses.map((s) =>
      finding(
        s,
        shared.map((r) => ({ ...r })),
      ),
    );
    const mixed = [...sharing, finding('unknown', [{ framework: 'fw', id: 'r3' }])];
    const a = frameworkResults(catalog, sharing);
    expect(a).toEqual(frameworkResults(catalog, copies));
    const r2 = a[0]!.requirements.find((r) => r.id === 'r2')!;
    expect(r2.counts).toEqual({ passed: 2, failed: 1, unknown: 1, waived: 1 });
    expect(a[0]!.requirements.map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'extra']);
    const m = frameworkResults(catalog, mixed)[0]!;
    expect(m.requirements.find((r) => r.id === 'r3')!.status).toBe('unknown');
    expect(m.requirements.find((r) => r.id === 'extra')!.counts.failed).toBe(1);
  });
});

describe('resource types made on first reference', () => {
  it('evaluates references to managed resources and data sources of many types', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-perf-'));
    try {
      const lines: string[] = [];
      for (let i = 0; i < 30; i++) {
        lines.push(`resource "aws_s3_bucket" "b${i}" { bucket = "bucket-${i}" }`);
        lines.push(`resource "aws_kms_key" "k${i}" { description = "key ${i}" }`);
      }
      lines.push('data "aws_caller_identity" "me" {}');
      lines.push(`resource "aws_s3_bucket_versioning" "v" {
  bucket = aws_s3_bucket.b17.bucket
  note   = aws_kms_key.k3.description
  owner  = data.aws_caller_identity.me.account_id
  versioning_configuration { status = "Enabled" }
}`);
      writeFileSync(join(dir, 'main.tf'), `${lines.join('\n')}\n`);
      const loaded = loadTerraform([dir]);
      const v = loaded.resources.find((r) => r.address === 'aws_s3_bucket_versioning.v')!;
      expect(v.attributes['bucket']).toBe('bucket-17');
      expect(v.attributes['note']).toBe('key 3');
      const owner = v.attributes['owner'];
      expect(isUnknown(owner) && owner.ref?.address).toBe('data.aws_caller_identity.me');
      expect(loaded.resources.filter((r) => r.mode === 'managed')).toHaveLength(61);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
