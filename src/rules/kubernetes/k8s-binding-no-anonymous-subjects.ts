/**
 * No binding grants a role to anonymous or unauthenticated users.
 */
import { K8S_BINDING, type Binding } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';

const ANONYMOUS = new Set(['system:anonymous', 'system:unauthenticated']);

export default defineRule<Binding>({
  id: 'k8s-binding-no-anonymous-subjects',
  title: 'Roles are not bound to anonymous or unauthenticated users',
  severity: 'critical',
  controls: ['role-based-access', 'least-privilege'],
  kinds: [K8S_BINDING],
  remediation:
    'Remove the `system:anonymous` / `system:unauthenticated` subject; grant access to authenticated identities only.',
  description:
    'A binding whose subject is the user `system:anonymous` or the group `system:unauthenticated` grants its role to anyone who can ' +
    'reach the API server without credentials.',
  check: (binding) => {
    const open = binding.subjects.filter(
      (s) => (s.kind === 'User' || s.kind === 'Group') && ANONYMOUS.has(s.name),
    );
    if (open.length === 0) {
      return {
        status: 'passed',
        message: 'no anonymous or unauthenticated subjects',
        location: binding.subjects[0]?.location ?? binding.location,
      };
    }
    return open.map((subject) => ({
      status: 'failed' as const,
      message: `binding grants ${binding.roleRef.name.value ?? 'a role'} to ${subject.kind} ${subject.name}`,
      location: subject.location,
    }));
  },
});
