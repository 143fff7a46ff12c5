import { describe, expect, it } from 'vitest';
import { escapeCell, formatMarkdown } from '../../src/report/markdown.js';
import { findings, scanResult } from './fixture.js';

const section = (md: string, summary: string) => {
  const start = md.indexOf(`<summary>${summary}`);
  return start < 0 ? '' : md.slice(start, md.indexOf('</details>', start));
};

describe('formatMarkdown', () => {
  const md = formatMarkdown(scanResult());

  it('opens with a headline of counts', () => {
    expect(md.split('\n').slice(0, 3)).toEqual([
      '## crosswalk scan',
      '',
      ':x: **2 failed** · 3 passed · 1 unknown · 1 waived · 1 error — 8 resources in 5 files · 2 diagnostics',
    ]);
  });

  it('summarises each framework in a table', () => {
    expect(md).toContain(
      '| Framework | Failing | Passing | Unknown | Waived | Not assessed |\n| --- | ---: | ---: | ---: | ---: | ---: |\n' +
        '| HIPAA Security Rule 45 CFR 164 Subpart C | 2 | 0 | 0 | 0 | 2 |\n' +
        '| PCI DSS 4.0.1 | 2 | 1 | 1 | 0 | 0 |\n' +
        '| SOC 2 2017 (rev. 2022) | 2 | 0 | 0 | 1 | 0 |\n',
    );
  });

  it('lists failed findings by severity with escaped pipes and requirements', () => {
    expect(md).toContain('### Failed (2) and check errors (1)');
    const rows = md.split('\n').filter((l) => l.startsWith('| high') || l.startsWith('| medium'));
    expect(rows[0]).toBe(
      '| high | `aws-s3-bucket-encrypted-at-rest`<br>No server-side encryption: sse_algorithm is "none" \\| expected "aws:kms" or "AES256" | `aws_s3_bucket.logs` | `main.tf:12` | **hipaa** 164.312(a)(2)(iv)<br>**pci-dss** 3.5.1<br>**soc2** CC6.1 |',
    );
    expect(rows[1]).toContain('| medium (waiver expired 2026-01-31) | `aws-cloudtrail-enabled`');
    expect(md).toContain('| low (check error) | `aws-iam-password-min-length`');
    // every table row has the same number of unescaped separators as its header
    for (const row of md.split('\n').filter((l) => l.startsWith('| high'))) {
      expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(7);
    }
  });

  it('collapses unknown, waived and diagnostics into details', () => {
    expect(section(md, 'Unknown (1)')).toContain(
      '| `aws-s3-bucket-encrypted-at-rest` | `aws_s3_bucket.data` | `storage/s3.tf:5` | kms_master_key_id depends on var.kms_key, which has no default |',
    );
    expect(section(md, 'Waived (1)')).toContain(
      '| `aws-s3-bucket-public-access-blocked` | `aws_s3_bucket.website` | `main.tf:40` | Public static website (owner: web-team, expires 2027-06-30) |',
    );
    expect(section(md, 'Diagnostics (2)')).toContain(
      '| error | `CW-HCL-001` | `broken.tf:7` | Unexpected "}" |',
    );
    expect(section(md, 'Waived (1)')).not.toContain('aws_s3_bucket.logs');
  });

  it('cuts long tables at maxRows and says how many are left', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({
      ...findings[0]!,
      resource: { ...findings[0]!.resource, address: `aws_s3_bucket.b${i}` },
    }));
    const out = formatMarkdown(scanResult({ findings: many }), { maxRows: 2 });
    expect(out.match(/\| high \|/g)).toHaveLength(2);
    expect(out).toContain('…and 3 more.');
  });

  it('shows a clean headline and no empty sections when nothing failed', () => {
    const clean = formatMarkdown(
      scanResult({
        findings: [findings[1]!],
        diagnostics: [],
        summary: {
          resources: 1,
          findings: 1,
          passed: 1,
          failed: 0,
          unknown: 0,
          waived: 0,
          error: 0,
        },
      }),
    );
    expect(clean).toContain(':white_check_mark: **0 failed** · 1 passed');
    expect(clean).not.toContain('### Failed');
    expect(clean).not.toContain('<details>');
  });

  it('escapes cells', () => {
    expect(escapeCell('a | b\n<script>&')).toBe('a \\| b<br>&lt;script&gt;&amp;');
  });
});
