/**
 * Kubernetes adapter: raw `kubernetes` resources into the typed model of ./model.ts.
 * Unknown kinds and custom resources are left out; the built-in rules do not read them.
 */
import type { Entity, Field } from '../aws/field.js';
import { Unknown, isUnknown, locate, type RawResource, type Value } from '../types.js';
import {
  K8S_BINDING,
  K8S_CONFIG_MAP,
  K8S_INGRESS,
  K8S_NAMESPACE,
  K8S_ROLE,
  K8S_SERVICE,
  K8S_SERVICE_ACCOUNT,
  K8S_WORKLOAD,
  POD_TEMPLATE_PATHS,
  type Binding,
  type ConfigMap,
  type Container,
  type ContainerRole,
  type EnvVar,
  type Ingress,
  type K8sObject,
  type Namespace,
  type NamespacePolicy,
  type PolicyRule,
  type Role,
  type Service,
  type ServiceAccount,
  type Subject,
  type Volume,
  type Workload,
} from './model.js';

type Path = readonly (string | number)[];

/**
 * Builds the typed model. `_settings` is accepted and ignored: nothing in the model depends
 * on user settings yet (which namespaces are production is decided by the rules).
 */
export function adaptKubernetes(resources: readonly RawResource[], _settings?: unknown): Entity[] {
  const k8s = resources.filter((r) => r.format === 'kubernetes');
  const entities: Entity[] = [];
  const workloads: Workload[] = [];
  for (const resource of k8s) {
    const kind = kindOf(resource);
    const podPath = POD_TEMPLATE_PATHS[kind];
    if (podPath && isCoreGroup(resource, kind)) {
      const workload = adaptWorkload(resource, podPath);
      workloads.push(workload);
      entities.push(workload);
    } else if ((kind === 'Role' || kind === 'ClusterRole') && isRbac(resource)) {
      entities.push(adaptRole(resource, kind));
    } else if ((kind === 'RoleBinding' || kind === 'ClusterRoleBinding') && isRbac(resource)) {
      entities.push(adaptBinding(resource, kind));
    } else if (kind === 'Service' && resource.type === 'v1/Service') {
      entities.push(adaptService(resource));
    } else if (kind === 'Ingress' && /^(networking\.k8s\.io|extensions)\//.test(resource.type)) {
      entities.push(adaptIngress(resource));
    } else if (kind === 'ServiceAccount' && resource.type === 'v1/ServiceAccount') {
      entities.push(adaptServiceAccount(resource));
    } else if (kind === 'ConfigMap' && resource.type === 'v1/ConfigMap') {
      entities.push(adaptConfigMap(resource));
    }
  }
  entities.push(...adaptNamespaces(k8s, workloads));
  return entities;
}

function kindOf(resource: RawResource): string {
  const kind = resource.attributes['kind'];
  return typeof kind === 'string' ? kind : '';
}

/** Built-in workload kinds: core `v1` or the `apps`, `batch` and old `extensions` groups. */
function isCoreGroup(resource: RawResource, kind: string): boolean {
  const group = resource.type.slice(0, resource.type.length - kind.length - 1);
  return group === 'v1' || /^(apps|batch|extensions)\/v\w+$/.test(group);
}

function isRbac(resource: RawResource): boolean {
  return resource.type.startsWith('rbac.authorization.k8s.io/');
}

// ---------------------------------------------------------------------------
// Reading attributes

function read(resource: RawResource, path: Path): Field<Value> {
  let current: Value | undefined = resource.attributes as Value;
  for (const step of path) {
    if (current === null || current === undefined || isUnknown(current)) break;
    if (Array.isArray(current)) current = typeof step === 'number' ? current[step] : undefined;
    else if (typeof current === 'object') current = current[String(step)];
    else current = undefined;
  }
  return { value: current === null ? undefined : current, location: locate(resource, path) };
}

function typed<T>(
  resource: RawResource,
  path: Path,
  convert: (value: Value) => T | undefined,
  expected: string,
): Field<T> {
  const { value, location } = read(resource, path);
  if (value === undefined || isUnknown(value)) return { value, location };
  const converted = convert(value);
  if (converted !== undefined) return { value: converted, location };
  return {
    value: new Unknown(`${path.join('.')} is not a ${expected}: ${JSON.stringify(value)}`),
    location,
  };
}

function bool(resource: RawResource, path: Path): Field<boolean> {
  return typed(resource, path, (v) => (typeof v === 'boolean' ? v : undefined), 'boolean');
}

function num(resource: RawResource, path: Path): Field<number> {
  return typed(
    resource,
    path,
    (v) =>
      typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined,
    'number',
  );
}

function str(resource: RawResource, path: Path): Field<string> {
  return typed(
    resource,
    path,
    (v) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined),
    'string',
  );
}

