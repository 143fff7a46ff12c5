/**
 * Services are not exposed outside the cluster through LoadBalancer or NodePort.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_SERVICE, type Service } from '../../iac/kubernetes/model.js';
import { defineRule } from '../types.js';
import { failed, passed, unknownVerdict } from './support/checks.js';

const EXPOSED = new Set(['LoadBalancer', 'NodePort']);

export default defineRule<Service>({
  id: 'k8s-service-not-externally-exposed',
  title: 'Services are not exposed through LoadBalancer or NodePort',
  severity: 'medium',
  controls: ['firewall-configuration', 'network-segmentation'],
  kinds: [K8S_SERVICE],
  remediation:
    'Use type ClusterIP and publish through an Ingress or gateway with TLS and access control; if the exposure is intended, waive it with the reason.',
  description:
    'A LoadBalancer Service gets an address reachable from outside the cluster (often the internet); a NodePort opens the port on every node. ' +
    'Both bypass the ingress layer where TLS, authentication and WAF rules usually live.',
  check: (service) => {
    const field = service.serviceType;
    if (isUnknown(field.value)) return unknownVerdict(field, 'spec.type');
    if (field.value !== undefined && EXPOSED.has(field.value)) {
      return failed(`Service type is ${field.value}`, field);
    }
    return passed(
      `Service type is ${field.value ?? 'ClusterIP (default)'}`,
      field.value === undefined ? service : field,
    );
  },
});
