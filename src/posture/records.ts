/**
 * Reading evidence-ledger records for posture: which records exist at a date, and what their
 * payloads say. Payloads are JSON written by other parts (and by older versions), so every
 * field is read defensively; a field that is missing or of the wrong type is skipped, never
 * guessed.
 *
 * Payload shapes read here (see src/evidence/index.ts for what the ledger writes):
 * - `scan-run`: `{ findings, waivers? }` where a finding is either the ledger's flat form
 *   `{ ruleId, status, severity, resource: address, file, line, controls, message }` or the
 *   engine's `Finding` (`resource.address`, `location.file/startLine`, `requirements`,
 *   `waiver`); `{ result: ScanResult }` is read too. `waivers` entries `{ ruleId, resource,
 *   reason, owner?, expires?, source }` are joined to waived findings by rule and resource.
 * - `manual`: `{ fileName?, expires?: 'YYYY-MM-DD' | timestamp, item?: string }`; `item` (the
 *   catalog's manual-evidence id within the record's control) is optional: without it the
 *   record counts for every manual item of its control.
 * - `import`: `{ ruleId?, message?, resource?, file?, line?, requirements? }` beside the
 *   record's `control`; one import run is the records of one source with the same
 *   `collectedAt` and artifact.
 */
import type { EvidenceKind, EvidenceStatus, JsonValue } from '../evidence/types.js';

/** The fields of an evidence record posture reads; `EvidenceRecord` satisfies it. */
export interface PostureRecord {
  readonly seq: number;
  readonly id: string;
  readonly kind: EvidenceKind;
  readonly control?: string;
  readonly source: string;
  readonly collectedAt: string;
  readonly status: EvidenceStatus;
  readonly payload: JsonValue;
  readonly hash: string;
  readonly artifactSha256?: string;
  readonly prunedBy?: number;
}

/** A finding as read back from a scan-run payload. */
export interface RecordedFinding {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: string;
  readonly status: 'passed' | 'failed' | 'unknown' | 'waived' | 'error';
  readonly resource: string;
  readonly file?: string;
  readonly line?: number;
  readonly message: string;
  readonly controls: readonly string[];
  readonly requirements: readonly { readonly framework: string; readonly id: string }[];
  readonly waiver?: {
    readonly reason: string;
    readonly owner?: string;
    readonly expires?: string;
    readonly source?: string;
  };
}

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A point in time as epoch ms. A bare date means the end of that day (UTC), so "posture on
 * 2026-12-03" includes everything collected that day.
 */
export function instant(date: string | Date): number {
  if (date instanceof Date) return date.getTime();
  const ms = DATE_ONLY.test(date) ? Date.parse(`${date}T23:59:59.999Z`) : Date.parse(date);
  if (Number.isNaN(ms)) throw new Error(`Invalid date "${date}"`);
  return ms;
}

/** `YYYY-MM-DD` of an instant, UTC. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(ms: number, days: number): number {
  return ms + days * DAY_MS;
}

/** Records collected at or before `at`, oldest first; pruned records carry no data and are left out. */
export function recordsUpTo(records: readonly PostureRecord[], at: number): PostureRecord[] {
  return records
    .filter((r) => r.prunedBy === undefined && r.payload !== null && collected(r) <= at)
    .sort((a, b) => collected(a) - collected(b) || a.seq - b.seq);
}

export function collected(record: PostureRecord): number {
  return Date.parse(record.collectedAt);
}

type Obj = { readonly [key: string]: JsonValue };

function asObject(value: JsonValue | undefined): Obj | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Obj)
    : undefined;
}

