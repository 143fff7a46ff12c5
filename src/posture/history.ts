/**
 * Posture over time: the status of each framework requirement at a date, from the evidence
 * ledger's records (scan runs, manual evidence, imports). Pure functions over an array of
 * records, so the store is never needed to compute or test them.
 *
 * Status of a requirement at a date, first match wins:
 * 1. `unassessed`: no evidence at all (no check in the latest scan, no import, no manual record).
 * 2. `failing`: the latest scan (or a tool's latest import run) has a failed check mapped to
 *    it, or the latest manual record for a required item says failed.
 * 3. `stale`: a required manual item's latest record has expired (its explicit `expires`, else
 *    collectedAt + the item's renewalDays, is before the date).
 * 4. `unknown`: a mapped check could not decide (unknown value, crashed rule, info-only import).
 * 5. `waived`: the only failures are waived.
 * 6. `incomplete`: checks pass but a required manual item has never been provided.
 * 7. `passing`: every mapped check passes and every required manual item is current.
 *
 * The score is the share of assessed requirements that pass, and it always comes with the
 * coverage (the share that has any evidence), so that a score is never high merely because
 * little was checked. Which requirements count: as in `scan.ts`, every leaf requirement and
 * every requirement a control cites; nothing rolls up to parents.
 *
 * "The latest scan" is the latest `scan-run` record of each scope (what it scanned), and an
 * import run replaces the earlier runs of the same tool. Scans of different stacks sharing a
 * ledger therefore each count, while a rescan of the same stack replaces its earlier result.
 */
import type { Catalog, Control, Framework, ManualEvidence, Requirement } from '../catalog/index.js';
import {
  addDays,
  collected,
  dayOf,
  explicitExpiry,
  importDetails,
  importRequirements,
  instant,
  manualItem,
  recordsUpTo,
  scanFindings,
  type PostureRecord,
  type RecordedFinding,
} from './records.js';

export type HistoryStatus =
  'failing' | 'stale' | 'unknown' | 'waived' | 'incomplete' | 'passing' | 'unassessed';

export const HISTORY_STATUSES: readonly HistoryStatus[] = [
  'failing',
  'stale',
  'unknown',
  'waived',
  'incomplete',
  'passing',
  'unassessed',
];

/** The part of the catalog posture over time reads; the real `Catalog` satisfies it. */
export type HistoryCatalog = Pick<
  Catalog,
  'frameworks' | 'controls' | 'framework' | 'controlsForRequirement' | 'requirementsForControls'
>;

/** A ledger record as cited in a report. */
export interface EvidenceRef {
  readonly id: string;
  readonly seq: number;
  readonly kind: PostureRecord['kind'];
  readonly collectedAt: string;
  readonly source: string;
  readonly hash: string;
  readonly status: PostureRecord['status'];
  readonly control?: string;
  readonly artifactSha256?: string;
}

export interface ManualItemState {
  readonly control: string;
  readonly item: string;
  readonly title: string;
  readonly renewalDays: number;
  readonly state: 'current' | 'expired' | 'failed' | 'missing';
  /** When the latest record expires (or expired), ISO timestamp. */
  readonly expiresAt?: string;
  readonly record?: EvidenceRef;
}

/** A failed, unknown or waived check, with the record it came from. */
export interface CheckRef {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: string;
  readonly resource: string;
  readonly file?: string;
  readonly line?: number;
  readonly message: string;
  readonly recordId: string;
  readonly waiver?: RecordedFinding['waiver'];
}

export interface RequirementPosture {
  readonly framework: string;
  readonly id: string;
  readonly title: string;
  readonly parent?: string;
  readonly status: HistoryStatus;
  /** Unified controls mapped to the requirement in the catalog. */
  readonly controls: readonly string[];
  /** Rules that produced a finding for the requirement in the latest scan. */
  readonly rules: readonly string[];
  readonly passedChecks: number;
  readonly failures: readonly CheckRef[];
  readonly unknowns: readonly CheckRef[];
  readonly waivers: readonly CheckRef[];
  readonly manual: readonly ManualItemState[];
  /** Records behind the status, oldest first. */
  readonly evidence: readonly EvidenceRef[];
}

