/**
 * The scan over CloudFormation and Kubernetes: the same pipeline, the same rules, and the
 * cases the formats are known for.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';

function file(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'cw-formats-'));
  writeFileSync(join(dir, name), text);
  return dir;
}

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Environment:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Environment, prod]
Resources:
  ProdOnlyBucket:
    Type: AWS::S3::Bucket
    Condition: IsProd
    Properties:
      BucketName: prod-only
  Database:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t4g.micro
      StorageEncrypted: !If [IsProd, true, false]
`;

describe('CloudFormation in a scan', () => {
  it('does not report a resource whose condition is false, and picks the !If branch', () => {
    const dir = file('template.yaml', TEMPLATE);
    const result = scan([dir], { baseDir: dir });
    expect(result.findings.some((f) => f.resource.address.includes('ProdOnlyBucket'))).toBe(false);
    const rds = result.findings.find((f) => f.ruleId === 'aws-rds-storage-encrypted')!;
    expect(rds.status).toBe('failed');
    expect(rds.location).toMatchObject({ file: 'template.yaml', startLine: 19 });
  });

  it('follows --parameter overrides', () => {
    const dir = file('template.yaml', TEMPLATE);
    const result = scan([dir], { baseDir: dir, parameters: { Environment: 'prod' } });
    expect(result.findings.some((f) => f.resource.address.includes('ProdOnlyBucket'))).toBe(true);
    expect(result.findings.find((f) => f.ruleId === 'aws-rds-storage-encrypted')!.status).toBe(
      'passed',
    );
  });

  it('gives the same verdict as the equivalent Terraform', () => {
    const cfn = file(
      'template.json',
      JSON.stringify({
        Resources: { Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: false } } },
      }),
    );
    const tf = file(
      'main.tf',
      'resource "aws_kms_key" "key" {\n  enable_key_rotation = false\n}\n',
    );
    const verdict = (dir: string) =>
      scan([dir], { baseDir: dir }).findings.find(
        (f) => f.ruleId === 'aws-kms-key-rotation-enabled',
      )?.status;
    expect(verdict(cfn)).toBe('failed');
    expect(verdict(tf)).toBe('failed');
  });
});

describe('Kubernetes in a scan', () => {
  it('keeps a manifest that is followed by a comment-only document', () => {
    const dir = file(
      'deploy.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
        - name: app
          image: shop/web:1.4.2
          securityContext:
            privileged: true
---
# nothing below this line
`,
    );
    const result = scan([dir], { baseDir: dir });
    const privileged = result.findings.filter(
      (f) => f.ruleId.includes('privileged') && f.status === 'failed',
    );
    expect(privileged.length).toBeGreaterThan(0);
    expect(privileged[0]!.location.file).toBe('deploy.yaml');
    expect(privileged[0]!.location.startLine).toBe(13);
    expect(result.diagnostics).toEqual([]);
  });

  it('reports a malformed document with its line and still scans the others', () => {
    const dir = file(
      'mixed.yaml',
      `apiVersion: v1
kind: Service
metadata:
  name: public
spec:
  type: LoadBalancer
---
apiVersion: v1
kind: Pod
metadata: [unclosed
---
apiVersion: v1
kind: Pod
metadata:
  name: root
spec:
  containers:
    - name: app
      image: busybox
`,
    );
    const result = scan([dir], { baseDir: dir });
    expect(
      result.diagnostics.some(
        (d) => d.file === 'mixed.yaml' && d.code.startsWith('CW-K8S-') && (d.line ?? 0) >= 8,
      ),
    ).toBe(true);
    const addresses = new Set(result.findings.map((f) => f.resource.address));
    expect([...addresses].some((a) => a.includes('public'))).toBe(true);
    expect([...addresses].some((a) => a.includes('root'))).toBe(true);
  });
});
