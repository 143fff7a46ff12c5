/**
 * AWS Config records every supported resource type.
 */
import { isUnknown } from '../../iac/aws/field.js';
import type { ConfigRecorder } from '../../iac/aws/model/platform.js';
import { defineRule } from '../types.js';
import { failed, passed, unknown } from './platform/checks.js';

export default defineRule<ConfigRecorder>({
  id: 'aws-config-recorder-records-all-resources',
  title: 'AWS Config recorder records all resource types',
  severity: 'medium',
  controls: ['configuration-monitoring'],
  kinds: ['aws.config.recorder'],
  remediation:
    'Set `recording_group { all_supported = true }` (or `recording_strategy { use_only = "ALL_SUPPORTED_RESOURCE_TYPES" }`).',
  description:
    'A recorder limited to a list of resource types leaves the rest of the inventory without change history. `recording_group.all_supported` defaults to true when absent; a `recording_strategy.use_only` other than ALL_SUPPORTED_RESOURCE_TYPES, or `all_supported = false`, fails.',
  check: (r) => {
    const strategy = r.recordingStrategy.value;
    if (isUnknown(strategy))
      return unknown(
        `recording_strategy.use_only is not known before apply (${strategy.reason})`,
        r.recordingStrategy.location,
      );
    if (strategy !== undefined && strategy !== 'ALL_SUPPORTED_RESOURCE_TYPES') {
      return failed(
        `recording_strategy.use_only = "${strategy}" records only some resource types`,
        r.recordingStrategy.location,
      );
    }
    const all = r.allSupported.value;
    if (isUnknown(all))
      return unknown(
        `recording_group.all_supported is not known before apply (${all.reason})`,
        r.allSupported.location,
      );
    if (all === false)
      return failed('recording_group.all_supported = false', r.allSupported.location);
    return passed(
      all === true
        ? 'recording_group.all_supported = true'
        : 'all_supported is not set (defaults to true)',
      r.allSupported.location,
    );
  },
});
