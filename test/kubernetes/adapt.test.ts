import { describe, expect, it } from 'vitest';
import { isUnknown } from '../../src/iac/types.js';
import {
  K8S_BINDING,
  K8S_CONFIG_MAP,
  K8S_INGRESS,
  K8S_NAMESPACE,
  K8S_ROLE,
  K8S_SERVICE,
  K8S_SERVICE_ACCOUNT,
  K8S_WORKLOAD,
  type Binding,
  type ConfigMap,
  type Ingress,
  type Namespace,
  type Role,
  type Service,
  type ServiceAccount,
  type Workload,
} from '../../src/iac/kubernetes/model.js';
import { loadTexts } from './helpers.js';

function entities<E>(text: string, kind: string): E[] {
  return loadTexts({ 'm.yaml': text }).entities.filter((e) => e.kind === kind) as E[];
}

const CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
  namespace: jobs
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: reporter
          hostPID: true
          securityContext:
            runAsNonRoot: true
            runAsUser: 1000
            seccompProfile:
              type: RuntimeDefault
          initContainers:
            - name: init
              image: busybox:1.36
          containers:
            - name: main
              image: example/report@sha256:${'b'.repeat(64)}
              securityContext:
                runAsUser: 0
                seccompProfile:
                  type: Unconfined
                capabilities:
                  add: [NET_ADMIN]
                  drop: [ALL]
              resources:
                limits:
                  cpu: 1
                  memory: 1Gi
              env:
                - name: API_TOKEN
                  value: abc
                - name: DB_PASSWORD
                  valueFrom:
                    secretKeyRef: { name: db, key: password }
              ports:
                - containerPort: 80
                  hostPort: 8080
          volumes:
            - name: root
              hostPath:
                path: /
`;

describe('adaptKubernetes: workloads', () => {
  const [job] = entities<Workload>(CRONJOB, K8S_WORKLOAD);

  it('finds the pod template of a CronJob', () => {
    expect(job).toBeDefined();
    expect(job!.address).toBe('CronJob/jobs/report');
    expect(job!.objectKind).toBe('CronJob');
    expect(job!.namespace).toBe('jobs');
    expect(job!.podSpecPath).toBe('spec.jobTemplate.spec.template.spec');
    expect(job!.podSpecLocation.startLine).toBe(11);
    expect(job!.hostPID).toMatchObject({ value: true, location: { startLine: 13 } });
    expect(job!.hostNetwork.value).toBeUndefined();
    expect(job!.serviceAccountName.value).toBe('reporter');
  });

  it('lists init containers before containers, with their roles', () => {
    expect(job!.containers.map((c) => [c.role, c.name])).toEqual([
      ['initContainer', 'init'],
      ['container', 'main'],
    ]);
  });

  it('merges the pod securityContext into containers, container settings first', () => {
    const [init, main] = job!.containers;
    expect(init!.runAsNonRoot).toMatchObject({ value: true, location: { startLine: 15 } });
    expect(init!.runAsUser).toMatchObject({ value: 1000, location: { startLine: 16 } });
    expect(init!.seccompProfileType).toMatchObject({
      value: 'RuntimeDefault',
      location: { startLine: 18 },
    });
    expect(main!.runAsUser).toMatchObject({ value: 0, location: { startLine: 26 } });
    expect(main!.seccompProfileType.value).toBe('Unconfined');
    // privileged is container-only: the pod has no such field.
    expect(main!.privileged.value).toBeUndefined();
  });

  it('reads capabilities, limits, env, ports and volumes', () => {
    const main = job!.containers[1]!;
    expect(main.capabilitiesAdd.value).toEqual(['NET_ADMIN']);
    expect(main.capabilitiesDrop.value).toEqual(['ALL']);
    expect(main.cpuLimit.value).toBe('1');
    expect(main.memoryLimit.value).toBe('1Gi');
    expect(main.env.map((e) => [e.name, e.value.value, e.fromReference])).toEqual([
      ['API_TOKEN', 'abc', false],
      ['DB_PASSWORD', undefined, true],
    ]);
    expect(main.env[0]!.value.location.startLine).toBe(38);
    expect(main.ports[0]!.hostPort).toMatchObject({ value: 8080, location: { startLine: 44 } });
    expect(job!.volumes).toEqual([
      expect.objectContaining({
        name: 'root',
        source: 'hostPath',
        hostPath: expect.objectContaining({ value: '/' }),
      }),
    ]);
  });

  it('turns values of the wrong type into Unknown, never a guess', () => {
    const [w] = entities<Workload>(
      `apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  hostNetwork: "{{ .Values.hostNetwork }}"
  containers:
    - name: c
      image: x:1
      securityContext:
        privileged: "{{ .Values.privileged }}"
`,
      K8S_WORKLOAD,
    );
    expect(isUnknown(w!.hostNetwork.value)).toBe(true);
    expect(isUnknown(w!.containers[0]!.privileged.value)).toBe(true);
    expect(w!.hostNetwork.location.startLine).toBe(5);
    expect(w!.namespace).toBe('default');
  });

  it('ignores custom resources and workload kinds of other API groups', () => {
    const all = loadTexts({
      'm.yaml': `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: { name: r }
spec:
  template:
    spec:
      containers: [{ name: c, image: x }]
