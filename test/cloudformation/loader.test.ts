import { describe, expect, it } from 'vitest';
import { loadCloudFormation, looksLikeCloudFormation } from '../../src/iac/cloudformation/index.js';
import { Unknown, isUnknown, type RawResource, type Value } from '../../src/iac/types.js';

function load(text: string, parameters?: Record<string, string>) {
  return loadCloudFormation('template.yaml', text, parameters ? { parameters } : {});
}

function resource(text: string, id: string, parameters?: Record<string, string>): RawResource {
  const found = load(text, parameters).resources.find((r) => r.address === id);
  if (!found) throw new Error(`no resource ${id}`);
  return found;
}

function prop(r: RawResource, ...path: (string | number)[]): Value | undefined {
  let v: Value | undefined = r.attributes['Properties'];
  for (const step of path) {
    if (v === undefined || v === null || isUnknown(v) || typeof v !== 'object') return undefined;
    v = Array.isArray(v) ? v[step as number] : v[String(step)];
  }
  return v;
}

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
    Default: prod
    AllowedValues: [prod, dev]
  DbPort:
    Type: Number
    Default: 27017
  Secret:
    Type: String
    NoEcho: true
  Subnets:
    Type: CommaDelimitedList
    Default: a,b,c
Mappings:
  RegionMap:
    eu-west-1: { Ami: ami-eu, Retention: 400 }
    us-east-1: { Ami: ami-us, Retention: 400 }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Not [!Condition IsProd]
  Unknowable: !Equals [!Ref 'AWS::Region', eu-west-1]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub '\${Env}-data-\${AWS::AccountId}'
      VersioningConfiguration:
        Status: !If [IsProd, Enabled, Suspended]
      AccessControl: !If [IsDev, PublicRead, !Ref 'AWS::NoValue']
      Tags:
        - Key: port
          Value: !Ref DbPort
        - Key: joined
          Value: !Join ['-', [!Ref Env, x, !Select [1, !Ref Subnets]]]
        - Key: split
          Value: !Select [2, !Split [',', 'p,q,r']]
        - Key: name
          Value: !Sub
            - '\${Prefix}-\${Env}-\${!Literal}'
            - Prefix: app
  DevOnly:
    Type: AWS::SNS::Topic
    Condition: IsDev
  MaybeTopic:
    Type: AWS::SNS::Topic
    Condition: Unknowable
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !FindInMap [RegionMap, !Ref 'AWS::Region', Retention]
      LogGroupName: !FindInMap [RegionMap, eu-west-1, Ami]
      KmsKeyId: !GetAtt Key.Arn
      DataProtectionPolicy:
        Ref: Bucket
  Key:
    Type: AWS::KMS::Key
    Properties:
      Description: !Ref Secret
      KeyPolicy: !ImportValue shared-key-policy
      Tags:
        - Key: a
          Value: { 'Fn::GetAtt': [Bucket, DomainName] }
        - Key: b
          Value: !If [Unknowable, one, two]
        - Key: c
          Value: !Base64 hi
