/**
 * Ingresses terminate TLS.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_INGRESS, type Ingress } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { failed, passed, unknownVerdict } from './support/checks.js';

export default defineRule<Ingress>({
  id: 'k8s-ingress-tls-configured',
  title: 'Ingresses serve TLS',
  severity: 'high',
  controls: ['encryption-in-transit'],
  kinds: [K8S_INGRESS],
  remediation: 'Add a `spec.tls` entry naming the hosts and the Secret holding the certificate.',
  description:
    'An Ingress without `spec.tls` serves its hosts over plain HTTP, so credentials and data cross the network unencrypted.',
  check: (ingress) => {
    const field = ingress.tls;
    if (isUnknown(field.value)) return unknownVerdict(field, 'spec.tls');
    if (field.value === undefined || field.value.length === 0) {
      return failed('Ingress has no spec.tls entry; hosts are served over plain HTTP', field.value === undefined ? ingress : field);
    }
    return passed(`Ingress declares ${field.value.length} TLS entr${field.value.length === 1 ? 'y' : 'ies'}`, field);
  },
});
