import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/json.js';
import { findings, scanResult } from './fixture.js';

const schema = JSON.parse(
  readFileSync(new URL('../../docs/scan-result.schema.json', import.meta.url), 'utf8'),
) as object;

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

describe('formatJson', () => {
  it('writes output the published schema accepts', () => {
    const validate = validator();
    const parsed: unknown = JSON.parse(formatJson(scanResult()));
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
  });

  it('is caught by the schema when the shape drifts', () => {
    const validate = validator();
    const parsed = JSON.parse(formatJson(scanResult())) as { findings: { status: string }[] };
    parsed.findings[0]!.status = 'skipped';
    expect(validate(parsed)).toBe(false);
  });

  it('writes keys in the documented order whatever the input order', () => {
    // The same finding with its keys (and its location's keys) in reverse order.
    const reversed = <T extends object>(o: T) =>
      Object.fromEntries(Object.entries(o).reverse()) as T;
    const first = findings[0]!;
    const shuffled = {
      ...scanResult(),
      findings: [reversed({ ...first, location: reversed(first.location) })],
    };
    const parsed = JSON.parse(formatJson(shuffled)) as Record<string, unknown> & {
      findings: Record<string, unknown>[];
    };
    expect(Object.keys(parsed)).toEqual([
      'schemaVersion',
      'tool',
      'startedAt',
      'durationMs',
      'paths',
      'files',
      'summary',
      'frameworks',
      'findings',
      'rules',
      'diagnostics',
    ]);
    const written = parsed.findings[0]!;
    expect(Object.keys(written)).toEqual([
      'ruleId',
      'title',
      'severity',
      'status',
      'resource',
      'location',
      'message',
      'controls',
      'requirements',
      'remediation',
    ]);
    expect(Object.keys(written.location as object)).toEqual(['file', 'startLine', 'endLine']);
  });

  it('keeps the values: schema version, summary, waiver and posture', () => {
    const parsed = JSON.parse(formatJson(scanResult())) as ReturnType<typeof scanResult>;
    expect(parsed.schemaVersion).toBe('1.0.0');
    expect(parsed.summary).toEqual({
      resources: 8,
      findings: 8,
      passed: 3,
      failed: 2,
      unknown: 1,
      waived: 1,
      error: 1,
    });
    expect(parsed.findings[3]!.waiver).toEqual({
      reason: 'Public static website',
      source: 'inline',
      owner: 'web-team',
      expires: '2027-06-30',
      expired: false,
      location: { file: 'main.tf', startLine: 39, endLine: 39 },
    });
    expect(parsed.frameworks.map((f) => [f.id, f.summary.failing, f.summary.total])).toEqual([
      ['hipaa', 2, 4],
      ['pci-dss', 2, 4],
      ['soc2', 2, 3],
    ]);
  });

  it('gives the same bytes for the same result, indented or on one line', () => {
    expect(formatJson(scanResult())).toBe(formatJson(scanResult()));
    const compact = formatJson(scanResult(), { indent: 0 });
    expect(compact.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(compact)).toEqual(JSON.parse(formatJson(scanResult())));
  });
});
