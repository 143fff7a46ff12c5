/**
 * A scan: find the files, load them, build the typed model, run the rules, apply
 * waivers, and summarise per framework. Plain data in, plain data out; no printing.
 */
import { dirname, relative, resolve } from 'node:path';
import { loadCatalog, type Catalog } from '../catalog/index.js';
import { adaptCloudFormation } from '../iac/aws/cloudformation/index.js';
import { adaptTerraform, type Entity } from '../iac/aws/index.js';
import { loadPlan } from '../iac/plan/index.js';
import { loadTerraform, rootModules } from '../iac/terraform/index.js';
import { loadCloudFormation } from '../iac/cloudformation/index.js';
import { readSource } from '../iac/source.js';
import { adaptKubernetes } from '../iac/kubernetes/adapt.js';
import { loadKubernetes } from '../iac/kubernetes/index.js';
import type { Diagnostic, LoadResult, RawResource } from '../iac/types.js';
import { runPolicies, type PolicySource } from '../policy/index.js';
import { frameworkResults } from '../posture/scan.js';
import { builtinRules } from '../rules/index.js';
import {
  DEFAULT_RULE_SETTINGS,
  SEVERITIES,
  type Rule,
  type RuleContext,
  type RuleSettings,
  type Severity,
  type Verdict,
} from '../rules/types.js';
import { VERSION } from '../version.js';
import type { ConfigWaiver } from './config.js';
import { discover, isTerraformFile, sniffFormat, type DiscoveredDocument } from './discover.js';
import type { Finding, RequirementRef, RuleSummary, ScanResult } from './types.js';
import { SCHEMA_VERSION } from './types.js';
import { WaiverBook } from './waivers.js';

export interface ScanOptions {
  /** Frameworks to report on (ids or aliases); all when empty. */
  readonly frameworks?: readonly string[];
  readonly varFiles?: readonly string[];
  readonly vars?: Readonly<Record<string, string>>;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly settings?: Partial<RuleSettings>;
  readonly disabledRules?: readonly string[];
  readonly waivers?: readonly ConfigWaiver[];
  /** Rules to run instead of the built-in library (tests, custom packs). */
  readonly rules?: readonly Rule[];
  /** Today's date as YYYY-MM-DD, for waiver expiry; defaults to the current UTC date. */
  readonly today?: string;
  /** Paths in findings are written relative to this directory (default: cwd). */
  readonly baseDir?: string;
  /** Called as files are loaded, for progress indicators. */
  readonly onProgress?: (event: { phase: 'load' | 'rules'; done: number; total: number }) => void;
  readonly catalog?: Catalog;
  /** A document read from standard input (`crosswalk scan -`), named for reports. */
  readonly stdin?: { readonly name: string; readonly text: string };
  /** CloudFormation parameter overrides (`--parameter Key=Value`). */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Custom policy files or directories (`--policy`): Rego modules and YAML policies. */
  readonly policies?: readonly string[];
}

/** Loads one CloudFormation template, Kubernetes manifest or plan, already read. */
function loadDocument(document: DiscoveredDocument, options: ScanOptions): LoadResult {
  const { file, format, text } = document;
  switch (format) {
    case 'kubernetes':
      return loadKubernetes(file, text);
    case 'cloudformation':
      return loadCloudFormation(file, text, {
        parameters: options.parameters ? { ...options.parameters } : undefined,
      });
    case 'plan':
      return loadPlan(file, text, {});
  }
}

function stdinDocument(
  stdin: { name: string; text: string },
  diagnostics: Diagnostic[],
): DiscoveredDocument | undefined {
  const format = sniffFormat(stdin.text);
  if (!format) {
    diagnostics.push({
      code: 'CW-SCAN-003',
      severity: 'error',
      message:
        'standard input is not a Terraform plan, CloudFormation template or Kubernetes manifest',
      file: stdin.name,
    });
    return undefined;
  }
  return { file: stdin.name, format, text: stdin.text };
}

/**
 * Plan files larger than this are refused with a diagnostic: a JSON text this size is
 * about the most V8 parses without running out of memory.
 */
export const MAX_PLAN_BYTES = 256 * 1024 * 1024;

