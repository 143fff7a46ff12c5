/**
 * RDS database accepts IAM authentication.
 */
import { isUnknown } from '../../iac/aws/field.js';
import {
  RDS_CLUSTER,
  RDS_INSTANCE,
  type RdsCluster,
  type RdsInstance,
} from '../../iac/aws/model/data.js';
import { defineRule } from '../types.js';
import { requireFlag, unknownVerdict } from './data/checks.js';

/** Engines that support IAM database authentication. */
const SUPPORTED = /^(mysql|mariadb|postgres|aurora|aurora-mysql|aurora-postgresql)$/;

export default defineRule<RdsInstance | RdsCluster>({
  id: 'aws-rds-iam-authentication-enabled',
  title: 'RDS database accepts IAM authentication',
  severity: 'low',
  controls: ['role-based-access'],
  kinds: [RDS_INSTANCE, RDS_CLUSTER],
  remediation:
    'Set `iam_database_authentication_enabled = true` and grant `rds-db:connect` to the roles that need the database.',
  description:
    'IAM database authentication lets access be granted to IAM roles with short-lived tokens instead of shared ' +
    'database passwords. Only MySQL, MariaDB, PostgreSQL and Aurora support it; other engines are not checked. ' +
    'It is off by default. Cluster members are covered by the cluster.',
  check: (db) => {
    if (db.kind === RDS_INSTANCE && db.clusterMember) return [];
    const flag = db.iamAuthentication;
    if (flag.value === true)
      return requireFlag(flag, 'iam_database_authentication_enabled', {
        whenAbsent: false,
        absentNote: '',
      });
    const engine = db.engine.value;
    if (typeof engine === 'string' && !SUPPORTED.test(engine)) return [];
    if (isUnknown(engine)) return unknownVerdict(db.engine, 'engine');
    return requireFlag(flag, 'iam_database_authentication_enabled', {
      whenAbsent: false,
      absentNote: 'defaults to false',
    });
  },
});
