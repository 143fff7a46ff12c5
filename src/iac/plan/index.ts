/**
 * Loads `terraform show -json` output (a saved plan rendered as JSON) into raw resources.
 *
 * Values come from `resource_changes[].change.after`, with `after_unknown` marking what is
 * known only after apply; `planned_values` gives resources without a change entry and the
 * module tree. The `configuration` section tells which resource an unknown attribute was
 * written to refer to, so split resources can still be linked to their owner. When `.tf`
 * files sit beside the plan, resources point at their HCL blocks instead of the JSON.
 *
 * Diagnostic codes:
 * | code        | severity | meaning                                                       |
 * |-------------|----------|---------------------------------------------------------------|
 * | CW-PLAN-001 | error    | the file is not valid JSON                                    |
 * | CW-PLAN-002 | error    | valid JSON but not a Terraform plan (no format_version, ...)  |
 * | CW-PLAN-003 | warning  | a resource entry without a usable address, skipped            |
 * | CW-PLAN-004 | info     | the config beside the plan could not be loaded or has errors  |
 * | CW-PLAN-005 | info     | the plan holds no resources                                   |
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  Unknown,
  isUnknown,
  type Diagnostic,
  type LoadResult,
  type RawResource,
  type SourceLocation,
  type Value,
} from '../types.js';
import { parseResourceAddress, modulePath } from '../terraform/address.js';
import { loadTerraform, terraformFiles } from '../terraform/index.js';
import {
  parseJsonWithPositions,
  JsonSyntaxError,
  type Json,
  type PositionedJson,
  type Span,
} from './json-positions.js';
import { ConfigIndex } from './configuration.js';

export interface PlanOptions {
  /** Directory of the `.tf` files the plan was made from; default: the plan's directory. */
  readonly configDir?: string;
  /** Set false to never read `.tf` files beside the plan. */
  readonly readConfig?: boolean;
  /** Loads the Terraform configuration for locations and refs; default `loadTerraform`. */
  readonly loadConfig?: (dir: string) => LoadResult;
}

type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** True when `text` looks like `terraform show -json` output of a plan. */
export function isPlanJson(text: string): boolean {
  const head = text.slice(0, 4096);
  if (!head.includes('"format_version"')) return false;
  return text.includes('"planned_values"') || text.includes('"resource_changes"');
}

interface Entry {
  readonly address: string;
  readonly object: JsonObject;
  values?: JsonObject;
  unknown?: Json;
  /** `values` from planned_values, whose positions are next to the resource's own line. */
  planned?: JsonObject;
}

/** Loads one plan JSON file. Never throws for bad input: problems become diagnostics. */
export function loadPlan(file: string, text: string, options: PlanOptions = {}): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const files = [file];
  let doc: PositionedJson;
  try {
    doc = parseJsonWithPositions(text);
  } catch (err) {
    const e = err instanceof JsonSyntaxError ? err : undefined;
    diagnostics.push({
      code: 'CW-PLAN-001',
      severity: 'error',
      message: `invalid JSON: ${err instanceof Error ? err.message : String(err)}`,
      file,
      line: e?.line,
      column: e?.column,
    });
    return { resources: [], diagnostics, files };
  }
  const root = doc.value;
  if (
    !isObject(root) ||
    root.format_version === undefined ||
    (!isObject(root.planned_values) && !Array.isArray(root.resource_changes))
  ) {
    diagnostics.push({
      code: 'CW-PLAN-002',
      severity: 'error',
      message:
        'not a Terraform plan: expected format_version and planned_values or resource_changes',
      file,
      line: 1,
    });
    return { resources: [], diagnostics, files };
  }

  const entries = collectEntries(root, file, diagnostics);
  const config = new ConfigIndex(isObject(root.configuration) ? root.configuration : undefined);
  const hcl = loadBesideConfig(file, options, diagnostics, files);

  const resources: RawResource[] = [];
  for (const entry of entries.values()) {
    const parsed = parseResourceAddress(entry.address);
    if (!parsed) {
      diagnostics.push({
        code: 'CW-PLAN-003',
        severity: 'warning',
        message: `resource with an unreadable address "${entry.address}" skipped`,
        file,
        line: doc.spanOf(entry.object)?.startLine,
      });
      continue;
    }
    const module = modulePath(parsed.modules);
    const attributes = applyUnknown(toValue(entry.values ?? {}), entry.unknown) as {
      [key: string]: Value;
    };
    const twin = hcl && findTwin(hcl, entry.address);
    config.linkUnknowns(attributes, parsed, twin?.attributes);

    const span = doc.spanOf(entry.object);
    const location: SourceLocation = twin?.location ?? spanLocation(file, span);
    const attributeLocations = twin
      ? twin.attributeLocations
      : jsonLocations(doc, file, [entry.planned, entry.values, entry.unknown]);
    resources.push({
      format: 'plan',
      type: parsed.type,
      name: parsed.name,
      address: entry.address,
      mode: parsed.mode,
      module,
      attributes,
      location,
      attributeLocations,
      ...(twin?.comments ? { comments: twin.comments } : {}),
    });
  }
  return { resources, diagnostics, files };
}

/**
 * Resources to report, by address: every planned resource, then changes that planned_values
 * lacks; resources whose only action is delete (or forget) are left out.
 */
