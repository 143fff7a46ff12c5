/**
 * Helpers shared by the Kubernetes rules: per-container verdicts, unknown handling, the
 * production-namespace test and the secret-name heuristic.
 */
import { isUnknown, type Field } from '../../../iac/aws/field.js';
import {
  K8S_NAMESPACE,
  type Container,
  type Namespace,
  type Workload,
} from '../../../iac/kubernetes/model.js';
import type { RuleContext, Verdict } from '../../types.js';

/** `container "web"`, `init container "migrate"`. */
export function describeContainer(container: Container): string {
  const role =
    container.role === 'initContainer'
      ? 'init container'
      : container.role === 'ephemeralContainer'
        ? 'ephemeral container'
        : 'container';
  return `${role} "${container.name}"`;
}

export function unknownVerdict(field: Field<unknown>, what: string): Verdict {
  const reason = isUnknown(field.value) ? field.value.reason : 'value cannot be known';
  return {
    status: 'unknown',
    message: `${what} cannot be known: ${reason}`,
    location: field.location,
  };
}

/** One verdict per container (init and ephemeral containers included). */
export function eachContainer(
  workload: Workload,
  check: (container: Container, label: string) => Verdict,
): Verdict[] {
  return workload.containers.map((c) => check(c, describeContainer(c)));
}

export function passed(message: string, field: { location: Field<unknown>['location'] }): Verdict {
  return { status: 'passed', message, location: field.location };
}

export function failed(message: string, field: { location: Field<unknown>['location'] }): Verdict {
  return { status: 'failed', message, location: field.location };
}

/**
 * A boolean pod-spec field that must not be true (`hostNetwork`, `hostPID`, ...): absent
 * or false passes.
 */
export function notTrue(field: Field<boolean>, name: string, fallback: Workload): Verdict {
  if (isUnknown(field.value)) return unknownVerdict(field, name);
  if (field.value === true) return failed(`${name} is true`, field);
  return passed(
    field.value === false ? `${name} is false` : `${name} is not set (defaults to false)`,
    field.value === undefined ? { location: fallback.podSpecLocation } : field,
  );
}

/** True when the namespace is production by name (settings) or by its label. */
export function isProductionNamespace(
  namespace: string | undefined,
  context: RuleContext,
): boolean {
  if (namespace === undefined) return false;
  if (context.settings.productionNamespaces.includes(namespace)) return true;
  const declared = context
    .entitiesOf<Namespace>(K8S_NAMESPACE)
    .find((n) => n.declared && n.namespace === namespace);
  const labels = declared?.labels.value;
  if (!labels || isUnknown(labels)) return false;
  const environment = labels['environment'];
  return typeof environment === 'string' && environment.toLowerCase() === 'production';
}

/** Words that mark a name as holding a credential. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'secret',
  'token',
  'key',
  'apikey',
  'credential',
  'credentials',
  'privatekey',
  'accesskey',
  'secretkey',
  'passphrase',
]);

/** Words that, with `key`, name something that is not a credential. */
const HARMLESS_KEY_PREFIX = new Set([
  'public',
  'cache',
  'partition',
  'primary',
  'sort',
  'hash',
  'routing',
]);

/** A last word that makes the name a setting about a secret, not the secret itself. */
const SETTING_WORDS = new Set([
  'ttl',
  'seconds',
  'expiry',
  'expires',
  'timeout',
  'file',
  'path',
  'dir',
  'header',
  'name',
  'url',
  'length',
  'enabled',
  'mode',
  'type',
  'id',
  'ref',
]);

/**
 * Splits a name into lower-case words on `_`, `-`, `.` and camelCase and tests them:
 * `DB_PASSWORD`, `apiKey`, `stripe-secret-key` look like secrets; `KEYCLOAK_URL`,
 * `PUBLIC_KEY`, `TOKEN_TTL_SECONDS` do not.
 */
export function looksLikeSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w !== '');
  if (words.length === 0) return false;
  const last = words[words.length - 1]!;
  if (SETTING_WORDS.has(last)) return false;
  return words.some((word, i) => {
    if (!SECRET_WORDS.has(word)) return false;
    if (word === 'key' && i > 0 && HARMLESS_KEY_PREFIX.has(words[i - 1]!)) return false;
    return true;
  });
}
