/**
 * The original plan's policies (examples/policies) on a plan JSON of our own: every
 * expected deny message, once, on the resource it names, mapped into the catalog.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import { loadPaths } from '../../src/rego/cli.js';
import { compile, toJS } from '../../src/rego/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const examples = `${root}examples/policies`;
const plan = `${root}test/fixtures/policy/plan/tfplan.json`;

const EXPECTED_PLAN_DENIALS = [
  "CRITICAL: S3 bucket 'aws_s3_bucket.phi' must have encryption enabled (SOC2:CC6.1, HIPAA:164.312(a)(2)(iv))",
  "CRITICAL: S3 bucket 'aws_s3_bucket.logs' must have encryption enabled (SOC2:CC6.1, HIPAA:164.312(a)(2)(iv))",
  "CRITICAL: RDS instance 'aws_db_instance.main' must enable storage_encrypted (HIPAA:164.312(a)(2)(iv), PCI-DSS:Req3.5.1)",
  "HIGH: Bucket 'aws_s3_bucket_server_side_encryption_configuration.logs' must use KMS encryption, not default AES256 (SOC2:CC6.1)",
  "MEDIUM: KMS key 'aws_kms_key.data' must have rotation enabled (PCI-DSS:Req3.7.4)",
  "HIGH: IAM policy 'aws_iam_policy.broad' grants overly broad permissions with Resource='*' (SOC2:CC6.3)",
  "CRITICAL: Privileged role 'aws_iam_role.admin' must require MFA (PCI-DSS:Req8.4.1)",
  "HIGH: Security group rule 'aws_security_group_rule.ssh' allows ingress from 0.0.0.0/0 on non-standard port (PCI-DSS:Req1.3.1)",
  "HIGH: Security group 'aws_security_group.bastion' allows port 22 from 0.0.0.0/0 (PCI-DSS:Req1.3.1)",
  "HIGH: RDS instance 'aws_db_instance.main' must not be publicly accessible (PCI-DSS:Req1.4.4)",
  "HIGH: CloudTrail 'aws_cloudtrail.main' must be multi-region (PCI-DSS:Req10.2.1)",
  "MEDIUM: CloudTrail 'aws_cloudtrail.main' must enable log file validation (PCI-DSS:Req10.3.4)",
  "MEDIUM: Log group 'aws_cloudwatch_log_group.app' keeps logs 30 days; at least 365 are required (PCI-DSS:Req10.5.1)",
];

describe('examples/policies on a plan', () => {
  it('the aggregating main package, queried as in the original plan, gives every denial', () => {
    const loaded = loadPaths([`${examples}/compliance`]);
    const policy = compile(loaded.modules, { v0Compatible: true });
    const input = JSON.parse(readFileSync(plan, 'utf8')) as unknown;
    const rs = policy.eval('data.compliance.main.deny', { input });
    const messages = toJS(rs[0]!.expressions[0]!.value) as string[];
    expect([...messages].sort()).toEqual([...EXPECTED_PLAN_DENIALS].sort());
  });

  const result = scan([plan], { policies: [examples], baseDir: root, today: '2026-01-01' });
  const custom = result.findings.filter(
    (f) => !f.ruleId.startsWith('aws-') && !f.ruleId.startsWith('k8s-'),
  );

  it('reports each denial once, on the resource its message names', () => {
    const failed = custom.filter(
      (f) => f.status === 'failed' && f.ruleId.startsWith('compliance.'),
    );
    expect(failed.map((f) => f.message).sort()).toEqual([...EXPECTED_PLAN_DENIALS].sort());
    const kms = failed.find((f) => f.message.includes('aws_kms_key.data'))!;
    expect(kms.resource.address).toBe('aws_kms_key.data');
    expect(kms.ruleId).toBe('compliance.encryption.deny');
    expect(kms.severity).toBe('medium');
    // the aggregator's copies are dropped in favour of the mapped rules
    expect(failed.some((f) => f.ruleId === 'compliance.main.deny')).toBe(false);
  });

  it('maps findings through METADATA controls and frameworks', () => {
    const rds = custom.find((f) =>
      f.message.startsWith("CRITICAL: RDS instance 'aws_db_instance.main'"),
    )!;
    expect(rds.controls).toEqual(['encryption-at-rest', 'key-management']);
    expect(rds.requirements).toContainEqual({ framework: 'hipaa', id: '164.312(a)(2)(iv)' });
    expect(rds.requirements).toContainEqual({ framework: 'pci-dss', id: '3.5.1' });
    expect(rds.severity).toBe('critical');
    const hipaa = result.frameworks.find((f) => f.id === 'hipaa')!;
    const req = hipaa.requirements.find((r) => r.id === '164.312(a)(2)(iv)')!;
    expect(req.status).toBe('failing');
    expect(result.rules.map((r) => r.id)).toContain('compliance.encryption.deny');
    expect(
      result.diagnostics.filter((d) => d.code.startsWith('CW-POLICY') && d.severity === 'error'),
    ).toEqual([]);
  });

  it('evaluates the YAML policy per resource: passed, failed', () => {
    const phi = custom.filter((f) => f.ruleId === 'CUSTOM_HIPAA_1');
    const byAddress = Object.fromEntries(phi.map((f) => [f.resource.address, f.status]));
    expect(byAddress).toEqual({
      'aws_s3_bucket.phi': 'passed',
      'aws_s3_bucket.logs': 'failed',
      'aws_db_instance.main': 'failed',
      'aws_db_instance.phi': 'passed',
    });
    expect(phi[0]!.severity).toBe('high');
    expect(phi[0]!.controls).toEqual(['data-classification']);
  });
});

describe('examples/policies on AdmissionReview documents', () => {
  const file = `${root}test/fixtures/policy/k8s/admission-review.yaml`;
  const result = scan([file], { policies: [`${examples}/kubernetes`], baseDir: root });
  it('gives every expected denial of kubernetes.admission', () => {
    const failed = result.findings.filter((f) => f.ruleId === 'kubernetes.admission.deny');
    expect(failed.map((f) => [f.message, f.location.startLine]).sort()).toEqual(
      [
        ["Service account 'ci-deployer' cannot be granted cluster-admin role", 2],
        ["Production RoleBinding requires 'approved-by' annotation", 2],
        ['Wildcard verbs not allowed in production Role', 16],
      ].sort(),
    );
    expect(failed.every((f) => f.controls.includes('role-based-access'))).toBe(true);
  });
});
