import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WaiverBook } from '../../src/engine/waivers.js';
import { kubernetesRules } from '../../src/rules/kubernetes/index.js';
import { imageReference } from '../../src/rules/kubernetes/k8s-container-image-pinned.js';
import { looksLikeSecretName } from '../../src/rules/kubernetes/support/checks.js';
import { SEVERITIES, type Rule } from '../../src/rules/types.js';
import { loadTexts, runRule } from './helpers.js';

const CONTROLS = new Set(
  'multi-factor-authentication role-based-access least-privilege access-reviews password-policy encryption-at-rest encryption-in-transit data-classification data-retention-disposal data-minimization audit-logging log-retention log-protection security-monitoring firewall-configuration network-segmentation intrusion-detection vulnerability-scanning patch-management secure-development incident-detection incident-response-plan breach-notification data-backup disaster-recovery security-policies security-training vendor-management risk-assessment key-management secrets-management configuration-monitoring secure-configuration'.split(
    ' ',
  ),
);

function rule(id: string): Rule {
  const found = kubernetesRules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

function run(id: string, text: string, settings = {}) {
  return runRule(rule(id), loadTexts({ 'm.yaml': text }), settings);
}

describe('kubernetes rule metadata', () => {
  it('each rule is in its own file named by its id', () => {
    const files = readdirSync(join(import.meta.dirname, '../../src/rules/kubernetes'))
      .filter((f) => f.startsWith('k8s-'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(kubernetesRules.map((r) => r.id)).toEqual(files);
  });

  it.each(kubernetesRules.map((r) => [r.id, r] as const))(
    '%s names known controls and kinds',
    (_, r) => {
      expect(r.controls.length).toBeGreaterThan(0);
      expect(r.controls.filter((c) => !CONTROLS.has(c))).toEqual([]);
      expect(SEVERITIES).toContain(r.severity);
      expect(r.kinds.every((k) => k.startsWith('k8s.'))).toBe(true);
      expect(r.title.length).toBeGreaterThan(10);
      expect(r.remediation.length).toBeGreaterThan(20);
      expect(r.description.length).toBeGreaterThan(60);
    },
  );
});

describe('helpers', () => {
  it('looksLikeSecretName', () => {
    for (const name of [
      'DB_PASSWORD',
      'apiKey',
      'stripe-secret-key',
      'GITHUB_TOKEN',
      'db.passwd',
      'AWS_SECRET_ACCESS_KEY',
      'key',
    ]) {
      expect([name, looksLikeSecretName(name)]).toEqual([name, true]);
    }
    for (const name of [
      'LOG_LEVEL',
      'KEYCLOAK_URL',
      'PUBLIC_KEY',
      'TOKEN_TTL_SECONDS',
      'MONKEY',
      'PASSWORD_FILE',
      'cache-key',
      'SECRET_NAME',
      '',
    ]) {
      expect([name, looksLikeSecretName(name)]).toEqual([name, false]);
    }
  });

  it('imageReference splits tags and digests, not registry ports', () => {
    expect(imageReference('nginx')).toEqual({});
    expect(imageReference('nginx:1.27')).toEqual({ tag: '1.27' });
    expect(imageReference('registry:5000/team/app')).toEqual({});
    expect(imageReference('registry:5000/team/app:v2')).toEqual({ tag: 'v2' });
    expect(imageReference('app:v2@sha256:abc')).toEqual({ tag: 'v2', digest: 'sha256:abc' });
  });
});

const POD = (spec: string, meta = '') => `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: shop
${meta}spec:
${spec}`;

describe('unknown values give unknown, never pass or fail', () => {
  it('a templated boolean', () => {
    const r = run(
      'k8s-container-not-privileged',
      POD(
        '  containers:\n    - name: c\n      image: x:1\n      securityContext:\n        privileged: "{{ .Values.priv }}"\n',
      ),
    );
    expect(r.verdicts.map((v) => [v.status, v.location?.startLine])).toEqual([['unknown', 11]]);
    expect(r.verdicts[0]!.message).toMatch(/privileged cannot be known/);
  });

  it('a templated hostNetwork', () => {
    const r = run(
      'k8s-pod-no-host-network',
      POD('  hostNetwork: "{{ .Values.hostNet }}"\n  containers: []\n'),
    );
    expect(r.verdicts.map((v) => v.status)).toEqual(['unknown']);
  });

  it('a pod using a service account that is not in the scanned files', () => {
    const r = run(
      'k8s-pod-service-account-token-not-automounted',
      POD('  serviceAccountName: builder\n  containers:\n    - name: c\n      image: x:1\n'),
    );
    expect(r.verdicts.map((v) => [v.status, v.location?.startLine])).toEqual([['unknown', 7]]);
    expect(r.verdicts[0]!.message).toMatch(/ServiceAccount builder is not in the scanned files/);
  });

  it('a templated runAsUser is unknown even when runAsNonRoot is missing', () => {
    const r = run(
      'k8s-container-runs-as-non-root',
      POD(
        '  securityContext:\n    runAsUser: "{{ .Values.uid }}"\n  containers:\n    - name: c\n      image: x:1\n',
      ),
    );
    expect(r.verdicts.map((v) => v.status)).toEqual(['unknown']);
  });
});

describe('rule behaviour beyond the fixtures', () => {
  it('a container-level runAsNonRoot: false overrides the pod', () => {
    const r = run(
      'k8s-container-runs-as-non-root',
      POD(
        '  securityContext:\n    runAsNonRoot: true\n  containers:\n    - name: ok\n      image: x:1\n    - name: bad\n      image: x:1\n      securityContext:\n        runAsNonRoot: false\n',
      ),
    );
    expect(r.verdicts.map((v) => [v.status, v.location?.startLine])).toEqual([
      ['passed', 8],
      ['failed', 15],
    ]);
  });

  it('the pod setting wins over the service account for token automount', () => {
    const text = `apiVersion: v1
kind: ServiceAccount
metadata: { name: sa, namespace: shop }
automountServiceAccountToken: false
---
${POD('  serviceAccountName: sa\n  automountServiceAccountToken: true\n  containers: []\n')}`;
    const r = run('k8s-pod-service-account-token-not-automounted', text);
    expect(r.verdicts.map((v) => [v.status, v.message])).toEqual([
      ['failed', 'pod sets automountServiceAccountToken: true'],
    ]);
  });

  it('a service account of the same name in another namespace does not count', () => {
    const text = `apiVersion: v1
kind: ServiceAccount
metadata: { name: sa, namespace: other }
automountServiceAccountToken: false
---
${POD('  serviceAccountName: sa\n  containers: []\n')}`;
    expect(
      run('k8s-pod-service-account-token-not-automounted', text).verdicts.map((v) => v.status),
    ).toEqual(['unknown']);
  });

  it('productionNamespaces comes from the settings', () => {
    const role = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: r, namespace: live }
rules:
  - apiGroups: [""]
    resources: ["*"]
    verbs: [get]
`;
    expect(run('k8s-production-role-no-wildcards', role).verdicts).toEqual([]);
    const custom = run('k8s-production-role-no-wildcards', role, {
      productionNamespaces: ['live'],
    });
    expect(custom.verdicts.map((v) => [v.status, v.location?.startLine])).toEqual([['failed', 6]]);
    expect(custom.verdicts[0]!.message).toBe(
      'Role in production namespace live grants "*" resources in rules[0]',
    );
  });

  it('an approved-by annotation with a prefix counts; an empty one does not', () => {
    const binding = (annotations: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: b
  namespace: prod
  annotations:
${annotations}
subjects: [{ kind: Group, name: g }]
roleRef: { kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io }
`;
    expect(
      run(
        'k8s-production-role-binding-approved',
        binding('    example.com/approved-by: alice'),
      ).verdicts.map((v) => [v.status, v.location?.startLine]),
    ).toEqual([['passed', 7]]);
    expect(
      run('k8s-production-role-binding-approved', binding('    approved-by: ""')).verdicts.map(
        (v) => v.status,
      ),
    ).toEqual(['failed']);
  });

  it('cluster-admin bound to all service accounts of a namespace fails', () => {
    const text = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: b }
subjects:
  - kind: Group
    name: system:serviceaccounts:ci
roleRef: { kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io }
`;
    const r = run('k8s-cluster-admin-not-bound-to-service-account', text);
    expect(r.verdicts.map((v) => [v.status, v.location?.startLine])).toEqual([['failed', 5]]);
  });

  it('an egress-only default policy does not satisfy default-deny ingress', () => {
    const text = `apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-egress, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
`;
    const r = run('k8s-namespace-default-deny-ingress', text);
    expect(r.verdicts.map((v) => v.status)).toEqual(['failed']);
    expect(r.verdicts[0]!.message).toMatch(
      /deny-egress selects all pods .* but does not restrict ingress/,
    );
  });

  it('empty literal env values and valueFrom pass', () => {
    const r = run(
      'k8s-container-no-secret-env-literals',
      POD(
        '  containers:\n    - name: c\n      image: x:1\n      env:\n        - name: API_TOKEN\n          value: ""\n        - name: DB_PASSWORD\n          valueFrom: { secretKeyRef: { name: s, key: k } }\n',
      ),
    );
    expect(r.verdicts.map((v) => v.status)).toEqual(['passed']);
  });
});

describe('waivers from annotations reach the engine', () => {
  it('WaiverBook finds a waiver written as a crosswalk.io/ignore annotation', () => {
    const loaded = loadTexts({
      'w.yaml': POD(
        '  hostNetwork: true\n  containers: []\n',
        '  annotations:\n    crosswalk.io/ignore: "k8s-pod-no-host-network: CNI agent needs the host network"\n',
      ),
    });
    const book = new WaiverBook([], '2026-12-03');
    book.collect(loaded.resources);
    expect(book.diagnostics).toEqual([]);
    const workload = loaded.entities.find((e) => e.kind === 'k8s.workload')!;
    const waiver = book.find('k8s-pod-no-host-network', workload.address, workload.sources);
    expect(waiver).toMatchObject({
      reason: 'CNI agent needs the host network',
      source: 'inline',
      expired: false,
    });
    expect(waiver?.location).toEqual({ file: 'w.yaml', startLine: 7, endLine: 7 });
    expect(book.find('k8s-pod-no-host-pid', workload.address, workload.sources)).toBeUndefined();
  });

  it('an annotation entry without a reason gives the engine diagnostic', () => {
    const loaded = loadTexts({
      'w.yaml': POD(
        '  containers: []\n',
        '  annotations:\n    crosswalk.io/ignore: "k8s-pod-no-host-network"\n',
      ),
    });
    const book = new WaiverBook([], '2026-12-03');
    book.collect(loaded.resources);
    expect(book.diagnostics.map((d) => [d.code, d.line])).toEqual([['CW-WAIVER-001', 7]]);
  });
});

describe('ingress TLS host coverage', () => {
  const ingress = (tls: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: i, namespace: shop }
spec:
${tls}
  rules:
    - host: www.shop.example.com
    - host: admin.example.com
`;

  it('fails for the host left out of spec.tls, at its line', () => {
    const r = run(
      'k8s-ingress-tls-configured',
      ingress('  tls:\n    - hosts: ["*.shop.example.com"]'),
    );
    expect(r.verdicts.map((v) => [v.status, v.location?.startLine, v.message])).toEqual([
      [
        'failed',
        9,
        'host admin.example.com is not listed in spec.tls and is served over plain HTTP',
      ],
    ]);
  });

  it('passes when every host is listed, or an entry lists no hosts', () => {
    const listed = run(
      'k8s-ingress-tls-configured',
      ingress('  tls:\n    - hosts: ["*.shop.example.com", "admin.example.com"]'),
    );
    expect(listed.verdicts.map((v) => v.status)).toEqual(['passed']);
    const all = run(
      'k8s-ingress-tls-configured',
      ingress('  tls:\n    - secretName: default-cert'),
    );
    expect(all.verdicts.map((v) => v.status)).toEqual(['passed']);
  });

  it('a wildcard covers one label only', () => {
    const r = run('k8s-ingress-tls-configured', ingress('  tls:\n    - hosts: ["*.example.com"]'));
    expect(r.verdicts.map((v) => [v.status, v.message])).toEqual([
      [
        'failed',
        'host www.shop.example.com is not listed in spec.tls and is served over plain HTTP',
      ],
    ]);
  });
});

describe('env literal edge cases', () => {
  it('a $(VAR) reference is not a literal secret', () => {
    const r = run(
      'k8s-container-no-secret-env-literals',
      POD(
        '  containers:\n    - name: c\n      image: x:1\n      env:\n        - name: DB_PASSWORD\n          value: $(RAW_DB_PASSWORD)\n',
      ),
    );
    expect(r.verdicts.map((v) => v.status)).toEqual(['passed']);
  });

  it('images pinned by a sha512 digest pass', () => {
    const r = run(
      'k8s-container-image-pinned',
      POD(`  containers:\n    - name: c\n      image: registry/app@sha512:${'c'.repeat(128)}\n`),
    );
    expect(r.verdicts.map((v) => v.status)).toEqual(['passed']);
  });
});
