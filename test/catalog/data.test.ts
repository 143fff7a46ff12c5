/**
 * Facts about the shipped catalog data, checked against /work/shared/reference/regulatory.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allControlIds,
  defaultCatalogDir,
  loadCatalog,
  MAX_TITLE_LENGTH,
  type Framework,
} from '../../src/catalog/index.js';

const catalog = loadCatalog();

function fw(id: string): Framework {
  const framework = catalog.framework(id);
  if (!framework) throw new Error(`framework ${id} missing`);
  return framework;
}

function ids(framework: string, kind?: string): string[] {
  return fw(framework)
    .requirements.filter((r) => kind === undefined || r.kind === kind)
    .map((r) => r.id);
}

function mapped(control: string, framework: string): string[] {
  return (catalog.control(control)?.mappings[framework] ?? []).map((m) => m.id);
}

describe('catalog structure', () => {
  it('ships the seven frameworks in a fixed order', () => {
    expect(catalog.frameworks.map((f) => f.id)).toEqual([
      'soc2',
      'hipaa',
      'pci-dss',
      'gdpr',
      'iso27001',
      'ccpa',
      'nist-800-53',
    ]);
    for (const f of catalog.frameworks) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.version.length).toBeGreaterThan(0);
      expect(f.source.length).toBeGreaterThan(10);
    }
  });

  it('defines exactly the fixed unified control ids', () => {
    expect(catalog.controls.map((c) => c.id)).toEqual([...allControlIds()]);
    expect(allControlIds()).toHaveLength(33);
  });

  it('has no duplicate requirement ids within a framework', () => {
    for (const f of catalog.frameworks) {
      const list = f.requirements.map((r) => r.id);
      expect(new Set(list).size, f.id).toBe(list.length);
    }
  });

  it('gives every parent a defined requirement of the same framework', () => {
    for (const f of catalog.frameworks) {
      for (const r of f.requirements) {
        expect(r.framework).toBe(f.id);
        if (r.parent !== undefined) {
          expect(catalog.requirement(f.id, r.parent), `${f.id} ${r.id}`).toBeDefined();
        }
      }
    }
  });

  it('resolves every id a control cites in its framework', () => {
    let count = 0;
    for (const control of catalog.controls) {
      for (const [framework, mappings] of Object.entries(control.mappings)) {
        for (const m of mappings) {
          expect(
            catalog.requirement(framework, m.id),
            `${control.id} → ${framework} ${m.id}`,
          ).toBeDefined();
          expect(m.source).toMatch(/regulatory\.md|NIST SP 800-53/);
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(400);
  });

  it('keeps titles short labels, not pasted standard text', () => {
    for (const f of catalog.frameworks) {
      for (const r of f.requirements) {
        expect(r.title.length, `${f.id} ${r.id}`).toBeGreaterThan(2);
        expect(r.title.length, `${f.id} ${r.id}`).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
        // Normative wording is the mark of copied requirement text.
        expect(r.title, `${f.id} ${r.id}`).not.toMatch(/\b(shall|must)\b/i);
      }
    }
    for (const c of catalog.controls) {
      expect(c.title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
      expect(c.description.length).toBeGreaterThan(c.title.length);
    }
  });

  it('has a description, area and evidence route for every control', () => {
    for (const c of catalog.controls) {
      expect(c.evidence.automated || c.evidence.manual.length > 0, c.id).toBe(true);
      for (const item of c.evidence.manual) {
        expect(Number.isInteger(item.renewalDays) && item.renewalDays > 0).toBe(true);
        expect(item.basis.length).toBeGreaterThan(5);
      }
      expect(Object.keys(c.mappings).length, c.id).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('SOC 2', () => {
  it('has all 61 criteria: 33 common, 3 A, 2 C, 5 PI, 18 P', () => {
    const criteria = ids('soc2', 'criterion');
    expect(criteria).toHaveLength(61);
    const cc = [
      ...[1, 2, 3, 4, 5].map((n) => `CC1.${n}`),
      'CC2.1',
      'CC2.2',
      'CC2.3',
      'CC3.1',
      'CC3.2',
      'CC3.3',
      'CC3.4',
      'CC4.1',
      'CC4.2',
      'CC5.1',
      'CC5.2',
      'CC5.3',
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `CC6.${n}`),
      ...[1, 2, 3, 4, 5].map((n) => `CC7.${n}`),
      'CC8.1',
      'CC9.1',
      'CC9.2',
    ];
    expect(cc).toHaveLength(33);
    expect(criteria.filter((id) => id.startsWith('CC'))).toEqual(cc);
    expect(criteria.filter((id) => /^A\d/.test(id))).toEqual(['A1.1', 'A1.2', 'A1.3']);
    expect(criteria.filter((id) => /^C\d/.test(id))).toEqual(['C1.1', 'C1.2']);
    expect(criteria.filter((id) => id.startsWith('PI'))).toEqual([
      'PI1.1',
      'PI1.2',
      'PI1.3',
      'PI1.4',
      'PI1.5',
    ]);
    expect(criteria.filter((id) => /^P\d/.test(id))).toEqual([
      'P1.1',
      'P2.1',
      'P3.1',
      'P3.2',
      'P4.1',
      'P4.2',
      'P4.3',
      'P5.1',
      'P5.2',
      'P6.1',
      'P6.2',
      'P6.3',
      'P6.4',
      'P6.5',
      'P6.6',
      'P6.7',
      'P7.1',
      'P8.1',
    ]);
  });

  it('groups the common criteria under CC1..CC9 and tags categories', () => {
    expect(catalog.requirement('soc2', 'CC6.1')?.parent).toBe('CC6');
    expect(catalog.requirement('soc2', 'CC9.2')?.parent).toBe('CC9');
    expect(catalog.requirement('soc2', 'CC6.1')?.category).toBe('security');
    expect(catalog.requirement('soc2', 'A1.2')?.category).toBe('availability');
    expect(catalog.requirement('soc2', 'PI1.3')?.category).toBe('processing-integrity');
    expect(catalog.requirement('soc2', 'P6.6')?.category).toBe('privacy');
    expect(catalog.children('soc2', 'CC7').map((r) => r.id)).toEqual([
      'CC7.1',
      'CC7.2',
      'CC7.3',
      'CC7.4',
      'CC7.5',
    ]);
  });
});

describe('HIPAA', () => {
  const req = (id: string) => catalog.requirement('hipaa', id);

  it('marks required and addressable specifications as the rule does', () => {
    expect(req('164.312(a)(2)(iv)')).toMatchObject({
      kind: 'specification',
      obligation: 'addressable',
    });
    expect(req('164.312(b)')).toMatchObject({ kind: 'standard', obligation: 'required' });
    expect(req('164.308(a)(1)(ii)(A)')).toMatchObject({
      kind: 'specification',
      obligation: 'required',
    });
    expect(req('164.308(a)(1)(ii)(D)')?.obligation).toBe('required');
    expect(req('164.308(a)(5)(ii)(D)')?.obligation).toBe('addressable');
    expect(req('164.308(a)(7)(ii)(B)')?.obligation).toBe('required');
    expect(req('164.308(a)(7)(ii)(C)')?.obligation).toBe('required');
    expect(req('164.308(a)(7)(ii)(D)')?.obligation).toBe('addressable');
    expect(req('164.308(a)(4)(ii)(A)')?.obligation).toBe('required');
    expect(req('164.310(d)(2)(i)')?.obligation).toBe('required');
    expect(req('164.310(d)(2)(iv)')?.obligation).toBe('addressable');
    expect(req('164.312(e)(2)(ii)')?.obligation).toBe('addressable');
    expect(req('164.312(a)(2)(i)')?.obligation).toBe('required');
    expect(req('164.312(d)')).toMatchObject({ kind: 'standard', obligation: 'required' });
    expect(req('164.316(b)(2)(i)')?.obligation).toBe('required');
  });

  it('gives every standard and specification an obligation', () => {
    const specs = fw('hipaa').requirements.filter(
      (r) => r.kind === 'standard' || r.kind === 'specification',
    );
    expect(specs.length).toBeGreaterThan(60);
    for (const r of specs) expect(r.obligation, r.id).toMatch(/^(required|addressable)$/);
    // Counts from regulatory.md §2.2: 22 addressable specifications in the Security Rule.
    expect(specs.filter((r) => r.obligation === 'addressable')).toHaveLength(22);
  });

  it('places each Security Rule section in its safeguard group', () => {
    expect(req('164.308(a)(1)(ii)(A)')?.safeguard).toBe('administrative');
    expect(req('164.310(d)(2)(i)')?.safeguard).toBe('physical');
    expect(req('164.312(a)(2)(iv)')?.safeguard).toBe('technical');
    expect(req('164.314(a)(2)(i)')?.safeguard).toBe('organizational');
    expect(req('164.316(b)(2)(i)')?.safeguard).toBe('documentation');
  });

  it('includes the breach rule sections and the cited Privacy Rule paragraphs', () => {
    for (const id of [
      '164.400',
      '164.402',
      '164.404',
      '164.406',
      '164.408',
      '164.410',
      '164.412',
      '164.414',
    ]) {
      expect(req(id)?.safeguard, id).toBe('breach-notification');
    }
    expect(req('164.502(b)')).toBeDefined();
    expect(req('164.530(j)')).toBeDefined();
  });
});

describe('PCI DSS v4.0.1', () => {
  it('has the 12 principal requirements', () => {
    expect(ids('pci-dss', 'requirement').filter((id) => /^\d+$/.test(id))).toEqual(
      Array.from({ length: 12 }, (_, i) => String(i + 1)),
    );
  });

  it('lists the sub-requirements regulatory.md §2.3 names', () => {
    const expected = [
      '1.2.1',
      '1.2.8',
      '1.3.1',
      '1.3.2',
      '1.4.1',
      '1.4.5',
      '1.5.1',
      '2.2.1',
      '2.2.7',
      '3.2.1',
      '3.3.1',
      '3.3.1.3',
      '3.3.3',
      '3.4.1',
      '3.5.1',
      '3.5.1.1',
      '3.5.1.2',
      '3.5.1.3',
      '3.6.1.4',
      '3.7.1',
      '3.7.8',
      '4.2.1',
      '4.2.1.1',
      '4.2.2',
      '5.2.3',
      '5.3.4',
      '5.4.1',
      '6.2.4',
      '6.3.3',
      '6.4.2',
      '6.4.3',
      '6.5.6',
      '7.2.4',
      '7.2.5.1',
      '7.3.3',
      '8.2.8',
      '8.3.6',
      '8.3.10.1',
      '8.4.2',
      '8.5.1',
      '8.6.3',
      '9.4.1.1',
      '9.4.7',
      '10.2.1.1',
      '10.2.1.7',
      '10.2.2',
      '10.3.4',
      '10.4.1.1',
      '10.5.1',
      '10.6.3',
      '10.7.2',
      '11.3.1.2',
      '11.3.2.1',
      '11.4.5',
      '11.5.1.1',
      '11.6.1',
      '12.1.4',
      '12.3.4',
      '12.4.2.1',
      '12.5.2.1',
      '12.6.3.2',
      '12.8.5',
      '12.10.1',
      '12.10.7',
      'A1.1.2',
      'A1.2.3',
    ];
    for (const id of expected) expect(catalog.requirement('pci-dss', id), id).toBeDefined();
  });

  it('chains sub-requirements to their section and principal requirement', () => {
    expect(catalog.ancestors('pci-dss', '10.2.1.1').map((r) => r.id)).toEqual([
      '10.2.1',
      '10.2',
      '10',
    ]);
    expect(catalog.requirement('pci-dss', '8.4.2')?.kind).toBe('sub-requirement');
    expect(catalog.requirement('pci-dss', '8.4')?.kind).toBe('section');
  });
});

describe('GDPR', () => {
  it('has the key articles with paragraph and point ids', () => {
    for (const id of [
      '5',
      '6',
      '9',
      '13',
      '14',
      '24',
      '25',
      '28',
      '30',
      '32',
      '33',
      '34',
      '35',
      '37',
      '39',
    ]) {
      expect(catalog.requirement('gdpr', id)?.kind, id).toBe('article');
    }
    for (let n = 15; n <= 22; n++) expect(catalog.requirement('gdpr', String(n))).toBeDefined();
    for (let n = 44; n <= 49; n++) expect(catalog.requirement('gdpr', String(n))).toBeDefined();
    expect(catalog.requirement('gdpr', '32(1)(a)')).toMatchObject({
      kind: 'point',
      parent: '32(1)',
    });
    expect(catalog.requirement('gdpr', '32(1)')).toMatchObject({ kind: 'paragraph', parent: '32' });
    expect(catalog.requirement('gdpr', '5(1)(e)')?.parent).toBe('5(1)');
  });

  it('states the 72-hour authority deadline of Art 33(1)', () => {
    expect(catalog.requirement('gdpr', '33(1)')?.title).toMatch(/72 hours/);
  });
});

describe('ISO/IEC 27001:2022', () => {
  it('has exactly 93 Annex A controls: 37 / 8 / 14 / 34 in four themes', () => {
    const controls = fw('iso27001').requirements.filter((r) => r.kind === 'control');
    expect(controls).toHaveLength(93);
    const byTheme = (theme: string) => controls.filter((r) => r.theme === theme).length;
    expect(byTheme('organizational')).toBe(37);
    expect(byTheme('people')).toBe(8);
    expect(byTheme('physical')).toBe(14);
    expect(byTheme('technological')).toBe(34);
    expect(ids('iso27001', 'theme')).toEqual(['A.5', 'A.6', 'A.7', 'A.8']);
    expect(controls[0]?.id).toBe('A.5.1');
    expect(controls[92]?.id).toBe('A.8.34');
    for (const c of controls) expect(c.id).toMatch(/^A\.[5-8]\.\d+$/);
  });

  it('marks the 11 controls new in 2022', () => {
    const fresh = fw('iso27001')
      .requirements.filter((r) => r.note === 'new in 2022')
      .map((r) => r.id);
    expect(fresh).toEqual([
      'A.5.7',
      'A.5.23',
      'A.5.30',
      'A.7.4',
      'A.8.9',
      'A.8.10',
      'A.8.11',
      'A.8.12',
      'A.8.16',
      'A.8.23',
      'A.8.28',
    ]);
  });

  it('keeps risk assessment as clauses 6.1.2 and 8.2, not Annex A', () => {
    expect(catalog.requirement('iso27001', '6.1.2')?.kind).toBe('clause');
    expect(catalog.requirement('iso27001', '8.2')?.kind).toBe('clause');
  });
});

describe('CCPA and NIST SP 800-53', () => {
  it('has the key CCPA sections', () => {
    for (const id of [
      '1798.100',
      '1798.100(a)(3)',
      '1798.100(d)',
      '1798.105',
      '1798.106',
      '1798.121',
      '1798.150(a)(1)',
      '1798.185(a)(15)(B)',
      '1798.82',
    ]) {
      expect(catalog.requirement('ccpa', id), id).toBeDefined();
    }
  });

  it('nests 800-53 enhancements under their base control and family', () => {
    expect(catalog.ancestors('nist-800-53', 'IA-2(1)').map((r) => r.id)).toEqual(['IA-2', 'IA']);
    expect(catalog.requirement('nist-800-53', 'SC-28(1)')?.kind).toBe('enhancement');
  });
});

describe('corrected mappings (regulatory.md §1)', () => {
  it('maps encryption at rest to HIPAA 164.312(a)(2)(iv), PCI 3.5.1, ISO A.8.24, SOC 2 CC6.1', () => {
    expect(mapped('encryption-at-rest', 'hipaa')).toContain('164.312(a)(2)(iv)');
    expect(mapped('encryption-at-rest', 'pci-dss')).toContain('3.5.1');
    expect(mapped('encryption-at-rest', 'iso27001')).toContain('A.8.24');
    expect(mapped('encryption-at-rest', 'soc2')).toContain('CC6.1');
    expect(mapped('encryption-at-rest', 'gdpr')).toContain('32(1)(a)');
    expect(mapped('encryption-at-rest', 'pci-dss')).not.toContain('3.4');
  });

  it('uses v4.0.1 numbers where the original plan used v3.2.1 ones', () => {
    expect(mapped('multi-factor-authentication', 'pci-dss')).toEqual([
      '8.4.1',
      '8.4.2',
      '8.4.3',
      '8.5.1',
    ]);
    expect(mapped('log-protection', 'pci-dss')).toEqual(['10.3.1', '10.3.2', '10.3.3', '10.3.4']);
    expect(mapped('security-monitoring', 'pci-dss')).not.toContain('10.6');
    expect(mapped('intrusion-detection', 'pci-dss')).toContain('11.5.1');
    expect(mapped('vulnerability-scanning', 'pci-dss')).toEqual(
      expect.arrayContaining(['11.3.1', '11.3.2']),
    );
    expect(mapped('patch-management', 'pci-dss')[0]).toBe('6.3.3');
    expect(mapped('risk-assessment', 'pci-dss')).toContain('12.3.1');
    expect(mapped('log-retention', 'pci-dss')).toContain('10.5.1');
  });

  it('fixes the wrong rows of the original plan', () => {
    expect(mapped('breach-notification', 'hipaa')).toEqual(
      expect.arrayContaining(['164.404', '164.406', '164.408']),
    );
    expect(mapped('breach-notification', 'pci-dss')).toEqual(['12.10.1']);
    expect(mapped('breach-notification', 'gdpr')).toEqual(expect.arrayContaining(['33', '34']));
    expect(mapped('disaster-recovery', 'hipaa')[0]).toBe('164.308(a)(7)(ii)(B)');
    expect(mapped('data-backup', 'pci-dss')).not.toContain('12.10.2');
    expect(mapped('risk-assessment', 'soc2')).toEqual([
      'CC3.1',
      'CC3.2',
      'CC3.3',
      'CC3.4',
      'CC9.1',
    ]);
    expect(mapped('risk-assessment', 'iso27001')).toEqual(expect.arrayContaining(['6.1.2', '8.2']));
    expect(mapped('audit-logging', 'gdpr')).not.toContain('30');
    expect(mapped('firewall-configuration', 'hipaa')).not.toContain('164.312(a)(2)(ii)');
    expect(mapped('role-based-access', 'hipaa')).not.toContain('164.312(a)(2)(i)');
    expect(mapped('vendor-management', 'soc2')[0]).toBe('CC9.2');
  });

  it('derives renewal periods from the frameworks where they set one', () => {
    const review = catalog
      .control('access-reviews')
      ?.evidence.manual.find((m) => m.id === 'access-review-signoff');
    expect(review?.renewalDays).toBe(180);
    const scans = catalog
      .control('vulnerability-scanning')
      ?.evidence.manual.find((m) => m.id === 'internal-scan-report');
    expect(scans?.renewalDays).toBe(90);
    const training = catalog.control('security-training')?.evidence.manual[0];
    expect(training).toMatchObject({ kind: 'training', renewalDays: 365 });
  });
});

describe('facts that must not appear', () => {
  const dir = defaultCatalogDir();
  const files = [
    ...readdirSync(join(dir, 'frameworks')).map((f) => join(dir, 'frameworks', f)),
    join(dir, 'controls.yaml'),
    join(dir, 'legacy.yaml'),
  ];
  const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');

  it('reads every catalog file', () => {
    expect(files.length).toBe(9);
    expect(text).toContain('72 hours');
  });

  it('has no 48-hour GDPR deadline, 7-year retention or 2555-day value', () => {
    expect(text).not.toMatch(/48[\s-]*(h\b|hours?|hrs?)/i);
    expect(text).not.toMatch(/\b(7|seven)[\s-]*years?\b/i);
    expect(text).not.toMatch(/\b2555\b/);
    expect(text).not.toMatch(/\b6\s*%/);
  });

  it('maps controls to ISO 27001:2022 ids only, never 2013 ones', () => {
    for (const control of catalog.controls) {
      for (const m of control.mappings['iso27001'] ?? [])
        expect(m.id).not.toMatch(/^A\.\d+\.\d+\.\d+$/);
    }
  });
});
