/**
 * GuardDuty detectors are enabled.
 */
import type { GuardDutyDetector } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { expectFlag } from './platform/checks.js';

export default defineRule<GuardDutyDetector>({
  id: 'aws-guardduty-detector-enabled',
  title: 'GuardDuty detector is enabled',
  severity: 'high',
  controls: ['intrusion-detection', 'security-monitoring', 'incident-detection'],
  kinds: ['aws.guardduty.detector'],
  remediation: 'Remove `enable = false` from the `aws_guardduty_detector` (or set it to true).',
  description:
    'GuardDuty analyses CloudTrail, VPC flow and DNS logs for signs of compromise. A detector declared with `enable = false` is suspended and produces no findings. `enable` defaults to true.',
  check: (d) =>
    expectFlag(d.enable, 'enable', {
      want: true,
      whenAbsent: true,
      absentNote: 'defaults to true',
    }),
});