function asString(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function asStrings(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

const FINDING_STATUSES = new Set(['passed', 'failed', 'unknown', 'waived', 'error']);

/** The findings of a scan-run payload; malformed entries are skipped. */
export function scanFindings(record: PostureRecord): RecordedFinding[] {
  const payload = asObject(record.payload);
  const list = payload?.findings ?? asObject(payload?.result)?.findings;
  if (!Array.isArray(list)) return [];
  const waivers = new Map<string, RecordedFinding['waiver']>();
  for (const entry of Array.isArray(payload?.waivers) ? payload.waivers : []) {
    const w = asObject(entry);
    const waiver = w ? readWaiver(w) : undefined;
    if (w && waiver)
      waivers.set(`${asString(w.ruleId) ?? ''}\n${asString(w.resource) ?? ''}`, waiver);
  }
  const out: RecordedFinding[] = [];
  for (const entry of list) {
    const f = asObject(entry);
    const ruleId = asString(f?.ruleId);
    const status = asString(f?.status);
    if (!f || !ruleId || !status || !FINDING_STATUSES.has(status)) continue;
    const resourceObj = asObject(f.resource);
    const resource =
      asString(f.resource) ?? asString(resourceObj?.address) ?? asString(resourceObj?.name) ?? '';
    const location = asObject(f.location);
    const file = asString(f.file) ?? asString(location?.file);
    const line = typeof f.line === 'number' ? f.line : location?.startLine;
    const embedded = asObject(f.waiver);
    const waiver =
      (embedded ? readWaiver(embedded) : undefined) ?? waivers.get(`${ruleId}\n${resource}`);
    out.push({
      ruleId,
      title: asString(f.title) ?? ruleId,
      severity: asString(f.severity) ?? 'info',
      status: status as RecordedFinding['status'],
      resource,
      ...(file ? { file } : {}),
      ...(typeof line === 'number' && line > 0 ? { line } : {}),
      message: asString(f.message) ?? '',
      controls: asStrings(f.controls),
      requirements: requirementRefs(f.requirements),
      ...(status === 'waived' && waiver ? { waiver } : {}),
    });
  }
  return out;
}

function readWaiver(w: Obj): RecordedFinding['waiver'] {
  const reason = asString(w.reason);
  if (!reason) return undefined;
  const owner = asString(w.owner);
  const expires = asString(w.expires);
  const source = asString(w.source);
  return {
    reason,
    ...(owner ? { owner } : {}),
    ...(expires ? { expires } : {}),
    ...(source ? { source } : {}),
  };
}

export function requirementRefs(value: JsonValue | undefined): { framework: string; id: string }[] {
  if (!Array.isArray(value)) return [];
  const out: { framework: string; id: string }[] = [];
  for (const entry of value) {
    const ref = asObject(entry);
    const framework = asString(ref?.framework);
    const id = asString(ref?.id);
    if (framework && id) out.push({ framework, id });
  }
  return out;
}

/** The manual-evidence item a `manual` record is for, when it names one. */
export function manualItem(record: PostureRecord): string | undefined {
  const payload = asObject(record.payload);
  return asString(payload?.item) ?? asString(payload?.evidence);
}

/** Explicit expiry of a record as epoch ms (a bare date runs to the end of that day). */
export function explicitExpiry(record: PostureRecord): number | undefined {
  const text = asString(asObject(record.payload)?.expires);
  if (!text) return undefined;
  const ms = DATE_ONLY.test(text) ? Date.parse(`${text}T23:59:59.999Z`) : Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Requirements an `import` record names directly in its payload. */
export function importRequirements(record: PostureRecord): { framework: string; id: string }[] {
  return requirementRefs(asObject(record.payload)?.requirements);
}

/** What an imported result says about itself, when the payload has it. */
export function importDetails(record: PostureRecord): {
  ruleId?: string;
  message?: string;
  resource?: string;
  file?: string;
  line?: number;
} {
  const payload = asObject(record.payload);
  const ruleId = asString(payload?.ruleId) ?? asString(payload?.check);
  const message = asString(payload?.message) ?? asString(payload?.title);
  const resource = asString(payload?.resource);
  const file = asString(payload?.file);
  const line = payload?.line;
  return {
    ...(ruleId ? { ruleId } : {}),
    ...(message ? { message } : {}),
    ...(resource ? { resource } : {}),
    ...(file ? { file } : {}),
    ...(typeof line === 'number' && line > 0 ? { line } : {}),
  };
}
