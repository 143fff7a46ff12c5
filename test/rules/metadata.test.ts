import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { builtinRules } from '../../src/rules/index.js';
import { SEVERITIES } from '../../src/rules/types.js';

const FRAMEWORK_NAMES = /\b(HIPAA|PCI|SOC ?2|GDPR|ISO ?27001|CCPA|CPRA|NIST)\b/i;

describe('built-in rule metadata', () => {
  const catalog = loadCatalog();

  it('has at least 60 AWS rules', () => {
    expect(builtinRules.filter((r) => r.id.startsWith('aws-')).length).toBeGreaterThanOrEqual(60);
  });

  it('has at least 25 Kubernetes rules', () => {
    expect(builtinRules.filter((r) => r.id.startsWith('k8s-')).length).toBeGreaterThanOrEqual(25);
  });

  it('has unique ids in desired-state kebab case', () => {
    const ids = builtinRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(aws|k8s)-[a-z0-9]+(-[a-z0-9]+)+$/);
  });

  it('keeps one rule per file, named after its id', () => {
    const ruleFiles = (folder: string) =>
      readdirSync(join(import.meta.dirname, '../../src/rules', folder))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('-rules.ts') && f !== 'index.ts')
        .map((f) => f.slice(0, -3));
    const files = [...ruleFiles('aws'), ...ruleFiles('kubernetes')].sort();
    expect(files).toEqual(builtinRules.map((r) => r.id).sort());
  });

  for (const rule of builtinRules) {
    it(`${rule.id} is complete and maps to existing controls`, () => {
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.remediation.length).toBeGreaterThan(10);
      expect(SEVERITIES).toContain(rule.severity);
      expect(rule.kinds.length).toBeGreaterThan(0);
      expect(rule.controls.length).toBeGreaterThan(0);
      for (const control of rule.controls) expect(catalog.control(control), control).toBeDefined();
      expect(catalog.requirementsForControls([...rule.controls]).length).toBeGreaterThan(0);
    });

    it(`${rule.id} names no framework (frameworks follow from controls)`, () => {
      expect(`${rule.title} ${rule.remediation}`).not.toMatch(FRAMEWORK_NAMES);
    });
  }
});