export interface FrameworkPosture {
  readonly framework: { readonly id: string; readonly name: string; readonly version: string };
  /** ISO timestamp the posture is computed at. */
  readonly at: string;
  readonly requirements: readonly RequirementPosture[];
  readonly counts: Readonly<Record<HistoryStatus, number>>;
  readonly total: number;
  /** Requirements with any evidence. */
  readonly assessed: number;
  /** passing / assessed, 0 to 1; null when nothing is assessed. */
  readonly score: number | null;
  /** assessed / total, 0 to 1. */
  readonly coverage: number;
}

export interface PostureAtOptions {
  /** Framework id or alias. */
  readonly framework: string;
}

/** Posture of one framework at `date` (a bare date means the end of that day, UTC). */
export function postureAt(
  catalog: HistoryCatalog,
  records: readonly PostureRecord[],
  date: string | Date,
  options: PostureAtOptions,
): FrameworkPosture {
  const framework = frameworkOf(catalog, options.framework);
  const at = instant(date);
  const state = evidenceState(catalog, framework, recordsUpTo(records, at));
  const requirements = reportedRequirements(catalog, framework).map((r) =>
    requirementPosture(catalog, framework, r, state, at),
  );
  return summarize(framework, new Date(at).toISOString(), requirements);
}

function frameworkOf(catalog: HistoryCatalog, name: string): Framework {
  const framework = catalog.framework(name);
  if (!framework) throw new Error(`Unknown framework "${name}"`);
  return framework;
}

/** Leaf requirements and every requirement a control cites, in catalog order. */
function reportedRequirements(catalog: HistoryCatalog, framework: Framework): Requirement[] {
  const cited = citedRequirements(catalog, framework);
  const parents = new Set(framework.requirements.map((r) => r.parent));
  return framework.requirements.filter((r) => !parents.has(r.id) || cited.has(r.id));
}

export interface HistoryPoint {
  /** `YYYY-MM-DD`; the posture at the end of that day. */
  readonly date: string;
  readonly score: number | null;
  readonly coverage: number;
  readonly counts: Readonly<Record<HistoryStatus, number>>;
}

/**
 * The trend from `from` to `to` (both included), one point every `stepDays` days; the last
 * point is always `to`, so the trend ends at the report's date.
 */
export function postureHistory(
  catalog: HistoryCatalog,
  records: readonly PostureRecord[],
  from: string | Date,
  to: string | Date,
  stepDays = 1,
  options: PostureAtOptions,
): HistoryPoint[] {
  if (!(stepDays >= 1) || !Number.isInteger(stepDays)) {
    throw new Error('step must be a whole number of days, at least 1');
  }
  const start = instant(dayOf(instant(from)));
  const end = instant(dayOf(instant(to)));
  if (start > end) throw new Error('"from" is after "to"');
  const days: number[] = [];
  for (let day = start; day <= end; day = addDays(day, stepDays)) days.push(day);
  if (days[days.length - 1] !== end) days.push(end);
  // Only the counts are needed per point: skip building the per-requirement details.
  const framework = frameworkOf(catalog, options.framework);
  const reported = reportedRequirements(catalog, framework);
  return days.map((day) => {
    const state = evidenceState(catalog, framework, recordsUpTo(records, day));
    const statuses = reported.map((r) => {
      const controls = catalog.controlsForRequirement(framework.id, r.id);
      return statusOf(
        state.findings.get(r.id) ?? [],
        state.imports.get(r.id) ?? [],
        manualItems(controls, state, day),
      );
    });
    const p = scoreOf(statuses);
    return { date: dayOf(day), score: p.score, coverage: p.coverage, counts: p.counts };
  });
}

/** A finding with the scan-run record it was read from. */
type ScanFinding = RecordedFinding & { readonly scanRecord: PostureRecord };

