/**
 * Markdown for pull-request comments: a headline, the posture per framework, the failed
 * findings, and collapsed sections for unknown and waived ones. Long lists are cut at
 * `maxRows` so the comment stays under the size limits of code hosts (GitHub: 65,536 chars).
 */
import type { Finding, ScanResult } from '../engine/types.js';
import {
  byStatus,
  describeWaiver,
  fileLine,
  requirementsByFramework,
  severityRank,
  sortFindings,
} from './common.js';

export interface MarkdownOptions {
  /** Most rows per findings table; the rest are counted. Default 50. */
  readonly maxRows?: number;
  /** Heading text. Default `crosswalk scan`. */
  readonly title?: string;
}

export function formatMarkdown(result: ScanResult, options: MarkdownOptions = {}): string {
  const maxRows = options.maxRows ?? 50;
  const findings = sortFindings(result.findings);
  const s = result.summary;
  const out: string[] = [];

  out.push(`## ${options.title ?? 'crosswalk scan'}`, '');
  const status = s.failed > 0 || s.error > 0 ? ':x:' : ':white_check_mark:';
  out.push(
    `${status} **${s.failed} failed** · ${s.passed} passed · ${s.unknown} unknown · ` +
      `${s.waived} waived · ${plural(s.error, 'error')} — ${plural(s.resources, 'resource')} in ` +
      `${plural(result.files.length, 'file')}` +
      (result.diagnostics.length > 0
        ? ` · ${plural(result.diagnostics.length, 'diagnostic')}`
        : ''),
    '',
  );

  if (result.frameworks.length > 0) {
    out.push(
      '| Framework | Failing | Passing | Unknown | Waived | Not assessed |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const f of result.frameworks) {
      const m = f.summary;
      out.push(
        row([
          escapeCell(`${f.name} ${f.version}`),
          String(m.failing),
          String(m.passing),
          String(m.unknown),
          String(m.waived),
          String(m.notAssessed),
        ]),
      );
    }
    out.push('');
  }

  const errored = byStatus(findings, 'error');
  const failed = [...byStatus(findings, 'failed'), ...errored].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity),
  );
  if (failed.length > 0) {
    const heading = `Failed (${failed.length - errored.length})`;
    const errors = errored.length > 0 ? ` and check errors (${errored.length})` : '';
    out.push(`### ${heading}${errors}`, '');
    out.push(
      '| Severity | Rule | Resource | Location | Requirements |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const f of failed.slice(0, maxRows)) {
      const note = f.status === 'error' ? ' (check error)' : expiredNote(f);
      out.push(
        row([
          f.severity + note,
          `${code(f.ruleId)}<br>${escapeCell(f.message)}`,
          code(f.resource.address),
          code(fileLine(f.location)),
          requirementsByFramework(f.requirements)
            .map(([framework, ids]) => `**${framework}** ${escapeCell(ids.join(', '))}`)
            .join('<br>'),
        ]),
      );
    }
    out.push(...more(failed.length, maxRows), '');
  }

  const unknown = byStatus(findings, 'unknown');
  if (unknown.length > 0) {
    out.push(
      ...details(
        `Unknown (${unknown.length}): could not be decided from the code`,
        ['Rule', 'Resource', 'Location', 'Reason'],
        unknown
          .slice(0, maxRows)
          .map((f) => [
            code(f.ruleId),
            code(f.resource.address),
            code(fileLine(f.location)),
            escapeCell(f.message),
          ]),
        more(unknown.length, maxRows),
      ),
    );
  }

  const waived = byStatus(findings, 'waived');
  if (waived.length > 0) {
    out.push(
      ...details(
        `Waived (${waived.length})`,
        ['Rule', 'Resource', 'Location', 'Waiver'],
        waived
          .slice(0, maxRows)
          .map((f) => [
            code(f.ruleId),
            code(f.resource.address),
            code(fileLine(f.location)),
            escapeCell(describeWaiver(f) ?? ''),
          ]),
        more(waived.length, maxRows),
      ),
    );
  }

  if (result.diagnostics.length > 0) {
    out.push(
      ...details(
        `Diagnostics (${result.diagnostics.length})`,
        ['Severity', 'Code', 'Location', 'Message'],
        result.diagnostics
          .slice(0, maxRows)
          .map((d) => [
            d.severity,
            code(d.code),
            d.file ? code(d.line ? `${d.file}:${d.line}` : d.file) : '',
            escapeCell(d.message),
          ]),
        more(result.diagnostics.length, maxRows),
      ),
    );
  }

  return `${out.join('\n').trimEnd()}\n`;
}

/** Makes text safe inside a table cell: pipes escaped, newlines joined, no raw HTML. */
export function escapeCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

/** A code span that survives pipes and backticks in the text. */
function code(text: string): string {
  const safe = text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  return safe.includes('`') ? `\`\` ${safe} \`\`` : `\`${safe}\``;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function details(
  summary: string,
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  tail: readonly string[],
): string[] {
  return [
    '<details>',
    `<summary>${escapeCell(summary)}</summary>`,
    '',
    row(headers),
    row(headers.map(() => '---')),
    ...rows.map(row),
    ...tail,
    '',
    '</details>',
    '',
  ];
}

function expiredNote(finding: Finding): string {
  const waiver = finding.waiver;
  if (!waiver?.expired) return '';
  return waiver.expires ? ` (waiver expired ${waiver.expires})` : ' (waiver expired)';
}

function more(count: number, max: number): string[] {
  return count > max ? ['', `…and ${count - max} more.`] : [];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
