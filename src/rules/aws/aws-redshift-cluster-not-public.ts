/**
 * Redshift cluster is not publicly accessible.
 */
import { REDSHIFT_CLUSTER, type RedshiftCluster } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag } from './data/checks.js';

export default defineRule<RedshiftCluster>({
  id: 'aws-redshift-cluster-not-public',
  title: 'Redshift cluster is not publicly accessible',
  severity: 'critical',
  controls: ['firewall-configuration', 'network-segmentation'],
  kinds: [REDSHIFT_CLUSTER],
  remediation: 'Set `publicly_accessible = false` and reach the cluster from inside the VPC.',
  description:
    'A publicly accessible cluster gets a public IP, leaving only security groups between the warehouse and the internet. ' +
    'When `publicly_accessible` is absent the outcome depends on the Terraform AWS provider version (older versions ' +
    'default to true), which the configuration does not show, so the rule reports unknown and asks for the value to be written.',
  check: (cluster) => {
    const field = cluster.publiclyAccessible;
    if (field.value === undefined) {
      return {
        status: 'unknown',
        message:
          'publicly_accessible is not set; the default depends on the AWS provider version, so set it to false',
        location: field.location,
      };
    }
    return requireFlag(field, 'publicly_accessible', {
      whenAbsent: false,
      absentNote: '',
      want: false,
    });
  },
});
