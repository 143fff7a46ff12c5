import { describe, expect, it } from 'vitest';
import { adaptCloudFormation } from '../../src/iac/aws/cloudformation/index.js';
import type { Entity } from '../../src/iac/aws/field.js';
import type { DynamoDbTable, RdsInstance, S3Bucket } from '../../src/iac/aws/model/data.js';
import type {
  ConfigRecorder,
  Ec2Instance,
  IamPolicy,
  IamRole,
  IamUser,
  IamUserPolicy,
  SecurityGroup,
  StandaloneSecurityGroupRule,
} from '../../src/iac/aws/model/platform.js';
import { loadCloudFormation } from '../../src/iac/cloudformation/index.js';
import { Unknown, isUnknown } from '../../src/iac/types.js';
import { builtinRules } from '../../src/rules/index.js';
import { DEFAULT_RULE_SETTINGS, type Verdict } from '../../src/rules/types.js';

function adapt(body: string, parameters?: Record<string, string>): Entity[] {
  const loaded = loadCloudFormation('stack.yaml', body, parameters ? { parameters } : {});
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return adaptCloudFormation(loaded.resources);
}

function one<E extends Entity>(entities: Entity[], kind: string, address?: string): E {
  const found = entities.filter((e) => e.kind === kind && (!address || e.address === address));
  expect(found).toHaveLength(1);
  return found[0] as E;
}

function check(ruleId: string, entities: Entity[]): Verdict[] {
  const rule = builtinRules.find((r) => r.id === ruleId)!;
  const context = {
    settings: DEFAULT_RULE_SETTINGS,
    entitiesOf: <E extends Entity>(kind: string) => entities.filter((e) => e.kind === kind) as E[],
  };
  return entities
    .filter((e) => rule.kinds.includes(e.kind))
    .flatMap((e) => {
      const v = rule.check(e, context);
      return Array.isArray(v) ? v : [v as Verdict];
    });
}

describe('S3 buckets', () => {
  const template = `Parameters:
  OtherBucket: { Type: String }
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: acme-data
      AccessControl: PublicReadWrite
      LoggingConfiguration: {}
      Tags:
        - Key: DataClassification
          Value: confidential
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: acme-data
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: '*'
            Action: 's3:*'
            Resource: '*'
            Condition: { Bool: { 'aws:SecureTransport': false } }
  Other:
    Type: AWS::S3::Bucket
`;

  it('links a bucket policy by literal name and reads the canned ACL', () => {
    const entities = adapt(template, { OtherBucket: 'somewhere-else' });
    const data = one<S3Bucket>(entities, 'aws.s3.bucket', 'Data');
    expect(data.cannedAcl.value).toBe('public-read-write');
    expect(data.cannedAcl.location.startLine).toBe(8);
    expect(data.sources.map((s) => s.address)).toEqual(['Data', 'DataPolicy']);
    expect(data.tags?.value).toEqual({ DataClassification: 'confidential' });
    expect(isUnknown(data.policy.value)).toBe(false);
    expect(check('aws-s3-bucket-tls-required', [data])[0]?.status).toBe('passed');
    expect(check('aws-s3-bucket-acl-not-public', [data])[0]).toMatchObject({
      status: 'failed',
      message: 'acl is public-read-write',
    });
    // An empty LoggingConfiguration logs into the bucket itself.
    const target = data.loggingTargetBucket.value as Unknown;
    expect(target.ref).toEqual({ address: 'Data', attribute: 'Ref' });
    const other = one<S3Bucket>(entities, 'aws.s3.bucket', 'Other');
    expect(other.policy.value).toBeUndefined();
    expect(check('aws-s3-bucket-tls-required', [other])[0]?.status).toBe('failed');
  });

  it('makes a policy whose bucket is not known possibly any bucket’s', () => {
    const unlinked = template.replace('Bucket: acme-data', 'Bucket: !Ref OtherBucket');
    const entities = adapt(unlinked);
    const other = one<S3Bucket>(entities, 'aws.s3.bucket', 'Other');
    expect(other.policy.value).toBeInstanceOf(Unknown);
    expect(check('aws-s3-bucket-tls-required', [other])[0]?.status).toBe('unknown');
  });

  it('decides a rule over both branches of an unknown condition', () => {
    const body = `Conditions:
  InEu: !Equals [!Ref 'AWS::Region', eu-west-1]
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: !If [InEu, 'aws:kms', AES256]
`;
    const entities = adapt(body);
    expect(check('aws-s3-bucket-encrypted-at-rest', entities)[0]?.status).toBe('passed');
    const eu = adapt(body, { 'AWS::Region': 'eu-west-1' });
    expect(one<S3Bucket>(eu, 'aws.s3.bucket').sseAlgorithm.value).toBe('aws:kms');
  });
});

