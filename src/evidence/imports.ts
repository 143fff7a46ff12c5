/**
 * Imports of other tools' results: SARIF 2.1.0 (any tool), Checkov JSON, Trivy JSON and
 * Prowler OCSF JSON. Each result becomes one `import` record per control it maps to through
 * `catalog/imports.yaml`; a result that maps to nothing is kept as one record marked
 * `unmapped`. The imported file itself is stored as an artifact every record points to.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { defaultCatalogDir, isControlId, loadCatalog } from '../catalog/index.js';
import { retainUntilFor } from './retention.js';
import type { EvidenceInput, EvidenceStatus, EvidenceStore } from './types.js';

export type ImportFormat = 'sarif' | 'checkov' | 'trivy' | 'prowler-ocsf';

/** One result of another tool, before mapping. */
export interface ForeignResult {
  readonly tool: string;
  readonly toolVersion?: string;
  readonly ruleId: string;
  readonly status: EvidenceStatus;
  readonly message: string;
  readonly severity?: string;
  readonly resource?: string;
  readonly file?: string;
  readonly line?: number;
  /** Control ids the result declares itself (crosswalk's own SARIF carries them). */
  readonly declaredControls?: readonly string[];
}

export interface ImportSummary {
  readonly format: ImportFormat;
  readonly tools: readonly string[];
  readonly results: number;
  readonly mapped: number;
  readonly unmapped: number;
  readonly records: number;
  readonly artifactSha256: string;
}

// ---------------------------------------------------------------------------------------------
// The mapping table

interface MappingEntry {
  readonly pattern: string;
  readonly regex: RegExp;
  readonly controls: readonly string[];
}

export class ImportMapping {
  private readonly tools = new Map<string, MappingEntry[]>();

  constructor(data: unknown, file = 'imports.yaml') {
    const tools = (data as { tools?: unknown } | null)?.tools;
    if (!tools || typeof tools !== 'object') throw new Error(`${file}: expected a "tools" map`);
    const catalog = loadCatalog();
    for (const [tool, table] of Object.entries(tools as Record<string, unknown>)) {
      if (!table || typeof table !== 'object')
        throw new Error(`${file}: tools.${tool} must be a map`);
      const entries: MappingEntry[] = [];
      for (const [pattern, controls] of Object.entries(table as Record<string, unknown>)) {
        if (!Array.isArray(controls) || controls.length === 0) {
          throw new Error(`${file}: tools.${tool}.${pattern} must list control ids`);
        }
        for (const c of controls) {
          if (typeof c !== 'string' || !catalog.control(c)) {
            throw new Error(`${file}: tools.${tool}.${pattern}: unknown control "${String(c)}"`);
          }
        }
        const source = pattern
          .split('*')
          .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*');
        entries.push({ pattern, regex: new RegExp(`^${source}$`), controls: controls as string[] });
      }
      this.tools.set(tool.toLowerCase(), entries);
    }
  }

  static load(dir: string = defaultCatalogDir()): ImportMapping {
    const file = join(dir, 'imports.yaml');
    return new ImportMapping(parseYaml(readFileSync(file, 'utf8')), file);
  }

  /** Controls for a tool's rule id; empty when unmapped. */
  controlsFor(tool: string, ruleId: string): readonly string[] {
    for (const entry of this.tools.get(tool.toLowerCase()) ?? []) {
      if (entry.regex.test(ruleId)) return entry.controls;
    }
    return [];
  }

  toolNames(): string[] {
    return [...this.tools.keys()];
  }
}

// ---------------------------------------------------------------------------------------------
// Readers

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function detectFormat(data: unknown): ImportFormat | undefined {
  if (
    isObj(data) &&
    Array.isArray(data['runs']) &&
    (data['version'] === '2.1.0' || str(data['$schema'])?.includes('sarif'))
  ) {
    return 'sarif';
  }
  if (isObj(data) && 'SchemaVersion' in data && Array.isArray(data['Results'] ?? []))
    return 'trivy';
  const first = Array.isArray(data) ? data[0] : data;
  if (
    isObj(first) &&
    isObj(first['results']) &&
    ('check_type' in first || 'passed_checks' in first['results'])
  ) {
    return 'checkov';
  }
  if (
    Array.isArray(data) &&
    (data.length === 0 || (isObj(first) && 'status_code' in first && isObj(first['metadata'])))
  ) {
    return 'prowler-ocsf';
  }
  return undefined;
}

function sarifStatus(result: Obj): EvidenceStatus {
  const suppressed = arr(result['suppressions']).some(
    (s) => isObj(s) && (s['status'] ?? 'accepted') === 'accepted',
  );
  if (suppressed) return 'info';
  switch (str(result['kind']) ?? 'fail') {
    case 'pass':
      return 'passed';
    case 'fail':
      return 'failed';
    case 'open':
    case 'review':
      return 'unknown';
    default:
      return 'info';
  }
}