export function scan(paths: readonly string[], options: ScanOptions = {}): ScanResult {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const baseDir = resolve(options.baseDir ?? process.cwd());
  const catalog = options.catalog ?? loadCatalog();
  const frameworks = resolveFrameworks(catalog, options.frameworks);
  const diagnostics: Diagnostic[] = [];

  const found = discover(paths.length > 0 ? paths : options.stdin ? [] : ['.']);
  diagnostics.push(...found.diagnostics);

  const resources: RawResource[] = [];
  /** Resources that share one address space: a root module, a plan, a template. */
  const units: RawResource[][] = [];
  const files = new Set<string>();
  // custom policies (src/policy) read the documents themselves; only kept when asked for
  const policySources: PolicySource[] | undefined = options.policies?.length ? [] : undefined;
  let done = 0;
  let total = found.terraformDirs.length + found.planFiles.length + found.documents.length;

  // a plan already holds the evaluated configuration of the directory beside it, so that
  // directory is not scanned a second time as HCL (the plan's findings point at its
  // lines); only a plan that loaded cleanly takes the place of its directory
  const planDirs = new Set<string>();
  for (const file of found.planFiles) {
    files.add(file);
    try {
      const source = readSource(file, MAX_PLAN_BYTES);
      if ('diagnostic' in source) {
        diagnostics.push(source.diagnostic);
        continue;
      }
      const loaded = loadPlan(file, source.text, { configDir: dirname(file) });
      if (loaded.resources.length > 0 && !loaded.diagnostics.some((d) => d.severity === 'error')) {
        planDirs.add(dirname(file));
      }
      loaded.files.forEach((f) => files.add(f));
      resources.push(...loaded.resources);
      units.push(loaded.resources);
      policySources?.push({ file, format: 'plan', text: source.text, resources: loaded.resources });
      diagnostics.push(...loaded.diagnostics);
    } catch (error) {
      diagnostics.push({
        code: 'CW-SCAN-002',
        severity: 'error',
        message: `cannot load: ${(error as Error).message}`,
        file,
      });
    }
    options.onProgress?.({ phase: 'load', done: ++done, total });
  }

  const roots = rootModules(found.terraformDirs).filter((dir) => !planDirs.has(dir));
  total = roots.length + found.planFiles.length + found.documents.length;

  for (const dir of roots) {
    const loaded = loadTerraform([dir], {
      varFiles: options.varFiles ? [...options.varFiles] : undefined,
      vars: options.vars ? { ...options.vars } : undefined,
      env: options.env ? { ...options.env } : undefined,
    });
    resources.push(...loaded.resources);
    units.push(loaded.resources);
    diagnostics.push(...loaded.diagnostics);
    loaded.files.forEach((f) => files.add(f));
    for (const file of policySources ? loaded.files.filter(isTerraformFile) : []) {
      policySources?.push({ file, format: 'terraform', resources: loaded.resources });
    }
    options.onProgress?.({ phase: 'load', done: ++done, total });
  }

  for (const document of [
    ...found.documents,
    ...(options.stdin ? [stdinDocument(options.stdin, diagnostics)] : []),
  ]) {
    if (!document) continue;
    files.add(document.file);
    const loaded = loadDocument(document, options);
    resources.push(...loaded.resources);
    if (document.format !== 'kubernetes') units.push(loaded.resources);
    policySources?.push({
      file: document.file,
      format: document.format,
      text: document.text,
      resources: loaded.resources,
    });
    diagnostics.push(...loaded.diagnostics);
    options.onProgress?.({ phase: 'load', done: ++done, total });
  }

  // Addresses are unique within one root module, plan or template, so each is adapted on
  // its own: a bucket of one root is never linked to a configuration of another. The
  // manifests of Kubernetes form one cluster and are adapted together.
  const entities: Entity[] = [];
  const adapt = (what: string, file: string | undefined, build: () => Entity[]): void => {
    try {
      entities.push(...build());
    } catch (error) {
      // an adapter bug loses that unit's checks, never the rest of the scan
      diagnostics.push({
        code: 'CW-SCAN-007',
        severity: 'error',
        message: `internal error while modelling ${what}: ${(error as Error).message}`,
        file,
      });
    }
  };
  for (const unit of units) {
    const format = unit[0]?.format;
    const file = unit[0]?.location.file;
    if (format === 'terraform' || format === 'plan')
      adapt('AWS resources', file, () => adaptTerraform(unit));
    else if (format === 'cloudformation')
      adapt('AWS resources', file, () => adaptCloudFormation(unit));
  }
  adapt('Kubernetes objects', undefined, () => adaptKubernetes(resources));
  const settings: RuleSettings = { ...DEFAULT_RULE_SETTINGS, ...options.settings };
  const disabled = new Set(options.disabledRules ?? []);
  const rules = (options.rules ?? builtinRules).filter((rule) => !disabled.has(rule.id));
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const waivers = new WaiverBook(options.waivers ?? [], today);
  waivers.collect(resources);

  const order = requirementOrder(catalog);
  const rank = (r: RequirementRef): number =>
    order.get(`${r.framework}\u0000${r.id}`) ?? Number.MAX_SAFE_INTEGER;
  // once per rule, each ref ranked once (not once per comparison)
  const requirementLists = new Map<Rule, RequirementRef[]>();
  const requirementsOf = (rule: Rule): RequirementRef[] => {
    let list = requirementLists.get(rule);
    if (!list) {
      list = catalog
        .requirementsForControls([...rule.controls])
        .filter((r) => frameworks === undefined || frameworks.has(r.framework))
        .map((r) => ({ r, rank: rank(r) }))
        .sort((a, b) => a.rank - b.rank)
        .map(({ r }) => r);
      requirementLists.set(rule, list);
    }
    return list;
  };

  const byKind = new Map<string, Entity[]>();
  for (const entity of entities) {
    const list = byKind.get(entity.kind) ?? [];
    list.push(entity);
    byKind.set(entity.kind, list);
  }
  const context: RuleContext = {
    settings,
    entitiesOf: <E extends Entity>(kind: string) => (byKind.get(kind) ?? []) as E[],
  };

  const findings: Finding[] = [];
  const activeRules: Rule[] = [];
  rules.forEach((rule, index) => {
    const requirements = requirementsOf(rule);
    if (frameworks !== undefined && requirements.length === 0) return;
    activeRules.push(rule);
    for (const kind of rule.kinds) {
      for (const entity of byKind.get(kind) ?? []) {
        for (const verdict of runRule(rule, entity, context)) {
          findings.push(toFinding(rule, entity, verdict, requirements, waivers, baseDir));
        }
      }
    }
    options.onProgress?.({ phase: 'rules', done: index + 1, total: rules.length });
  });
  // custom policies (--policy, src/policy): their findings get waivers like built-in ones
  const customRules: RuleSummary[] = [];
  if (options.policies && options.policies.length > 0 && policySources) {
    const custom = runPolicies(options.policies, policySources, { catalog, frameworks, baseDir });
    diagnostics.push(...custom.diagnostics);
    customRules.push(...custom.rules);
    for (const { finding, sources } of custom.findings) {
      findings.push(withWaiver(finding, sources, waivers, baseDir));
    }
  }
  diagnostics.push(...waivers.diagnostics);
  findings.sort(compareFindings);

  const summary = {
    resources: resources.filter((r) => r.mode === 'managed').length,
    findings: findings.length,
    passed: count(findings, 'passed'),
    failed: count(findings, 'failed'),
    unknown: count(findings, 'unknown'),
    waived: count(findings, 'waived'),
    error: count(findings, 'error'),
  };

  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'crosswalk', version: VERSION },
    startedAt,
    durationMs: Date.now() - started,
    paths: [...paths],
    files: [...files].sort().map((f) => relativePath(baseDir, f)),
    summary,
    frameworks: frameworkResults(catalog, findings, {
      frameworks: frameworks ? [...frameworks] : undefined,
    }),
    findings,
    rules: [
      ...activeRules.map((rule) => summariseRule(rule, requirementsOf(rule))),
      ...customRules,
    ],
    diagnostics: diagnostics.map((d) =>
      d.file ? { ...d, file: relativePath(baseDir, d.file) } : d,
    ),
  };
}

