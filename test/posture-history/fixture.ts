/**
 * A small ledger by hand: two scans a few days apart, manual evidence (one item expired, one
 * with an explicit expiry), and one imported result from another tool. The first scan holds
 * engine-style findings (`location`, `requirements`), the second the ledger's flat form with
 * a separate `waivers` list, as src/evidence/scan.ts writes it. Shared by the posture and
 * framework-report tests.
 */
import { createHash } from 'node:crypto';
import type { JsonValue } from '../../src/evidence/types.js';
import type { PostureRecord } from '../../src/posture/records.js';

let seq = 0;
let prev = '0'.repeat(64);

export function record(
  kind: PostureRecord['kind'],
  collectedAt: string,
  status: PostureRecord['status'],
  payload: JsonValue,
  control?: string,
  source = 'crosswalk/0.1.0',
  artifactSha256?: string,
): PostureRecord {
  seq++;
  const id = `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`;
  const hash = createHash('sha256')
    .update(prev + id + collectedAt)
    .digest('hex');
  prev = hash;
  return {
    seq,
    id,
    kind,
    collectedAt,
    status,
    payload,
    hash,
    source,
    ...(control ? { control } : {}),
    ...(artifactSha256 ? { artifactSha256 } : {}),
  };
}

function engineFinding(
  ruleId: string,
  status: string,
  controls: string[],
  file: string,
  line: number,
  extra: Record<string, JsonValue> = {},
): JsonValue {
  return {
    ruleId,
    title: ruleId.replace(/-/g, ' '),
    severity: 'high',
    status,
    resource: { type: 'aws_x', name: 'main', address: `aws_x.${ruleId}` },
    location: { file, startLine: line, endLine: line + 3 },
    message: `${ruleId} is ${status}`,
    controls,
    requirements: [],
    ...extra,
  };
}

export const firstScan = record('scan-run', '2026-11-28T10:00:00.000Z', 'failed', {
  findings: [
    engineFinding(
      'aws-s3-bucket-encrypted-at-rest',
      'failed',
      ['encryption-at-rest'],
      'main.tf',
      12,
      {
        requirements: [{ framework: 'hipaa', id: '164.312(a)(2)(iv)' }],
      },
    ),
    engineFinding('aws-lb-listener-https', 'failed', ['encryption-in-transit'], 'lb.tf', 4),
  ],
});

export const training = record(
  'manual',
  '2026-11-29T08:00:00.000Z',
  'info',
  { fileName: 'training-2026.pdf', size: 52_113 },
  'security-training',
  'alice@example.com',
);

/** Collected more than 365 days before the report: expired. */
export const oldBreachProcedure = record(
  'manual',
  '2025-10-01T08:00:00.000Z',
  'info',
  { fileName: 'breach-procedure.pdf', size: 10_000, item: 'breach-procedure' },
  'breach-notification',
  'bob@example.com',
);

export const breachRegister = record(
  'manual',
  '2026-11-29T09:00:00.000Z',
  'info',
  { fileName: 'breach-register.xlsx', size: 8_000, item: 'breach-register' },
  'breach-notification',
  'bob@example.com',
);

/** The ledger's own scan-run payload shape (src/evidence/scan.ts). */
function flatFinding(
  ruleId: string,
  status: string,
  controls: string[],
  file: string,
  line: number,
  message?: string,
): JsonValue {
  return {
    ruleId,
    status,
    severity: 'high',
    resource: `aws_x.${ruleId}`,
    file,
    line,
    controls,
    message: message ?? `${ruleId} is ${status}`,
  };
}

export const secondScan = record('scan-run', '2026-12-01T09:00:00.000Z', 'failed', {
  tool: { name: 'crosswalk', version: '0.1.0' },
  summary: { findings: 3, passed: 1, failed: 0, unknown: 1, waived: 1, error: 0 },
  findings: [
    flatFinding('aws-s3-bucket-encrypted-at-rest', 'passed', ['encryption-at-rest'], 'main.tf', 12),
    flatFinding('aws-lb-listener-https', 'waived', ['encryption-in-transit'], 'lb.tf', 4),
    flatFinding(
      'aws-cloudtrail-enabled',
      'unknown',
      ['audit-logging'],
      'trail.tf',
      2,
      'is_multi_region_trail depends on var.multi_region, which has no value',
    ),
    { ruleId: 'broken-entry' },
  ],
  waivers: [
    {
      ruleId: 'aws-lb-listener-https',
      resource: 'aws_x.aws-lb-listener-https',
      reason: 'Internal health-check listener only',
      owner: 'net-team',
      expires: '2027-01-31',
      source: 'config',
    },
  ],
});

export const checkovImport = record(
  'import',
  '2026-12-02T07:00:00.000Z',
  'failed',
  {
    format: 'checkov',
    tool: 'checkov',
    toolVersion: '3.2.0',
    ruleId: 'CKV_AWS_MFA',
    status: 'failed',
    message: 'IAM user console access without MFA',
    resource: 'aws_iam_user.admin',
    file: 'iam.tf',
    line: 7,
    controls: ['multi-factor-authentication'],
    mapping: 'mapped',
  },
  'multi-factor-authentication',
  'checkov/3.2.0',
  'a'.repeat(64),
);

export const keyProcedure = record(
  'manual',
  '2026-12-02T10:00:00.000Z',
  'info',
  { fileName: 'kms-procedure.md', size: 4_000, item: 'key-management-procedure' },
  'key-management',
  'carol@example.com',
);

/** Valid through 2026-12-02 only. */
export const cryptoReview = record(
  'manual',
  '2026-12-02T11:00:00.000Z',
  'info',
  { fileName: 'crypto-review.pdf', size: 9_000, item: 'crypto-review', expires: '2026-12-02' },
  'key-management',
  'carol@example.com',
);

export const records: PostureRecord[] = [
  firstScan,
  training,
  oldBreachProcedure,
  breachRegister,
  secondScan,
  checkovImport,
  keyProcedure,
  cryptoReview,
];