---
apiVersion: example.com/v1
kind: Deployment
metadata: { name: d }
spec: { template: { spec: { containers: [{ name: c, image: x }] } } }
`,
    });
    expect(all.resources).toHaveLength(2);
    expect(all.entities.filter((e) => e.kind === K8S_WORKLOAD)).toEqual([]);
  });
});

describe('adaptKubernetes: RBAC', () => {
  const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: editor, namespace: prod }
rules:
  - apiGroups: [""]
    resources: ["*"]
    verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: agg }
aggregationRule:
  clusterRoleSelectors: [{ matchLabels: { x: "true" } }]
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: b
  namespace: prod
  annotations: { approved-by: ops }
subjects:
  - kind: ServiceAccount
    name: ci
  - kind: ServiceAccount
    name: other
    namespace: tools
roleRef: { kind: Role, name: editor, apiGroup: rbac.authorization.k8s.io }
`;
  it('reads roles with their scope and rules', () => {
    const roles = entities<Role>(text, K8S_ROLE);
    expect(roles.map((r) => [r.address, r.clusterScoped, r.namespace, r.aggregated])).toEqual([
      ['Role/prod/editor', false, 'prod', false],
      ['ClusterRole/agg', true, undefined, true],
    ]);
    expect(roles[0]!.rules[0]!.resources).toMatchObject({
      value: ['*'],
      location: { startLine: 6 },
    });
    expect(roles[0]!.rules[0]!.verbs.value).toEqual(['get']);
  });

  it('reads bindings; service-account subjects default to the binding namespace', () => {
    const [binding] = entities<Binding>(text, K8S_BINDING);
    expect(binding!.clusterScoped).toBe(false);
    expect(binding!.roleRef.name.value).toBe('editor');
    expect(binding!.roleRef.kind.value).toBe('Role');
    expect(
      binding!.subjects.map((s) => [s.kind, s.namespace, s.name, s.location.startLine]),
    ).toEqual([
      ['ServiceAccount', 'prod', 'ci', 23],
      ['ServiceAccount', 'tools', 'other', 25],
    ]);
    expect(binding!.annotations.value).toEqual({ 'approved-by': 'ops' });
  });
});

describe('adaptKubernetes: services, ingresses, accounts, config maps', () => {
  const text = `apiVersion: v1
kind: Service
metadata: { name: s, namespace: a }
spec: { type: LoadBalancer }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: i, namespace: a }
spec:
  tls:
    - secretName: cert
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: sa, namespace: a }
automountServiceAccountToken: false
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cm, namespace: a }
data:
  a: "1"
binaryData:
  keystore: AAAA
`;
  it('adapts each kind', () => {
    expect(entities<Service>(text, K8S_SERVICE)[0]!.serviceType.value).toBe('LoadBalancer');
    const ingress = entities<Ingress>(text, K8S_INGRESS)[0]!;
    expect(ingress.tls.value).toEqual([{ secretName: 'cert' }]);
    expect(ingress.tls.location.startLine).toBe(10);
    expect(
      entities<ServiceAccount>(text, K8S_SERVICE_ACCOUNT)[0]!.automountServiceAccountToken.value,
    ).toBe(false);
    const cm = entities<ConfigMap>(text, K8S_CONFIG_MAP)[0]!;
    expect(cm.entries.map((e) => [e.key, e.value, e.location.startLine])).toEqual([
      ['a', '1', 22],
      ['keystore', 'AAAA', 24],
    ]);
  });
});

describe('adaptKubernetes: namespaces and default-deny policies', () => {
  const policy = (ns: string, name: string, spec: string) => `---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: ${ns} }
spec:
${spec}`;
  const text = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: { environment: production }
---
apiVersion: v1
kind: Namespace
metadata: { name: empty }
${policy('shop', 'deny', '  podSelector: {}\n  policyTypes: [Ingress]\n')}
${policy('shop', 'only-web', '  podSelector: { matchLabels: { app: web } }\n  policyTypes: [Ingress]\n')}
${policy('empty', 'egress-only', '  podSelector: {}\n  policyTypes: [Egress]\n')}
${policy('billing', 'from-shop', '  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector: { matchLabels: { name: shop } }\n')}
${policy('open', 'allow-all', '  podSelector: {}\n  ingress:\n    - {}\n')}
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: billing }
spec: { template: { spec: { containers: [{ name: c, image: x }] } } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: open }
spec: { template: { spec: { containers: [{ name: c, image: x }] } } }
`;
  const namespaces = entities<Namespace>(text, K8S_NAMESPACE);
  const byName = new Map(namespaces.map((n) => [n.name, n]));

  it('has declared namespaces and those only referenced by workloads', () => {
    expect(namespaces.map((n) => [n.name, n.declared])).toEqual([
      ['shop', true],
      ['empty', true],
      ['billing', false],
      ['open', false],
    ]);
    expect(byName.get('shop')!.labels.value).toEqual({ environment: 'production' });
    expect(byName.get('billing')!.address).toBe('Namespace/billing');
    expect(byName.get('billing')!.location.startLine).toBeGreaterThan(40);
  });

  it('keeps only policies selecting all pods, and tells whether they restrict ingress', () => {
    const summary = (n: string) =>
      byName.get(n)!.policies.map((p) => [p.name, p.restrictsIngress, p.restrictsEgress]);
    expect(summary('shop')).toEqual([['deny', true, false]]);
    expect(summary('empty')).toEqual([['egress-only', false, true]]);
    expect(summary('billing')).toEqual([['from-shop', true, false]]);
    expect(summary('open')).toEqual([['allow-all', false, false]]);
  });
});