export function readSarif(data: Obj): ForeignResult[] {
  const out: ForeignResult[] = [];
  for (const run of arr(data['runs'])) {
    if (!isObj(run)) continue;
    const driver = isObj(run['tool']) && isObj(run['tool']['driver']) ? run['tool']['driver'] : {};
    const tool = str(driver['name']) ?? 'unknown';
    const toolVersion = str(driver['semanticVersion']) ?? str(driver['version']);
    const rules = arr(driver['rules']);
    for (const r of arr(run['results'])) {
      if (!isObj(r)) continue;
      const ruleIndex =
        num(r['ruleIndex']) ?? (isObj(r['rule']) ? num(r['rule']['index']) : undefined);
      const indexed = ruleIndex !== undefined ? rules[ruleIndex] : undefined;
      const ruleId =
        str(r['ruleId']) ??
        (isObj(r['rule']) ? str(r['rule']['id']) : undefined) ??
        (isObj(indexed) ? str(indexed['id']) : undefined) ??
        'unknown';
      const loc = arr(r['locations'])[0];
      const phys =
        isObj(loc) && isObj(loc['physicalLocation']) ? loc['physicalLocation'] : undefined;
      const file =
        phys && isObj(phys['artifactLocation']) ? str(phys['artifactLocation']['uri']) : undefined;
      const line = phys && isObj(phys['region']) ? num(phys['region']['startLine']) : undefined;
      const message = isObj(r['message']) ? (str(r['message']['text']) ?? '') : '';
      const descriptor = isObj(indexed)
        ? indexed
        : rules.find((d) => isObj(d) && d['id'] === ruleId);
      const declared =
        isObj(descriptor) && isObj(descriptor['properties'])
          ? arr(descriptor['properties']['controls']).filter(
              (c): c is string => typeof c === 'string',
            )
          : [];
      out.push({
        ...(declared.length > 0 ? { declaredControls: declared } : {}),
        tool,
        ...(toolVersion !== undefined ? { toolVersion } : {}),
        ruleId,
        status: sarifStatus(r),
        message,
        ...(str(r['level']) !== undefined ? { severity: str(r['level']) } : {}),
        ...(file !== undefined ? { file } : {}),
        ...(line !== undefined ? { line } : {}),
      });
    }
  }
  return out;
}

export function readCheckov(data: unknown): ForeignResult[] {
  const reports = Array.isArray(data) ? data : [data];
  const out: ForeignResult[] = [];
  const groups: [string, EvidenceStatus][] = [
    ['passed_checks', 'passed'],
    ['failed_checks', 'failed'],
    ['skipped_checks', 'info'],
  ];
  for (const report of reports) {
    if (!isObj(report) || !isObj(report['results'])) continue;
    for (const [key, status] of groups) {
      for (const c of arr(report['results'][key])) {
        if (!isObj(c)) continue;
        const range = arr(c['file_line_range']);
        const suppress = isObj(c['check_result'])
          ? str(c['check_result']['suppress_comment'])
          : undefined;
        const name = str(c['check_name']) ?? '';
        out.push({
          tool: 'checkov',
          ruleId: str(c['check_id']) ?? 'unknown',
          status,
          message: suppress ? `${name} (skipped: ${suppress})` : name,
          ...(str(c['severity']) !== undefined ? { severity: str(c['severity']) } : {}),
          ...(str(c['resource']) !== undefined ? { resource: str(c['resource']) } : {}),
          ...(str(c['file_path']) !== undefined ? { file: str(c['file_path']) } : {}),
          ...(num(range[0]) !== undefined ? { line: num(range[0]) } : {}),
        });
      }
    }
  }
  return out;
}

const TRIVY_STATUS: Record<string, EvidenceStatus> = {
  PASS: 'passed',
  FAIL: 'failed',
  EXCEPTION: 'info',
};

export function readTrivy(data: Obj): ForeignResult[] {
  const out: ForeignResult[] = [];
  for (const target of arr(data['Results'])) {
    if (!isObj(target)) continue;
    const file = str(target['Target']);
    const base = { tool: 'trivy', ...(file !== undefined ? { file } : {}) };
    for (const m of arr(target['Misconfigurations'])) {
      if (!isObj(m)) continue;
      const cause = isObj(m['CauseMetadata']) ? m['CauseMetadata'] : {};
      out.push({
        ...base,
        ruleId: str(m['AVDID']) ?? str(m['ID']) ?? 'unknown',
        status: TRIVY_STATUS[str(m['Status']) ?? 'FAIL'] ?? 'unknown',
        message: str(m['Message']) ?? str(m['Title']) ?? '',
        ...(str(m['Severity']) !== undefined ? { severity: str(m['Severity']) } : {}),
        ...(str(cause['Resource']) !== undefined ? { resource: str(cause['Resource']) } : {}),
        ...(num(cause['StartLine']) !== undefined ? { line: num(cause['StartLine']) } : {}),
      });
    }
    for (const v of arr(target['Vulnerabilities'])) {
      if (!isObj(v)) continue;
      const pkg = `${str(v['PkgName']) ?? '?'}@${str(v['InstalledVersion']) ?? '?'}`;
      const fixed = str(v['FixedVersion']);
      out.push({
        ...base,
        ruleId: str(v['VulnerabilityID']) ?? 'unknown',
        status: 'failed',
        message: `${pkg}: ${str(v['Title']) ?? ''}${fixed ? ` (fixed in ${fixed})` : ''}`.trim(),
        ...(str(v['Severity']) !== undefined ? { severity: str(v['Severity']) } : {}),
        resource: pkg,
      });
    }
    for (const s of arr(target['Secrets'])) {
      if (!isObj(s)) continue;
      out.push({
        ...base,
        ruleId: `secret/${str(s['RuleID']) ?? 'unknown'}`,
        status: 'failed',
        message: str(s['Title']) ?? 'secret found',
        ...(str(s['Severity']) !== undefined ? { severity: str(s['Severity']) } : {}),
        ...(num(s['StartLine']) !== undefined ? { line: num(s['StartLine']) } : {}),
      });
    }
  }
  return out;
}

