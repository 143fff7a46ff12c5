import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { formatText } from '../../src/report/text.js';
import { catalog, scanResult } from './fixture.js';

const ESC = '\u001b[';

describe('formatText', () => {
  const text = formatText(scanResult());
  const lines = text.split('\n');

  it('groups findings by file, sorted, with line, status, severity, resource and rule', () => {
    const files = lines.filter((l) => /^\S+\.tf$/.test(l));
    expect(files).toEqual(['iam.tf', 'logging.tf', 'main.tf', 'storage/s3.tf']);
    const at = lines.indexOf('main.tf');
    expect(lines.slice(at + 1, at + 4)).toEqual([
      '  12  FAIL     high      aws_s3_bucket.logs  aws-s3-bucket-encrypted-at-rest',
      '      No server-side encryption: sse_algorithm is "none" | expected "aws:kms" or "AES256"',
      '      hipaa 164.312(a)(2)(iv) · pci-dss 3.5.1 · soc2 CC6.1',
    ]);
  });

  it('shows waivers, expired waivers, unknowns and errors; counts passed only', () => {
    expect(text).toContain('  40  WAIVED   critical  aws_s3_bucket.website');
    expect(text).toContain(
      '      waived: Public static website (owner: web-team, expires 2027-06-30)',
    );
    expect(text).toContain(
      '     waiver expired, not applied: Migration to org trail (expired 2026-01-31)',
    );
    expect(text).toContain('  5  UNKNOWN  high      aws_s3_bucket.data');
    expect(text).toContain('  1  ERROR    low       aws_iam_account_password_policy.default');
    expect(text).not.toContain('aws_s3_bucket.assets');
  });

  it('summarises each framework, one line per failing or unknown requirement', () => {
    const at = lines.indexOf('Frameworks');
    expect(lines.slice(at + 1, at + 10)).toEqual([
      '  HIPAA Security Rule 45 CFR 164 Subpart C',
      '    2 failing · 0 passing · 0 unknown · 0 waived · 2 not assessed (of 4)',
      '    failing  164.312(a)(2)(iv)  Encryption and decryption',
      '    failing  164.312(b)         Audit controls',
      '  PCI DSS 4.0.1',
      '    2 failing · 1 passing · 1 unknown · 0 waived · 0 not assessed (of 4)',
      '    failing  3.5.1   PAN unreadable when stored',
      '    unknown  8.3.6   Password length and complexity',
      '    failing  10.2.1  Audit logs enabled',
    ]);
  });

  it('breaks each framework down by top-level requirement when given the catalog', () => {
    const grouped = formatText(scanResult(), { catalog }).split('\n');
    const at = grouped.indexOf('  PCI DSS 4.0.1');
    expect(grouped.slice(at + 1, at + 8)).toEqual([
      '    2 failing · 1 passing · 1 unknown · 0 waived · 0 not assessed (of 4)',
      '    3 Protect stored account data: 1 failing (of 1)',
      '      failing  3.5.1  PAN unreadable when stored',
      '    8 Identify and authenticate users: 1 unknown (of 1)',
      '      unknown  8.3.6  Password length and complexity',
      '    10 Log and monitor access: 1 failing · 1 passing (of 2)',
      '      failing  10.2.1  Audit logs enabled',
    ]);
    const quiet = formatText(scanResult(), { catalog, quiet: true });
    expect(quiet).not.toContain('Identify and authenticate users');
    expect(quiet).not.toContain('unknown  8.3.6');
    expect(quiet).toContain('    10 Log and monitor access: 1 failing · 1 passing (of 2)');
  });

  it('wraps long requirement lists, grouped by framework, at the given width', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({
      framework: 'pci-dss',
      id: `10.2.1.${i}`,
    }));
    const wide = {
      ...scanResult().findings[0]!,
      requirements: [
        { framework: 'soc2', id: 'CC6.1' },
        ...many,
        { framework: 'hipaa', id: '164.312(b)' },
      ],
    };
    const out = formatText(scanResult({ findings: [wide], frameworks: [] }), { width: 60 });
    expect(out.split('\n').slice(1, 7)).toEqual([
      '  12  FAIL     high      aws_s3_bucket.logs  aws-s3-bucket-encrypted-at-rest',
      '      No server-side encryption: sse_algorithm is "none" | expected "aws:kms" or "AES256"',
      '      soc2 CC6.1 · pci-dss 10.2.1.0, 10.2.1.1, 10.2.1.2,',
      '      10.2.1.3, 10.2.1.4, 10.2.1.5, 10.2.1.6, 10.2.1.7,',
      // a framework name is never parted from its first id
      '      10.2.1.8, 10.2.1.9, 10.2.1.10, 10.2.1.11 ·',
      '      hipaa 164.312(b)',
    ]);
  });

  it('lists many failing requirements as wrapped ids instead of one a line', () => {
    const requirements = Array.from({ length: 7 }, (_, i) => ({
      id: `1.2.${i + 1}`,
      title: `Network rule ${i + 1}`,
      status: 'failing' as const,
      counts: { passed: 0, failed: 1, unknown: 0, waived: 0 },
    }));
    const framework = {
      id: 'pci-dss',
      name: 'PCI DSS',
      version: '4.0.1',
      summary: { failing: 7, passing: 0, waived: 0, unknown: 0, notAssessed: 0, total: 7 },
      requirements,
    };
    const out = formatText(scanResult({ findings: [], frameworks: [framework] }), { width: 40 });
    expect(out.split('\n').slice(1, 6)).toEqual([
      '  PCI DSS 4.0.1',
      '    7 failing · 0 passing · 0 unknown · 0 waived · 0 not assessed (of 7)',
      '    failing  1.2.1, 1.2.2, 1.2.3, 1.2.4,',
      '             1.2.5, 1.2.6, 1.2.7',
      '',
    ]);
  });

  it('prints diagnostics as file:line code message and a final totals line', () => {
    expect(text).toContain(
      '\n  broken.tf:7 CW-HCL-001 Unexpected "}"\n  main.tf CW-TF-010 Module source not found\n',
    );
    expect(lines.at(-2)).toBe(
      'Findings: 2 failed · 3 passed · 1 unknown · 1 waived · 1 error · 2 diagnostics (1 error) — 8 resources in 5 files, 1.23s',
    );
    expect(text.endsWith('\n')).toBe(true);
  });

  it('quiet keeps failures, error diagnostics and the summaries only', () => {
    const quiet = formatText(scanResult(), { quiet: true });
    expect(quiet).toContain('aws_s3_bucket.logs');
    expect(quiet).toContain('aws_iam_account_password_policy.default');
    expect(quiet).not.toContain('WAIVED');
    expect(quiet).not.toContain('UNKNOWN  ');
    expect(quiet).not.toContain('storage/s3.tf');
    expect(quiet).toContain('broken.tf:7 CW-HCL-001');
    expect(quiet).not.toContain('CW-TF-010 Module');
    expect(quiet).toContain('Frameworks');
    expect(quiet.trimEnd().split('\n').at(-1)).toMatch(/^Findings: 2 failed/);
  });

  it('uses colour only when asked', () => {
    expect(text).not.toContain(ESC);
    const coloured = formatText(scanResult(), { color: true });
    expect(coloured).toContain(`${ESC}31m`);
    // same words once the escapes are stripped
    expect(stripVTControlCharacters(coloured)).toBe(text);
  });

  it('says so plainly when there is nothing to report', () => {
    const empty = formatText(
      scanResult({
        findings: [],
        frameworks: [],
        diagnostics: [],
        files: [],
        summary: {
          resources: 0,
          findings: 0,
          passed: 0,
          failed: 0,
          unknown: 0,
          waived: 0,
          error: 0,
        },
      }),
    );
    expect(empty).toBe(
      'Findings: 0 failed · 0 passed · 0 unknown · 0 waived · 0 errors · no diagnostics — 0 resources in 0 files, 1.23s\n',
    );
  });
});
