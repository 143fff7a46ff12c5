/**
 * Per-framework reports over a hand-built ledger (test/posture-history/fixture.ts): statuses,
 * score with coverage, grouping the way each framework is read, and each output format.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import {
  buildReport,
  frameworkReport,
  oscalToken,
  uuidV5,
  type FrameworkReportData,
} from '../../src/report/framework/index.js';
import * as f from '../posture-history/fixture.js';

const catalog = loadCatalog();
const period = { from: '2026-11-27', to: '2026-12-03' } as const;
const report = (
  framework: string,
  format: 'html' | 'md' | 'json' | 'oscal' | 'csv',
  records = f.records,
) => frameworkReport(catalog, records, { framework, format, ...period });
const data = (framework: string): FrameworkReportData =>
  JSON.parse(report(framework, 'json')) as FrameworkReportData;
const requirement = (d: FrameworkReportData, id: string) => {
  const r = d.groups.flatMap((g) => g.requirements).find((x) => x.id === id);
  if (!r) throw new Error(`${id} not in report`);
  return r;
};

describe('report data', () => {
  const hipaa = data('hipaa');

  it('gives the posture at the end of the period with score and coverage', () => {
    expect(hipaa.period).toEqual({
      from: '2026-11-27T00:00:00.000Z',
      to: '2026-12-03T23:59:59.999Z',
    });
    expect(hipaa.posture.assessed).toBe(19);
    expect(hipaa.posture.score).toBeCloseTo(2 / 19);
    expect(hipaa.posture.coverage).toBeCloseTo(19 / hipaa.posture.total);
    expect(hipaa.recordsInPeriod).toBe(7);
  });

  it('keeps per requirement its status, controls, rules, evidence, failures and waivers', () => {
    expect(requirement(hipaa, '164.312(d)')).toMatchObject({
      status: 'failing',
      controls: ['multi-factor-authentication'],
      failures: [{ ruleId: 'checkov/3.2.0:CKV_AWS_MFA', recordId: f.checkovImport.id }],
    });
    const waived = requirement(hipaa, '164.312(e)(2)(ii)');
    expect(waived.status).toBe('waived');
    expect(waived.rules).toEqual(['aws-lb-listener-https']);
    expect(waived.evidence).toEqual([
      expect.objectContaining({
        id: f.secondScan.id,
        collectedAt: f.secondScan.collectedAt,
        source: 'crosswalk/0.1.0',
        hash: f.secondScan.hash,
      }),
    ]);
  });

  it('lists every cited record once, in ledger order', () => {
    expect(hipaa.evidence.map((e) => e.id)).toEqual([
      f.training.id,
      f.oldBreachProcedure.id,
      f.breachRegister.id,
      f.secondScan.id,
      f.checkovImport.id,
      f.keyProcedure.id,
      f.cryptoReview.id,
    ]);
  });

  it('has a daily trend over the period', () => {
    expect(hipaa.trend.map((t) => t.date)).toEqual([
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
    ]);
    expect(hipaa.trend[0]?.coverage).toBeLessThan(hipaa.trend[6]!.coverage);
  });

  it('defaults to the 30 days before "to" and rejects a reversed period', () => {
    const d = buildReport(catalog, f.records, { framework: 'hipaa', to: '2026-12-03' });
    expect(d.trend).toHaveLength(31);
    expect(() =>
      buildReport(catalog, f.records, { framework: 'hipaa', from: '2026-12-04', to: '2026-12-03' }),
    ).toThrow();
  });
});

describe('grouping the way each framework is read', () => {
  const ids = (framework: string) => data(framework).groups.map((g) => g.id);

  it('SOC 2 by criteria family CC1-CC9, then A, C, PI, P', () => {
    expect(ids('soc2')).toEqual([
      'CC1',
      'CC2',
      'CC3',
      'CC4',
      'CC5',
      'CC6',
      'CC7',
      'CC8',
      'CC9',
      'A',
      'C',
      'PI',
      'P',
    ]);
    const privacy = data('soc2').groups.find((g) => g.id === 'P');
    expect(privacy?.requirements.every((r) => /^P\d/.test(r.id))).toBe(true);
  });

  it('HIPAA by safeguard, breach notification after the three safeguards', () => {
    const groups = ids('hipaa');
    expect(groups.slice(0, 4)).toEqual([
      'administrative',
      'physical',
      'technical',
      'breach-notification',
    ]);
    const technical = data('hipaa').groups.find((g) => g.id === 'technical');
    expect(technical?.requirements.every((r) => r.id.startsWith('164.312'))).toBe(true);
    const breach = data('hipaa').groups.find((g) => g.id === 'breach-notification');
    expect(breach?.requirements.map((r) => r.id)).toContain('164.404');
    expect(breach?.counts.stale).toBe(7);
  });

  it('PCI DSS by its 12 principal requirements', () => {
    expect(ids('pci').slice(0, 12)).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
      '11',
      '12',
    ]);
    expect(data('pci').groups[3]?.title).toMatch(/^Requirement 4: /);
  });

  it('GDPR by article', () => {
    const groups = data('gdpr').groups;
    expect(groups.map((g) => g.id)).toContain('32');
    expect(groups.find((g) => g.id === '32')?.title).toMatch(/^Article 32: /);
    expect(groups.find((g) => g.id === '32')?.requirements.map((r) => r.id)).toContain('32(1)(b)');
  });

  it('ISO/IEC 27001:2022 by theme A.5-A.8', () => {
    const groups = ids('iso27001').filter((id) => id.startsWith('A.'));
    expect(groups).toEqual(['A.5', 'A.6', 'A.7', 'A.8']);
    const tech = data('iso27001').groups.find((g) => g.id === 'A.8');
    expect(tech?.requirements.map((r) => r.id)).toContain('A.8.24');
    expect(tech?.title).toBe('A.8 Technological controls');
  });

  it('CCPA by section, in numeric order', () => {
    const groups = ids('ccpa');
    expect(groups.indexOf('1798.82')).toBeLessThan(groups.indexOf('1798.100'));
    expect(groups.indexOf('1798.150')).toBeLessThan(groups.indexOf('1798.199.90'));
  });
});

describe('OSCAL assessment results', () => {
  const schema = JSON.parse(
    readFileSync('/work/shared/schemas/oscal-1.0.4-assessment-results.schema.json', 'utf8'),
  ) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);

  it.each(['hipaa', 'soc2', 'pci-dss', 'gdpr', 'iso27001', 'ccpa'])(
    'validates against the OSCAL 1.0.4 schema (%s)',
    (framework) => {
      const doc = JSON.parse(report(framework, 'oscal')) as unknown;
      expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    },
  );

  it('is a validator that rejects a requirement id used as a raw target id', () => {
    const broken = JSON.parse(report('hipaa', 'oscal')) as Doc;
    broken['assessment-results'].results[0]!.findings[0]!.target['target-id'] = '164.308(a)(1)';
    expect(validate(broken)).toBe(false);
  });

  it('validates with no evidence at all', () => {
    expect(validate(JSON.parse(report('hipaa', 'oscal', [])))).toBe(true);
  });

  type Doc = {
    'assessment-results': {
      uuid: string;
      results: {
        observations: {
          uuid: string;
          props: { name: string; value: string }[];
          methods: string[];
        }[];
        findings: {
          target: { 'target-id': string; status: { state: string } };
          'related-observations'?: { 'observation-uuid': string }[];
        }[];
      }[];
    };
  };
  const doc = JSON.parse(report('hipaa', 'oscal')) as Doc;
  const result = doc['assessment-results'].results[0]!;

  it('has one observation per evidence record and one finding per requirement', () => {
    const hipaa = data('hipaa');
    expect(result.observations).toHaveLength(hipaa.evidence.length);
    expect(
      result.observations.map((o) => o.props.find((p) => p.name === 'record-id')?.value),
    ).toEqual(hipaa.evidence.map((e) => e.id));
    expect(result.findings).toHaveLength(hipaa.posture.total);
    expect(result.observations.find((o) => o.methods[0] === 'EXAMINE')).toBeDefined();
  });

  it('targets the framework requirement and links the observations behind it', () => {
    const target = oscalToken('hipaa', '164.312(e)(2)(ii)');
    expect(target).toBe('hipaa-164.312.e.2.ii');
    const finding = result.findings.find((x) => x.target['target-id'] === target);
    expect(finding?.target.status.state).toBe('not-satisfied');
    expect(finding?.['related-observations']).toEqual([
      { 'observation-uuid': uuidV5(`observation:hipaa:${f.secondScan.id}`) },
    ]);
    const passing = result.findings.find(
      (x) => x.target['target-id'] === oscalToken('hipaa', '164.308(a)(5)'),
    );
    expect(passing?.target.status.state).toBe('satisfied');
  });

  it('is byte-for-byte stable and changes when the ledger changes', () => {
    expect(report('hipaa', 'oscal')).toBe(report('hipaa', 'oscal'));
    const other = report('hipaa', 'oscal', f.records.slice(0, -1));
    expect((JSON.parse(other) as Doc)['assessment-results'].uuid).not.toBe(
      doc['assessment-results'].uuid,
    );
  });

  it('makes RFC 4122 version-5 uuids', () => {
    // Known vector: the DNS namespace and "www.example.com".
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});

describe('HTML', () => {
  const html = report('hipaa', 'html');

  it('is one self-contained file: no script, no stylesheet link, no external src or href', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).toContain('<style>');
    expect(html).toContain('@media print');
  });

  it('draws the trend and status bars as inline SVG', () => {
    expect(html).toMatch(/<svg [^>]*aria-label="Score and coverage over the period"/);
    expect(html.match(/<polyline /g)?.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain('aria-label="Requirements by status"');
  });

  it('shows groups, failures with file:line, waivers and record hashes', () => {
    expect(html).toContain('Technical safeguards (164.312)');
    expect(html).toContain(
      'Internal health-check listener only (owner net-team, expires 2027-01-31)',
    );
    expect(html).toContain(
      '<b class="k k-unknown">unknown</b> <code>aws-cloudtrail-enabled</code> <code>trail.tf:2</code>',
    );
    expect(html).toContain(f.checkovImport.hash);
    expect(html).toContain('Score');
    expect(html).toContain('11 %');
  });

  it('escapes text from the ledger', () => {
    const evil = {
      ...f.checkovImport,
      seq: 50,
      id: 'evil',
      source: '<img src=x onerror=alert(1)>',
      collectedAt: '2026-12-03T01:00:00.000Z',
    };
    const out = report('hipaa', 'html', [...f.records, evil]);
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('Markdown', () => {
  const md = report('hipaa', 'md');

  it('has the summary, trend, one section per group and details', () => {
    expect(md).toContain('# HIPAA');
    expect(md).toContain('**Score 11 %**');
    expect(md).toMatch(/\*\*coverage \d+ %\*\*/);
    expect(md).toContain('## Technical safeguards (164.312)');
    expect(md).toContain('| 2026-11-27 | 0 % |');
    expect(md).toContain(
      'waived `aws-lb-listener-https` `lb.tf:4`: Internal health-check listener only (owner net-team, expires 2027-01-31)',
    );
    expect(md).toContain('manual evidence `key-management/crypto-review`');
    expect(md).toContain('**expired** (expired 2026-12-02)');
  });
});

describe('CSV', () => {
  it('has a header and one row per requirement', () => {
    const csv = report('pci-dss', 'csv');
    const rows = parseCsv(csv);
    const pci = data('pci-dss');
    expect(rows).toHaveLength(pci.posture.total + 1);
    expect(rows[0]).toEqual([
      'framework',
      'group',
      'requirement',
      'title',
      'status',
      'controls',
      'rules',
      'open_failures',
      'waivers',
      'manual_evidence',
      'evidence_records',
    ]);
    expect(new Set(rows.slice(1).map((r) => r.length))).toEqual(new Set([11]));
  });

  it('quotes cells and lists failures with file:line', () => {
    const rows = parseCsv(report('hipaa', 'csv', f.records.slice(0, 1)));
    const row = rows.find((r) => r[2] === '164.312(a)(2)(iv)');
    expect(row?.[4]).toBe('failing');
    expect(row?.[7]).toBe('aws-s3-bucket-encrypted-at-rest main.tf:12');
    expect(row?.[1]).toBe('Technical safeguards (164.312)');
  });
});

/** A strict RFC 4180 reader, enough for the test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}