/** What a scan-run covered: its recorded scope, else its paths. */
function scanScope(record: PostureRecord): string {
  const payload = record.payload as { scope?: unknown; paths?: unknown } | null;
  if (payload && typeof payload.scope === 'string') return payload.scope;
  return JSON.stringify(payload && Array.isArray(payload.paths) ? payload.paths : []);
}

/** What the records up to a date say, indexed for one framework. */
interface EvidenceState {
  /** Latest scan-run record, if any. */
  readonly scan?: PostureRecord;
  /** Requirement id → findings of the latest scan of each scope citing it. */
  readonly findings: Map<string, ScanFinding[]>;
  /** Requirement id → records of each tool's latest import run mapped to it. */
  readonly imports: Map<string, PostureRecord[]>;
  /** `control\nitem` → latest manual record. */
  readonly manual: Map<string, PostureRecord>;
}

function evidenceState(
  catalog: HistoryCatalog,
  framework: Framework,
  records: readonly PostureRecord[],
): EvidenceState {
  // the latest scan of each scope (what was scanned): scans of different stacks that share
  // one ledger each count, while a newer scan of the same stack replaces the older one
  const latestByScope = new Map<string, PostureRecord>();
  for (const record of records) {
    if (record.kind === 'scan-run') latestByScope.set(scanScope(record), record);
  }
  const scans = [...latestByScope.values()];
  const scan = scans.reduce<PostureRecord | undefined>(
    (latest, r) => (!latest || collected(r) >= collected(latest) ? r : latest),
    undefined,
  );
  const findings = new Map<string, ScanFinding[]>();
  for (const one of scans) {
    for (const [id, list] of findingsByRequirement(catalog, framework, one)) {
      const merged = findings.get(id) ?? [];
      for (const f of list) merged.push({ ...f, scanRecord: one });
      findings.set(id, merged);
    }
  }
  // Each tool's latest import run replaces its earlier runs, as the latest scan does; a later
  // manual record replaces an earlier one for the same item.
  const latestRun = new Map<string, PostureRecord>();
  const manual = new Map<string, PostureRecord>();
  for (const record of records) {
    if (record.kind === 'import') {
      latestRun.set(record.source, record);
    } else if (record.kind === 'manual' && record.control) {
      const item = manualItem(record);
      const items = item ? [item] : manualItemIds(catalog, record.control);
      for (const id of items) manual.set(`${record.control}\n${id}`, record);
    }
  }
  const imports = new Map<string, PostureRecord[]>();
  for (const record of records) {
    if (record.kind !== 'import') continue;
    const last = latestRun.get(record.source);
    if (!last || !sameRun(record, last)) continue;
    const controls = record.control ? [record.control] : [];
    for (const id of requirementIds(catalog, framework, importRequirements(record), controls)) {
      push(imports, id, record);
    }
  }
  return { ...(scan ? { scan } : {}), findings, imports, manual };
}

/** A trend reads the same scan for many days: index each scan once per framework. */
const scanIndex = new WeakMap<PostureRecord, Map<Framework, Map<string, RecordedFinding[]>>>();

function findingsByRequirement(
  catalog: HistoryCatalog,
  framework: Framework,
  scan: PostureRecord,
): Map<string, RecordedFinding[]> {
  let perFramework = scanIndex.get(scan);
  if (!perFramework) scanIndex.set(scan, (perFramework = new Map()));
  const cached = perFramework.get(framework);
  if (cached) return cached;

  const index = new Map<string, RecordedFinding[]>();
  // Findings of one rule share their controls: resolve each combination once.
  const resolved = new Map<string, Set<string>>();
  for (const finding of scanFindings(scan)) {
    const refs = finding.requirements.map((r) => `${r.framework}\u0003${r.id}`);
    const key = `${finding.controls.join('\u0001')}\u0002${refs.join('\u0001')}`;
    let ids = resolved.get(key);
    if (!ids) {
      ids = requirementIds(catalog, framework, finding.requirements, finding.controls);
      resolved.set(key, ids);
    }
    for (const id of ids) push(index, id, finding);
  }
  perFramework.set(framework, index);
  return index;
}