`;

describe('loadCloudFormation: evaluation', () => {
  it('uses parameter defaults and conditions', () => {
    const b = resource(TEMPLATE, 'Bucket');
    expect(b.format).toBe('cloudformation');
    expect(b.type).toBe('AWS::S3::Bucket');
    expect(b.name).toBe('Bucket');
    expect(b.mode).toBe('managed');
    expect(prop(b, 'VersioningConfiguration', 'Status')).toBe('Enabled');
    // !If picked the NoValue branch: the property is gone, and so is its location.
    expect(prop(b)).not.toHaveProperty('AccessControl');
    expect(b.attributeLocations.has('Properties.AccessControl')).toBe(false);
    expect(prop(b, 'Tags', 0, 'Value')).toBe(27017);
    expect(prop(b, 'Tags', 1, 'Value')).toBe('prod-x-b');
    expect(prop(b, 'Tags', 2, 'Value')).toBe('r');
    expect(prop(b, 'Tags', 3, 'Value')).toBe('app-prod-${Literal}');
  });

  it('applies parameter overrides, typed by the parameter', () => {
    const b = resource(TEMPLATE, 'Bucket', { Env: 'dev', DbPort: '5432' });
    expect(prop(b, 'VersioningConfiguration', 'Status')).toBe('Suspended');
    expect(prop(b, 'AccessControl')).toBe('PublicRead');
    expect(prop(b, 'Tags', 0, 'Value')).toBe(5432);
    const result = load(TEMPLATE, { Env: 'dev' });
    expect(result.resources.map((r) => r.address)).toContain('DevOnly');
  });

  it('drops a resource whose condition is false', () => {
    const result = load(TEMPLATE);
    expect(result.resources.map((r) => r.address)).toEqual(['Bucket', 'MaybeTopic', 'Logs', 'Key']);
    // A resource under an unknowable condition is kept, with a note.
    const note = result.diagnostics.find((d) => d.code === 'CW-CFN-006');
    expect(note?.severity).toBe('info');
    expect(note?.message).toContain('MaybeTopic');
  });

  it('gives Unknown for pseudo parameters unless given', () => {
    const name = prop(resource(TEMPLATE, 'Bucket'), 'BucketName');
    expect(name).toBeInstanceOf(Unknown);
    expect((name as Unknown).reason).toContain('AWS::AccountId');
    const known = resource(TEMPLATE, 'Bucket', { 'AWS::AccountId': '123456789012' });
    expect(prop(known, 'BucketName')).toBe('prod-data-123456789012');
  });

  it('reads mappings, also under an unknown key when every entry agrees', () => {
    const logs = resource(TEMPLATE, 'Logs');
    expect(prop(logs, 'RetentionInDays')).toBe(400);
    expect(prop(logs, 'LogGroupName')).toBe('ami-eu');
  });

  it('links references and attributes through Unknown refs', () => {
    const logs = resource(TEMPLATE, 'Logs');
    const kms = prop(logs, 'KmsKeyId') as Unknown;
    expect(kms).toBeInstanceOf(Unknown);
    expect(kms.ref).toEqual({ address: 'Key', attribute: 'Arn' });
    const ref = prop(logs, 'DataProtectionPolicy') as Unknown;
    expect(ref.ref).toEqual({ address: 'Bucket', attribute: 'Ref' });
    const key = resource(TEMPLATE, 'Key');
    expect((prop(key, 'Tags', 0, 'Value') as Unknown).ref).toEqual({
      address: 'Bucket',
      attribute: 'DomainName',
    });
    expect(prop(key, 'Tags', 2, 'Value')).toBe('aGk=');
  });

  it('gives Unknown without ref for imports and parameters without a value', () => {
    const key = resource(TEMPLATE, 'Key');
    const description = prop(key, 'Description') as Unknown;
    expect(description).toBeInstanceOf(Unknown);
    expect(description.ref).toBeUndefined();
    expect(description.reason).toContain('Secret');
    const policy = prop(key, 'KeyPolicy') as Unknown;
    expect(policy.reason).toContain('ImportValue');
    expect(resource(TEMPLATE, 'Key', { Secret: 's3cr3t' }).attributes['Properties']).toMatchObject({
      Description: 's3cr3t',
    });
  });

  it('keeps both branches of an !If on an unknown condition as candidates', () => {
    const v = prop(resource(TEMPLATE, 'Key'), 'Tags', 1, 'Value') as Unknown;
    expect(v).toBeInstanceOf(Unknown);
    expect(v.candidates).toEqual(['one', 'two']);
  });

  it('removes list items that are AWS::NoValue', () => {
    const r = resource(
      `Conditions:\n  No: !Equals [a, b]\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      L: [a, !If [No, x, !Ref 'AWS::NoValue'], b]\n`,
      'T',
    );
    expect(prop(r, 'L')).toEqual(['a', 'b']);
    expect(r.attributeLocations.has('Properties.L.2')).toBe(false);
  });

  it('compares a Ref to a numeric parameter by its default', () => {
    const text = `Parameters:
  DbPort: { Type: Number, Default: 27017 }
  OtherPort: { Type: Number }
