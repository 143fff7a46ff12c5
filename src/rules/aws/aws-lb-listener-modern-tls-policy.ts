/**
 * HTTPS and TLS listeners use a security policy with TLS 1.2 or later.
 */
import { isUnknown } from '../../iac/aws/field.js';
import type { LoadBalancerListener } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed, unknown } from './platform/checks.js';

/**
 * Predefined policies whose minimum is TLS 1.2: `TLS13-1-2-*` and `TLS13-1-3-*` (TLS13-1-0
 * and TLS13-1-1 still accept older versions), `TLS-1-2-*` and `FS-1-2-*`.
 */
const MODERN = /^ELBSecurityPolicy-(TLS13-1-[23]-|TLS-1-2-|FS-1-2-)/;

export default defineRule<LoadBalancerListener>({
  id: 'aws-lb-listener-modern-tls-policy',
  title: 'Load balancer HTTPS/TLS listener uses a TLS 1.2+ security policy',
  severity: 'high',
  controls: ['encryption-in-transit'],
  kinds: ['aws.elb.listener'],
  remediation:
    'Set `ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06"` (or another TLS 1.2-minimum policy).',
  description:
    'Checks HTTPS and TLS listeners for a predefined security policy whose minimum version is TLS 1.2: ELBSecurityPolicy-TLS13-1-2-*, -TLS13-1-3-*, -TLS-1-2-* or -FS-1-2-*. Policies such as ELBSecurityPolicy-2016-08 or ELBSecurityPolicy-TLS13-1-0-2021-06 still accept TLS 1.0. An absent `ssl_policy` fails: the code then depends on a service default, which for API-created listeners has been ELBSecurityPolicy-2016-08 (TLS 1.0 and later), so the policy should be pinned. Listeners with other protocols give no finding.',
  check: (l) => {
    const protocol = l.protocol.value;
    if (isUnknown(protocol))
      return unknown(
        `protocol is not known before apply (${protocol.reason})`,
        l.protocol.location,
      );
    if (protocol !== 'HTTPS' && protocol !== 'TLS') return [];
    const policy = l.sslPolicy.value;
    if (isUnknown(policy))
      return unknown(
        `ssl_policy is not known before apply (${policy.reason})`,
        l.sslPolicy.location,
      );
    if (policy === undefined)
      return failed(
        'ssl_policy is not set; the service default may be ELBSecurityPolicy-2016-08, which accepts TLS 1.0',
        l.location,
      );
    return MODERN.test(policy)
      ? passed(`ssl_policy = "${policy}"`, l.sslPolicy.location)
      : failed(`ssl_policy = "${policy}" accepts TLS versions below 1.2`, l.sslPolicy.location);
  },
});
