/**
 * CSV: one row per requirement (RFC 4180 quoting), for spreadsheets and GRC imports. Lists
 * inside a cell are separated by "; ".
 */
import type { FrameworkReportData } from './model.js';
import { where } from './model.js';

const HEADER = [
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
];

export function renderCsv(data: FrameworkReportData): string {
  const rows: string[][] = [HEADER];
  for (const group of data.groups) {
    for (const r of group.requirements) {
      rows.push([
        data.framework.id,
        group.title,
        r.id,
        r.title,
        r.status,
        r.controls.join('; '),
        r.rules.join('; '),
        r.failures.map((f) => `${f.ruleId} ${where(f) || f.resource}`.trim()).join('; '),
        r.waivers
          .map(
            (w) =>
              `${w.ruleId} ${where(w)}: ${w.waiver?.reason ?? ''}${w.waiver?.owner ? ` (owner ${w.waiver.owner})` : ''}${w.waiver?.expires ? ` until ${w.waiver.expires}` : ''}`,
          )
          .join('; '),
        r.manual.map((m) => `${m.control}/${m.item}: ${m.state}`).join('; '),
        r.evidence.map((e) => `${e.id}@${e.collectedAt}`).join('; '),
      ]);
    }
  }
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: string): string {
  // A leading = + - @ would run as a formula in spreadsheet programs.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}