/** A manual record without `item` evidences every manual item of its control. */
function manualItemIds(catalog: HistoryCatalog, controlId: string): string[] {
  const items = catalog.controls.find((c) => c.id === controlId)?.evidence.manual ?? [];
  return items.map((i) => i.id);
}

/** Records of one import run share their source, collection time and imported file. */
function sameRun(a: PostureRecord, b: PostureRecord): boolean {
  return (
    a.source === b.source &&
    a.collectedAt === b.collectedAt &&
    a.artifactSha256 === b.artifactSha256
  );
}

/** Requirement ids of this framework named directly or through controls. */
function requirementIds(
  catalog: HistoryCatalog,
  framework: Framework,
  refs: readonly { framework: string; id: string }[],
  controls: readonly string[],
): Set<string> {
  const ids = new Set<string>();
  for (const ref of refs)
    if (catalog.framework(ref.framework)?.id === framework.id) ids.add(ref.id);
  for (const ref of catalog.requirementsForControls(controls)) {
    if (ref.framework === framework.id) ids.add(ref.id);
  }
  return ids;
}

function requirementPosture(
  catalog: HistoryCatalog,
  framework: Framework,
  requirement: Requirement,
  state: EvidenceState,
  at: number,
): RequirementPosture {
  const controls = catalog.controlsForRequirement(framework.id, requirement.id);
  const findings = state.findings.get(requirement.id) ?? [];
  const imports = state.imports.get(requirement.id) ?? [];
  const manual = manualItems(controls, state, at);
  const check = (f: ScanFinding): CheckRef => ({
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    resource: f.resource,
    ...(f.file !== undefined ? { file: f.file } : {}),
    ...(f.line !== undefined ? { line: f.line } : {}),
    message: f.message,
    recordId: f.scanRecord.id,
    ...(f.waiver ? { waiver: f.waiver } : {}),
  });
  const importCheck = (r: PostureRecord): CheckRef => {
    const d = importDetails(r);
    return {
      ruleId: d.ruleId ? `${r.source}:${d.ruleId}` : r.source,
      title: `Imported result from ${r.source}`,
      severity: 'info',
      resource: d.resource ?? r.control ?? '',
      ...(d.file !== undefined ? { file: d.file } : {}),
      ...(d.line !== undefined ? { line: d.line } : {}),
      message: d.message ?? `${r.source} reported ${r.status}`,
      recordId: r.id,
    };
  };

  const failures = [
    ...findings.filter((f) => f.status === 'failed').map(check),
    ...imports.filter((r) => r.status === 'failed').map(importCheck),
  ];
  const unknowns = [
    ...findings.filter((f) => f.status === 'unknown' || f.status === 'error').map(check),
    ...imports.filter((r) => r.status === 'unknown' || r.status === 'info').map(importCheck),
  ];
  const waivers = findings.filter((f) => f.status === 'waived').map(check);
  const passedChecks =
    findings.filter((f) => f.status === 'passed').length +
    imports.filter((r) => r.status === 'passed').length;

  const evidence: EvidenceRef[] = [];
  for (const scanRecord of new Set(findings.map((f) => f.scanRecord)))
    evidence.push(ref(scanRecord));
  for (const r of imports) evidence.push(ref(r));
  for (const m of manual) if (m.record) evidence.push(m.record);
  evidence.sort((a, b) => Date.parse(a.collectedAt) - Date.parse(b.collectedAt) || a.seq - b.seq);

  const status = statusOf(findings, imports, manual);

  return {
    framework: framework.id,
    id: requirement.id,
    title: requirement.title,
    ...(requirement.parent !== undefined ? { parent: requirement.parent } : {}),
    status,
    controls: controls.map((c) => c.id),
    rules: [...new Set(findings.map((f) => f.ruleId))].sort(),
    passedChecks,
    failures,
    unknowns,
    waivers,
    manual,
    evidence,
  };
}

