/**
 * Regressions found by scanning public CloudFormation templates and Kubernetes manifests
 * written by others. Each fixture is a minimal reproduction in our own words, never a copy
 * of the third-party file.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import type { Finding, ScanResult } from '../../src/engine/types.js';

const ROOT = join(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/realworld-cfn-k8s');

function run(name: string): ScanResult {
  return scan([join(FIXTURES, name)], { baseDir: ROOT, today: '2026-12-03' });
}

function find(result: ScanResult, ruleId: string, address: string): Finding {
  const found = result.findings.find((f) => f.ruleId === ruleId && f.resource.address === address);
  if (!found) throw new Error(`no ${ruleId} finding for ${address}`);
  return found;
}

function statuses(result: ScanResult, ruleId: string): string[] {
  return result.findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.resource.address} ${f.status}`)
    .sort();
}

describe('Fn::ForEach loops of the AWS::LanguageExtensions transform', () => {
  const result = run('foreach-loops');

  it('expands a loop over a list parameter into one resource per item', () => {
    expect(statuses(result, 'aws-s3-bucket-encrypted-at-rest')).toEqual([
      'auditArchive passed',
      'billingArchive passed',
    ]);
    // The expanded resource points at the loop body it came from.
    expect(
      find(result, 'aws-s3-bucket-encrypted-at-rest', 'billingArchive').location,
    ).toMatchObject({
      file: 'test/fixtures/realworld-cfn-k8s/foreach-loops/template.yaml',
      startLine: 21,
    });
  });

  it('expands nested loops, substituting Ref and &{} (alphanumerics only) per item', () => {
    expect(statuses(result, 'aws-security-group-no-public-ssh')).toEqual([
      'Allow22From00000 failed',
      'Allow22From1010016 passed',
      'Allow443From00000 passed',
      'Allow443From1010016 passed',
    ]);
    const open = find(result, 'aws-security-group-no-public-ssh', 'Allow22From00000');
    expect(open.message).toContain('port 22 to 0.0.0.0/0');
    expect(open.location?.startLine).toBe(36);
  });

  it('reports a loop whose collection is unknown instead of inventing resources', () => {
    expect(result.findings.some((f) => f.resource.address.endsWith('Queue'))).toBe(false);
    const notes = result.diagnostics.map((d) => `${d.code} ${d.line} ${d.message}`);
    expect(notes).toContain(
      'CW-CFN-008 40 Fn::ForEach::PerRegion has a collection that is not known before deployment; its resources are not checked',
    );
    // No "has no Type" error for the loops, and no macro warning for this AWS transform.
    expect(
      result.diagnostics.filter((d) => d.code === 'CW-CFN-002' || d.code === 'CW-CFN-007'),
    ).toEqual([]);
    expect(find(result, 'aws-sns-topic-encrypted-at-rest', 'Plain').status).toBe('failed');
  });
});

describe('{{ }} in Kubernetes manifests that is not an unrendered chart', () => {
  const result = run('k8s-template-syntax');
  const warnings = result.diagnostics.filter((d) => d.code === 'CW-K8S-005');

  it('does not warn for custom resources or ConfigMap data that use {{ }} themselves', () => {
    expect(warnings.map((d) => d.file)).not.toContain(
      'test/fixtures/realworld-cfn-k8s/k8s-template-syntax/not-helm.yaml',
    );
  });

  it('still warns, at the templated line, for a built-in object holding chart syntax', () => {
    expect(warnings.map((d) => `${d.file}:${d.line}`)).toEqual([
      'test/fixtures/realworld-cfn-k8s/k8s-template-syntax/chart-template.yaml:26',
    ]);
  });
});

describe('Fn::GetAtt of a VPC or subnet CidrBlock', () => {
  const result = run('sg-from-vpc-cidr');

  it('reads the range written on the VPC and subnet instead of calling it unknown', () => {
    const ingress = find(result, 'aws-security-group-no-public-ingress', 'DatabaseAccess');
    expect(ingress.status).toBe('passed');
    expect(find(result, 'aws-security-group-no-public-ssh', 'DatabaseAccess').status).toBe(
      'passed',
    );
  });

  it('stays unknown when the VPC range is chosen at deployment (IPAM pool)', () => {
    const pooled = find(result, 'aws-security-group-no-public-ingress', 'PooledAccess');
    expect(pooled.status).toBe('unknown');
    expect(pooled.message).toContain('PooledVpc.CidrBlock');
  });
});

describe('managed policy ARNs built from AWS::Partition (CDK output)', () => {
  const result = run('cdk-partition-arns');
  const mfa = (address: string): Finding =>
    find(result, 'aws-iam-privileged-role-trust-requires-mfa', address);

  it('recognises AdministratorAccess whatever the partition', () => {
    const admin = mfa('BreakGlassRoleA1B2C3D4');
    expect(admin.status).toBe('failed');
    expect(admin.resource.name).toBe('Stack/BreakGlassRole/Resource');
  });

  it('knows another AWS managed policy is not administrator access', () => {
    // A role that is not privileged gets no finding from this rule (before: unknown).
    expect(statuses(result, 'aws-iam-privileged-role-trust-requires-mfa')).toEqual([
      'BreakGlassRoleA1B2C3D4 failed',
      'RegionalRole0C9D8E7F unknown',
    ]);
    expect(find(result, 'aws-iam-role-trust-not-public', 'ReadOnlyRoleE5F6A7B8').status).toBe(
      'passed',
    );
  });

  it('stays unknown when more than the partition is unknown', () => {
    expect(mfa('RegionalRole0C9D8E7F').status).toBe('unknown');
  });

  it('sees a partition-built GitHub OIDC provider trusted without a subject condition', () => {
    const trust = find(result, 'aws-iam-role-trust-not-public', 'DeployRole1A2B3C4D');
    expect(trust.status).toBe('failed');
    expect(trust.message).toContain('any GitHub Actions workflow');
  });
});

describe('a CloudTrail trail writing to a bucket of the template', () => {
  const result = run('trail-bucket');

  it('treats the bucket as a log bucket, by reference or by name', () => {
    expect(statuses(result, 'aws-s3-log-bucket-protected')).toEqual([
      'Archive failed',
      'Store failed',
    ]);
    expect(find(result, 'aws-s3-log-bucket-protected', 'Store').message).toContain(
      'versioning is Suspended',
    );
  });
});

describe('an AWS Config recorder whose RecordingGroup lists ResourceTypes', () => {
  const result = run('config-recorder-types');

  it('fails the listed-types recorder: CloudFormation has no AllSupported default of true', () => {
    expect(statuses(result, 'aws-config-recorder-records-all-resources')).toEqual([
      'Everything passed',
      'NoGroup passed',
      'VolumesOnly failed',
    ]);
    expect(
      find(result, 'aws-config-recorder-records-all-resources', 'VolumesOnly').location,
    ).toMatchObject({ startLine: 9 });
  });
});

describe('a SAM template referring to resources the transform generates', () => {
  const result = run('sam-generated-ids');

  it('does not report generated ids as missing, but still reports a real typo', () => {
    expect(result.diagnostics.map((d) => `${d.code} ${d.line} ${d.message}`)).toEqual([
      'CW-CFN-004 47 Ref to AlertsTopc, which is neither a parameter nor a resource',
    ]);
  });

  it('still checks the resources that use them', () => {
    const admin = find(result, 'aws-iam-policy-no-full-admin-access', 'ExtraPermissions');
    expect(admin.status).toBe('failed');
  });
});

describe('a bucket policy naming its bucket with the same expression as the bucket', () => {
  const result = run('policy-by-bucket-name');

  it('links the policy to the bucket although the name is unknown before deployment', () => {
    const data = find(result, 'aws-s3-bucket-tls-required', 'Data');
    expect(data.status).toBe('passed');
    expect(data.message).toContain('aws:SecureTransport');
  });

  it('leaves a policy whose expression matches no bucket as a maybe', () => {
    const logs = find(result, 'aws-s3-bucket-tls-required', 'Logs');
    expect(logs.status).toBe('unknown');
    expect(logs.message).toContain('OtherPolicy may be this bucket');
  });
});
