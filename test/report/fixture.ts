/**
 * A realistic scan by hand: four frameworks' worth of requirements, rules across
 * severities, and one finding of every status (plus an expired waiver and diagnostics).
 * The posture is computed by the real `frameworkResults`, so formatters see what a scan
 * would give them.
 */
import {
  SCHEMA_VERSION,
  type Finding,
  type RuleSummary,
  type ScanResult,
} from '../../src/engine/types.js';
import type { Severity } from '../../src/rules/types.js';
import {
  frameworkResults,
  type PostureCatalog,
  type PostureFramework,
} from '../../src/posture/scan.js';

const frameworks: PostureFramework[] = [
  {
    id: 'hipaa',
    name: 'HIPAA Security Rule',
    version: '45 CFR 164 Subpart C',
    requirements: [
      { framework: 'hipaa', id: '164.312', title: 'Technical safeguards' },
      { framework: 'hipaa', id: '164.312(a)(1)', title: 'Access control', parent: '164.312' },
      {
        framework: 'hipaa',
        id: '164.312(a)(2)(iv)',
        title: 'Encryption and decryption',
        parent: '164.312(a)(1)',
      },
      { framework: 'hipaa', id: '164.312(b)', title: 'Audit controls', parent: '164.312' },
      { framework: 'hipaa', id: '164.312(d)', title: 'Authentication', parent: '164.312' },
    ],
  },
  {
    id: 'pci-dss',
    name: 'PCI DSS',
    version: '4.0.1',
    requirements: [
      { framework: 'pci-dss', id: '3', title: 'Protect stored account data' },
      { framework: 'pci-dss', id: '3.5.1', title: 'PAN unreadable when stored', parent: '3' },
      { framework: 'pci-dss', id: '8', title: 'Identify and authenticate users' },
      { framework: 'pci-dss', id: '8.3.6', title: 'Password length and complexity', parent: '8' },
      { framework: 'pci-dss', id: '10', title: 'Log and monitor access' },
      { framework: 'pci-dss', id: '10.2.1', title: 'Audit logs enabled', parent: '10' },
      { framework: 'pci-dss', id: '10.5.1', title: 'Audit log retention', parent: '10' },
    ],
  },
  {
    id: 'soc2',
    name: 'SOC 2',
    version: '2017 (rev. 2022)',
    requirements: [
      { framework: 'soc2', id: 'CC6', title: 'Logical and physical access' },
      { framework: 'soc2', id: 'CC6.1', title: 'Logical access security', parent: 'CC6' },
      { framework: 'soc2', id: 'CC6.6', title: 'Boundary protection', parent: 'CC6' },
      { framework: 'soc2', id: 'CC7', title: 'System operations' },
      { framework: 'soc2', id: 'CC7.2', title: 'Monitoring for anomalies', parent: 'CC7' },
    ],
  },
];

const aliases: Record<string, string> = { pci: 'pci-dss', 'soc-2': 'soc2' };

/** Controls cite `164.312(a)(1)`, a parent, so it is reported though no finding cites it. */
export const catalog: PostureCatalog = {
  frameworks,
  controls: [{ id: 'access-control' }, { id: 'encryption-at-rest' }],
  framework: (name) => frameworks.find((f) => f.id === (aliases[name] ?? name)),
  requirementsForControls: (ids) =>
    ids.includes('access-control') ? [{ framework: 'hipaa', id: '164.312(a)(1)' }] : [],
};

const req = (tag: string) => {
  const at = tag.indexOf(':');
  return { framework: tag.slice(0, at), id: tag.slice(at + 1) };
};

function rule(
  id: string,
  title: string,
  severity: Severity,
  controls: string[],
  requirements: string[],
): RuleSummary {
  return {
    id,
    title,
    severity,
    description: `${title}. Checked on every matching resource.`,
    remediation: `Fix it: ${title.toLowerCase()}.`,
    controls,
    requirements: requirements.map(req),
  };
}

