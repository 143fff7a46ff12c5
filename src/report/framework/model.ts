/**
 * The data of a per-framework report, computed once and rendered by every format: the posture
 * at the end of the period, grouped the way the framework is read, the trend over the period,
 * and the ledger records behind it.
 */
import type { Catalog } from '../../catalog/index.js';
import {
  postureAt,
  postureHistory,
  type EvidenceRef,
  type FrameworkPosture,
  type HistoryCatalog,
  type HistoryPoint,
} from '../../posture/history.js';
import { collected, instant, type PostureRecord } from '../../posture/records.js';
import { groupRequirements, type ReportGroup } from './groups.js';

export const REPORT_SCHEMA_VERSION = '1.0.0';

export interface ReportOptions {
  /** Framework id or alias. */
  readonly framework: string;
  /** Start of the period (a bare date is that whole day). Default: 30 days before `to`. */
  readonly from?: string | Date;
  /** End of the period and date of the posture. Default: now. */
  readonly to?: string | Date;
  /** Days between trend points; default 1. */
  readonly stepDays?: number;
}

export interface FrameworkReportData {
  readonly schemaVersion: string;
  readonly framework: {
    readonly id: string;
    readonly name: string;
    readonly version: string;
    readonly source: string;
  };
  readonly period: { readonly from: string; readonly to: string };
  readonly posture: Omit<FrameworkPosture, 'requirements'>;
  readonly groups: readonly ReportGroup[];
  readonly trend: readonly HistoryPoint[];
  /** Every record cited by a requirement, oldest first. */
  readonly evidence: readonly EvidenceRef[];
  /** Records of any kind collected within the period. */
  readonly recordsInPeriod: number;
}

export type ReportCatalog = HistoryCatalog & Pick<Catalog, 'framework'>;

export function buildReport(
  catalog: ReportCatalog,
  records: readonly PostureRecord[],
  options: ReportOptions,
): FrameworkReportData {
  const framework = catalog.framework(options.framework);
  if (!framework) throw new Error(`Unknown framework "${options.framework}"`);
  const toMs = instant(options.to ?? new Date());
  const fromMs = options.from === undefined ? toMs - 30 * 86_400_000 : startOf(options.from);
  if (fromMs > toMs) throw new Error('"from" is after "to"');
  const to = new Date(toMs).toISOString();
  const from = new Date(fromMs).toISOString();

  const posture = postureAt(catalog, records, to, { framework: framework.id });
  const trend = postureHistory(catalog, records, from, to, options.stepDays ?? 1, {
    framework: framework.id,
  });
  const evidence = new Map<string, EvidenceRef>();
  for (const r of posture.requirements) for (const e of r.evidence) evidence.set(e.id, e);
  const { requirements, ...summary } = posture;

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    framework: {
      id: framework.id,
      name: framework.name,
      version: framework.version,
      source: framework.source,
    },
    period: { from, to },
    posture: summary,
    groups: groupRequirements(framework, requirements),
    trend,
    evidence: [...evidence.values()].sort((a, b) => a.seq - b.seq),
    recordsInPeriod: records.filter((r) => collected(r) >= fromMs && collected(r) <= toMs).length,
  };
}

/** A bare date as a start means the beginning of that day. */
function startOf(date: string | Date): number {
  if (typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date))
    return Date.parse(`${date}T00:00:00.000Z`);
  return instant(date);
}

/** `42 %`, or an em dash when there is no score. */
export function percent(value: number | null): string {
  return value === null ? '\u2014' : `${Math.round(value * 100)} %`;
}

export const STATUS_LABELS: Record<string, string> = {
  failing: 'Failing',
  stale: 'Stale',
  unknown: 'Unknown',
  waived: 'Waived',
  incomplete: 'Incomplete',
  passing: 'Passing',
  unassessed: 'Unassessed',
};

/** `main.tf:12`, or the file alone when the line is not known. */
export function where(check: { file?: string; line?: number }): string {
  if (!check.file) return '';
  return check.line !== undefined ? `${check.file}:${check.line}` : check.file;
}