/** The status rule of the module comment, over one requirement's evidence. */
function statusOf(
  findings: readonly RecordedFinding[],
  imports: readonly PostureRecord[],
  manual: readonly ManualItemState[],
): HistoryStatus {
  const finding = (...statuses: string[]) => findings.some((f) => statuses.includes(f.status));
  const imported = (...statuses: string[]) => imports.some((r) => statuses.includes(r.status));
  return decide({
    hasEvidence: findings.length > 0 || imports.length > 0 || manual.some((m) => m.record),
    failed: finding('failed') || imported('failed') || manual.some((m) => m.state === 'failed'),
    stale: manual.some((m) => m.state === 'expired'),
    unknown: finding('unknown', 'error') || imported('unknown', 'info'),
    waived: finding('waived'),
    missing: manual.some((m) => m.state === 'missing'),
  });
}

function decide(s: {
  hasEvidence: boolean;
  failed: boolean;
  stale: boolean;
  unknown: boolean;
  waived: boolean;
  missing: boolean;
}): HistoryStatus {
  if (!s.hasEvidence) return 'unassessed';
  if (s.failed) return 'failing';
  if (s.stale) return 'stale';
  if (s.unknown) return 'unknown';
  if (s.waived) return 'waived';
  if (s.missing) return 'incomplete';
  return 'passing';
}

function manualItems(
  controls: readonly Control[],
  state: EvidenceState,
  at: number,
): ManualItemState[] {
  const out: ManualItemState[] = [];
  const seen = new Set<string>();
  for (const control of controls) {
    for (const item of control.evidence.manual) {
      const key = `${control.id}\n${item.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(manualState(control.id, item, state.manual.get(key), at));
    }
  }
  return out;
}

function manualState(
  control: string,
  item: ManualEvidence,
  record: PostureRecord | undefined,
  at: number,
): ManualItemState {
  const base = { control, item: item.id, title: item.title, renewalDays: item.renewalDays };
  if (!record) return { ...base, state: 'missing' };
  const expires = explicitExpiry(record) ?? addDays(collected(record), item.renewalDays);
  const state = record.status === 'failed' ? 'failed' : expires < at ? 'expired' : 'current';
  return { ...base, state, expiresAt: new Date(expires).toISOString(), record: ref(record) };
}

function ref(record: PostureRecord): EvidenceRef {
  return {
    id: record.id,
    seq: record.seq,
    kind: record.kind,
    collectedAt: record.collectedAt,
    source: record.source,
    hash: record.hash,
    status: record.status,
    ...(record.control !== undefined ? { control: record.control } : {}),
    ...(record.artifactSha256 !== undefined ? { artifactSha256: record.artifactSha256 } : {}),
  };
}

function citedRequirements(catalog: HistoryCatalog, framework: Framework): Set<string> {
  const refs = catalog.requirementsForControls(catalog.controls.map((c) => c.id));
  return new Set(refs.filter((r) => r.framework === framework.id).map((r) => r.id));
}

function summarize(
  framework: Framework,
  at: string,
  requirements: RequirementPosture[],
): FrameworkPosture {
  return {
    framework: { id: framework.id, name: framework.name, version: framework.version },
    at,
    requirements,
    ...scoreOf(requirements.map((r) => r.status)),
  };
}

function scoreOf(statuses: readonly HistoryStatus[]) {
  const counts = Object.fromEntries(HISTORY_STATUSES.map((s) => [s, 0])) as Record<
    HistoryStatus,
    number
  >;
  for (const status of statuses) counts[status]++;
  const total = statuses.length;
  const assessed = total - counts.unassessed;
  return {
    counts,
    total,
    assessed,
    score: assessed === 0 ? null : counts.passing / assessed,
    coverage: total === 0 ? 0 : assessed / total,
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