const PROWLER_STATUS: Record<string, EvidenceStatus> = {
  PASS: 'passed',
  FAIL: 'failed',
  MANUAL: 'unknown',
  MUTED: 'info',
};

export function readProwler(data: unknown[]): ForeignResult[] {
  const out: ForeignResult[] = [];
  for (const f of data) {
    if (!isObj(f)) continue;
    const meta = isObj(f['metadata']) ? f['metadata'] : {};
    const product = isObj(meta['product']) ? meta['product'] : {};
    const resource = arr(f['resources'])[0];
    const version = str(product['version']);
    out.push({
      tool: 'prowler',
      ...(version !== undefined ? { toolVersion: version } : {}),
      ruleId: str(meta['event_code']) ?? 'unknown',
      status: PROWLER_STATUS[str(f['status_code']) ?? ''] ?? 'unknown',
      message: str(f['status_detail']) ?? str(f['message']) ?? '',
      ...(str(f['severity']) !== undefined ? { severity: str(f['severity']) } : {}),
      ...(isObj(resource) && str(resource['uid']) !== undefined
        ? { resource: str(resource['uid']) }
        : {}),
    });
  }
  return out;
}

export function readForeign(data: unknown): { format: ImportFormat; results: ForeignResult[] } {
  const format = detectFormat(data);
  switch (format) {
    case 'sarif':
      return { format, results: readSarif(data as Obj) };
    case 'checkov':
      return { format, results: readCheckov(data) };
    case 'trivy':
      return { format, results: readTrivy(data as Obj) };
    case 'prowler-ocsf':
      return { format, results: readProwler(data as unknown[]) };
    default:
      throw new Error('import: not a SARIF 2.1.0, Checkov, Trivy or Prowler OCSF JSON file');
  }
}

function parseJsonOrLines(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    // Prowler can also write one OCSF object per line.
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    try {
      return lines.map((l) => JSON.parse(l) as unknown);
    } catch {
      throw new Error(`import: not JSON (${(e as Error).message})`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Import

export interface ImportOptions {
  readonly mapping?: ImportMapping;
  readonly collectedAt?: string | Date;
}

export async function importResults(
  store: EvidenceStore,
  file: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const content = readFileSync(file);
  const { format, results } = readForeign(parseJsonOrLines(content.toString('utf8')));
  const mapping = options.mapping ?? ImportMapping.load();
  const sha = await store.putArtifact(content);
  const collectedAt = new Date(options.collectedAt ?? Date.now()).toISOString();
  const inputs: EvidenceInput[] = [];
  let mapped = 0;
  for (const r of results) {
    // the mapping table first; else the controls a result declares, when the catalog knows them
    const listed = mapping.controlsFor(r.tool, r.ruleId);
    const controls =
      listed.length > 0 ? listed : (r.declaredControls ?? []).filter((id) => isControlId(id));
    const payload = {
      format,
      file: basename(file),
      ...r,
      controls,
      mapping: controls.length > 0 ? 'mapped' : 'unmapped',
    };
    const base = {
      kind: 'import' as const,
      source: r.toolVersion !== undefined ? `${r.tool}/${r.toolVersion}` : r.tool,
      status: r.status,
      collectedAt,
      payload,
      artifactSha256: sha,
      retainUntil: retainUntilFor(controls, collectedAt, store.retention),
    };
    if (controls.length === 0) inputs.push(base);
    else {
      mapped++;
      for (const control of controls) inputs.push({ ...base, control });
    }
  }
  await store.appendMany(inputs);
  // A signing store seals each import as it does each scan.
  await store.checkpoint();
  return {
    format,
    tools: [...new Set(results.map((r) => r.tool))],
    results: results.length,
    mapped,
    unmapped: results.length - mapped,
    records: inputs.length,
    artifactSha256: sha,
  };
}
