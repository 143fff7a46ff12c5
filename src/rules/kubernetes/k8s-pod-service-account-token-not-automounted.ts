/**
 * Pods do not mount a service-account token unless they opt in.
 */
import { isUnknown } from '../../iac/aws/field.js';
import {
  K8S_SERVICE_ACCOUNT,
  K8S_WORKLOAD,
  type ServiceAccount,
  type Workload,
} from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { failed, passed, unknownVerdict } from './support/checks.js';

export default defineRule<Workload>({
  id: 'k8s-pod-service-account-token-not-automounted',
  title: 'Pods do not automount service-account tokens',
  severity: 'medium',
  controls: ['least-privilege'],
  kinds: [K8S_WORKLOAD],
  remediation:
    'Set `automountServiceAccountToken: false` on the pod spec or on its ServiceAccount; mount a token only where the pod calls the Kubernetes API.',
  description:
    'By default every pod gets a token for its service account, so anyone who compromises the pod can call the Kubernetes API with it. ' +
    'Passes when the pod sets `automountServiceAccountToken: false`, or leaves it unset and its ServiceAccount (declared in the scanned files) sets it false. ' +
    "The pod setting wins over the service account's. Unknown when the pod leaves it unset and uses a named ServiceAccount that is not in the scanned files.",
  check: (workload, context) => {
    const own = workload.automountServiceAccountToken;
    if (isUnknown(own.value)) return unknownVerdict(own, 'automountServiceAccountToken');
    if (own.value === false) return passed('pod sets automountServiceAccountToken: false', own);
    if (own.value === true) return failed('pod sets automountServiceAccountToken: true', own);

    const named = workload.serviceAccountName;
    if (isUnknown(named.value)) return unknownVerdict(named, 'serviceAccountName');
    const name = named.value ?? 'default';
    const account = context
      .entitiesOf<ServiceAccount>(K8S_SERVICE_ACCOUNT)
      .find((sa) => sa.name === name && sa.namespace === workload.namespace);
    if (!account) {
      if (name === 'default') {
        return failed(
          'automountServiceAccountToken is not set, so the default service account token is mounted',
          { location: workload.podSpecLocation },
        );
      }
      return {
        status: 'unknown',
        message: `automountServiceAccountToken is not set on the pod and ServiceAccount ${name} is not in the scanned files`,
        location: named.location,
      };
    }
    const setting = account.automountServiceAccountToken;
    if (isUnknown(setting.value))
      return unknownVerdict(setting, `ServiceAccount ${name} automountServiceAccountToken`);
    return setting.value === false
      ? passed(`ServiceAccount ${name} sets automountServiceAccountToken: false`, {
          location: workload.podSpecLocation,
        })
      : failed(
          `neither the pod nor ServiceAccount ${name} sets automountServiceAccountToken: false`,
          { location: workload.podSpecLocation },
        );
  },
});
