/**
 * KMS key deletion waiting period is long enough to notice a mistake.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { KMS_KEY, type KmsKey } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { unknownVerdict } from './data/checks.js';

/** What KMS uses when no waiting period is given. */
const AWS_DEFAULT_DAYS = 30;

export default defineRule<KmsKey>({
  id: 'aws-kms-key-deletion-window-sufficient',
  title: 'KMS key deletion waiting period is long enough',
  severity: 'low',
  controls: ['key-management'],
  kinds: [KMS_KEY],
  remediation:
    'Raise `deletion_window_in_days` to at least the configured minimum (setting `minKmsKeyDeletionWindowDays`, default 14; AWS allows 7 to 30).',
  description:
    'Deleting a KMS key makes every piece of data encrypted under it unreadable. KMS waits 7 to 30 days (30 when not set) ' +
    'before deleting, and the deletion can be cancelled in that window. A short window leaves little time to notice an ' +
    'accidental or malicious deletion. The minimum comes from the setting `minKmsKeyDeletionWindowDays`.',
  check: (key, context) => {
    const field = key.deletionWindowDays;
    if (isUnknown(field.value)) return unknownVerdict(field, 'deletion_window_in_days');
    const days = field.value ?? AWS_DEFAULT_DAYS;
    const minimum = context.settings.minKmsKeyDeletionWindowDays;
    const shown =
      field.value === undefined
        ? `deletion_window_in_days is not set (KMS uses ${AWS_DEFAULT_DAYS})`
        : `deletion_window_in_days is ${days}`;
    return days >= minimum
      ? { status: 'passed', message: shown, location: field.location }
      : {
          status: 'failed',
          message: `${shown}, below the minimum of ${minimum}`,
          location: field.location,
        };
  },
});