function strings(resource: RawResource, path: Path): Field<readonly string[]> {
  return typed(
    resource,
    path,
    (v) =>
      Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined,
    'list of strings',
  );
}

function map(resource: RawResource, path: Path): Field<Record<string, Value>> {
  return typed(
    resource,
    path,
    (v) =>
      v !== null && typeof v === 'object' && !Array.isArray(v) && !isUnknown(v)
        ? (v as Record<string, Value>)
        : undefined,
    'mapping',
  );
}

/** The elements of a list field; anything else counts as empty. */
function list(resource: RawResource, path: Path): readonly Value[] {
  const { value } = read(resource, path);
  return Array.isArray(value) ? value : [];
}

function text(value: Value | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The first field that is set, in order of precedence. */
function firstSet<T>(...fields: Field<T>[]): Field<T> {
  return fields.find((f) => f.value !== undefined) ?? fields[fields.length - 1]!;
}

function object<K extends string>(resource: RawResource, kind: K): K8sObject & { kind: K } {
  const objectKind = kindOf(resource);
  const ns = text(read(resource, ['metadata', 'namespace']).value);
  const clusterScoped = /^Cluster/.test(objectKind) || objectKind === 'Namespace';
  return {
    kind,
    address: resource.address,
    resourceType: resource.type,
    name: resource.name,
    location: resource.location,
    sources: [resource],
    objectKind,
    namespace: clusterScoped ? undefined : ns || 'default',
    labels: map(resource, ['metadata', 'labels']),
    annotations: map(resource, ['metadata', 'annotations']),
  };
}

// ---------------------------------------------------------------------------
// Workloads

function adaptWorkload(resource: RawResource, podPath: readonly string[]): Workload {
  const pod = (...rest: Path): Path => [...podPath, ...rest];
  const containers: Container[] = [];
  const roles: [string, ContainerRole][] = [
    ['initContainers', 'initContainer'],
    ['containers', 'container'],
    ['ephemeralContainers', 'ephemeralContainer'],
  ];
  for (const [key, role] of roles) {
    list(resource, pod(key)).forEach((_, index) => {
      containers.push(adaptContainer(resource, pod(key, index), pod('securityContext'), role));
    });
  }
  const volumes: Volume[] = list(resource, pod('volumes')).map((volume, index) => {
    const entry =
      volume !== null && typeof volume === 'object' && !Array.isArray(volume) ? volume : {};
    const source = Object.keys(entry).find((k) => k !== 'name');
    return {
      name: text((entry as Record<string, Value>)['name']) ?? `#${index}`,
      source,
      hostPath: str(resource, pod('volumes', index, 'hostPath', 'path')),
      location: locate(resource, pod('volumes', index)),
    };
  });
  return {
    ...object(resource, K8S_WORKLOAD),
    podSpecPath: podPath.join('.'),
    podSpecLocation: locate(resource, podPath),
    containers,
    volumes,
    hostNetwork: bool(resource, pod('hostNetwork')),
    hostPID: bool(resource, pod('hostPID')),
    hostIPC: bool(resource, pod('hostIPC')),
    serviceAccountName: firstSet(
      str(resource, pod('serviceAccountName')),
      str(resource, pod('serviceAccount')),
    ),
    automountServiceAccountToken: bool(resource, pod('automountServiceAccountToken')),
  };
}

function adaptContainer(
  resource: RawResource,
  path: Path,
  podSecurity: Path,
  role: ContainerRole,
): Container {
  const own = (...rest: Path): Path => [...path, 'securityContext', ...rest];
  const fromPod = (...rest: Path): Path => [...podSecurity, ...rest];
  const env: EnvVar[] = list(resource, [...path, 'env']).map((entry, index) => {
    const item = entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? entry : {};
    const record = item as Record<string, Value>;
    return {
      name: text(record['name']) ?? '',
      value: str(resource, [...path, 'env', index, 'value']),
      fromReference: record['valueFrom'] !== undefined && record['valueFrom'] !== null,
      location: locate(resource, [...path, 'env', index]),
    };
  });
  const ports = list(resource, [...path, 'ports']).map((_, index) => ({
    containerPort: num(resource, [...path, 'ports', index, 'containerPort']),
    hostPort: num(resource, [...path, 'ports', index, 'hostPort']),
    location: locate(resource, [...path, 'ports', index]),
  }));
  const volumeMounts = list(resource, [...path, 'volumeMounts']).map((entry) => {
    const item = (
      entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? entry : {}
    ) as Record<string, Value>;
    return { name: text(item['name']) ?? '', mountPath: text(item['mountPath']) ?? '' };
  });
  const index = path[path.length - 1];
  return {
    name: text(read(resource, [...path, 'name']).value) ?? `#${String(index)}`,
    role,
    location: locate(resource, path),
    image: str(resource, [...path, 'image']),
    // Fields the pod-level securityContext also has fall back to it.
    privileged: bool(resource, own('privileged')),
    allowPrivilegeEscalation: bool(resource, own('allowPrivilegeEscalation')),
    runAsNonRoot: firstSet(
      bool(resource, own('runAsNonRoot')),
      bool(resource, fromPod('runAsNonRoot')),
    ),
    runAsUser: firstSet(num(resource, own('runAsUser')), num(resource, fromPod('runAsUser'))),
    readOnlyRootFilesystem: bool(resource, own('readOnlyRootFilesystem')),
    capabilitiesAdd: strings(resource, own('capabilities', 'add')),
    capabilitiesDrop: strings(resource, own('capabilities', 'drop')),
    seccompProfileType: firstSet(
      str(resource, own('seccompProfile', 'type')),
      str(resource, fromPod('seccompProfile', 'type')),
    ),
    cpuLimit: str(resource, [...path, 'resources', 'limits', 'cpu']),
    memoryLimit: str(resource, [...path, 'resources', 'limits', 'memory']),
    env,
    ports,
    volumeMounts,
  };
}

// ---------------------------------------------------------------------------
// RBAC

function adaptRole(resource: RawResource, kind: string): Role {
  const rules: PolicyRule[] = list(resource, ['rules']).map((_, index) => ({
    verbs: strings(resource, ['rules', index, 'verbs']),
    resources: strings(resource, ['rules', index, 'resources']),
    apiGroups: strings(resource, ['rules', index, 'apiGroups']),
    nonResourceURLs: strings(resource, ['rules', index, 'nonResourceURLs']),
    location: locate(resource, ['rules', index]),
  }));
  return {
    ...object(resource, K8S_ROLE),
    clusterScoped: kind === 'ClusterRole',
    rules,
    aggregated: read(resource, ['aggregationRule']).value !== undefined,
  };
}

function adaptBinding(resource: RawResource, kind: string): Binding {
  const base = object(resource, K8S_BINDING);
  const subjects: Subject[] = list(resource, ['subjects']).map((entry, index) => {
    const item = (
      entry !== null && typeof entry === 'object' && !Array.isArray(entry) ? entry : {}
    ) as Record<string, Value>;
    const subjectKind = text(item['kind']) ?? '';
    return {
      kind: subjectKind,
      name: text(item['name']) ?? '',
      namespace:
        text(item['namespace']) ?? (subjectKind === 'ServiceAccount' ? base.namespace : undefined),
      location: locate(resource, ['subjects', index]),
    };
  });
  return {
    ...base,
    clusterScoped: kind === 'ClusterRoleBinding',
    roleRef: {
      kind: str(resource, ['roleRef', 'kind']),
      name: str(resource, ['roleRef', 'name']),
      location: locate(resource, ['roleRef']),
    },
    subjects,
  };
}

// ---------------------------------------------------------------------------
// Services, ingresses, service accounts, config maps

function adaptService(resource: RawResource): Service {
  return { ...object(resource, K8S_SERVICE), serviceType: str(resource, ['spec', 'type']) };
}

function adaptIngress(resource: RawResource): Ingress {
  const ruleHosts = list(resource, ['spec', 'rules']).flatMap((rule, index) => {
    const record = rule !== null && typeof rule === 'object' && !Array.isArray(rule) ? rule : {};
    const host = text((record as Record<string, Value>)['host']);
    return host ? [{ host, location: locate(resource, ['spec', 'rules', index, 'host']) }] : [];
  });
  return {
    ...object(resource, K8S_INGRESS),
    tls: typed(resource, ['spec', 'tls'], (v) => (Array.isArray(v) ? v : undefined), 'list'),
    ruleHosts,
  };
}

function adaptServiceAccount(resource: RawResource): ServiceAccount {
  return {
    ...object(resource, K8S_SERVICE_ACCOUNT),
    automountServiceAccountToken: bool(resource, ['automountServiceAccountToken']),
  };
}

function adaptConfigMap(resource: RawResource): ConfigMap {
  const entries = ['data', 'binaryData'].flatMap((section) => {
    const { value } = read(resource, [section]);
    if (
      value === undefined ||
      value === null ||
      typeof value !== 'object' ||
      Array.isArray(value) ||
      isUnknown(value)
    ) {
      return [];
    }
    return Object.entries(value).map(([key, entry]) => ({
      key,
      value: entry,
      location: locate(resource, [section, key]),
    }));
  });
  return { ...object(resource, K8S_CONFIG_MAP), entries };
}

// ---------------------------------------------------------------------------
// Namespaces and the NetworkPolicies that cover all their pods

function adaptNamespaces(
  resources: readonly RawResource[],
  workloads: readonly Workload[],
): Namespace[] {
  const policiesByNs = new Map<string, { policy: NamespacePolicy; source: RawResource }[]>();
  for (const resource of resources) {
    if (kindOf(resource) !== 'NetworkPolicy' || !resource.type.startsWith('networking.k8s.io/'))
      continue;
    if (!selectsAllPods(resource)) continue;
    const ns = text(read(resource, ['metadata', 'namespace']).value) ?? 'default';
    const found = policiesByNs.get(ns) ?? [];
    found.push({ policy: coveringPolicy(resource), source: resource });
    policiesByNs.set(ns, found);
  }

  const namespaces: Namespace[] = [];
  const declared = new Set<string>();
  for (const resource of resources) {
    if (kindOf(resource) !== 'Namespace' || resource.type !== 'v1/Namespace') continue;
    const name = resource.name;
    if (declared.has(name)) continue;
    declared.add(name);
    const policies = policiesByNs.get(name) ?? [];
    namespaces.push({
      ...object(resource, K8S_NAMESPACE),
      namespace: name,
      declared: true,
      policies: policies.map((p) => p.policy),
      sources: [resource, ...policies.map((p) => p.source)],
    });
  }

  // Namespaces only referenced by workloads count too: their pods need a policy as well.
  const referenced = new Map<string, Workload[]>();
  for (const workload of workloads) {
    const ns = workload.namespace ?? 'default';
    if (declared.has(ns)) continue;
    const list = referenced.get(ns) ?? [];
    list.push(workload);
    referenced.set(ns, list);
  }
  for (const [name, users] of referenced) {
    const first = users[0]!;
    const source = first.sources[0]!;
    const policies = policiesByNs.get(name) ?? [];
    namespaces.push({
      kind: K8S_NAMESPACE,
      address: `Namespace/${name}`,
      resourceType: 'v1/Namespace',
      name,
      location: locate(source, ['metadata', 'namespace']),
      sources: [...users.flatMap((w) => w.sources), ...policies.map((p) => p.source)],
      objectKind: 'Namespace',
      namespace: name,
      labels: { value: undefined, location: first.location },
      annotations: { value: undefined, location: first.location },
      declared: false,
      policies: policies.map((p) => p.policy),
    });
  }
  return namespaces;
}

/** `podSelector: {}` (no labels, no expressions) selects every pod of the namespace. */
function selectsAllPods(resource: RawResource): boolean {
  const { value } = read(resource, ['spec', 'podSelector']);
  if (value === undefined) return true;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || isUnknown(value))
    return false;
  const labels = (value as Record<string, Value>)['matchLabels'];
  const expressions = (value as Record<string, Value>)['matchExpressions'];
  const empty = (v: Value | undefined): boolean =>
    v === undefined ||
    v === null ||
    (Array.isArray(v)
      ? v.length === 0
      : typeof v === 'object' && !isUnknown(v) && Object.keys(v).length === 0);
  return empty(labels) && empty(expressions);
}

