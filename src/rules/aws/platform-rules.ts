/**
 * Registry of the AWS platform rules (IAM, network, compute, load balancers, logging,
 * monitoring, edge), in id order.
 */
import type { Rule } from '../types.js';
import apiGatewayDomainTls12 from './aws-api-gateway-domain-tls12.js';
import apiGatewayStageAccessLoggingEnabled from './aws-api-gateway-stage-access-logging-enabled.js';
import cloudfrontMinimumTls12 from './aws-cloudfront-minimum-tls12.js';
import cloudfrontOriginHttpsOnly from './aws-cloudfront-origin-https-only.js';
import cloudfrontViewerHttpsOnly from './aws-cloudfront-viewer-https-only.js';
import cloudfrontWafAttached from './aws-cloudfront-waf-attached.js';
import cloudtrailCloudwatchLogsIntegrated from './aws-cloudtrail-cloudwatch-logs-integrated.js';
import cloudtrailKmsEncrypted from './aws-cloudtrail-kms-encrypted.js';
import cloudtrailLogFileValidationEnabled from './aws-cloudtrail-log-file-validation-enabled.js';
import cloudtrailLoggingEnabled from './aws-cloudtrail-logging-enabled.js';
import cloudtrailMultiRegion from './aws-cloudtrail-multi-region.js';
import cloudwatchLogGroupKmsEncrypted from './aws-cloudwatch-log-group-kms-encrypted.js';
import cloudwatchLogGroupRetentionSufficient from './aws-cloudwatch-log-group-retention-sufficient.js';
import configRecorderEnabled from './aws-config-recorder-enabled.js';
import configRecorderRecordsAllResources from './aws-config-recorder-records-all-resources.js';
import defaultSecurityGroupRestrictsAllTraffic from './aws-default-security-group-restricts-all-traffic.js';
import ec2InstanceImdsv2Required from './aws-ec2-instance-imdsv2-required.js';
import ec2InstanceNoPublicIp from './aws-ec2-instance-no-public-ip.js';
import ec2LaunchTemplateEbsEncrypted from './aws-ec2-launch-template-ebs-encrypted.js';
import ec2LaunchTemplateImdsv2Required from './aws-ec2-launch-template-imdsv2-required.js';
import guarddutyDetectorEnabled from './aws-guardduty-detector-enabled.js';
import iamPasswordPolicyExpiresPasswords from './aws-iam-password-policy-expires-passwords.js';
import iamPasswordPolicyMinLength from './aws-iam-password-policy-min-length.js';
import iamPasswordPolicyPreventsReuse from './aws-iam-password-policy-prevents-reuse.js';
import iamPasswordPolicyRequiresComplexity from './aws-iam-password-policy-requires-complexity.js';
import iamPolicyNoFullAdminAccess from './aws-iam-policy-no-full-admin-access.js';
import iamPolicyNoPassroleOnAllResources from './aws-iam-policy-no-passrole-on-all-resources.js';
import iamPolicyNoWildcardActionsOnAllResources from './aws-iam-policy-no-wildcard-actions-on-all-resources.js';
import iamPrivilegedRoleTrustRequiresMfa from './aws-iam-privileged-role-trust-requires-mfa.js';
import iamRoleTrustNotPublic from './aws-iam-role-trust-not-public.js';
import iamUserNoDirectPolicies from './aws-iam-user-no-direct-policies.js';
import lbAccessLoggingEnabled from './aws-lb-access-logging-enabled.js';
import lbDropsInvalidHeaders from './aws-lb-drops-invalid-headers.js';
import lbListenerHttpRedirectsToHttps from './aws-lb-listener-http-redirects-to-https.js';
import lbListenerModernTlsPolicy from './aws-lb-listener-modern-tls-policy.js';
import securityGroupNoPublicIngress from './aws-security-group-no-public-ingress.js';
import securityGroupNoPublicRdp from './aws-security-group-no-public-rdp.js';
import securityGroupNoPublicSsh from './aws-security-group-no-public-ssh.js';
import vpcFlowLogsEnabled from './aws-vpc-flow-logs-enabled.js';

export const platformRules: Rule[] = [
  apiGatewayDomainTls12,
  apiGatewayStageAccessLoggingEnabled,
  cloudfrontMinimumTls12,
  cloudfrontOriginHttpsOnly,
  cloudfrontViewerHttpsOnly,
  cloudfrontWafAttached,
  cloudtrailCloudwatchLogsIntegrated,
  cloudtrailKmsEncrypted,
  cloudtrailLogFileValidationEnabled,
  cloudtrailLoggingEnabled,
  cloudtrailMultiRegion,
  cloudwatchLogGroupKmsEncrypted,
  cloudwatchLogGroupRetentionSufficient,
  configRecorderEnabled,
  configRecorderRecordsAllResources,
  defaultSecurityGroupRestrictsAllTraffic,
  ec2InstanceImdsv2Required,
  ec2InstanceNoPublicIp,
  ec2LaunchTemplateEbsEncrypted,
  ec2LaunchTemplateImdsv2Required,
  guarddutyDetectorEnabled,
  iamPasswordPolicyExpiresPasswords,
  iamPasswordPolicyMinLength,
  iamPasswordPolicyPreventsReuse,
  iamPasswordPolicyRequiresComplexity,
  iamPolicyNoFullAdminAccess,
  iamPolicyNoPassroleOnAllResources,
  iamPolicyNoWildcardActionsOnAllResources,
  iamPrivilegedRoleTrustRequiresMfa,
  iamRoleTrustNotPublic,
  iamUserNoDirectPolicies,
  lbAccessLoggingEnabled,
  lbDropsInvalidHeaders,
  lbListenerHttpRedirectsToHttps,
  lbListenerModernTlsPolicy,
  securityGroupNoPublicIngress,
  securityGroupNoPublicRdp,
  securityGroupNoPublicSsh,
  vpcFlowLogsEnabled,
];
