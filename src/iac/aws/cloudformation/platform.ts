/**
 * CloudFormation adapter for the AWS platform: IAM, security groups, VPC flow logs, EC2
 * instances and launch templates, load balancers, logging and monitoring, API Gateway and
 * CloudFront, into the model of ../model/platform.ts.
 */
import { Unknown, isUnknown, type RawResource, type Value } from '../../types.js';
import type { Entity, Field } from '../field.js';
import type {
  ApiGatewayDomainName,
  ApiGatewayStage,
  CloudFrontCacheBehavior,
  CloudFrontDistribution,
  CloudFrontOrigin,
  ConfigRecorder,
  Ec2Instance,
  GuardDutyDetector,
  IamPolicy,
  IamRole,
  IamUser,
  IamUserPolicy,
  IamUserPolicyGrant,
  InstanceMetadataOptions,
  LaunchTemplate,
  LaunchTemplateVolume,
  ListenerAction,
  LoadBalancer,
  LoadBalancerListener,
  LogGroup,
  MaybeString,
  PolicyAttachment,
  PolicyDocument,
  PolicyHolderKind,
  SecurityGroup,
  SecurityGroupRule,
  StandaloneSecurityGroupRule,
  Trail,
  Vpc,
} from '../model/platform.js';
import { policyDocument } from './policy.js';
import {
  absent,
  at,
  bool,
  entityBase,
  linkTo,
  list,
  num,
  ofType,
  present,
  raw,
  str,
  type Path,
} from './support.js';

export function adaptCfnPlatform(resources: readonly RawResource[]): Entity[] {
  return [
    ...adaptIam(resources),
    ...adaptSecurityGroups(resources),
    ...adaptVpcs(resources),
    ...adaptCompute(resources),
    ...adaptLoadBalancers(resources),
    ...adaptLogging(resources),
    ...adaptEdge(resources),
  ];
}

// ---------------------------------------------------------------------------------------
// IAM

function policyEntity(
  r: RawResource,
  holder: PolicyHolderKind,
  document: Field<PolicyDocument>,
  name = r.name,
): IamPolicy {
  return { ...entityBase(r, 'aws.iam.policy'), name, holder, document };
}

/** The `Policies: [{ PolicyName, PolicyDocument }]` list of a role, user or group. */
function inlinePolicies(r: RawResource, holder: PolicyHolderKind): IamPolicy[] {
  const items = list(r, ['Policies']);
  if (isUnknown(items)) {
    return [policyEntity(r, holder, { value: items, location: at(r, ['Policies']) })];
  }
  return items.map((item, i) => {
    const name = isRecord(item) && typeof item['PolicyName'] === 'string' ? item['PolicyName'] : i;
    return policyEntity(
      r,
      holder,
      policyDocument(r, ['Policies', i, 'PolicyDocument']),
      `${r.name}/${String(name)}`,
    );
  });
}

/**
 * SAM `Policies`: inline statements (`{ Statement: [...] }`) become policies of the role SAM
 * creates. Managed policy names and SAM policy templates are not expanded.
 */
function samPolicies(r: RawResource): IamPolicy[] {
  const value = raw(r, ['Policies']);
  if (isUnknown(value))
    return [policyEntity(r, 'role-inline', { value, location: at(r, ['Policies']) })];
  const items: { item: Value; path: Path }[] = Array.isArray(value)
    ? value.map((item, i) => ({ item, path: ['Policies', i] }))
    : value !== undefined
      ? [{ item: value, path: ['Policies'] }]
      : [];
  return items
    .filter(({ item }) => isUnknown(item) || (isRecord(item) && 'Statement' in item))
    .map(({ path }) =>
      policyEntity(r, 'role-inline', policyDocument(r, path), `${r.name}/${path.join('.')}`),
    );
}

