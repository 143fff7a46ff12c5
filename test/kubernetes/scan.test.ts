/**
 * The Kubernetes loader, adapter and rules through the whole scan pipeline.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import { kubernetesRules } from '../../src/rules/kubernetes/index.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/kubernetes');

describe('scan of examples/kubernetes', () => {
  const result = scan([EXAMPLE], { rules: kubernetesRules, baseDir: EXAMPLE, today: '2026-12-03' });

  it('reads every manifest without diagnostics', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.files).toEqual(['api.yaml', 'legacy-worker.yaml', 'namespace.yaml', 'rbac.yaml']);
  });

  it('waives the hostPath finding through the crosswalk.io/ignore annotation', () => {
    const hostPath = result.findings.filter((f) => f.ruleId === 'k8s-pod-no-host-path-volumes');
    expect(hostPath.map((f) => [f.status, f.resource.address, f.location.startLine])).toEqual([
      ['passed', 'Deployment/shop/api', 54],
      ['waived', 'Deployment/shop/legacy-worker', 34],
    ]);
    expect(hostPath[1]!.waiver).toMatchObject({
      source: 'inline',
      reason: 'reads node logs until the log shipper migration (OPS-412)',
      location: { file: 'legacy-worker.yaml', startLine: 11 },
    });
  });

  it('maps every finding to framework requirements', () => {
    expect(result.summary.failed).toBe(16);
    expect(result.summary.waived).toBe(1);
    expect(result.summary.unknown).toBe(0);
    const unmapped = result.findings
      .filter((f) => f.requirements.length === 0)
      .map((f) => f.ruleId);
    expect(unmapped).toEqual([]);
  });
});
