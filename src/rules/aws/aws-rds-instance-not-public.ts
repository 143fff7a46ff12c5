/**
 * RDS instance is not publicly accessible.
 */
import { RDS_INSTANCE, type RdsInstance } from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag } from './data/checks.js';

export default defineRule<RdsInstance>({
  id: 'aws-rds-instance-not-public',
  title: 'RDS instance is not publicly accessible',
  severity: 'critical',
  controls: ['firewall-configuration', 'network-segmentation'],
  kinds: [RDS_INSTANCE],
  remediation: 'Set `publicly_accessible = false` and reach the database from inside the VPC.',
  description:
    'A publicly accessible RDS instance gets a public DNS name that resolves to a public IP, so only security groups stand between the database and the internet. Applies to `aws_db_instance` and Aurora cluster instances; an absent `publicly_accessible` means false.',
  check: (entity) =>
    requireFlag(entity.publiclyAccessible, 'publicly_accessible', {
      whenAbsent: false,
      absentNote: 'defaults to false',
      want: false,
    }),
});