function adaptIam(resources: readonly RawResource[]): Entity[] {
  const out: Entity[] = [];
  const managed = ofType(resources, 'AWS::IAM::ManagedPolicy').map((resource) => ({
    resource,
    entity: policyEntity(resource, 'managed', policyDocument(resource, ['PolicyDocument'])),
  }));
  out.push(...managed.map((m) => m.entity));
  const managedResources = managed.map((m) => m.resource);

  /** An attachment by ARN: `!Ref SomeManagedPolicy`, or a literal ARN. */
  const attachment = (r: RawResource, path: Path): PolicyAttachment => {
    const arn = str(r, path);
    const link = linkTo(raw(r, path), managedResources);
    let policy =
      link.kind === 'linked' ? managed.find((m) => m.resource === link.owner)?.entity : undefined;
    if (!policy && typeof arn.value === 'string' && /:policy\//.test(arn.value)) {
      const name = arn.value.split('/').pop();
      policy = managed.find((m) => raw(m.resource, ['ManagedPolicyName']) === name)?.entity;
    }
    return { arn, ...(policy ? { policy } : {}), location: at(r, path) };
  };

  const roles = ofType(resources, 'AWS::IAM::Role').map((resource) => ({
    resource,
    inline: inlinePolicies(resource, 'role-inline'),
    attachments: [] as PolicyAttachment[],
    sources: [] as RawResource[],
  }));
  const roleResources = roles.map((r) => r.resource);
  const unlinkedRoleAttachments: PolicyAttachment[] = [];
  for (const role of roles) {
    const arns = list(role.resource, ['ManagedPolicyArns']);
    if (isUnknown(arns)) role.attachments.push(attachment(role.resource, ['ManagedPolicyArns']));
    else
      arns.forEach((_, i) =>
        role.attachments.push(attachment(role.resource, ['ManagedPolicyArns', i])),
      );
  }

  const users = ofType(resources, 'AWS::IAM::User').map((resource) => ({
    resource,
    grants: [] as IamUserPolicyGrant[],
    sources: [] as RawResource[],
  }));
  const userResources = users.map((u) => u.resource);

  /** Gives a policy from `r` to the user named at `path`, or reports it on its own. */
  const grantUser = (r: RawResource, path: Path, inline: boolean): void => {
    const grant: IamUserPolicyGrant = {
      address: r.address,
      resourceType: r.type,
      inline,
      location: at(r, path),
    };
    const link = linkTo(raw(r, path), userResources, 'UserName');
    const user = link.kind === 'linked' ? users.find((u) => u.resource === link.owner) : undefined;
    if (user) {
      user.grants.push(grant);
      user.sources.push(r);
      return;
    }
    const orphan: IamUserPolicy = {
      ...entityBase(r, 'aws.iam.user-policy'),
      user: str(r, path),
      inline,
    };
    out.push(orphan);
  };

  /** Links `r` to every role named in the list at `path`. */
  const forRoles = (
    r: RawResource,
    path: Path,
    add: (role: (typeof roles)[number]) => void,
    a?: PolicyAttachment,
  ): void => {
    const items = list(r, path);
    const values: readonly (Value | undefined)[] = isUnknown(items) ? [items] : items;
    for (const v of values) {
      const link = linkTo(v, roleResources, 'RoleName');
      const role =
        link.kind === 'linked' ? roles.find((x) => x.resource === link.owner) : undefined;
      if (role) {
        add(role);
        role.sources.push(r);
      } else if (link.kind === 'unknown' && a) unlinkedRoleAttachments.push(a);
    }
  };
  const forUsers = (r: RawResource, path: Path, inline: boolean): void => {
    const items = list(r, path);
    if (isUnknown(items)) grantUser(r, path, inline);
    else items.forEach((_, i) => grantUser(r, [...path, i], inline));
  };

  // Managed policies name the roles and users they are attached to.
  for (const m of managed) {
    const r = m.resource;
    const a: PolicyAttachment = {
      arn: {
        value: new Unknown(`the ARN of ${r.address} is known only after the stack is created`, {
          address: r.address,
          attribute: 'Ref',
        }),
        location: r.location,
      },
      policy: m.entity,
      location: at(r, ['Roles']),
    };
    forRoles(r, ['Roles'], (role) => role.attachments.push(a), a);
    forUsers(r, ['Users'], false);
  }

  // AWS::IAM::Policy is an inline policy embedded in each role, user and group it names.
  for (const r of ofType(resources, 'AWS::IAM::Policy')) {
    const holder: PolicyHolderKind = present(r, ['Roles'])
      ? 'role-inline'
      : present(r, ['Users'])
        ? 'user-inline'
        : 'group-inline';
    const entity = policyEntity(r, holder, policyDocument(r, ['PolicyDocument']));
    out.push(entity);
    forRoles(r, ['Roles'], (role) => role.inline.push(entity));
    forUsers(r, ['Users'], true);
  }
  for (const r of ofType(resources, 'AWS::IAM::RolePolicy')) {
    const entity = policyEntity(r, 'role-inline', policyDocument(r, ['PolicyDocument']));
    out.push(entity);
    forRoles(r, ['RoleName'], (role) => role.inline.push(entity));
  }
  for (const r of ofType(resources, 'AWS::IAM::UserPolicy')) {
    out.push(policyEntity(r, 'user-inline', policyDocument(r, ['PolicyDocument'])));
    grantUser(r, ['UserName'], true);
  }
  for (const r of ofType(resources, 'AWS::IAM::GroupPolicy')) {
    out.push(policyEntity(r, 'group-inline', policyDocument(r, ['PolicyDocument'])));
  }
  for (const r of ofType(resources, 'AWS::IAM::Group'))
    out.push(...inlinePolicies(r, 'group-inline'));
  for (const r of ofType(resources, 'AWS::Serverless::Function', 'AWS::Serverless::StateMachine')) {
    out.push(...samPolicies(r));
  }

  for (const role of roles) {
    const entity: IamRole = {
      ...entityBase(role.resource, 'aws.iam.role', role.sources),
      trustPolicy: policyDocument(role.resource, ['AssumeRolePolicyDocument']),
      inlinePolicies: role.inline,
      attachments: role.attachments,
      unlinkedAttachments: unlinkedRoleAttachments,
    };
    out.push(entity, ...role.inline.filter((p) => p.address === role.resource.address));
  }
  for (const user of users) {
    const r = user.resource;
    const own = inlinePolicies(r, 'user-inline');
    out.push(...own);
    const ownGrants: IamUserPolicyGrant[] = [];
    const inlineItems = list(r, ['Policies']);
    const inlineCount = isUnknown(inlineItems) ? 1 : inlineItems.length;
    for (let i = 0; i < inlineCount; i++) {
      ownGrants.push({
        address: r.address,
        resourceType: r.type,
        inline: true,
        location: at(r, ['Policies', i]),
      });
    }
    const arns = list(r, ['ManagedPolicyArns']);
    const arnCount = isUnknown(arns) ? 1 : arns.length;
    for (let i = 0; i < arnCount; i++) {
      ownGrants.push({
        address: r.address,
        resourceType: r.type,
        inline: false,
        location: at(r, ['ManagedPolicyArns', i]),
      });
    }
    const entity: IamUser = {
      ...entityBase(r, 'aws.iam.user', user.sources),
      grants: [...ownGrants, ...user.grants],
    };
    out.push(entity);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Security groups

function cidrs(r: RawResource, base: Path): Field<readonly MaybeString[]> {
  const values: MaybeString[] = [];
  let seen = false;
  for (const key of ['CidrIp', 'CidrIpv6']) {
    const f = str(r, [...base, key]);
    if (f.value === undefined) continue;
    seen = true;
    if (isUnknown(f.value) && !f.value.ref) return { value: f.value, location: f.location };
    values.push(f.value);
  }
  return { value: seen ? values : undefined, location: at(r, [...base, 'CidrIp']) };
}

function sgRule(r: RawResource, direction: 'ingress' | 'egress', base: Path): SecurityGroupRule {
  const peers =
    direction === 'ingress'
      ? ['SourceSecurityGroupId', 'SourceSecurityGroupName', 'SourcePrefixListId']
      : ['DestinationSecurityGroupId', 'DestinationPrefixListId'];
  return {
    direction,
    protocol: str(r, [...base, 'IpProtocol']),
    fromPort: num(r, [...base, 'FromPort']),
    toPort: num(r, [...base, 'ToPort']),
    cidrs: cidrs(r, base),
    hasNonCidrPeer: peers.some((p) => present(r, [...base, p])),
    address: r.address,
    location: base.length > 0 ? at(r, base) : r.location,
  };
}

function adaptSecurityGroups(resources: readonly RawResource[]): Entity[] {
  const groups = ofType(resources, 'AWS::EC2::SecurityGroup').map((resource) => ({
    resource,
    rules: [] as SecurityGroupRule[],
    sources: [] as RawResource[],
    unknown: undefined as Unknown | undefined,
  }));
  for (const g of groups) {
    for (const [key, direction] of [
      ['SecurityGroupIngress', 'ingress'],
      ['SecurityGroupEgress', 'egress'],
    ] as const) {
      const items = list(g.resource, [key]);
      if (isUnknown(items)) g.unknown ??= items;
      else
        items.forEach((item, i) => {
          if (isUnknown(item)) g.unknown ??= item;
          else g.rules.push(sgRule(g.resource, direction, [key, i]));
        });
    }
  }
  const out: Entity[] = [];
  const unlinked: SecurityGroupRule[] = [];
  const groupResources = groups.map((g) => g.resource);
  for (const r of ofType(
    resources,
    'AWS::EC2::SecurityGroupIngress',
    'AWS::EC2::SecurityGroupEgress',
  )) {
    const rule = sgRule(r, r.type === 'AWS::EC2::SecurityGroupIngress' ? 'ingress' : 'egress', []);
    const idLink = linkTo(raw(r, ['GroupId']), groupResources);
    const link =
      idLink.kind === 'absent'
        ? linkTo(raw(r, ['GroupName']), groupResources, 'GroupName')
        : idLink;
    const group =
      link.kind === 'linked' ? groups.find((g) => g.resource === link.owner) : undefined;
    if (group) {
      group.rules.push(rule);
      group.sources.push(r);
      continue;
    }
    if (link.kind === 'unknown') unlinked.push(rule);
    const standalone: StandaloneSecurityGroupRule = {
      ...entityBase(r, 'aws.ec2.security-group-rule'),
      group: str(r, [raw(r, ['GroupId']) !== undefined ? 'GroupId' : 'GroupName']),
      rule,
    };
    out.push(standalone);
  }
  for (const g of groups) {
    const entity: SecurityGroup = {
      ...entityBase(g.resource, 'aws.ec2.security-group', g.sources),
      isDefault: false,
      rules: g.rules,
      ...(g.unknown ? { inlineRulesUnknown: g.unknown } : {}),
      unlinkedRules: unlinked,
    };
    out.push(entity);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// VPCs and flow logs

function adaptVpcs(resources: readonly RawResource[]): Entity[] {
  const vpcs = ofType(resources, 'AWS::EC2::VPC').map((resource) => ({
    resource,
    flowLogs: [] as string[],
    sources: [] as RawResource[],
  }));
  const unlinked: { address: string; reason: string }[] = [];
  for (const r of ofType(resources, 'AWS::EC2::FlowLog')) {
    const type = raw(r, ['ResourceType']);
    if (typeof type === 'string' && type !== 'VPC') continue;
    const link = linkTo(
      raw(r, ['ResourceId']),
      vpcs.map((v) => v.resource),
    );
    const vpc = link.kind === 'linked' ? vpcs.find((v) => v.resource === link.owner) : undefined;
    if (vpc) {
      vpc.flowLogs.push(r.address);
      vpc.sources.push(r);
    } else if (link.kind === 'unknown') unlinked.push({ address: r.address, reason: link.reason });
  }
  return vpcs.map((v): Vpc => ({
    ...entityBase(v.resource, 'aws.ec2.vpc', v.sources),
    flowLogs: v.flowLogs,
    unlinkedFlowLogs: unlinked,
  }));
}

// ---------------------------------------------------------------------------------------
// EC2 instances and launch templates

const LT_DATA: Path = ['LaunchTemplateData'];

function metadataOptions(r: RawResource, base: Path): InstanceMetadataOptions {
  return {
    httpTokens: str(r, [...base, 'MetadataOptions', 'HttpTokens']),
    httpEndpoint: str(r, [...base, 'MetadataOptions', 'HttpEndpoint']),
  };
}

function adaptCompute(resources: readonly RawResource[]): Entity[] {
  const out: Entity[] = [];
  const templates = ofType(resources, 'AWS::EC2::LaunchTemplate');
  const subnets = ofType(resources, 'AWS::EC2::Subnet');
  for (const r of ofType(resources, 'AWS::EC2::Instance')) {
    // AWS::EC2::Instance takes metadata options only through a launch template.
    let metadata = metadataOptions(r, []);
    const extra: RawResource[] = [];
    if (metadata.httpTokens.value === undefined && present(r, ['LaunchTemplate'])) {
      const idLink = linkTo(raw(r, ['LaunchTemplate', 'LaunchTemplateId']), templates);
      const link =
        idLink.kind === 'absent'
          ? linkTo(
              raw(r, ['LaunchTemplate', 'LaunchTemplateName']),
              templates,
              'LaunchTemplateName',
            )
          : idLink;
      if (link.kind === 'linked') {
        metadata = metadataOptions(link.owner, LT_DATA);
        extra.push(link.owner);
      } else {
        const value = new Unknown(
          'the metadata options come from a launch template that is not in the scan',
        );
        const location = at(r, ['LaunchTemplate']);
        metadata = { httpTokens: { value, location }, httpEndpoint: { value, location } };
      }
    }
    // The primary network interface decides the public IP when interfaces are given.
    const nic: Path = ['NetworkInterfaces', 0];
    const subnetPath: Path =
      present(r, ['SubnetId']) || !present(r, [...nic, 'SubnetId'])
        ? ['SubnetId']
        : [...nic, 'SubnetId'];
    const subnetId = str(r, subnetPath);
    const subnetLink = linkTo(raw(r, subnetPath), subnets);
    const subnet = subnetLink.kind === 'linked' ? subnetLink.owner : undefined;
    if (subnet) extra.push(subnet);
    const entity: Ec2Instance = {
      ...entityBase(r, 'aws.ec2.instance', extra),
      metadata,
      associatePublicIp: bool(r, [...nic, 'AssociatePublicIpAddress']),
      subnetId,
      ...(subnet ? { subnetMapsPublicIp: bool(subnet, ['MapPublicIpOnLaunch']) } : {}),
      // An existing interface attached by id decides the public IP itself.
      hasNetworkInterfaces:
        isUnknown(raw(r, ['NetworkInterfaces'])) || present(r, [...nic, 'NetworkInterfaceId']),
    };
    out.push(entity);
  }

  for (const r of templates) {
    const path: Path = [...LT_DATA, 'BlockDeviceMappings'];
    const items = list(r, path);
    const volumes: Field<readonly LaunchTemplateVolume[]> = isUnknown(items)
      ? { value: items, location: at(r, path) }
      : {
          value: items.map((_, i) => ({
            deviceName: str(r, [...path, i, 'DeviceName']),
            isEbs: present(r, [...path, i, 'Ebs']),
            encrypted: bool(r, [...path, i, 'Ebs', 'Encrypted']),
            location: at(r, [...path, i]),
          })),
          location: at(r, path),
        };
    const entity: LaunchTemplate = {
      ...entityBase(r, 'aws.ec2.launch-template', [], ['TagSpecifications', 0, 'Tags']),
      metadata: metadataOptions(r, LT_DATA),
      volumes,
      // CloudFormation has no resource for the account's EBS encryption default.
      ebsEncryptionByDefault: absent(r),
    };
    out.push(entity);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Load balancers

/** A `LoadBalancerAttributes: [{ Key, Value }]` entry. */
function lbAttribute(r: RawResource, key: string): Field<Value> {
  const items = list(r, ['LoadBalancerAttributes']);
  if (isUnknown(items)) return { value: items, location: at(r, ['LoadBalancerAttributes']) };
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (isUnknown(item)) return { value: item, location: at(r, ['LoadBalancerAttributes', i]) };
    if (isRecord(item) && item['Key'] === key) {
      const v = item['Value'];
      return { value: v === null ? undefined : v, location: at(r, ['LoadBalancerAttributes', i]) };
    }
  }
  return { value: undefined, location: at(r, ['LoadBalancerAttributes']) };
}

function asBool(f: Field<Value>): Field<boolean> {
  const v = f.value;
  if (v === undefined || isUnknown(v) || typeof v === 'boolean') return f as Field<boolean>;
  if (typeof v === 'string' && /^(true|false)$/i.test(v))
    return { value: v.toLowerCase() === 'true', location: f.location };
  return { value: new Unknown(`${JSON.stringify(v)} is not a boolean`), location: f.location };
}

function asString(f: Field<Value>): Field<string> {
  const v = f.value;
  if (v === undefined || isUnknown(v) || typeof v === 'string') return f as Field<string>;
  return { value: new Unknown('the attribute value is not a string'), location: f.location };
}

function adaptLoadBalancers(resources: readonly RawResource[]): Entity[] {
  const lbs = ofType(resources, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
  const out: Entity[] = lbs.map((r): LoadBalancer => ({
    ...entityBase(r, 'aws.elb.load-balancer'),
    type: str(r, ['Type']),
    dropInvalidHeaderFields: asBool(
      lbAttribute(r, 'routing.http.drop_invalid_header_fields.enabled'),
    ),
    accessLogsEnabled: asBool(lbAttribute(r, 'access_logs.s3.enabled')),
    accessLogsBucket: asString(lbAttribute(r, 'access_logs.s3.bucket')),
  }));
  for (const r of ofType(resources, 'AWS::ElasticLoadBalancingV2::Listener')) {
    const link = linkTo(raw(r, ['LoadBalancerArn']), lbs);
    const lb = link.kind === 'linked' ? link.owner : undefined;
    const items = list(r, ['DefaultActions']);
    const defaultActions: Field<readonly ListenerAction[]> = isUnknown(items)
      ? { value: items, location: at(r, ['DefaultActions']) }
      : {
          value: items.map((_, i) => ({
            type: str(r, ['DefaultActions', i, 'Type']),
            redirectProtocol: str(r, ['DefaultActions', i, 'RedirectConfig', 'Protocol']),
            location: at(r, ['DefaultActions', i]),
          })),
          location: at(r, ['DefaultActions']),
        };
    const entity: LoadBalancerListener = {
      ...entityBase(r, 'aws.elb.listener', lb ? [lb] : []),
      protocol: str(r, ['Protocol']),
      port: num(r, ['Port']),
      sslPolicy: str(r, ['SslPolicy']),
      defaultActions,
      ...(lb ? { loadBalancerType: str(lb, ['Type']) } : {}),
    };
    out.push(entity);
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Logging and monitoring

function adaptLogging(resources: readonly RawResource[]): Entity[] {
  const out: Entity[] = [];
  for (const r of ofType(resources, 'AWS::Logs::LogGroup')) {
    const entity: LogGroup = {
      ...entityBase(r, 'aws.logs.log-group'),
      retentionInDays: num(r, ['RetentionInDays']),
      kmsKeyId: str(r, ['KmsKeyId']),
    };
    out.push(entity);
  }
  for (const r of ofType(resources, 'AWS::CloudTrail::Trail')) {
    // `s3BucketName` is not in the Trail model: aws-s3-log-bucket-protected reads it when
    // present, to know the bucket receives audit logs.
    const entity: Trail & { s3BucketName: Field<string> } = {
      ...entityBase(r, 'aws.cloudtrail.trail'),
      enableLogging: bool(r, ['IsLogging']),
      isMultiRegion: bool(r, ['IsMultiRegionTrail']),
      logFileValidation: bool(r, ['EnableLogFileValidation']),
      kmsKeyId: str(r, ['KMSKeyId']),
      cloudWatchLogsGroupArn: str(r, ['CloudWatchLogsLogGroupArn']),
      s3BucketName: str(r, ['S3BucketName']),
    };
    out.push(entity);
  }
  for (const r of ofType(resources, 'AWS::GuardDuty::Detector')) {
    const entity: GuardDutyDetector = {
      ...entityBase(r, 'aws.guardduty.detector'),
      enable: bool(r, ['Enable']),
    };
    out.push(entity);
  }
  // CloudFormation starts a recorder once the region has a delivery channel; there is no
  // separate status resource.
  const channels = ofType(resources, 'AWS::Config::DeliveryChannel');
  for (const r of ofType(resources, 'AWS::Config::ConfigurationRecorder')) {
    const channel = channels[0];
    const entity: ConfigRecorder = {
      ...entityBase(r, 'aws.config.recorder', channel ? [channel] : []),
      allSupported: recordsAllSupported(r),
      recordingStrategy: str(r, ['RecordingGroup', 'RecordingStrategy', 'UseOnly']),
      isEnabled: channel
        ? { value: true, location: channel.location }
        : {
            value: new Unknown(
              'CloudFormation starts the recorder only once a delivery channel exists, and none is declared in this template',
            ),
            location: r.location,
          },
      unlinkedStatuses: [],
    };
    out.push(entity);
  }
  return out;
}

/**
 * `RecordingGroup.AllSupported`. Unlike the Terraform provider, CloudFormation has no
 * default of true for it: a group that lists `ResourceTypes` and leaves it out records
 * those types only.
 */
function recordsAllSupported(r: RawResource): Field<boolean> {
  const written = bool(r, ['RecordingGroup', 'AllSupported']);
  if (written.value !== undefined) return written;
  const typesPath: Path = ['RecordingGroup', 'ResourceTypes'];
  const types = list(r, typesPath);
  if (isUnknown(types)) return { value: types, location: at(r, typesPath) };
  return types.length > 0 ? { value: false, location: at(r, typesPath) } : written;
}

// ---------------------------------------------------------------------------------------
// API Gateway and CloudFront

function adaptEdge(resources: readonly RawResource[]): Entity[] {
  const out: Entity[] = [];
  const stages: [string, 'rest' | 'http', string][] = [
    ['AWS::ApiGateway::Stage', 'rest', 'AccessLogSetting'],
    ['AWS::Serverless::Api', 'rest', 'AccessLogSetting'],
    ['AWS::ApiGatewayV2::Stage', 'http', 'AccessLogSettings'],
    ['AWS::Serverless::HttpApi', 'http', 'AccessLogSettings'],
  ];
  for (const [type, api, key] of stages) {
    for (const r of ofType(resources, type)) {
      const entity: ApiGatewayStage = {
        ...entityBase(r, 'aws.apigateway.stage'),
        api,
        accessLogDestination: str(r, [key, 'DestinationArn']),
      };
      out.push(entity);
    }
  }
  for (const r of ofType(resources, 'AWS::ApiGateway::DomainName')) {
    const entity: ApiGatewayDomainName = {
      ...entityBase(r, 'aws.apigateway.domain-name'),
      securityPolicy: str(r, ['SecurityPolicy']),
    };
    out.push(entity);
  }
  for (const r of ofType(resources, 'AWS::CloudFront::Distribution')) out.push(distribution(r));
  return out;
}

function distribution(r: RawResource): CloudFrontDistribution {
  const cfg: Path = ['DistributionConfig'];
  const behaviors: CloudFrontCacheBehavior[] = [];
  let unknown: Unknown | undefined;
  const def = raw(r, [...cfg, 'DefaultCacheBehavior']);
  if (isUnknown(def)) unknown = def;
  else if (def !== undefined) {
    behaviors.push({
      viewerProtocolPolicy: str(r, [...cfg, 'DefaultCacheBehavior', 'ViewerProtocolPolicy']),
      location: at(r, [...cfg, 'DefaultCacheBehavior']),
    });
  }
  const ordered = list(r, [...cfg, 'CacheBehaviors']);
  if (isUnknown(ordered)) unknown ??= ordered;
  else
    ordered.forEach((item, i) => {
      const base = [...cfg, 'CacheBehaviors', i];
      const pattern = isRecord(item) ? item['PathPattern'] : undefined;
      behaviors.push({
        ...(typeof pattern === 'string' ? { pathPattern: pattern } : {}),
        viewerProtocolPolicy: str(r, [...base, 'ViewerProtocolPolicy']),
        location: at(r, base),
      });
    });
  const originItems = list(r, [...cfg, 'Origins']);
  const origins: Field<readonly CloudFrontOrigin[]> = isUnknown(originItems)
    ? { value: originItems, location: at(r, [...cfg, 'Origins']) }
    : {
        value: originItems.map((item, i) => {
          const base = [...cfg, 'Origins', i];
          const id = isRecord(item) ? item['Id'] : undefined;
          return {
            ...(typeof id === 'string' ? { originId: id } : {}),
            isCustom: present(r, [...base, 'CustomOriginConfig']),
            protocolPolicy: str(r, [...base, 'CustomOriginConfig', 'OriginProtocolPolicy']),
            location: at(r, base),
          };
        }),
        location: at(r, [...cfg, 'Origins']),
      };
  return {
    ...entityBase(r, 'aws.cloudfront.distribution'),
    origins,
    cacheBehaviors: unknown
      ? { value: unknown, location: r.location }
      : { value: behaviors, location: at(r, [...cfg, 'DefaultCacheBehavior']) },
    defaultCertificate: bool(r, [...cfg, 'ViewerCertificate', 'CloudFrontDefaultCertificate']),
    minimumProtocolVersion: str(r, [...cfg, 'ViewerCertificate', 'MinimumProtocolVersion']),
    webAclId: str(r, [...cfg, 'WebACLId']),
  };
}

function isRecord(v: Value | undefined): v is { [key: string]: Value } {
  return (
    v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) && !isUnknown(v)
  );
}
