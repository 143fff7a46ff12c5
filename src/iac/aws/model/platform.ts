/**
 * Typed model of the AWS platform: IAM, network filtering, load balancers, logging and
 * monitoring services, EC2 hardening and edge services. Adapters (Terraform today,
 * CloudFormation later) fill these interfaces; rules read only these.
 */
import type { SourceLocation } from '../../types.js';
import type { Entity, Field, Unknown } from '../field.js';

/** A string that may not be knowable before apply (e.g. `"${var.service}:*"`). */
export type MaybeString = string | Unknown;

// ---------------------------------------------------------------------------------------
// IAM policy documents

export interface PolicyCondition {
  /** Operator, e.g. `Bool`, `StringEquals`, `NumericLessThan`. */
  readonly operator: MaybeString;
  /** Context key, e.g. `aws:MultiFactorAuthPresent`. */
  readonly key: MaybeString;
  readonly values: readonly MaybeString[] | Unknown;
}

export interface PolicyPrincipal {
  /** `AWS`, `Service`, `Federated`, `CanonicalUser`, or `*` for `"Principal": "*"`. */
  readonly type: MaybeString;
  readonly identifiers: readonly MaybeString[] | Unknown;
}

export interface PolicyStatement {
  readonly sid?: string;
  /** `Allow` or `Deny`; absent means Allow in `aws_iam_policy_document`. */
  readonly effect: Field<string>;
  readonly actions: Field<readonly MaybeString[]>;
  readonly notActions: Field<readonly MaybeString[]>;
  readonly resources: Field<readonly MaybeString[]>;
  readonly notResources: Field<readonly MaybeString[]>;
  readonly principals: Field<readonly PolicyPrincipal[]>;
  readonly notPrincipals: Field<readonly PolicyPrincipal[]>;
  readonly conditions: Field<readonly PolicyCondition[]>;
  readonly location: SourceLocation;
}

export interface PolicyDocument {
  readonly statements: readonly PolicyStatement[];
  /**
   * Set when statements may exist that the model cannot see, e.g. a policy document data
   * source that merges `source_policy_documents` with unknown contents.
   */
  readonly incomplete?: Unknown;
  readonly location: SourceLocation;
}

/** Where a permission policy is attached. */
export type PolicyHolderKind = 'managed' | 'role-inline' | 'user-inline' | 'group-inline';

/** Any permission policy document: a managed policy or an inline one. */
export interface IamPolicy extends Entity {
  readonly kind: 'aws.iam.policy';
  readonly holder: PolicyHolderKind;
  readonly document: Field<PolicyDocument>;
}

/** A reference to a managed policy attached to a role, user or group. */
export interface PolicyAttachment {
  /** The policy ARN as written; Unknown for a computed ARN. */
  readonly arn: Field<string>;
  /** The declared managed policy the ARN points to, when it is in the scan. */
  readonly policy?: IamPolicy;
  readonly location: SourceLocation;
}

export interface IamRole extends Entity {
  readonly kind: 'aws.iam.role';
  /** The trust policy (`assume_role_policy`). */
  readonly trustPolicy: Field<PolicyDocument>;
  readonly inlinePolicies: readonly IamPolicy[];
  readonly attachments: readonly PolicyAttachment[];
  /**
   * Attachments whose role cannot be determined (role name Unknown without a reference):
   * any of them may grant this role more.
   */
  readonly unlinkedAttachments: readonly PolicyAttachment[];
}

/** A policy given straight to a user: inline, or a managed policy attached to the user. */
export interface IamUserPolicyGrant {
  readonly address: string;
  readonly resourceType: string;
  readonly inline: boolean;
  readonly location: SourceLocation;
}

export interface IamUser extends Entity {
  readonly kind: 'aws.iam.user';
  readonly grants: readonly IamUserPolicyGrant[];
}

/**
 * A policy given to a user that is not declared in the scan (or whose name is Unknown),
 * so it cannot be shown on an `aws.iam.user`.
 */
