/**
 * Markdown for a pull request or a wiki page: summary, trend, one table per group, then the
 * details a reviewer acts on (open failures, waivers, stale or missing manual evidence).
 */
import type { RequirementPosture } from '../../posture/history.js';
import { HISTORY_STATUSES } from '../../posture/history.js';
import type { FrameworkReportData } from './model.js';
import { percent, STATUS_LABELS, where } from './model.js';

const ICONS: Record<string, string> = {
  failing: '\u274c',
  stale: '\u23f3',
  unknown: '\u2753',
  waived: '\u26a0\ufe0f',
  incomplete: '\u25d1',
  passing: '\u2705',
  unassessed: '\u2796',
};

export function renderMarkdown(data: FrameworkReportData): string {
  const { framework: fw, posture: p } = data;
  const out: string[] = [
    `# ${md(fw.name)} report`,
    '',
    `${md(fw.version)} \u00b7 period ${data.period.from.slice(0, 10)} to ${data.period.to.slice(0, 10)} \u00b7 ` +
      `${data.recordsInPeriod} ledger records in the period`,
    '',
    `**Score ${percent(p.score)}** of assessed requirements passing \u00b7 **coverage ${percent(p.coverage)}** ` +
      `(${p.assessed} of ${p.total} requirements have evidence)`,
    '',
    '| ' + HISTORY_STATUSES.map((s) => `${ICONS[s]} ${STATUS_LABELS[s]}`).join(' | ') + ' |',
    '|' + HISTORY_STATUSES.map(() => '---:').join('|') + '|',
    '| ' + HISTORY_STATUSES.map((s) => String(p.counts[s])).join(' | ') + ' |',
    '',
    '## Trend',
    '',
    '| Date | Score | Coverage |',
    '|---|---:|---:|',
    ...sample(data.trend, 31).map(
      (t) => `| ${t.date} | ${percent(t.score)} | ${percent(t.coverage)} |`,
    ),
    '',
  ];

  for (const group of data.groups) {
    const c = group.counts;
    out.push(
      `## ${md(group.title)}`,
      '',
      `${c.passing} passing, ${c.failing} failing, ${c.stale} stale, ${c.unassessed} unassessed of ${group.requirements.length}`,
      '',
      '| Requirement | Status | Controls | Evidence |',
      '|---|---|---|---|',
      ...group.requirements.map(
        (r) =>
          `| **${md(r.id)}** ${md(r.title)} | ${ICONS[r.status]} ${STATUS_LABELS[r.status]} | ` +
          `${r.controls.map((c2) => `\`${c2}\``).join(', ')} | ${r.evidence.length} |`,
      ),
      '',
    );
  }

  const attention = data.groups.flatMap((g) => g.requirements).filter(needsAttention);
  if (attention.length > 0) {
    out.push('## Details', '');
    for (const r of attention) out.push(...details(r), '');
  }

  if (data.evidence.length > 0) {
    out.push(
      '## Evidence records',
      '',
      '| Record | Kind | Collected | Source | Hash |',
      '|---|---|---|---|---|',
    );
    for (const e of data.evidence) {
      out.push(
        `| \`${e.id}\` | ${e.kind} | ${e.collectedAt} | ${md(e.source)} | \`${e.hash.slice(0, 16)}\u2026\` |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

/** Unassessed requirements have nothing to act on but collecting evidence: the tables show them. */
function needsAttention(r: RequirementPosture): boolean {
  return (
    r.status !== 'unassessed' &&
    (r.failures.length > 0 ||
      r.waivers.length > 0 ||
      r.unknowns.length > 0 ||
      r.manual.some((m) => m.state !== 'current'))
  );
}

function details(r: RequirementPosture): string[] {
  const lines = [`### ${md(r.id)} ${md(r.title)} \u2014 ${STATUS_LABELS[r.status]}`, ''];
  for (const f of r.failures)
    lines.push(`- \u274c \`${f.ruleId}\` ${code(where(f) || f.resource)}: ${md(f.message)}`);
  for (const f of r.unknowns)
    lines.push(`- \u2753 \`${f.ruleId}\` ${code(where(f) || f.resource)}: ${md(f.message)}`);
  for (const w of r.waivers) {
    const meta = [
      w.waiver?.owner ? `owner ${md(w.waiver.owner)}` : '',
      w.waiver?.expires ? `expires ${w.waiver.expires}` : '',
    ]
      .filter((s) => s !== '')
      .join(', ');
    lines.push(
      `- \u26a0\ufe0f waived \`${w.ruleId}\` ${code(where(w))}: ${md(w.waiver?.reason ?? '')}${meta ? ` (${meta})` : ''}`,
    );
  }
  for (const m of r.manual.filter((x) => x.state !== 'current')) {
    const when = m.expiresAt ? ` (expired ${m.expiresAt.slice(0, 10)})` : '';
    lines.push(
      `- manual evidence \`${m.control}/${m.item}\` ${md(m.title)}: **${m.state}**${m.state === 'expired' ? when : ''}`,
    );
  }
  return lines;
}

function code(text: string): string {
  return text ? `\`${text.replace(/`/g, "'")}\`` : '';
}

/** Escapes what would break a table cell or start markup. */
function md(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/([*_[\]<>`])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

/** At most `max` points, always keeping the first and the last. */
export function sample<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const out: T[] = [];
  for (let i = 0; i < max; i++)
    out.push(points[Math.round((i * (points.length - 1)) / (max - 1))]!);
  return out;
}
