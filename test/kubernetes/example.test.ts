/**
 * The example in examples/kubernetes: every rule over it, with the failures it was written
 * to show and nothing else.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubernetesRules } from '../../src/rules/kubernetes/index.js';
import { loadDir, runRule } from './helpers.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/kubernetes');

describe('examples/kubernetes', () => {
  const loaded = loadDir(EXAMPLE);
  const results = kubernetesRules.flatMap((rule) =>
    runRule(rule, loaded).verdicts.map((v) => ({ rule: rule.id, ...v })),
  );

  it('loads without diagnostics', () => {
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.resources).toHaveLength(15);
  });

  it('fails exactly the deliberate problems', () => {
    const failed = results
      .filter((r) => r.status === 'failed')
      .map(
        (r) =>
          `${r.rule} ${r.address} ${r.location?.file.split('/').pop()}:${r.location?.startLine}`,
      )
      .sort();
    expect(failed).toEqual([
      'k8s-cluster-admin-not-bound-to-service-account ClusterRoleBinding/ci-cluster-admin rbac.yaml:59',
      'k8s-configmap-no-secrets ConfigMap/shop/legacy-worker legacy-worker.yaml:58',
      'k8s-container-cpu-limit-set Deployment/shop/legacy-worker legacy-worker.yaml:23',
      'k8s-container-drops-all-capabilities Deployment/shop/legacy-worker legacy-worker.yaml:23',
      'k8s-container-image-pinned Deployment/shop/legacy-worker legacy-worker.yaml:24',
      'k8s-container-memory-limit-set Deployment/shop/legacy-worker legacy-worker.yaml:23',
      'k8s-container-no-privilege-escalation Deployment/shop/legacy-worker legacy-worker.yaml:23',
      'k8s-container-no-secret-env-literals Deployment/shop/legacy-worker legacy-worker.yaml:29',
      'k8s-container-not-privileged Deployment/shop/legacy-worker legacy-worker.yaml:26',
      'k8s-container-read-only-root-filesystem Deployment/shop/legacy-worker legacy-worker.yaml:23',
      'k8s-container-runs-as-non-root Deployment/shop/legacy-worker legacy-worker.yaml:23',
      'k8s-container-seccomp-profile-set Deployment/shop/legacy-worker legacy-worker.yaml:23',
      'k8s-pod-no-host-path-volumes Deployment/shop/legacy-worker legacy-worker.yaml:34',
      'k8s-pod-service-account-token-not-automounted Deployment/shop/legacy-worker legacy-worker.yaml:21',
      'k8s-production-role-binding-approved RoleBinding/shop/support rbac.yaml:40',
      'k8s-production-role-no-wildcards Role/shop/support rbac.yaml:38',
      'k8s-service-not-externally-exposed Service/shop/legacy-worker-admin legacy-worker.yaml:44',
    ]);
  });

  it('gives no unknown verdicts and passes the hardened API', () => {
    expect(results.filter((r) => r.status === 'unknown')).toEqual([]);
    const api = results.filter((r) => r.address === 'Deployment/shop/api');
    expect(api.length).toBeGreaterThan(15);
    expect(api.every((r) => r.status === 'passed')).toBe(true);
  });

  it('carries the waiver annotation as a comment on the legacy worker', () => {
    const worker = loaded.resources.find((r) => r.address === 'Deployment/shop/legacy-worker')!;
    expect(worker.comments).toEqual([
      {
        text: 'crosswalk:ignore k8s-pod-no-host-path-volumes reads node logs until the log shipper migration (OPS-412)',
        line: 11,
      },
    ]);
  });
});