export interface IamUserPolicy extends Entity {
  readonly kind: 'aws.iam.user-policy';
  readonly user: Field<string>;
  readonly inline: boolean;
}

export interface IamPasswordPolicy extends Entity {
  readonly kind: 'aws.iam.password-policy';
  readonly minimumLength: Field<number>;
  readonly requireSymbols: Field<boolean>;
  readonly requireNumbers: Field<boolean>;
  readonly requireUppercase: Field<boolean>;
  readonly requireLowercase: Field<boolean>;
  readonly reusePrevention: Field<number>;
  readonly maxAgeDays: Field<number>;
}

// ---------------------------------------------------------------------------------------
// Network filtering

export interface SecurityGroupRule {
  readonly direction: 'ingress' | 'egress';
  /** As written: `tcp`, `udp`, `icmp`, `-1`, `all`, or a protocol number. */
  readonly protocol: Field<string>;
  readonly fromPort: Field<number>;
  readonly toPort: Field<number>;
  /** IPv4 and IPv6 CIDR sources (or destinations for egress). */
  readonly cidrs: Field<readonly MaybeString[]>;
  /** True when the rule also or only names a security group, prefix list or `self`. */
  readonly hasNonCidrPeer: boolean;
  /** Address of the resource that declared the rule. */
  readonly address: string;
  readonly location: SourceLocation;
}

export interface SecurityGroup extends Entity {
  readonly kind: 'aws.ec2.security-group';
  /** True for `aws_default_security_group` (the VPC's default group). */
  readonly isDefault: boolean;
  /** Rules, inline and from separate rule resources linked to this group. */
  readonly rules: readonly SecurityGroupRule[];
  /** Set when the inline rule blocks are not knowable (e.g. a dynamic block over a variable). */
  readonly inlineRulesUnknown?: Unknown;
  /** Separate rule resources whose group is Unknown without a reference: they may belong here. */
  readonly unlinkedRules: readonly SecurityGroupRule[];
}

/** A separate security-group rule resource that is not linked to a declared group. */
export interface StandaloneSecurityGroupRule extends Entity {
  readonly kind: 'aws.ec2.security-group-rule';
  readonly group: Field<string>;
  readonly rule: SecurityGroupRule;
}

// ---------------------------------------------------------------------------------------
// Load balancers

export interface LoadBalancer extends Entity {
  readonly kind: 'aws.elb.load-balancer';
  /** `application` (default), `network` or `gateway`. */
  readonly type: Field<string>;
  readonly dropInvalidHeaderFields: Field<boolean>;
  readonly accessLogsEnabled: Field<boolean>;
  readonly accessLogsBucket: Field<string>;
}

export interface ListenerAction {
  readonly type: Field<string>;
  /** For `redirect` actions: the target protocol. */
  readonly redirectProtocol: Field<string>;
  readonly location: SourceLocation;
}

export interface LoadBalancerListener extends Entity {
  readonly kind: 'aws.elb.listener';
  readonly protocol: Field<string>;
  readonly port: Field<number>;
  readonly sslPolicy: Field<string>;
  readonly defaultActions: Field<readonly ListenerAction[]>;
  /** The load balancer's type when the listener is linked to a declared one. */
  readonly loadBalancerType?: Field<string>;
}

// ---------------------------------------------------------------------------------------
// Logging and monitoring

export interface LogGroup extends Entity {
  readonly kind: 'aws.logs.log-group';
  readonly retentionInDays: Field<number>;
  readonly kmsKeyId: Field<string>;
}

export interface Trail extends Entity {
  readonly kind: 'aws.cloudtrail.trail';
  readonly enableLogging: Field<boolean>;
  readonly isMultiRegion: Field<boolean>;
  readonly logFileValidation: Field<boolean>;
  readonly kmsKeyId: Field<string>;
  readonly cloudWatchLogsGroupArn: Field<string>;
}

