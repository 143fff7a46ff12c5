/**
 * Redshift cluster is encrypted at rest.
 */
import { REDSHIFT_CLUSTER, type RedshiftCluster } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag } from './data/checks.js';

export default defineRule<RedshiftCluster>({
  id: 'aws-redshift-cluster-encrypted',
  title: 'Redshift cluster is encrypted at rest',
  severity: 'high',
  controls: ['encryption-at-rest'],
  kinds: [REDSHIFT_CLUSTER],
  remediation: 'Set `encrypted = true` (optionally with `kms_key_id`).',
  description:
    'Checks that the cluster is created with encryption at rest, which covers data blocks, system metadata and snapshots. ' +
    'When `encrypted` is absent the outcome depends on the Terraform AWS provider version (older versions send false), ' +
    'which the configuration does not show, so the rule reports unknown and asks for the value to be written.',
  check: (cluster) => {
    const field = cluster.encrypted;
    if (field.value === undefined) {
      return {
        status: 'unknown',
        message:
          'encrypted is not set; the default depends on the AWS provider version, so set it explicitly',
        location: field.location,
      };
    }
    return requireFlag(field, 'encrypted', { whenAbsent: false, absentNote: '' });
  },
});
