/**
 * The VPC default security group allows no traffic.
 */
import type { SecurityGroup } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { checkRules } from './platform/checks.js';

export default defineRule<SecurityGroup>({
  id: 'aws-default-security-group-restricts-all-traffic',
  title: 'Default security group restricts all traffic',
  severity: 'medium',
  controls: ['network-segmentation', 'firewall-configuration'],
  kinds: ['aws.ec2.security-group'],
  remediation:
    "Declare `aws_default_security_group` with no `ingress` or `egress` blocks, so Terraform removes AWS's default rules, and give resources purpose-made groups.",
  description:
    "Resources launched without a security group land in the VPC's default group. When `aws_default_security_group` is declared, Terraform removes every rule not written in it, so the check fails on any ingress or egress rule it (or a linked rule resource) declares. Other groups give no finding.",
  check: (group) => {
    if (!group.isDefault) return [];
    return checkRules(
      group.rules,
      group.unlinkedRules,
      group.inlineRulesUnknown,
      () => true,
      'the default security group has no ingress or egress rules',
      group.location,
    );
  },
});
