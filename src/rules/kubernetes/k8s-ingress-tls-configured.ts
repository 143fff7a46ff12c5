/**
 * Ingresses terminate TLS for every host they serve.
 */
import { isUnknown } from '../../iac/aws/field.js';
import { K8S_INGRESS, type Ingress } from '../../iac/kubernetes/model.js';
import type { Value } from '../../iac/types.js';
import { defineRule } from '../types.js';
import { failed, passed, unknownVerdict } from './support/checks.js';

/** The hosts a TLS entry lists; undefined when it lists none (it then covers any host). */
function tlsHosts(entry: Value): string[] | undefined {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || isUnknown(entry)) {
    return [];
  }
  const hosts = (entry as Record<string, Value>)['hosts'];
  if (!Array.isArray(hosts) || hosts.length === 0) return undefined;
  return hosts.filter((h): h is string => typeof h === 'string');
}

/** `*.example.com` covers `a.example.com` (one label), as in a certificate. */
function covers(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (!pattern.startsWith('*.')) return false;
  const rest = host.slice(host.indexOf('.') + 1);
  return host.includes('.') && rest === pattern.slice(2);
}

export default defineRule<Ingress>({
  id: 'k8s-ingress-tls-configured',
  title: 'Ingresses serve TLS for all their hosts',
  severity: 'high',
  controls: ['encryption-in-transit'],
  kinds: [K8S_INGRESS],
  remediation:
    'Add a `spec.tls` entry listing every host of the Ingress and the Secret holding its certificate.',
  description:
    'An Ingress without `spec.tls` serves its hosts over plain HTTP, so credentials and data cross the network unencrypted. ' +
    'Also fails when `spec.tls` lists hosts but leaves out a host that a rule serves; a TLS entry without hosts covers all of them.',
  check: (ingress) => {
    const field = ingress.tls;
    if (isUnknown(field.value)) return unknownVerdict(field, 'spec.tls');
    if (field.value === undefined || field.value.length === 0) {
      return failed(
        'Ingress has no spec.tls entry; hosts are served over plain HTTP',
        field.value === undefined ? ingress : field,
      );
    }
    const lists = field.value.map(tlsHosts);
    if (lists.some((l) => l === undefined)) {
      return passed('Ingress declares a TLS entry for all hosts', field);
    }
    const patterns = lists.flat() as string[];
    const uncovered = ingress.ruleHosts.filter((r) => !patterns.some((p) => covers(p, r.host)));
    if (uncovered.length > 0) {
      return failed(
        `host ${uncovered.map((r) => r.host).join(', ')} is not listed in spec.tls and is served over plain HTTP`,
        uncovered[0]!,
      );
    }
    return passed(`Ingress declares TLS for ${patterns.join(', ')}`, field);
  },
});
