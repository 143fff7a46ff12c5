/**
 * No service account is bound to cluster-admin.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_BINDING, type Binding, type Subject } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { unknownVerdict } from './support/checks.js';

/** A service account, or a group of all service accounts (of a namespace). */
function isServiceAccountSubject(subject: Subject): boolean {
  if (subject.kind === 'ServiceAccount') return true;
  if (subject.kind === 'User') return subject.name.startsWith('system:serviceaccount:');
  return subject.kind === 'Group' && subject.name.startsWith('system:serviceaccounts');
}

export default defineRule<Binding>({
  id: 'k8s-cluster-admin-not-bound-to-service-account',
  title: 'Service accounts are not bound to cluster-admin',
  severity: 'critical',
  controls: ['least-privilege', 'role-based-access'],
  kinds: [K8S_BINDING],
  remediation:
    'Bind the service account to a Role or ClusterRole that grants only what the workload needs.',
  description:
    'A service account bound to cluster-admin hands full control of the cluster to every pod that runs as it: compromise one pod and ' +
    'the whole cluster follows. Checks RoleBindings and ClusterRoleBindings whose roleRef is the ClusterRole cluster-admin.',
  check: (binding) => {
    const { name, kind } = binding.roleRef;
    if (isUnknown(name.value)) return unknownVerdict(name, 'roleRef.name');
    if (isUnknown(kind.value)) return unknownVerdict(kind, 'roleRef.kind');
    const admin = name.value === 'cluster-admin' && kind.value === 'ClusterRole';
    const accounts = admin ? binding.subjects.filter(isServiceAccountSubject) : [];
    if (accounts.length === 0) {
      return {
        status: 'passed',
        message: admin
          ? 'cluster-admin is bound to no service account'
          : `binding grants ${kind.value ?? 'role'} ${name.value ?? '(unnamed)'}, not cluster-admin`,
        location: binding.roleRef.location,
      };
    }
    return accounts.map((subject) => ({
      status: 'failed' as const,
      message: `${subject.kind} ${subject.namespace ? `${subject.namespace}/` : ''}${subject.name} is bound to cluster-admin`,
      location: subject.location,
    }));
  },
});