export const rules: RuleSummary[] = [
  rule(
    'aws-s3-bucket-encrypted-at-rest',
    'S3 bucket encrypted at rest',
    'high',
    ['encryption-at-rest'],
    ['hipaa:164.312(a)(2)(iv)', 'pci-dss:3.5.1', 'soc2:CC6.1'],
  ),
  rule(
    'aws-s3-bucket-public-access-blocked',
    'S3 bucket public access blocked',
    'critical',
    ['boundary'],
    ['soc2:CC6.6'],
  ),
  rule(
    'aws-cloudtrail-enabled',
    'CloudTrail enabled',
    'medium',
    ['audit-logging'],
    ['hipaa:164.312(b)', 'pci-dss:10.2.1', 'soc2:CC7.2'],
  ),
  rule(
    'aws-iam-password-min-length',
    'IAM password length',
    'low',
    ['password-policy'],
    ['pci-dss:8.3.6'],
  ),
  rule(
    'aws-cloudwatch-log-retention',
    'Log retention at least 12 months',
    'medium',
    ['log-retention'],
    ['pci-dss:10.5.1'],
  ),
];

function finding(
  ruleId: string,
  address: string,
  status: Finding['status'],
  file: string,
  line: number,
  message: string,
  extra: Partial<Finding> = {},
): Finding {
  const r = rules.find((x) => x.id === ruleId)!;
  const [type = '', name = ''] = address.split('.');
  return {
    ruleId,
    title: r.title,
    severity: r.severity,
    status,
    resource: { type, name, address },
    location: { file, startLine: line, endLine: line + 4 },
    message,
    controls: r.controls,
    requirements: r.requirements,
    remediation: r.remediation,
    ...extra,
  };
}

export const findings: Finding[] = [
  finding(
    'aws-s3-bucket-encrypted-at-rest',
    'aws_s3_bucket.logs',
    'failed',
    'main.tf',
    12,
    'No server-side encryption: sse_algorithm is "none" | expected "aws:kms" or "AES256"',
  ),
  finding(
    'aws-s3-bucket-encrypted-at-rest',
    'aws_s3_bucket.assets',
    'passed',
    'main.tf',
    30,
    'Encrypted with aws:kms',
  ),
  finding(
    'aws-s3-bucket-encrypted-at-rest',
    'aws_s3_bucket.data',
    'unknown',
    'storage/s3.tf',
    5,
    'kms_master_key_id depends on var.kms_key, which has no default',
  ),
  finding(
    'aws-s3-bucket-public-access-blocked',
    'aws_s3_bucket.website',
    'waived',
    'main.tf',
    40,
    'block_public_acls is false',
    {
      waiver: {
        reason: 'Public static website',
        source: 'inline',
        owner: 'web-team',
        expires: '2027-06-30',
        expired: false,
        location: { file: 'main.tf', startLine: 39, endLine: 39 },
      },
    },
  ),
  finding(
    'aws-cloudtrail-enabled',
    'aws_cloudtrail.main',
    'failed',
    'logging.tf',
    3,
    'enable_logging is false',
    {
      waiver: {
        reason: 'Migration to org trail',
        source: 'config',
        expires: '2026-01-31',
        expired: true,
      },
    },
  ),
  finding(
    'aws-cloudtrail-enabled',
    'aws_cloudtrail.secondary',
    'passed',
    'logging.tf',
    20,
    'Logging enabled',
  ),
  finding(
    'aws-iam-password-min-length',
    'aws_iam_account_password_policy.default',
    'error',
    'iam.tf',
    1,
    'The check threw: TypeError: cannot read minimum_password_length',
  ),
  finding(
    'aws-cloudwatch-log-retention',
    'aws_cloudwatch_log_group.app',
    'passed',
    'logging.tf',
    30,
    'retention_in_days is 400',
  ),
];

export function scanResult(overrides: Partial<ScanResult> = {}): ScanResult {
  const count = (status: Finding['status']) => findings.filter((f) => f.status === status).length;
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'crosswalk', version: '0.1.0' },
    startedAt: '2026-12-03T13:00:00.000Z',
    durationMs: 1234,
    paths: ['.'],
    files: ['main.tf', 'storage/s3.tf', 'logging.tf', 'iam.tf', 'broken.tf'],
    summary: {
      resources: new Set(findings.map((f) => f.resource.address)).size,
      findings: findings.length,
      passed: count('passed'),
      failed: count('failed'),
      unknown: count('unknown'),
      waived: count('waived'),
      error: count('error'),
    },
    frameworks: frameworkResults(catalog, findings),
    findings,
    rules,
    diagnostics: [
      {
        code: 'CW-HCL-001',
        severity: 'error',
        message: 'Unexpected "}"',
        file: 'broken.tf',
        line: 7,
        column: 3,
      },
      {
        code: 'CW-TF-010',
        severity: 'warning',
        message: 'Module source not found',
        file: 'main.tf',
      },
    ],
    ...overrides,
  };
}
