/**
 * AWS Config recorders are switched on.
 */
import { isUnknown } from '../../iac/aws/field.js';
import type { ConfigRecorder } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed, unknown } from './platform/checks.js';

export default defineRule<ConfigRecorder>({
  id: 'aws-config-recorder-enabled',
  title: 'AWS Config recorder is enabled',
  severity: 'medium',
  controls: ['configuration-monitoring'],
  kinds: ['aws.config.recorder'],
  remediation:
    "Add an `aws_config_configuration_recorder_status` with `name` set to the recorder's name and `is_enabled = true`.",
  description:
    'A configuration recorder does nothing until started. The recorder is linked to its `aws_config_configuration_recorder_status` by name (reference or literal); without one the recorder stays stopped. When a status resource names a recorder that is not known before apply, the result is unknown.',
  check: (r) => {
    const f = r.isEnabled;
    const v = f.value;
    if (isUnknown(v))
      return unknown(`is_enabled is not known before apply (${v.reason})`, f.location);
    if (v === true) return passed('the recorder status has is_enabled = true', f.location);
    if (v === false) return failed('the recorder status has is_enabled = false', f.location);
    const maybe = r.unlinkedStatuses[0];
    if (maybe)
      return unknown(
        `no status is linked, but ${maybe} names a recorder not known before apply`,
        r.location,
      );
    return failed('no aws_config_configuration_recorder_status starts this recorder', r.location);
  },
});