function collectEntries(root: JsonObject, file: string, diagnostics: Diagnostic[]) {
  const entries = new Map<string, Entry>();
  const changes = new Map<string, JsonObject>();
  const gone = new Set<string>();
  for (const rc of Array.isArray(root.resource_changes) ? root.resource_changes : []) {
    if (!isObject(rc) || typeof rc.address !== 'string') continue;
    const change = isObject(rc.change) ? rc.change : {};
    const actions = Array.isArray(change.actions) ? change.actions : [];
    if (actions.length > 0 && actions.every((a) => a === 'delete' || a === 'forget')) {
      gone.add(rc.address);
      continue;
    }
    changes.set(rc.address, rc);
  }

  const visit = (module: Json | undefined): void => {
    if (!isObject(module)) return;
    for (const r of Array.isArray(module.resources) ? module.resources : []) {
      if (!isObject(r) || typeof r.address !== 'string' || gone.has(r.address)) continue;
      entries.set(r.address, {
        address: r.address,
        object: r,
        values: isObject(r.values) ? r.values : {},
        planned: isObject(r.values) ? r.values : undefined,
      });
    }
    for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) {
      visit(child);
    }
  };
  const planned = isObject(root.planned_values) ? root.planned_values : {};
  visit(planned.root_module);

  for (const [address, rc] of changes) {
    const change = isObject(rc.change) ? rc.change : {};
    const existing = entries.get(address);
    const entry: Entry = existing ?? { address, object: rc };
    // change.after is the planned state with unknowns left out; after_unknown marks them.
    if (isObject(change.after)) entry.values = change.after;
    else if (!existing) entry.values = {};
    entry.unknown = change.after_unknown;
    entries.set(address, entry);
  }
  if (entries.size === 0 && changes.size === 0 && gone.size === 0) {
    diagnostics.push({
      code: 'CW-PLAN-005',
      severity: 'info',
      message: 'the plan holds no resources',
      file,
    });
  }
  return entries;
}

function toValue(json: Json): Value {
  return json as Value;
}

/** Puts Unknown("known after apply") wherever after_unknown says `true`. */
export function applyUnknown(value: Value, marks: Json | undefined): Value {
  if (marks === true) return new Unknown('known after apply');
  if (Array.isArray(marks)) {
    if (isUnknown(value)) return value;
    const base = Array.isArray(value) ? [...value] : [];
    marks.forEach((m, i) => {
      if (m === false || m === null) return;
      base[i] = applyUnknown(base[i] ?? null, m);
    });
    return base;
  }
  if (isObject(marks)) {
    if (isUnknown(value)) return value;
    const base: { [key: string]: Value } =
      value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
    for (const [k, m] of Object.entries(marks)) {
      if (m === false || m === null) continue;
      // An empty object/array of marks says nothing is unknown below; keep the value as is.
      if (typeof m === 'object' && Object.keys(m).length === 0) continue;
      base[k] = applyUnknown(base[k] ?? null, m);
    }
    return base;
  }
  return value;
}

function spanLocation(file: string, span: Span | undefined): SourceLocation {
  if (!span) return { file, startLine: 1, endLine: 1 };
  return {
    file,
    startLine: span.startLine,
    endLine: span.endLine,
    startColumn: span.startColumn,
    endColumn: span.endColumn,
  };
}

/** Attribute locations inside the plan file, from the JSON positions of `values`. */
function jsonLocations(
  doc: PositionedJson,
  file: string,
  sources: (Json | undefined)[],
): Map<string, SourceLocation> {
  const out = new Map<string, SourceLocation>();
  const walk = (container: Json | undefined, prefix: string): void => {
    if (container === null || typeof container !== 'object') return;
    const keys: (string | number)[] = Array.isArray(container)
      ? container.map((_, i) => i)
      : Object.keys(container);
    for (const key of keys) {
      const path = prefix ? `${prefix}.${key}` : String(key);
      const span = doc.memberSpan(container, key);
      if (span && !out.has(path)) out.set(path, spanLocation(file, span));
      walk((container as Record<string | number, Json>)[key], path);
    }
  };
  for (const source of sources) walk(source, '');
  return out;
}

function loadBesideConfig(
  planFile: string,
  options: PlanOptions,
  diagnostics: Diagnostic[],
  files: string[],
): Map<string, RawResource> | undefined {
  if (options.readConfig === false) return undefined;
  const dir = options.configDir ?? dirname(planFile);
  if (!existsSync(dir) || terraformFiles(dir).length === 0) return undefined;
  try {
    const result = (options.loadConfig ?? ((d: string) => loadTerraform([d])))(dir);
    if (result.files.length === 0) return undefined;
    files.push(...result.files);
    // The config's own problems are reported when it is scanned itself; say only that
    // locations may be less precise.
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors > 0) {
      diagnostics.push({
        code: 'CW-PLAN-004',
        severity: 'info',
        message: `the configuration in ${dir} has ${errors} error(s); some locations point into the plan`,
        file: planFile,
      });
    }
    return new Map(result.resources.map((r) => [r.address, r]));
  } catch (err) {
    diagnostics.push({
      code: 'CW-PLAN-004',
      severity: 'info',
      message: `could not load the configuration in ${dir}: ${err instanceof Error ? err.message : String(err)}`,
      file: planFile,
    });
    return undefined;
  }
}

/** The HCL resource for a plan address; `[*]` stands for instances of unknown count. */
function findTwin(hcl: Map<string, RawResource>, address: string): RawResource | undefined {
  const exact = hcl.get(address);
  if (exact) return exact;
  const base = address.replace(/\[[^\]]*\]$/, '');
  return hcl.get(`${base}[*]`) ?? hcl.get(base);
}