export interface Vpc extends Entity {
  readonly kind: 'aws.ec2.vpc';
  /** Addresses of flow logs linked to this VPC. */
  readonly flowLogs: readonly string[];
  /** Flow logs whose VPC is Unknown without a reference: any of them may cover this VPC. */
  readonly unlinkedFlowLogs: readonly { readonly address: string; readonly reason: string }[];
}

export interface GuardDutyDetector extends Entity {
  readonly kind: 'aws.guardduty.detector';
  readonly enable: Field<boolean>;
}

export interface ConfigRecorder extends Entity {
  readonly kind: 'aws.config.recorder';
  readonly allSupported: Field<boolean>;
  /** `recording_strategy.use_only`, e.g. `ALL_SUPPORTED_RESOURCE_TYPES`. */
  readonly recordingStrategy: Field<string>;
  /** From the linked recorder status resource; undefined value when there is none. */
  readonly isEnabled: Field<boolean>;
  /** Status resources whose recorder name is Unknown without a reference. */
  readonly unlinkedStatuses: readonly string[];
}

// ---------------------------------------------------------------------------------------
// EC2

export interface InstanceMetadataOptions {
  readonly httpTokens: Field<string>;
  readonly httpEndpoint: Field<string>;
}

export interface Ec2Instance extends Entity {
  readonly kind: 'aws.ec2.instance';
  /** The instance's own `metadata_options`, else those of its launch template. */
  readonly metadata: InstanceMetadataOptions;
  readonly associatePublicIp: Field<boolean>;
  readonly subnetId: Field<string>;
  /** `map_public_ip_on_launch` of the linked declared subnet, when there is one. */
  readonly subnetMapsPublicIp?: Field<boolean>;
  readonly hasNetworkInterfaces: boolean;
}

export interface LaunchTemplateVolume {
  readonly deviceName: Field<string>;
  /** False for mappings without an `ebs` block (instance store, `no_device`). */
  readonly isEbs: boolean;
  readonly encrypted: Field<boolean>;
  readonly location: SourceLocation;
}

export interface LaunchTemplate extends Entity {
  readonly kind: 'aws.ec2.launch-template';
  readonly metadata: InstanceMetadataOptions;
  readonly volumes: Field<readonly LaunchTemplateVolume[]>;
  /** True when the scan enables EBS encryption by default for the account and region. */
  readonly ebsEncryptionByDefault: Field<boolean>;
}

// ---------------------------------------------------------------------------------------
// Edge services

export interface ApiGatewayStage extends Entity {
  readonly kind: 'aws.apigateway.stage';
  /** `rest` for API Gateway v1 stages, `http` for v2 (HTTP and WebSocket APIs). */
  readonly api: 'rest' | 'http';
  readonly accessLogDestination: Field<string>;
}

export interface ApiGatewayDomainName extends Entity {
  readonly kind: 'aws.apigateway.domain-name';
  readonly securityPolicy: Field<string>;
}

export interface CloudFrontCacheBehavior {
  readonly pathPattern?: string;
  readonly viewerProtocolPolicy: Field<string>;
  readonly location: SourceLocation;
}

export interface CloudFrontOrigin {
  readonly originId?: string;
  /** True when the origin has a `custom_origin_config` (not an S3 or VPC origin). */
  readonly isCustom: boolean;
  /** `custom_origin_config.origin_protocol_policy`: `http-only`, `https-only`, `match-viewer`. */
  readonly protocolPolicy: Field<string>;
  readonly location: SourceLocation;
}

export interface CloudFrontDistribution extends Entity {
  readonly kind: 'aws.cloudfront.distribution';
  readonly cacheBehaviors: Field<readonly CloudFrontCacheBehavior[]>;
  readonly origins: Field<readonly CloudFrontOrigin[]>;
  readonly defaultCertificate: Field<boolean>;
  readonly minimumProtocolVersion: Field<string>;
  readonly webAclId: Field<string>;
}
