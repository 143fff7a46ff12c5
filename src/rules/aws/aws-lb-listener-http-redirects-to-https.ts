/**
 * Plain HTTP listeners only redirect to HTTPS.
 */
import { isUnknown } from '../../iac/aws/field.js';
import type { LoadBalancerListener } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed, unknown } from './platform/checks.js';

export default defineRule<LoadBalancerListener>({
  id: 'aws-lb-listener-http-redirects-to-https',
  title: 'Load balancer HTTP listener redirects to HTTPS',
  severity: 'medium',
  controls: ['encryption-in-transit'],
  kinds: ['aws.elb.listener'],
  remediation:
    'Give the HTTP listener a `default_action { type = "redirect" redirect { protocol = "HTTPS" port = "443" status_code = "HTTP_301" } }`.',
  description:
    'An HTTP listener that forwards requests serves application traffic unencrypted. Its default action must be a redirect with protocol HTTPS (a fixed response is accepted too, as it serves no application data). An absent `protocol` means HTTP. Listener rules (`aws_lb_listener_rule`) are not checked.',
  check: (l) => {
    const protocol = l.protocol.value;
    if (isUnknown(protocol))
      return unknown(
        `protocol is not known before apply (${protocol.reason})`,
        l.protocol.location,
      );
    if (protocol !== undefined && protocol !== 'HTTP') return [];
    const actions = l.defaultActions.value;
    if (isUnknown(actions))
      return unknown(
        `default_action is not known before apply (${actions.reason})`,
        l.defaultActions.location,
      );
    if (!actions || actions.length === 0)
      return failed('the HTTP listener has no default_action redirecting to HTTPS', l.location);
    for (const a of actions) {
      const type = a.type.value;
      if (isUnknown(type))
        return unknown(
          `default_action.type is not known before apply (${type.reason})`,
          a.type.location,
        );
      if (type === 'fixed-response') continue;
      if (type !== 'redirect')
        return failed(
          `the HTTP listener's default_action is "${type ?? 'unset'}", not a redirect to HTTPS`,
          a.location,
        );
      const to = a.redirectProtocol.value;
      if (isUnknown(to))
        return unknown(
          `redirect.protocol is not known before apply (${to.reason})`,
          a.redirectProtocol.location,
        );
      // The redirect keeps the request's protocol (#{protocol}) when none is given.
      if (to !== 'HTTPS')
        return failed(
          `the redirect's protocol is ${to === undefined ? 'not set (keeps HTTP)' : `"${to}"`}`,
          a.redirectProtocol.location,
        );
    }
    return passed('the HTTP listener redirects to HTTPS', l.defaultActions.location);
  },
});
