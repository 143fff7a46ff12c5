/**
 * The Catalog query API: aliases, exact and tolerant lookups, legacy ids, control ↔
 * requirement navigation.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCatalogDir, isControlId, loadCatalog } from '../../src/catalog/index.js';

const catalog = loadCatalog();

describe('loading', () => {
  it('finds the package catalog folder relative to the module', () => {
    const dir = defaultCatalogDir();
    expect(existsSync(join(dir, 'controls.yaml'))).toBe(true);
    expect(existsSync(join(dir, '..', 'package.json'))).toBe(true);
  });

  it('caches per folder', () => {
    expect(loadCatalog()).toBe(catalog);
    expect(loadCatalog(defaultCatalogDir())).toBe(catalog);
  });
});

describe('framework()', () => {
  it.each([
    ['pci', 'pci-dss'],
    ['pci-dss-4', 'pci-dss'],
    ['PCI-DSS', 'pci-dss'],
    ['iso', 'iso27001'],
    ['iso27001-2022', 'iso27001'],
    ['nist', 'nist-800-53'],
    ['800-53', 'nist-800-53'],
    ['soc-2', 'soc2'],
    ['cpra', 'ccpa'],
    ['hipaa', 'hipaa'],
    ['gdpr', 'gdpr'],
  ])('%s → %s', (alias, id) => {
    expect(catalog.framework(alias)?.id).toBe(id);
  });

  it('returns undefined for an unknown framework', () => {
    expect(catalog.framework('fedramp')).toBeUndefined();
    expect(catalog.requirement('fedramp', 'AC-2')).toBeUndefined();
    expect(catalog.resolve('fedramp', 'AC-2')).toEqual({});
  });
});

describe('requirement()', () => {
  it('matches exact ids only', () => {
    expect(catalog.requirement('hipaa', '164.312(a)(2)(iv)')?.title).toMatch(/encryption/i);
    expect(catalog.requirement('pci', '8.4.2')?.framework).toBe('pci-dss');
    expect(catalog.requirement('hipaa', '§164.312(a)(2)(iv)')).toBeUndefined();
    expect(catalog.requirement('iso27001', '8.24')).toBeUndefined();
  });
});

describe('resolve()', () => {
  it.each([
    ['hipaa', '§164.312(a)(2)(iv)', '164.312(a)(2)(iv)'],
    ['hipaa', '§ 164.312(a)(2)(iv)', '164.312(a)(2)(iv)'],
    ['hipaa', '45 CFR 164.312(b)', '164.312(b)'],
    ['hipaa', '164.308(a)(1)(i)', '164.308(a)(1)'],
    ['hipaa', '164.310(d)(2)(i)', '164.310(d)(2)(i)'],
    ['hipaa', '164_308_a_1_ii_a', '164.308(a)(1)(ii)(A)'],
    ['gdpr', 'Art. 32(1)(a)', '32(1)(a)'],
    ['gdpr', 'Article 33', '33'],
    ['gdpr', 'art 5 (1) (e)', '5(1)(e)'],
    ['iso', 'A.8.24', 'A.8.24'],
    ['iso', '8.24', 'A.8.24'],
    ['iso', 'a.8.24', 'A.8.24'],
    ['iso', 'ISO 27001:2022 A.5.15', 'A.5.15'],
    ['iso', '8.2', '8.2'],
    ['iso', 'A.8.2', 'A.8.2'],
    ['soc2', 'CC6.1', 'CC6.1'],
    ['soc2', 'cc6.1', 'CC6.1'],
    ['soc2', 'CC 6.1', 'CC6.1'],
    ['soc2', 'cc_6_1', 'CC6.1'],
    ['soc2', 'pi_1_2', 'PI1.2'],
    ['soc2', 'PP1.3', 'PI1.3'],
    ['pci', 'Requirement 8.4.2', '8.4.2'],
    ['pci', 'PCI DSS 10.5.1', '10.5.1'],
    ['pci', 'PCI DSS 4.2.1', '4.2.1'],
    ['pci', 'PCI DSS v4.0.1 8.4.2', '8.4.2'],
    ['pci', 'PCI-DSS 4 Req. 1.3.1', '1.3.1'],
    ['nist', 'NIST SP 800-53 Rev. 5 AC-2', 'AC-2'],
    ['soc2', 'SOC 2 CC7.2', 'CC7.2'],
    ['pci', 'a1.1.2', 'A1.1.2'],
    ['nist', 'AC-6 (9)', 'AC-6(9)'],
    ['nist', 'ac-6.9', 'AC-6(9)'],
    ['nist', 'AC-06', 'AC-6'],
    ['ccpa', 'Cal. Civ. Code § 1798.82', '1798.82'],
    ['cpra', '§1798.100(a)(3)', '1798.100(a)(3)'],
  ])('%s %s → %s', (framework, input, expected) => {
    expect(catalog.resolve(framework, input).requirement?.id).toBe(expected);
  });

  it('resolves ISO 27001:2013 ids to their 2022 successors', () => {
    const r = catalog.resolve('iso27001', 'A.10.1.1');
    expect(r.requirement).toBeUndefined();
    expect(r.legacy).toMatchObject({ framework: 'iso27001', version: '2013', current: ['A.8.24'] });
    expect(r.legacy?.note).toMatch(/superseded/i);
    expect(catalog.resolve('iso', 'A.12.4.1').legacy?.current).toEqual(['A.8.15']);
    expect(catalog.resolve('iso', '9.4.2').legacy?.current).toEqual(['A.8.5']);
    expect(catalog.resolve('iso', 'A.18.2.3').legacy?.current).toEqual(['A.5.36', 'A.8.8']);
    expect(catalog.resolve('iso', 'A.13.2.1').legacy?.current).toEqual(['A.5.14']);
    expect(catalog.resolve('iso', 'A.12.6.1').legacy?.current).toEqual(['A.8.8']);
  });

  it('covers all 114 ISO 27001:2013 Annex A controls', () => {
    const iso = catalog.legacy.filter(
      (e) => e.framework === 'iso27001' && /^A\.\d+\.\d+\.\d+$/.test(e.id),
    );
    expect(iso).toHaveLength(114);
  });

  it('resolves PCI DSS v3.2.1 ids, returning both meanings when the number is reused', () => {
    const r = catalog.resolve('pci', '3.4');
    expect(r.legacy).toMatchObject({ version: '3.2.1' });
    expect(r.legacy?.current[0]).toBe('3.5.1');
    expect(r.requirement?.id).toBe('3.4'); // v4.0.1 3.4 is PAN display masking
    expect(r.legacy?.note).toMatch(/retired/);
    expect(catalog.resolve('pci', '8.3').legacy?.current).toEqual([
      '8.4.1',
      '8.4.2',
      '8.4.3',
      '8.5.1',
    ]);
    expect(catalog.resolve('pci', '10.5.2')).toEqual({
      legacy: expect.objectContaining({ current: ['10.3.2'] }),
    });
    expect(catalog.resolve('pci', '9.6.1').legacy?.current).toEqual(['9.4.2']);
    expect(catalog.resolve('pci', '11.4').legacy?.current).toEqual(['11.5.1']);
    expect(catalog.resolve('pci', '6.2').legacy?.current).toEqual(['6.3.3']);
  });

  it('returns nothing for ids that exist nowhere', () => {
    expect(catalog.resolve('hipaa', '164.999(z)')).toEqual({});
    expect(catalog.resolve('iso', 'A.9.9.9')).toEqual({});
    expect(catalog.resolve('gdpr', 'Art. 99')).toEqual({});
  });
});

describe('controls and requirements', () => {
  it('looks up controls by id', () => {
    expect(catalog.control('encryption-at-rest')?.area).toBe('data');
    expect(catalog.control('nope')).toBeUndefined();
    expect(isControlId('key-management')).toBe(true);
    expect(isControlId('key_management')).toBe(false);
  });

  it('lists the requirements of controls, deduplicated and in a stable order', () => {
    const refs = catalog.requirementsForControls([
      'encryption-at-rest',
      'key-management',
      'unknown',
    ]);
    const keys = refs.map((r) => `${r.framework} ${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    // encryption-at-rest first: soc2 CC6.1, then its HIPAA mapping, ...
    expect(keys.slice(0, 2)).toEqual(['soc2 CC6.1', 'hipaa 164.312(a)(2)(iv)']);
    // key-management adds 4.2.1.1 and 12.3.3, which encryption-at-rest lacks; CC6.1 not twice.
    expect(keys).toContain('pci-dss 4.2.1.1');
    expect(keys.filter((k) => k === 'soc2 CC6.1')).toHaveLength(1);
    expect(catalog.requirementsForControls(['key-management', 'encryption-at-rest'])[0]).toEqual({
      framework: 'soc2',
      id: 'CC6.1',
    });
    expect(catalog.requirementsForControls([])).toEqual([]);
  });

  it('finds the controls mapped to exactly one requirement', () => {
    const ids = catalog.controlsForRequirement('hipaa', '164.312(a)(2)(iv)').map((c) => c.id);
    expect(ids).toEqual(['encryption-at-rest', 'key-management']);
    expect(catalog.controlsForRequirement('pci', '10.5.1').map((c) => c.id)).toEqual([
      'log-retention',
    ]);
    // Nothing maps to the principal requirement itself; its descendants carry the mappings.
    expect(catalog.controlsForRequirement('pci-dss', '10')).toEqual([]);
    const below = catalog
      .descendants('pci-dss', '10')
      .flatMap((r) => catalog.controlsForRequirement('pci-dss', r.id).map((c) => c.id));
    expect(new Set(below)).toContain('audit-logging');
  });

  it('walks children and descendants in file order', () => {
    expect(catalog.children('hipaa', '164.312(a)(1)').map((r) => r.id)).toEqual([
      '164.312(a)(2)(i)',
      '164.312(a)(2)(ii)',
      '164.312(a)(2)(iii)',
      '164.312(a)(2)(iv)',
    ]);
    expect(catalog.descendants('pci-dss', '10.2').map((r) => r.id)).toEqual([
      '10.2.1',
      '10.2.1.1',
      '10.2.1.2',
      '10.2.1.3',
      '10.2.1.4',
      '10.2.1.5',
      '10.2.1.6',
      '10.2.1.7',
      '10.2.2',
    ]);
    expect(catalog.children('iso', 'A.6')).toHaveLength(8);
    expect(catalog.children('soc2', 'CC6.1')).toEqual([]);
  });
});
