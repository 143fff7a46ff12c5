import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/engine/types.js';
import { topLevelGroups } from '../../src/posture/groups.js';
import { frameworkResults, requirementStatus } from '../../src/posture/scan.js';
import { catalog, findings } from './fixture.js';

const statuses = (frameworkId: string, list: readonly Finding[] = findings) => {
  const framework = frameworkResults(catalog, list).find((f) => f.id === frameworkId)!;
  return Object.fromEntries(framework.requirements.map((r) => [r.id, r.status]));
};

describe('frameworkResults', () => {
  it('reports leaves and cited parents, not uncited parents', () => {
    const hipaa = frameworkResults(catalog, findings)[0]!;
    expect(hipaa.requirements.map((r) => r.id)).toEqual([
      '164.312(a)(1)',
      '164.312(a)(2)(iv)',
      '164.312(b)',
      '164.312(d)',
    ]);
  });

  it('gives each requirement the status of the findings citing it directly', () => {
    expect(statuses('hipaa')).toEqual({
      // cited by a control but no finding names it: no roll-up from (a)(2)(iv)
      '164.312(a)(1)': 'not-assessed',
      '164.312(a)(2)(iv)': 'failing',
      '164.312(b)': 'failing',
      '164.312(d)': 'not-assessed',
    });
    expect(statuses('pci-dss')).toEqual({
      '3.5.1': 'failing',
      '8.3.6': 'unknown', // the only finding is an error: never a pass
      '10.2.1': 'failing', // the waiver expired, so the failure stands
      '10.5.1': 'passing',
    });
    expect(statuses('soc2')).toEqual({ 'CC6.1': 'failing', 'CC6.6': 'waived', 'CC7.2': 'failing' });
  });

  it('counts findings per requirement and sums the framework', () => {
    const [hipaa, pci, soc2] = frameworkResults(catalog, findings);
    const encryption = hipaa!.requirements.find((r) => r.id === '164.312(a)(2)(iv)')!;
    expect(encryption.counts).toEqual({ passed: 1, failed: 1, unknown: 1, waived: 0 });
    expect(encryption.title).toBe('Encryption and decryption');
    expect(pci!.requirements.find((r) => r.id === '8.3.6')!.counts).toEqual({
      passed: 0,
      failed: 0,
      unknown: 1,
      waived: 0,
    });
    expect(hipaa!.summary).toEqual({
      failing: 2,
      passing: 0,
      waived: 0,
      unknown: 0,
      notAssessed: 2,
      total: 4,
    });
    expect(pci!.summary).toEqual({
      failing: 2,
      passing: 1,
      waived: 0,
      unknown: 1,
      notAssessed: 0,
      total: 4,
    });
    expect(soc2!.summary).toMatchObject({ failing: 2, waived: 1, total: 3 });
  });

  it('orders status: failed over unknown over waived over passed', () => {
    expect(requirementStatus({ passed: 5, failed: 1, unknown: 1, waived: 1 })).toBe('failing');
    expect(requirementStatus({ passed: 5, failed: 0, unknown: 1, waived: 1 })).toBe('unknown');
    expect(requirementStatus({ passed: 5, failed: 0, unknown: 0, waived: 1 })).toBe('waived');
    expect(requirementStatus({ passed: 5, failed: 0, unknown: 0, waived: 0 })).toBe('passing');
    expect(requirementStatus({ passed: 0, failed: 0, unknown: 0, waived: 0 })).toBe('not-assessed');
  });

  it('selects frameworks by id or alias, in catalog order', () => {
    const picked = frameworkResults(catalog, findings, { frameworks: ['soc-2', 'pci', 'soc2'] });
    expect(picked.map((f) => f.id)).toEqual(['pci-dss', 'soc2']);
  });

  it('rejects an unknown framework', () => {
    expect(() => frameworkResults(catalog, findings, { frameworks: ['fedramp'] })).toThrow(
      'Unknown framework "fedramp"',
    );
  });

  it('normalises aliases on findings and keeps requirements the catalog lacks', () => {
    const custom: Finding = {
      ...findings[0]!,
      ruleId: 'custom-policy',
      requirements: [
        { framework: 'pci', id: '3.5.1' },
        { framework: 'pci-dss', id: '12.99' },
      ],
    };
    const pci = frameworkResults(catalog, [custom], { frameworks: ['pci-dss'] })[0]!;
    expect(pci.requirements.find((r) => r.id === '3.5.1')!.status).toBe('failing');
    expect(pci.requirements.at(-1)).toEqual({
      id: '12.99',
      title: '12.99',
      status: 'failing',
      counts: { passed: 0, failed: 1, unknown: 0, waived: 0 },
    });
    expect(pci.summary.total).toBe(5);
  });

  it('counts a finding once even if it cites a requirement twice', () => {
    const twice: Finding = {
      ...findings[1]!,
      requirements: [findings[1]!.requirements[0]!, findings[1]!.requirements[0]!],
    };
    const hipaa = frameworkResults(catalog, [twice], { frameworks: ['hipaa'] })[0]!;
    expect(hipaa.requirements.find((r) => r.id === '164.312(a)(2)(iv)')!.counts.passed).toBe(1);
  });

  it('leaves every requirement not assessed when there are no findings', () => {
    const [hipaa] = frameworkResults(catalog, []);
    expect(hipaa!.summary).toEqual({
      failing: 0,
      passing: 0,
      waived: 0,
      unknown: 0,
      notAssessed: 4,
      total: 4,
    });
  });
});

describe('topLevelGroups', () => {
  it('gathers requirements under their top-level ancestor, in catalog order', () => {
    const [hipaa, pci] = frameworkResults(catalog, findings);
    const groups = topLevelGroups(catalog, pci!);
    expect(groups.map((g) => [g.id, g.title, g.requirements.map((r) => r.id)])).toEqual([
      ['3', 'Protect stored account data', ['3.5.1']],
      ['8', 'Identify and authenticate users', ['8.3.6']],
      ['10', 'Log and monitor access', ['10.2.1', '10.5.1']],
    ]);
    expect(groups[2]!.summary).toEqual({
      failing: 1,
      passing: 1,
      waived: 0,
      unknown: 0,
      notAssessed: 0,
      total: 2,
    });
    // two levels up: 164.312(a)(2)(iv) → 164.312(a)(1) → 164.312
    const hipaaGroups = topLevelGroups(catalog, hipaa!);
    expect(hipaaGroups).toHaveLength(1);
    expect(hipaaGroups[0]!.requirements).toHaveLength(4);
  });

  it('puts requirements the catalog lacks in groups of their own, last', () => {
    const pci = frameworkResults(catalog, findings, { frameworks: ['pci'] })[0]!;
    const extra = {
      ...pci,
      requirements: [{ ...pci.requirements[0]!, id: '12.99' }, ...pci.requirements],
    };
    const groups = topLevelGroups(catalog, extra);
    expect(groups.map((g) => [g.id, g.title])).toEqual([
      ['3', 'Protect stored account data'],
      ['8', 'Identify and authenticate users'],
      ['10', 'Log and monitor access'],
      ['12.99', ''],
    ]);
  });
});