describe('parameters in rules', () => {
  const body = (param: string) => `Parameters:
  Retention: ${param}
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      BackupRetentionPeriod: !Ref Retention
`;

  it('uses the default, an override, or stays unknown', () => {
    expect(
      check('aws-rds-backup-retention-sufficient', adapt(body('{ Type: Number, Default: 14 }')))[0]
        ?.status,
    ).toBe('passed');
    const overridden = adapt(body('{ Type: Number, Default: 14 }'), { Retention: '1' });
    expect(one<RdsInstance>(overridden, 'aws.rds.instance').backupRetentionPeriod.value).toBe(1);
    expect(check('aws-rds-backup-retention-sufficient', overridden)[0]?.status).toBe('failed');
    const unknown = check(
      'aws-rds-backup-retention-sufficient',
      adapt(body('{ Type: Number }')),
    )[0];
    expect(unknown?.status).toBe('unknown');
    expect(unknown?.message).toContain('Retention');
  });
});

describe('security groups', () => {
  it('links separate rules by GroupId reference and by GroupName', () => {
    const entities = adapt(`Parameters:
  ExternalGroup: { Type: String }
Resources:
  Web:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupName: web
      GroupDescription: web
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }
  Ssh:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Web.GroupId
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: 0.0.0.0/0
  Rdp:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupName: web
      IpProtocol: tcp
      FromPort: 3389
      ToPort: 3389
      SourceSecurityGroupId: sg-123
  Elsewhere:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !Ref ExternalGroup
      IpProtocol: '-1'
      CidrIp: 0.0.0.0/0
`);
    const web = one<SecurityGroup>(entities, 'aws.ec2.security-group');
    expect(web.rules.map((r) => [r.address, r.fromPort.value, r.hasNonCidrPeer])).toEqual([
      ['Web', 443, false],
      ['Ssh', 22, false],
      ['Rdp', 3389, true],
    ]);
    expect(web.unlinkedRules.map((r) => r.address)).toEqual(['Elsewhere']);
    const standalone = one<StandaloneSecurityGroupRule>(entities, 'aws.ec2.security-group-rule');
    expect(standalone.address).toBe('Elsewhere');
    const ssh = check('aws-security-group-no-public-ssh', entities);
    expect(ssh.map((v) => v.status)).toContain('failed');
  });
});

