/** Posture over the real catalog shipped in catalog/. */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Finding } from '../../src/engine/types.js';
import { topLevelGroups } from '../../src/posture/groups.js';
import { frameworkResults, type PostureCatalog } from '../../src/posture/scan.js';

// Also a compile-time check that the real catalog satisfies what posture reads.
const catalog = loadCatalog();
const _asPosture: PostureCatalog = catalog;

function finding(status: Finding['status'], controls: string[]): Finding {
  return {
    ruleId: 'aws-s3-bucket-encrypted-at-rest',
    title: 'S3 bucket encrypted at rest',
    severity: 'high',
    status,
    resource: { type: 'aws_s3_bucket', name: 'logs', address: 'aws_s3_bucket.logs' },
    location: { file: 'main.tf', startLine: 1, endLine: 5 },
    message: 'No default encryption',
    controls,
    requirements: catalog.requirementsForControls(controls),
  };
}

describe('frameworkResults with the shipped catalog', () => {
  const results = frameworkResults(catalog, [finding('failed', ['encryption-at-rest'])]);

  it('reports one result per framework, in catalog order', () => {
    expect(results.map((f) => f.id)).toEqual(catalog.frameworks.map((f) => f.id));
  });

  it('reports exactly the leaves and the requirements controls cite', () => {
    const cited = new Set(
      catalog
        .requirementsForControls(catalog.controls.map((c) => c.id))
        .map((r) => `${r.framework}:${r.id}`),
    );
    for (const framework of results) {
      const reported = new Set(framework.requirements.map((r) => r.id));
      for (const r of catalog.framework(framework.id)!.requirements) {
        const leaf = catalog.children(framework.id, r.id).length === 0;
        expect(reported.has(r.id), `${framework.id}:${r.id}`).toBe(
          leaf || cited.has(`${framework.id}:${r.id}`),
        );
      }
      expect(framework.summary.total).toBe(framework.requirements.length);
    }
  });

  it('fails the requirements a failed finding cites, and only those', () => {
    const pci = results.find((f) => f.id === 'pci-dss')!;
    const failing = pci.requirements.filter((r) => r.status === 'failing').map((r) => r.id);
    expect(failing).toContain('3.5.1');
    expect(failing).not.toContain('3');
    const hipaa = results.find((f) => f.id === 'hipaa')!;
    expect(hipaa.requirements.find((r) => r.id === '164.312(a)(2)(iv)')!.status).toBe('failing');
    const others = hipaa.requirements.filter((r) => r.id !== '164.312(a)(2)(iv)');
    expect(others.every((r) => r.status === 'not-assessed')).toBe(true);
  });

  it('groups PCI DSS 3.5.1 under requirement 3', () => {
    const pci = results.find((f) => f.id === 'pci-dss')!;
    const group = topLevelGroups(catalog, pci).find((g) =>
      g.requirements.some((r) => r.id === '3.5.1'),
    );
    expect(group?.id).toBe('3');
    expect(group?.title).toBe(catalog.requirement('pci-dss', '3')!.title);
  });
});