function resolveFrameworks(
  catalog: Catalog,
  wanted: readonly string[] | undefined,
): Set<string> | undefined {
  if (!wanted || wanted.length === 0) return undefined;
  const ids = new Set<string>();
  for (const name of wanted) {
    const framework = catalog.framework(name);
    if (!framework) {
      throw new UsageError(
        `unknown framework "${name}" (known: ${catalog.frameworks.map((f) => f.id).join(', ')})`,
      );
    }
    ids.add(framework.id);
  }
  return ids;
}

/** Frameworks in catalog order, each framework's requirements in its own order. */
function requirementOrder(catalog: Catalog): Map<string, number> {
  const order = new Map<string, number>();
  for (const framework of catalog.frameworks) {
    for (const requirement of framework.requirements) {
      order.set(`${framework.id}\u0000${requirement.id}`, order.size);
    }
  }
  return order;
}

/** A problem with how crosswalk was called: exit code 2. */
export class UsageError extends Error {}

const VERDICT_STATUSES = new Set(['passed', 'failed', 'unknown']);

function isVerdict(value: unknown): value is Verdict {
  const v = value as Verdict | undefined;
  return (
    v !== null &&
    typeof v === 'object' &&
    VERDICT_STATUSES.has(v.status) &&
    typeof v.message === 'string'
  );
}