describe('IAM', () => {
  it('attaches managed and inline policies to roles and users', () => {
    const entities = adapt(`Resources:
  Admin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref Ops]
      PolicyDocument:
        Statement: [{ Effect: Allow, Action: '*', Resource: '*' }]
  Ops:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { AWS: arn:aws:iam::123456789012:root }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: logs
          PolicyDocument:
            Statement: [{ Effect: Allow, Action: logs:PutLogEvents, Resource: '*' }]
  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: extra
      Roles: [!Ref Ops]
      PolicyDocument:
        Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: '*' }]
  Bob:
    Type: AWS::IAM::User
    Properties:
      ManagedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]
  Stranger:
    Type: AWS::IAM::UserPolicy
    Properties:
      UserName: someone-else
      PolicyName: p
      PolicyDocument:
        Statement: [{ Effect: Allow, Action: s3:GetObject, Resource: '*' }]
`);
    const role = one<IamRole>(entities, 'aws.iam.role');
    expect(role.attachments).toHaveLength(1);
    expect(role.attachments[0]?.policy?.address).toBe('Admin');
    expect(role.inlinePolicies.map((p) => p.name)).toEqual(['Ops/logs', 'Extra']);
    expect(check('aws-iam-privileged-role-trust-requires-mfa', entities)[0]?.status).toBe('failed');
    const policies = entities.filter((e): e is IamPolicy => e.kind === 'aws.iam.policy');
    expect(policies.map((p) => [p.address, p.holder])).toEqual([
      ['Admin', 'managed'],
      ['Extra', 'role-inline'],
      ['Stranger', 'user-inline'],
      ['Ops', 'role-inline'],
    ]);
    const bob = one<IamUser>(entities, 'aws.iam.user');
    expect(bob.grants.map((g) => g.inline)).toEqual([false]);
    const stranger = one<IamUserPolicy>(entities, 'aws.iam.user-policy');
    expect(stranger.user.value).toBe('someone-else');
    expect(check('aws-iam-user-no-direct-policies', entities).map((v) => v.status)).toEqual([
      'failed',
      'failed',
    ]);
  });

  it('reads inline statements of SAM functions', () => {
    const entities = adapt(`Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      Policies:
        - AWSLambdaBasicExecutionRole
        - DynamoDBReadPolicy: { TableName: t }
        - Statement:
            - Effect: Allow
              Action: '*'
              Resource: '*'
  Table:
    Type: AWS::Serverless::SimpleTable
    Properties:
      SSESpecification: { SSEEnabled: true }
`);
    const policy = one<IamPolicy>(entities, 'aws.iam.policy');
    expect(policy.name).toBe('Fn/Policies.2');
    expect(check('aws-iam-policy-no-full-admin-access', entities)[0]?.status).toBe('failed');
    const table = one<DynamoDbTable>(entities, 'aws.dynamodb.table');
    expect(table.sseEnabled.value).toBe(true);
    expect(check('aws-dynamodb-table-point-in-time-recovery-enabled', entities)[0]?.status).toBe(
      'failed',
    );
  });
});

describe('EC2 and Config', () => {
  it('takes instance metadata options from a linked launch template', () => {
    const entities = adapt(`Resources:
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateName: hardened
      LaunchTemplateData:
        MetadataOptions: { HttpTokens: required }
  ByName:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      LaunchTemplate: { LaunchTemplateName: hardened, Version: '1' }
  External:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      LaunchTemplate: { LaunchTemplateId: lt-0123, Version: '1' }
`);
    const byName = one<Ec2Instance>(entities, 'aws.ec2.instance', 'ByName');
    expect(byName.metadata.httpTokens.value).toBe('required');
    expect(byName.metadata.httpTokens.location.startLine).toBe(7);
    const external = one<Ec2Instance>(entities, 'aws.ec2.instance', 'External');
    expect(external.metadata.httpTokens.value).toBeInstanceOf(Unknown);
    expect(check('aws-ec2-instance-imdsv2-required', entities).map((v) => v.status)).toEqual([
      'passed',
      'unknown',
    ]);
  });

  it('counts a recorder as started when the template has a delivery channel', () => {
    const recorder = `  Recorder:
    Type: AWS::Config::ConfigurationRecorder
    Properties:
      RoleARN: arn:aws:iam::123456789012:role/config
`;
    const withChannel = adapt(`Resources:
${recorder}  Channel:
    Type: AWS::Config::DeliveryChannel
    Properties:
      S3BucketName: config-bucket
`);
    expect(one<ConfigRecorder>(withChannel, 'aws.config.recorder').isEnabled.value).toBe(true);
    expect(check('aws-config-recorder-enabled', withChannel)[0]?.status).toBe('passed');
    const without = adapt(`Resources:\n${recorder}`);
    expect(check('aws-config-recorder-enabled', without)[0]?.status).toBe('unknown');
  });
});

describe('CDK output', () => {
  it('names entities by construct path and keeps the logical id as address', () => {
    const json = JSON.stringify({
      Resources: {
        DataBucketE3889A50: {
          Type: 'AWS::S3::Bucket',
          Properties: { VersioningConfiguration: { Status: 'Enabled' } },
          Metadata: { 'aws:cdk:path': 'AppStack/DataBucket/Resource' },
        },
      },
    });
    const loaded = loadCloudFormation('cdk.out/AppStack.template.json', json);
    const bucket = one<S3Bucket>(adaptCloudFormation(loaded.resources), 'aws.s3.bucket');
    expect(bucket.address).toBe('DataBucketE3889A50');
    expect(bucket.name).toBe('AppStack/DataBucket/Resource');
    expect(bucket.versioning.value).toBe('Enabled');
  });
});