Conditions:
  Mongo: !Equals [!Ref DbPort, 27017]
  Other: !Equals [!Ref OtherPort, 27017]
Resources:
  A: { Type: AWS::SNS::Topic, Condition: Mongo }
  B:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !If [Other, x, y]
`;
    const result = load(text);
    expect(result.resources.map((r) => r.address)).toEqual(['A', 'B']);
    expect(prop(result.resources[1]!, 'TopicName')).toBeInstanceOf(Unknown);
    expect(load(text, { DbPort: '5432' }).resources.map((r) => r.address)).toEqual(['B']);
  });
});

describe('loadCloudFormation: locations', () => {
  it('places the resource and every property path on its lines', () => {
    const b = resource(TEMPLATE, 'Bucket');
    expect(b.location).toMatchObject({ file: 'template.yaml', startLine: 25, endLine: 42 });
    expect(b.attributeLocations.get('Properties.VersioningConfiguration.Status')).toMatchObject({
      startLine: 30,
      endLine: 30,
    });
    expect(b.attributeLocations.get('Properties.Tags.1.Value')).toMatchObject({ startLine: 36 });
    expect(b.attributeLocations.get('Properties.Tags.1')).toMatchObject({
      startLine: 35,
      endLine: 36,
    });
  });

  it('reads JSON templates with the same paths and lines', () => {
    const json = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Bucket": {
      "Type": "AWS::S3::Bucket",
      "Properties": {
        "BucketEncryption": {
          "ServerSideEncryptionConfiguration": [
            { "ServerSideEncryptionByDefault": { "SSEAlgorithm": "aws:kms" } }
          ]
        },
        "LoggingConfiguration": { "DestinationBucketName": { "Ref": "Logs" } }
      }
    },
    "Logs": { "Type": "AWS::S3::Bucket" }
  }
}`;
    const result = loadCloudFormation('t.json', json);
    expect(result.diagnostics).toEqual([]);
    const b = result.resources[0]!;
    expect(
      prop(
        b,
        'BucketEncryption',
        'ServerSideEncryptionConfiguration',
        0,
        'ServerSideEncryptionByDefault',
        'SSEAlgorithm',
      ),
    ).toBe('aws:kms');
    expect(
      b.attributeLocations.get(
        'Properties.BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.SSEAlgorithm',
      )?.startLine,
    ).toBe(9);
    expect((prop(b, 'LoggingConfiguration', 'DestinationBucketName') as Unknown).ref).toEqual({
      address: 'Logs',
      attribute: 'Ref',
    });
    expect(b.location.startLine).toBe(4);
  });
});

describe('loadCloudFormation: short-form tags', () => {
  it('reads every short form as its long form', () => {
    const text = `Parameters:
  Name: { Type: String, Default: n }
Conditions:
  A: !Equals [1, 1]
  B: !And [!Condition A, !Or [!Equals [x, y], !Not [!Equals [x, y]]]]
Resources:
  T:
    Type: AWS::SNS::Topic
    Properties:
      Ref1: !Ref Name
      Sub1: !Sub 'x-\${Name}'
      GetAtt1: !GetAtt Q.Arn
      GetAtt2: !GetAtt [Q, Arn]
      If1: !If [B, yes, no]
      Join1: !Join [':', [a, b]]
      Select1: !Select [0, [p, q]]
      Split1: !Split ['/', 'a/b']
      Base641: !Base64 abc
      Cidr1: !Cidr ['10.0.0.0/16', 2, 8]
      Azs1: !GetAZs ''
      Import1: !ImportValue other
      Transform1: !Transform { Name: AWS::Include, Parameters: { Location: s3://x } }
  Q:
    Type: AWS::SQS::Queue
`;
    const result = load(text);
    expect(result.diagnostics).toEqual([]);
    const t = result.resources[0]!;
    const p = t.attributes['Properties'] as Record<string, Value>;
    expect(p['Ref1']).toBe('n');
    expect(p['Sub1']).toBe('x-n');
    expect((p['GetAtt1'] as Unknown).ref).toEqual({ address: 'Q', attribute: 'Arn' });
    expect((p['GetAtt2'] as Unknown).ref).toEqual({ address: 'Q', attribute: 'Arn' });
    expect(p['If1']).toBe('yes');
    expect(p['Join1']).toBe('a:b');
    expect(p['Select1']).toBe('p');
    expect(p['Split1']).toEqual(['a', 'b']);
    expect(p['Base641']).toBe('YWJj');
    for (const k of ['Cidr1', 'Azs1', 'Import1', 'Transform1'])
      expect(p[k]).toBeInstanceOf(Unknown);
  });
});

