/**
 * The S3 hard cases through the whole pipeline (HCL loader, evaluator, adapter, rule),
 * on the rule's own fixtures, checked resource by resource.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../../src/engine/scan.js';
import { dataRules } from '../../../src/rules/aws/data-rules.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/rules');

function statusByAddress(ruleId: string, kind: string): Record<string, string> {
  const rule = dataRules.find((r) => r.id === ruleId)!;
  const dir = join(FIXTURES, ruleId, kind);
  const result = scan([dir], { rules: [rule], baseDir: dir, today: '2026-12-03' });
  return Object.fromEntries(result.findings.map((f) => [f.resource.address, f.status]));
}

describe('S3 encryption hard cases through the scan', () => {
  it('links by reference, by a local name, and through for_each', () => {
    expect(statusByAddress('aws-s3-bucket-encrypted-at-rest', 'pass')).toEqual({
      'aws_s3_bucket.data': 'passed',
      'aws_s3_bucket.reports': 'passed',
      'aws_s3_bucket.team["alpha"]': 'passed',
      'aws_s3_bucket.team["beta"]': 'passed',
    });
  });

  it('fails the unencrypted bucket, is unknown on an unset variable, and passes when every branch is valid', () => {
    expect(statusByAddress('aws-s3-bucket-encrypted-at-rest', 'fail')).toEqual({
      'aws_s3_bucket.uploads': 'failed',
    });
    expect(statusByAddress('aws-s3-bucket-encrypted-at-rest', 'unknown')).toEqual({
      'aws_s3_bucket.data': 'unknown',
    });
    // `var.use_kms ? "aws:kms" : "AES256"` with use_kms unset: both branches are valid
    expect(statusByAddress('aws-s3-bucket-encrypted-at-rest', 'pass-conditional')).toEqual({
      'aws_s3_bucket.data': 'passed',
    });
  });

  it('reads a bucket policy built by an aws_iam_policy_document data source', () => {
    expect(statusByAddress('aws-s3-bucket-tls-required', 'pass')).toEqual({
      'aws_s3_bucket.data': 'passed',
    });
    expect(statusByAddress('aws-s3-bucket-tls-required', 'fail')).toEqual({
      'aws_s3_bucket.data': 'failed',
    });
  });
});