function coveringPolicy(resource: RawResource): NamespacePolicy {
  const types = read(resource, ['spec', 'policyTypes']).value;
  const egressRules = read(resource, ['spec', 'egress']).value;
  const listed = Array.isArray(types)
    ? types.filter((t): t is string => typeof t === 'string')
    : undefined;
  // Without policyTypes, Ingress always applies and Egress only when egress rules exist.
  const ingressType = listed ? listed.includes('Ingress') : true;
  const egressType = listed ? listed.includes('Egress') : egressRules !== undefined;
  return {
    address: resource.address,
    name: resource.name,
    restrictsIngress:
      ingressType && !allowsAnySource(read(resource, ['spec', 'ingress']).value, 'from'),
    restrictsEgress: egressType && !allowsAnySource(egressRules, 'to'),
    location: resource.location,
  };
}

/** An ingress (egress) rule without `from` (`to`), or with an empty peer, admits everyone. */
function allowsAnySource(rules: Value | undefined, peers: 'from' | 'to'): boolean {
  if (!Array.isArray(rules)) return false;
  return rules.some((rule) => {
    if (rule === null || typeof rule !== 'object' || Array.isArray(rule) || isUnknown(rule))
      return false;
    const list = (rule as Record<string, Value>)[peers];
    if (list === undefined || list === null) return true;
    if (!Array.isArray(list)) return false;
    if (list.length === 0) return true;
    return list.some(
      (peer) =>
        peer !== null &&
        typeof peer === 'object' &&
        !Array.isArray(peer) &&
        !isUnknown(peer) &&
        Object.keys(peer).length === 0,
    );
  });
}
