/**
 * Retention: the last day a record must be kept, from the frameworks its controls map to.
 * Defaults follow regulatory.md §4; every period is configurable.
 *
 * - PCI DSS 10.5.1: audit-log history at least 12 months.
 * - HIPAA 164.316(b)(2)(i): documentation 6 years from creation or last-effective date.
 * - SOC 2, ISO 27001, GDPR, CCPA, NIST: no fixed period. Default 1 year, enough for SOC 2
 *   Type II evidence to cover a typical (12-month) examination period. GDPR's storage
 *   limitation argues against keeping personal data longer than needed.
 */
import { loadCatalog } from '../catalog/index.js';

/** `6y`, `12m`, `400d`, or a combination such as `1y6m`. */
export type Period = string;

export interface RetentionPolicy {
  /** Period per framework id. */
  readonly periods: Readonly<Record<string, Period>>;
  /** For records whose controls map to no in-scope framework. */
  readonly defaultPeriod: Period;
  /** Frameworks that apply to the organisation; default all. Others add no retention. */
  readonly frameworks?: readonly string[];
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  periods: {
    'pci-dss': '12m',
    hipaa: '6y',
    soc2: '1y',
    iso27001: '1y',
    gdpr: '1y',
    ccpa: '1y',
    'nist-800-53': '1y',
  },
  defaultPeriod: '1y',
};

export function mergeRetention(overrides?: Partial<RetentionPolicy>): RetentionPolicy {
  if (!overrides) return DEFAULT_RETENTION;
  return {
    periods: { ...DEFAULT_RETENTION.periods, ...overrides.periods },
    defaultPeriod: overrides.defaultPeriod ?? DEFAULT_RETENTION.defaultPeriod,
    ...(overrides.frameworks ? { frameworks: overrides.frameworks } : {}),
  };
}

interface ParsedPeriod {
  years: number;
  months: number;
  days: number;
}

export function parsePeriod(period: Period): ParsedPeriod {
  const m = /^(?:(\d+)y)?(?:(\d+)m)?(?:(\d+)d)?$/.exec(period.trim());
  if (!m || period.trim() === '')
    throw new Error(`retention: bad period "${period}" (use e.g. 6y, 12m, 400d)`);
  return { years: Number(m[1] ?? 0), months: Number(m[2] ?? 0), days: Number(m[3] ?? 0) };
}

/** Calendar arithmetic in UTC; a month end clamps (31 Jan + 1m = 28/29 Feb). */
export function addPeriod(date: Date, period: Period): Date {
  const p = parsePeriod(period);
  const y = date.getUTCFullYear() + p.years;
  const month = date.getUTCMonth() + p.months;
  const target = new Date(Date.UTC(y, month, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  target.setUTCDate(target.getUTCDate() + p.days);
  return target;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The last day to keep a record about `controls` collected at `collectedAt`. `effectiveUntil`
 * (e.g. a manual document's expiry) moves the start later, as HIPAA counts from the date the
 * document was last in effect.
 */
export function retainUntilFor(
  controls: readonly string[],
  collectedAt: string | Date,
  policy: RetentionPolicy = DEFAULT_RETENTION,
  effectiveUntil?: string,
): string {
  let start = new Date(collectedAt);
  if (effectiveUntil !== undefined) {
    const e = new Date(effectiveUntil);
    if (!Number.isNaN(e.getTime()) && e > start) start = e;
  }
  const frameworks = new Set<string>();
  if (controls.length > 0) {
    for (const ref of loadCatalog().requirementsForControls(controls))
      frameworks.add(ref.framework);
  }
  const inScope = policy.frameworks ? new Set(policy.frameworks) : undefined;
  let best = addPeriod(start, policy.defaultPeriod);
  let any = false;
  for (const f of frameworks) {
    if (inScope && !inScope.has(f)) continue;
    const period = policy.periods[f];
    if (period === undefined) continue;
    const until = addPeriod(start, period);
    if (!any || until > best) best = until;
    any = true;
  }
  return isoDate(best);
}