describe('loadCloudFormation: SAM, CDK and waivers', () => {
  it('keeps SAM resources raw', () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Events:
        Api:
          Type: Api
          Properties: { Path: /, Method: get }
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
`;
    const result = load(text);
    expect(result.diagnostics).toEqual([]);
    expect(result.resources.map((r) => r.type)).toEqual([
      'AWS::Serverless::Function',
      'AWS::Serverless::Api',
    ]);
    expect(looksLikeCloudFormation(text)).toBe(true);
  });

  it('warns about macros it does not expand', () => {
    const result = load(`Transform: [MyMacro]\nResources:\n  T: { Type: AWS::SNS::Topic }\n`);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['CW-CFN-007']);
    expect(result.resources).toHaveLength(1);
  });

  it('names CDK resources by their construct path', () => {
    const json = JSON.stringify(
      {
        Resources: {
          DataBucketE3889A50: {
            Type: 'AWS::S3::Bucket',
            Metadata: { 'aws:cdk:path': 'AppStack/DataBucket/Resource' },
          },
        },
      },
      null,
      1,
    );
    const r = loadCloudFormation('cdk.out/AppStack.template.json', json).resources[0]!;
    expect(r.address).toBe('DataBucketE3889A50');
    expect(r.name).toBe('AppStack/DataBucket/Resource');
    expect(r.comments).toEqual([{ text: 'aws:cdk:path AppStack/DataBucket/Resource', line: 3 }]);
  });

  it('turns metadata waivers and YAML comments into waiver comments', () => {
    const text = `Resources:
  Other:
    Type: AWS::SNS::Topic # crosswalk:ignore not-this-one belongs to Other
  # crosswalk:ignore aws-s3-bucket-versioning-enabled scratch data expires=2027-01-31
  Bucket:
    Type: AWS::S3::Bucket
    Metadata:
      crosswalk:
        ignore:
          - rule: aws-s3-bucket-tls-required
            reason: behind CloudFront
            expires: 2027-06-30
    Properties:
      BucketName: 'a # not a comment' # crosswalk:ignore aws-s3-bucket-lifecycle-configured kept forever
`;
    const b = resource(text, 'Bucket');
    expect(b.comments).toEqual([
      {
        text: 'crosswalk:ignore aws-s3-bucket-tls-required behind CloudFront expires=2027-06-30',
        line: 10,
      },
      {
        text: 'crosswalk:ignore aws-s3-bucket-versioning-enabled scratch data expires=2027-01-31',
        line: 4,
      },
      { text: 'crosswalk:ignore aws-s3-bucket-lifecycle-configured kept forever', line: 14 },
    ]);
    expect(prop(b, 'BucketName')).toBe('a # not a comment');
  });
});

describe('loadCloudFormation: bad input', () => {
  it('reports a malformed YAML template with its line', () => {
    const result = load(
      `Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties: [unclosed\n`,
    );
    expect(result.resources).toEqual([]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      code: 'CW-CFN-001',
      severity: 'error',
      file: 'template.yaml',
    });
    expect(result.diagnostics[0]!.line).toBeGreaterThanOrEqual(4);
  });

  it('reports malformed JSON with its line', () => {
    const result = loadCloudFormation(
      't.json',
      '{\n  "Resources": {\n    "A": { "Type": }\n  }\n}',
    );
    expect(result.diagnostics[0]).toMatchObject({ code: 'CW-CFN-001', line: 3 });
  });

  it('reads a YAML flow mapping that only looks like JSON', () => {
    const result = load('{Resources: {T: {Type: AWS::SNS::Topic}}}');
    expect(result.diagnostics).toEqual([]);
    expect(result.resources.map((r) => r.type)).toEqual(['AWS::SNS::Topic']);
  });

  it('places an alias expansion where the alias is written', () => {
    const result = load(
      'Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: &shared\n      TopicName: t\n  B:\n    Type: AWS::SNS::Topic\n    Properties: *shared\n',
    );
    const b = result.resources[1]!;
    expect(prop(b, 'TopicName')).toBe('t');
    expect(b.attributeLocations.get('Properties.TopicName')?.startLine).toBe(8);
  });

  it('reports structure problems and keeps the good resources', () => {
    const result = load(
      `Resources:\n  NoType:\n    Properties: {}\n  Good:\n    Type: AWS::SNS::Topic\n  Bad:\n    Type: AWS::SNS::Topic\n    Properties:\n      X: !Ref Nowhere\n`,
    );
    expect(result.resources.map((r) => r.address)).toEqual(['Good', 'Bad']);
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['CW-CFN-002', 2],
      ['CW-CFN-004', 9],
    ]);
    expect(load('just a string').diagnostics[0]?.code).toBe('CW-CFN-002');
    expect(load('Resources: []').diagnostics[0]?.code).toBe('CW-CFN-002');
  });

  it('reports a condition that refers to itself', () => {
    const result = load(
      `Conditions:\n  A: !Not [!Condition A]\nResources:\n  T: { Type: AWS::SNS::Topic, Condition: A }\n`,
    );
    expect(result.diagnostics.map((d) => d.code)).toContain('CW-CFN-005');
    expect(result.resources).toHaveLength(1);
  });

  it('refuses an alias bomb quickly', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) {
      const prev = `*a${i - 1}`;
      lines.push(`a${i}: &a${i} [${Array(10).fill(prev).join(', ')}]`);
    }
    const anchors = lines.map((l) => `  ${l}`).join('\n');
    const text = `Metadata:\n${anchors}\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      Bomb: *a11\n`;
    const started = Date.now();
    const result = load(text);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.resources).toEqual([]);
    expect(result.diagnostics[0]?.code).toBe('CW-CFN-003');
  });

  it('refuses a very deep document', () => {
    const depth = 5000;
    const text = `Resources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n      Deep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
    const result = load(text);
    expect(result.resources).toEqual([]);
    expect(result.diagnostics[0]?.code).toBe('CW-CFN-003');
    const json = `{"Resources": {"T": {"Type": "AWS::SNS::Topic", "Properties": {"D": ${'['.repeat(depth)}${']'.repeat(depth)}}}}}`;
    expect(loadCloudFormation('t.json', json).diagnostics[0]?.code).toBe('CW-CFN-003');
  });
});

describe('looksLikeCloudFormation', () => {
  it('recognises templates and nothing else', () => {
    expect(looksLikeCloudFormation("AWSTemplateFormatVersion: '2010-09-09'\n")).toBe(true);
    expect(looksLikeCloudFormation('{"Resources":{"A":{"Type":"AWS::S3::Bucket"}}}')).toBe(true);
    expect(looksLikeCloudFormation('apiVersion: v1\nkind: Pod\nmetadata: { name: x }\n')).toBe(
      false,
    );
    expect(looksLikeCloudFormation('{"format_version":"1.2","resource_changes":[]}')).toBe(false);
  });
});

describe('loadCloudFormation: hostile conditions', () => {
  it('refuses a condition chain too deep to evaluate', () => {
    const n = 20000;
    const conditions = Array.from({ length: n }, (_, i) =>
      i === n - 1 ? `  C${i}: !Equals [a, a]` : `  C${i}: !Not [!Condition C${i + 1}]`,
    ).join('\n');
    const result = load(
      `Conditions:\n${conditions}\nResources:\n  T: { Type: AWS::SNS::Topic, Condition: C0 }\n`,
    );
    expect(result.resources).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['CW-CFN-003']);
  });
});
