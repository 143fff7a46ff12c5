/**
 * Inline SVG charts drawn as strings, so the HTML report needs no script and no network: a
 * line chart of score and coverage over the period, and a stacked bar of statuses.
 */
import type { HistoryStatus } from '../../posture/history.js';
import { HISTORY_STATUSES } from '../../posture/history.js';
import type { HistoryPoint } from '../../posture/history.js';

export const STATUS_COLORS: Record<HistoryStatus, string> = {
  failing: '#c62828',
  stale: '#ef6c00',
  unknown: '#6a1b9a',
  waived: '#f9a825',
  incomplete: '#0277bd',
  passing: '#2e7d32',
  unassessed: '#bdbdbd',
};

const SCORE_COLOR = '#1565c0';
const COVERAGE_COLOR = '#757575';

export function trendChart(points: readonly HistoryPoint[], width = 720, height = 220): string {
  const pad = { left: 44, right: 44, top: 16, bottom: 40 };
  const w = width - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  const x = (i: number) => pad.left + (points.length <= 1 ? w / 2 : (i * w) / (points.length - 1));
  const y = (v: number) => pad.top + h - v * h;
  const parts: string[] = [
    `<svg viewBox="0 0 ${width} ${height}" width="100%" role="img" ` +
      `aria-label="Score and coverage over the period" class="chart">`,
  ];
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line x1="${pad.left}" x2="${pad.left + w}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="#e0e0e0"/>`,
      `<text x="${pad.left - 6}" y="${n(y(v) + 4)}" text-anchor="end" font-size="11" fill="#616161">${v * 100}%</text>`,
    );
  }
  for (const i of labelIndexes(points.length)) {
    const p = points[i];
    if (!p) continue;
    parts.push(
      `<text x="${n(x(i))}" y="${height - pad.bottom + 18}" text-anchor="middle" font-size="11" fill="#616161">${p.date}</text>`,
    );
  }
  parts.push(
    line(
      points.map((p) => p.coverage),
      x,
      y,
      COVERAGE_COLOR,
      '6 4',
    ),
  );
  parts.push(
    line(
      points.map((p) => p.score),
      x,
      y,
      SCORE_COLOR,
      '',
    ),
  );
  const legendY = height - 8;
  parts.push(
    `<line x1="${pad.left}" x2="${pad.left + 24}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${SCORE_COLOR}" stroke-width="2.5"/>`,
    `<text x="${pad.left + 30}" y="${legendY}" font-size="11">Score (passing / assessed)</text>`,
    `<line x1="${pad.left + 200}" x2="${pad.left + 224}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${COVERAGE_COLOR}" stroke-width="2.5" stroke-dasharray="6 4"/>`,
    `<text x="${pad.left + 230}" y="${legendY}" font-size="11">Coverage (with evidence / all)</text>`,
    '</svg>',
  );
  return parts.join('');
}

/** A polyline per run of known values; a null score leaves a gap instead of a false zero. */
function line(
  values: readonly (number | null)[],
  x: (i: number) => number,
  y: (v: number) => number,
  color: string,
  dash: string,
): string {
  const runs: string[][] = [];
  let run: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push(`${n(x(i))},${n(y(v))}`);
  });
  if (run.length > 0) runs.push(run);
  const dashAttr = dash ? ` stroke-dasharray="${dash}"` : '';
  return runs
    .map((r) =>
      r.length === 1
        ? `<circle cx="${r[0]!.split(',')[0]}" cy="${r[0]!.split(',')[1]}" r="3" fill="${color}"/>`
        : `<polyline points="${r.join(' ')}" fill="none" stroke="${color}" stroke-width="2.5"${dashAttr}/>`,
    )
    .join('');
}

/** First, last and up to five evenly spaced dates between. */
function labelIndexes(count: number): number[] {
  if (count <= 7) return [...Array(count).keys()];
  return [0, 1, 2, 3, 4, 5, 6].map((k) => Math.round((k * (count - 1)) / 6));
}

export function statusBar(
  counts: Readonly<Record<HistoryStatus, number>>,
  width = 720,
  height = 18,
): string {
  const total = HISTORY_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  if (total === 0) return '';
  let x = 0;
  const rects: string[] = [];
  for (const s of HISTORY_STATUSES) {
    if (counts[s] === 0) continue;
    const w = (counts[s] / total) * width;
    rects.push(
      `<rect x="${n(x)}" y="0" width="${n(w)}" height="${height}" fill="${STATUS_COLORS[s]}"><title>${s}: ${counts[s]}</title></rect>`,
    );
    x += w;
  }
  return (
    `<svg viewBox="0 0 ${width} ${height}" width="100%" height="${height}" ` +
    `preserveAspectRatio="none" role="img" aria-label="Requirements by status" class="bar">${rects.join('')}</svg>`
  );
}

function n(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
