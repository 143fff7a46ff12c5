/**
 * Application load balancers drop invalid HTTP header fields.
 */
import { isUnknown } from '../../iac/aws/field.js';
import type { LoadBalancer } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { expectFlag, unknown } from './platform/checks.js';

export default defineRule<LoadBalancer>({
  id: 'aws-lb-drops-invalid-headers',
  title: 'Application load balancer drops invalid header fields',
  severity: 'medium',
  controls: ['secure-configuration'],
  kinds: ['aws.elb.load-balancer'],
  remediation: 'Set `drop_invalid_header_fields = true` on the application load balancer.',
  description:
    'Headers with invalid names are passed to targets by default, which enables request-smuggling and header-injection attacks against back ends that parse them differently. Applies to application load balancers (`load_balancer_type` absent or "application"); the attribute defaults to false.',
  check: (lb) => {
    const type = lb.type.value;
    if (isUnknown(type))
      return unknown(
        `load_balancer_type is not known before apply (${type.reason})`,
        lb.type.location,
      );
    if (type !== undefined && type !== 'application') return [];
    return expectFlag(lb.dropInvalidHeaderFields, 'drop_invalid_header_fields', {
      want: true,
      whenAbsent: false,
      absentNote: 'defaults to false',
    });
  },
});
