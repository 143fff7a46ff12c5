/**
 * Security groups admit internet traffic only on the allowed public ports.
 */
import type { SecurityGroup, StandaloneSecurityGroupRule } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { checkRules, opensDisallowedToWorld } from './platform/checks.js';

export default defineRule<SecurityGroup | StandaloneSecurityGroupRule>({
  id: 'aws-security-group-no-public-ingress',
  title: 'Security group allows internet ingress only on public service ports',
  severity: 'high',
  controls: ['firewall-configuration', 'network-segmentation'],
  kinds: ['aws.ec2.security-group', 'aws.ec2.security-group-rule'],
  remediation:
    'Restrict the ingress source to known CIDR ranges or security groups; expose only the ports listed in `publicIngressPorts` (80 and 443 by default) to 0.0.0.0/0 or ::/0.',
  description:
    'Fails an ingress rule (inline `ingress` block, `aws_security_group_rule` or `aws_vpc_security_group_ingress_rule`) that is open to 0.0.0.0/0 or ::/0 on any port outside the `publicIngressPorts` setting. Protocol `-1`/`all` means every port whatever `from_port`/`to_port` say; port ranges must lie entirely within the allowed ports; protocols without ports (ICMP, others) open to the world also fail.',
  check: (entity, { settings }) => {
    const test = (rule: SecurityGroup['rules'][number]) =>
      opensDisallowedToWorld(rule, settings.publicIngressPorts);
    if (entity.kind === 'aws.ec2.security-group-rule') {
      if (entity.rule.direction !== 'ingress') return [];
      return checkRules(
        [entity.rule],
        [],
        undefined,
        test,
        'the rule does not open non-public ports to the internet',
        entity.location,
      );
    }
    return checkRules(
      entity.rules,
      entity.unlinkedRules,
      entity.inlineRulesUnknown,
      test,
      `no ingress rule opens ports other than ${settings.publicIngressPorts.join(', ')} to the internet`,
      entity.location,
    );
  },
});