/** A rule's verdict, or the crash of a rule, which is reported and never stops the scan. */
type Outcome =
  Verdict | { readonly status: 'error'; readonly message: string; readonly location?: undefined };

function runRule(rule: Rule, entity: Entity, context: RuleContext): Outcome[] {
  try {
    const result = rule.check(entity, context);
    const verdicts: unknown[] = Array.isArray(result) ? [...result] : [result];
    return verdicts.map((verdict) =>
      isVerdict(verdict)
        ? verdict
        : {
            status: 'error' as const,
            message: `rule returned an invalid verdict on ${entity.address}`,
          },
    );
  } catch (error) {
    return [
      {
        status: 'error',
        message: `rule crashed on ${entity.address}: ${(error as Error).message}`,
      },
    ];
  }
}

function toFinding(
  rule: Rule,
  entity: Entity,
  verdict: Outcome,
  requirements: RequirementRef[],
  waivers: WaiverBook,
  baseDir: string,
): Finding {
  const finding: Finding = {
    ruleId: rule.id,
    title: rule.title,
    severity: rule.severity,
    status: verdict.status,
    resource: { type: entity.resourceType, name: entity.name, address: entity.address },
    location: verdict.location ?? entity.location,
    message: verdict.message,
    controls: [...rule.controls],
    requirements,
    remediation: rule.remediation,
  };
  return withWaiver(finding, entity.sources, waivers, baseDir);
}

/** A finding (built-in or custom) with its waiver applied and its paths made relative. */
function withWaiver(
  finding: Finding,
  sources: readonly RawResource[],
  waivers: WaiverBook,
  baseDir: string,
): Finding {
  let { status, message } = finding;
  let waiver;
  if (status === 'failed' || status === 'unknown') {
    waiver = waivers.find(finding.ruleId, finding.resource.address, sources);
    if (waiver && !waiver.expired) status = 'waived';
    else if (waiver?.expired) message = `${message} (waiver expired on ${waiver.expires})`;
  }
  return {
    ...finding,
    status,
    message,
    location: { ...finding.location, file: relativePath(baseDir, finding.location.file) },
    ...(waiver
      ? {
          waiver: {
            ...waiver,
            location: waiver.location
              ? { ...waiver.location, file: relativePath(baseDir, waiver.location.file) }
              : undefined,
          },
        }
      : {}),
  };
}

function summariseRule(rule: Rule, requirements: RequirementRef[]): RuleSummary {
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    description: rule.description,
    remediation: rule.remediation,
    controls: [...rule.controls],
    requirements,
  };
}

function count(findings: readonly Finding[], status: Finding['status']): number {
  return findings.reduce((n, f) => (f.status === status ? n + 1 : n), 0);
}

/** Base directory → file → relative path (a scan asks once per finding). */
const relativeCache = new Map<string, Map<string, string>>();

/** `file` relative to `base` with forward slashes; files outside `base` stay as given. */
function relativePath(base: string, file: string): string {
  let cache = relativeCache.get(base);
  if (!cache) relativeCache.set(base, (cache = new Map()));
  let rel = cache.get(file);
  if (rel === undefined) {
    const computed = relative(base, resolve(base, file));
    rel = computed.startsWith('..') ? file : computed.split('\\').join('/');
    cache.set(file, rel);
  }
  return rel;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.location.file, b.location.file) ||
    a.location.startLine - b.location.startLine ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.resource.address, b.resource.address)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * True when the scan could not check everything it was given: a path that does not
 * exist, a file that could not be read or parsed, a rule that crashed. Such a scan
 * exits with 2 even when the findings it did produce are clean, so that a green build
 * never means "nothing was checked".
 */
export function isIncomplete(result: ScanResult): boolean {
  return (
    result.diagnostics.some((d) => d.severity === 'error') ||
    result.findings.some((f) => f.status === 'error')
  );
}

/** True when a failed finding is at or above the threshold severity. */
export function failsThreshold(result: ScanResult, threshold: Severity): boolean {
  const limit = SEVERITIES.indexOf(threshold);
  return result.findings.some(
    (f) => f.status === 'failed' && SEVERITIES.indexOf(f.severity) <= limit,
  );
}
