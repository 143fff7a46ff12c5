/**
 * Security groups do not open RDP (TCP 3389) to the internet.
 */
import type { SecurityGroup, StandaloneSecurityGroupRule } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { checkRules, opensTcpPortToWorld } from './platform/checks.js';

export default defineRule<SecurityGroup | StandaloneSecurityGroupRule>({
  id: 'aws-security-group-no-public-rdp',
  title: 'Security group does not allow RDP from the internet',
  severity: 'critical',
  controls: ['firewall-configuration', 'network-segmentation'],
  kinds: ['aws.ec2.security-group', 'aws.ec2.security-group-rule'],
  remediation:
    'Remove 0.0.0.0/0 and ::/0 from rules covering port 3389; reach instances through AWS Systems Manager Session Manager, a VPN or a bastion with a narrow source range.',
  description:
    'Fails an ingress rule open to 0.0.0.0/0 or ::/0 whose port range includes TCP 3389, or whose protocol is `-1`/`all` (every port, even when written as `from_port = 0`, `to_port = 0`). Internet-facing RDP endpoints are scanned and brute-forced within minutes of exposure.',
  check: (entity) => {
    const test = (rule: SecurityGroup['rules'][number]) => opensTcpPortToWorld(rule, 3389);
    if (entity.kind === 'aws.ec2.security-group-rule') {
      if (entity.rule.direction !== 'ingress') return [];
      return checkRules(
        [entity.rule],
        [],
        undefined,
        test,
        'the rule does not open port 3389 to the internet',
        entity.location,
      );
    }
    return checkRules(
      entity.rules,
      entity.unlinkedRules,
      entity.inlineRulesUnknown,
      test,
      'no ingress rule opens port 3389 to the internet',
      entity.location,
    );
  },
});
