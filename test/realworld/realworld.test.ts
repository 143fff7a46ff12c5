/**
 * Regressions found by scanning public Terraform written by others. Each fixture is a
 * minimal reproduction in our own words, never a copy of the third-party file.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import type { Finding, ScanResult } from '../../src/engine/types.js';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/realworld');

function run(name: string): ScanResult {
  return scan([join(FIXTURES, name)], { baseDir: ROOT, today: '2026-12-03' });
}

function find(result: ScanResult, ruleId: string, address: string): Finding {
  const found = result.findings.find((f) => f.ruleId === ruleId && f.resource.address === address);
  if (!found) throw new Error(`no ${ruleId} finding for ${address}`);
  return found;
}

function findings(result: ScanResult, ruleId: string): string[] {
  return result.findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.resource.address} ${f.status}`)
    .sort();
}

describe('a resource attribute that is unknown because of a data source', () => {
  const result = run('iam-user-name-from-data');

  it('still links a policy that names the user by reference', () => {
    const inline = find(result, 'aws-iam-user-no-direct-policies', 'aws_iam_user.deployer');
    expect(inline.status).toBe('failed');
    expect(inline.message).toContain('aws_iam_user_policy.deployer_inline');
    expect(inline.location).toMatchObject({
      file: 'test/fixtures/realworld/iam-user-name-from-data/main.tf',
      startLine: 15,
    });
    const managed = find(result, 'aws-iam-user-no-direct-policies', 'aws_iam_user.reader');
    expect(managed.status).toBe('failed');
    expect(managed.message).toContain('aws_iam_user_policy_attachment.reader_managed');
  });

  it('does not report the linked policies a second time as orphans, nor fail the clean user', () => {
    expect(findings(result, 'aws-iam-user-no-direct-policies')).toEqual([
      'aws_iam_user.clean passed',
      'aws_iam_user.deployer failed',
      'aws_iam_user.reader failed',
    ]);
  });
});

describe('security group sources that are the whole internet however they are written', () => {
  const result = run('sg-world-cidr-spellings');

  it('fails SSH open to a /0 written in long IPv6 form or with host bits', () => {
    const longForm = find(
      result,
      'aws-security-group-no-public-ssh',
      'aws_security_group.v6_long_form',
    );
    expect(longForm.status).toBe('failed');
    expect(longForm.message).toContain('0:0:0:0:0:0:0:0/0');
    expect(longForm.location.startLine).toBe(5);
    const hostBits = find(
      result,
      'aws-security-group-no-public-ssh',
      'aws_security_group.host_bits',
    );
    expect(hostBits.status).toBe('failed');
    expect(hostBits.message).toContain('10.20.0.0/0');
    expect(hostBits.location.startLine).toBe(17);
  });

  it('still passes private ranges', () => {
    const finding = find(
      result,
      'aws-security-group-no-public-ssh',
      'aws_security_group.private_only',
    );
    expect(finding.status).toBe('passed');
  });
});

describe('CIDR lists written in Terraform 0.11 style', () => {
  const result = run('sg-legacy-nested-cidrs');

  it('flattens a list wrapped in a list, so a world-open source still fails', () => {
    const finding = find(result, 'aws-security-group-no-public-ssh', 'aws_security_group.bastion');
    expect(finding.status).toBe('failed');
    expect(finding.message).toContain('0.0.0.0/0');
    expect(finding.location.startLine).toBe(15);
    const office = find(
      result,
      'aws-security-group-no-public-ssh',
      'aws_security_group_rule.office_ssh',
    );
    expect(office.status).toBe('passed');
  });

  it('gives unknown, not a pass, for a source element it cannot read', () => {
    const finding = find(
      result,
      'aws-security-group-no-public-ssh',
      'aws_security_group_rule.odd_source',
    );
    expect(finding.status).toBe('unknown');
  });
});

describe('heredoc and templatefile JSON policies that interpolate computed ARNs', () => {
  const result = run('heredoc-policy-computed-arn');

  it('judges the known statements of a heredoc bucket policy', () => {
    const tls = find(result, 'aws-s3-bucket-tls-required', 'aws_s3_bucket.reports');
    expect(tls.status).toBe('passed');
    expect(tls.location).toMatchObject({
      file: 'test/fixtures/realworld/heredoc-policy-computed-arn/main.tf',
      startLine: 9,
    });
  });

  it('fails a wildcard action on every resource next to a statement with a computed ARN', () => {
    const wide = find(
      result,
      'aws-iam-policy-no-wildcard-actions-on-all-resources',
      'aws_iam_role_policy.worker_wide',
    );
    expect(wide.status).toBe('failed');
    expect(wide.message).toContain('ec2:*');
  });

  it('passes a templatefile() policy whose only unknowns are resource ARNs', () => {
    const narrow = find(
      result,
      'aws-iam-policy-no-wildcard-actions-on-all-resources',
      'aws_iam_role_policy.worker_narrow',
    );
    expect(narrow.status).toBe('passed');
  });

  it('stays unknown when the unknown part is the statements themselves', () => {
    const opaque = find(
      result,
      'aws-iam-policy-no-full-admin-access',
      'aws_iam_role_policy.worker_opaque',
    );
    expect(opaque.status).toBe('unknown');
  });
});

describe('split S3 resources of a bucket whose count is not known before apply', () => {
  const result = run('unknown-count-children');
  const bucket = 'aws_s3_bucket.archive[*]';

  it('links them through join(), one() and [0], so their settings decide the verdicts', () => {
    const encrypted = find(result, 'aws-s3-bucket-encrypted-at-rest', bucket);
    expect(encrypted.status).toBe('passed');
    expect(encrypted.location.startLine).toBe(24);
    const versioning = find(result, 'aws-s3-bucket-versioning-enabled', bucket);
    expect(versioning.status).toBe('failed');
    expect(versioning.message).toContain('Suspended');
    const blocked = find(result, 'aws-s3-bucket-public-access-blocked', bucket);
    expect(blocked.status).toBe('passed');
  });
});

describe('.tf.json resources', () => {
  const result = run('json-waiver-scope');

  it('start at their own name, not at the shared "resource" key', () => {
    const scratch = find(result, 'aws-s3-bucket-versioning-enabled', 'aws_s3_bucket.scratch');
    expect(scratch.location).toMatchObject({
      file: 'test/fixtures/realworld/json-waiver-scope/main.tf.json',
      startLine: 4,
    });
    const records = find(result, 'aws-s3-bucket-versioning-enabled', 'aws_s3_bucket.records');
    expect(records.location.startLine).toBe(8);
  });

  it('keep an inline waiver to the resource that holds it', () => {
    const scratch = find(result, 'aws-s3-bucket-versioning-enabled', 'aws_s3_bucket.scratch');
    expect(scratch.status).toBe('waived');
    const records = find(result, 'aws-s3-bucket-versioning-enabled', 'aws_s3_bucket.records');
    expect(records.status).toBe('failed');
  });
});

describe('an account-level S3 Block Public Access', () => {
  it('covers every bucket when all four flags are on, even one with weaker own settings', () => {
    const result = run('account-public-access-block/full');
    for (const address of ['aws_s3_bucket.assets', 'aws_s3_bucket.exports']) {
      const finding = find(result, 'aws-s3-bucket-public-access-blocked', address);
      expect(finding.status, address).toBe('passed');
      expect(finding.location).toMatchObject({
        file: 'test/fixtures/realworld/account-public-access-block/full/main.tf',
        startLine: 2,
      });
    }
  });

  it('does not stand in for the bucket setting when it leaves a flag off', () => {
    const result = run('account-public-access-block/partial');
    const finding = find(result, 'aws-s3-bucket-public-access-blocked', 'aws_s3_bucket.assets');
    expect(finding.status).toBe('failed');
    expect(finding.message).toBe('no public access block is declared for this bucket');
  });
});

describe('bucket names with a random suffix, referenced through `.bucket`', () => {
  const result = run('bucket-name-random-suffix');

  it('links each split resource to its own bucket', () => {
    const media = find(result, 'aws-s3-bucket-versioning-enabled', 'aws_s3_bucket.media');
    expect(media.status).toBe('passed');
    expect(media.location.startLine).toBe(19);
    const backups = find(result, 'aws-s3-bucket-versioning-enabled', 'aws_s3_bucket.backups');
    expect(backups.status).toBe('failed');
    expect(backups.message).toContain('Suspended');
  });
});
