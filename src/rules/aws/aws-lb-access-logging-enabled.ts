/**
 * Load balancers write access logs.
 */
import type { LoadBalancer } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { expectFlag } from './platform/checks.js';

export default defineRule<LoadBalancer>({
  id: 'aws-lb-access-logging-enabled',
  title: 'Load balancer access logging is enabled',
  severity: 'medium',
  controls: ['audit-logging'],
  kinds: ['aws.elb.load-balancer'],
  remediation: 'Add `access_logs { bucket = "<log bucket>" enabled = true }` to the load balancer.',
  description:
    'Access logs record every request the load balancer receives: client address, path, status and TLS details. `access_logs.enabled` defaults to false even when a bucket is given, so it must be true.',
  check: (lb) =>
    expectFlag(lb.accessLogsEnabled, 'access_logs.enabled', {
      want: true,
      whenAbsent: false,
      absentNote: 'access logging is off by default',
    }),
});
