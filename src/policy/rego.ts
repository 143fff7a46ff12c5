/**
 * Rego custom policies, evaluated the way conftest users expect: every rule named `deny`,
 * `violation` or `warn` (or starting with `deny_`, `violation_`, `warn_`) in any package
 * is queried once per input document. Modules written for OPA 0.x (`deny[msg] { ... }`)
 * run unmodified: each file is parsed as Rego v1 first and, when that fails, as v0.
 */
import type { Catalog } from '../catalog/index.js';
import type { Diagnostic } from '../iac/types.js';
import {
  compile,
  fromJS,
  parseModule,
  RegoError,
  RegoErrors,
  RegoObject,
  toJS,
  type AnnotationInfo,
  type Compiled,
  type RegoValue,
  type SourceModule,
} from '../rego/index.js';
import type { Severity } from '../rules/types.js';
import { readMapping, type Mapping } from './mapping.js';

export type RegoRuleKind = 'deny' | 'violation' | 'warn';

export interface RegoRule {
  /** `custom.id` from METADATA, else `<package>.<rule>`. */
  readonly id: string;
  readonly query: string;
  readonly packageName: string;
  readonly name: string;
  readonly kind: RegoRuleKind;
  readonly title: string;
  readonly description: string;
  readonly mapping: Mapping;
  /** Severity when neither the result nor its message says one. */
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly compiled: Compiled;
}

/** One result of a rule on one document. */
export interface RegoResult {
  readonly msg: string;
  /** A resource address the result names (`resource` or `address` field). */
  readonly address?: string;
  /** A severity the result gives itself (`severity` field or a `HIGH:` message prefix). */
  readonly severity?: Severity;
}

const RULE_NAME = /^(deny|violation|warn)(_\w+)?$/;

export function loadRegoPolicies(
  modules: readonly SourceModule[],
  catalog: Catalog,
  diagnostics: Diagnostic[],
): RegoRule[] {
  const groups: { v0: SourceModule[]; v1: SourceModule[] } = { v0: [], v1: [] };
  for (const module of modules) {
    const mode = syntaxOf(module, diagnostics);
    if (mode) groups[mode].push(module);
  }
  if (groups.v0.length > 0 && groups.v1.length > 0) {
    diagnostics.push({
      code: 'CW-POLICY-011',
      severity: 'info',
      message:
        'Rego v0 and v1 modules are compiled separately: a v1 module cannot refer to rules of a v0 module, or the reverse',
      file: groups.v0[0]!.file,
    });
  }
  const rules: RegoRule[] = [];
  for (const [mode, group] of [
    ['v0', groups.v0],
    ['v1', groups.v1],
  ] as const) {
    if (group.length === 0) continue;
    let compiled: Compiled;
    try {
      compiled = compile([...group], { v0Compatible: mode === 'v0' });
    } catch (error) {
      reportRegoErrors(error, diagnostics);
      continue;
    }
    rules.push(...rulesOf(compiled, catalog, diagnostics));
  }
  return rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** v1 when the file parses as Rego v1, else v0 when it parses so; errors are reported. */
function syntaxOf(module: SourceModule, diagnostics: Diagnostic[]): 'v0' | 'v1' | undefined {
  let v1Error: unknown;
  try {
    parseModule(module.text, module.file);
    return 'v1';
  } catch (error) {
    v1Error = error;
  }
  try {
    parseModule(module.text, module.file, { v0Compatible: true });
    return 'v0';
  } catch (v0Error) {
    // report in the syntax the author evidently meant
    const looksV1 = /\bimport\s+rego\.v1\b|\bcontains\b|\bif\b/.test(module.text);
    reportRegoErrors(looksV1 ? v1Error : v0Error, diagnostics);
    return undefined;
  }
}

function reportRegoErrors(error: unknown, diagnostics: Diagnostic[]): void {
  const errors =
    error instanceof RegoErrors ? error.errors : error instanceof RegoError ? [error] : undefined;
  if (!errors) throw error;
  for (const e of errors) {
    diagnostics.push({
      code: 'CW-POLICY-002',
      severity: 'error',
      message: `${e.code}: ${e.message}`,
      ...(e.location
        ? { file: e.location.file, line: e.location.row, column: e.location.col }
        : {}),
    });
  }
}

function rulesOf(compiled: Compiled, catalog: Catalog, diagnostics: Diagnostic[]): RegoRule[] {
  const annotations = compiled.annotations();
  const out = new Map<string, RegoRule>();
  for (const module of compiled.modules) {
    const packageName = module.pkg.join('.');
    for (const rule of module.rules) {
      const head = rule.ref[0];
      if (rule.kind === 'func' || head?.type !== 'scalar' || typeof head.value !== 'string')
        continue;
      const match = RULE_NAME.exec(head.value);
      if (!match) continue;
      const query = `data.${packageName}.${head.value}`;
      if (out.has(query)) continue;
      const meta = metadataFor(query, `data.${packageName}`, annotations);
      const custom = (meta.data.custom ?? {}) as Record<string, unknown>;
      const kind = match[1] as RegoRuleKind;
      const mapping = readMapping(
        custom,
        catalog,
        { file: meta.file ?? module.file, line: meta.line ?? rule.loc.row, policy: query.slice(5) },
        diagnostics,
      );
      const id = typeof custom.id === 'string' && custom.id !== '' ? custom.id : query.slice(5);
      out.set(query, {
        id,
        query,
        packageName,
        name: head.value,
        kind,
        title:
          typeof meta.data.title === 'string' ? meta.data.title : `${packageName}.${head.value}`,
        description: typeof meta.data.description === 'string' ? meta.data.description : '',
        mapping,
        severity: mapping.severity ?? (kind === 'warn' ? 'low' : 'high'),
        file: module.file,
        line: rule.loc.row,
        compiled,
      });
    }
  }
  return [...out.values()];
}

/**
 * The METADATA that applies to a rule: its own (any of its definitions), else its
 * package's, else a parent package's `subpackages` scope. Nearer annotations win per key.
 */
function metadataFor(
  rulePath: string,
  packagePath: string,
  annotations: readonly AnnotationInfo[],
): { data: Record<string, unknown>; file?: string; line?: number } {
  const layers: AnnotationInfo[] = [];
  for (const a of annotations) {
    if (a.path === rulePath && (a.scope === 'rule' || a.scope === 'document')) layers.push(a);
  }
  for (const a of annotations) {
    if (a.path === packagePath && (a.scope === 'package' || a.scope === 'subpackages'))
      layers.push(a);
  }
  for (const a of annotations) {
    if (
      a.scope === 'subpackages' &&
      a.path !== packagePath &&
      packagePath.startsWith(`${a.path}.`)
    ) {
      layers.push(a);
    }
  }
  const data: Record<string, unknown> = {};
  const custom: Record<string, unknown> = {};
  for (const layer of [...layers].reverse()) {
    Object.assign(data, layer.annotations);
    const c = layer.annotations.custom;
    if (c && typeof c === 'object' && !Array.isArray(c)) Object.assign(custom, c);
  }
  if (Object.keys(custom).length > 0) data.custom = custom;
  const first = layers[0];
  return first ? { data, file: first.location.file, line: first.location.row } : { data };
}

/** Converts an input document once, for every rule evaluated on it. */
export function regoInput(input: unknown): RegoValue {
  return fromJS(input);
}

/**
 * Queries every rule of one compiled group on one document in a single evaluation, so that
 * rules shared between packages (an aggregating `main` over the others) are evaluated once.
 * When that evaluation fails, each rule is queried on its own to tell which one failed.
 */
export function evaluateGroup(
  rules: readonly RegoRule[],
  input: RegoValue,
  timeoutMs = 30_000,
): Map<RegoRule, RegoResult[] | RegoError> {
  const out = new Map<RegoRule, RegoResult[] | RegoError>();
  const compiled = rules[0]?.compiled;
  if (!compiled) return out;
  let root: RegoValue | undefined;
  try {
    root = compiled.eval('data', { input, rawValues: true, timeoutMs })[0]?.expressions[0]?.value;
  } catch (error) {
    if (!(error instanceof RegoError)) throw error;
    for (const rule of rules) {
      try {
        out.set(rule, evaluateRule(rule, input, timeoutMs));
      } catch (e) {
        if (!(e instanceof RegoError)) throw e;
        out.set(rule, e);
      }
    }
    return out;
  }
  for (const rule of rules) {
    let value: RegoValue | undefined = root;
    for (const key of [...rule.packageName.split('.'), rule.name]) {
      value = value instanceof RegoObject ? value.get(key) : undefined;
    }
    out.set(rule, resultsOf(value, rule));
  }
  return out;
}

/**
 * Queries one rule on one document. Throws RegoError when evaluation fails (a builtin
 * error under strict mode, a conflict, the time budget).
 */
export function evaluateRule(rule: RegoRule, input: RegoValue, timeoutMs = 30_000): RegoResult[] {
  const rs = rule.compiled.eval(rule.query, { input, rawValues: true, timeoutMs });
  return resultsOf(rs[0]?.expressions[0]?.value, rule);
}

function resultsOf(value: RegoValue | undefined, rule: RegoRule): RegoResult[] {
  if (value === undefined) return [];
  const js = toJS(value);
  const items = Array.isArray(js) ? js : [js];
  const out: RegoResult[] = [];
  for (const item of items) {
    const result = toResult(item, rule);
    if (result) out.push(result);
  }
  return out;
}

const SEVERITY_PREFIX = /^\s*(CRITICAL|HIGH|MEDIUM|LOW|INFO)\s*:/i;

function toResult(item: unknown, rule: RegoRule): RegoResult | undefined {
  if (item === false || item === null || item === undefined) return undefined;
  let msg: string;
  let address: string | undefined;
  let severity: Severity | undefined;
  if (typeof item === 'string') msg = item;
  else if (typeof item === 'object' && !Array.isArray(item)) {
    const o = item as Record<string, unknown>;
    msg = typeof o.msg === 'string' ? o.msg : JSON.stringify(item);
    const named = o.resource ?? o.address;
    if (typeof named === 'string') address = named;
    if (typeof o.severity === 'string') severity = severityOf(o.severity);
  } else if (item === true) msg = `${rule.title}: the policy denies this document`;
  else msg = JSON.stringify(item);
  const prefix = SEVERITY_PREFIX.exec(msg);
  severity ??= prefix ? severityOf(prefix[1]!) : undefined;
  return { msg, ...(address ? { address } : {}), ...(severity ? { severity } : {}) };
}

function severityOf(text: string): Severity | undefined {
  const s = text.toLowerCase();
  return s === 'critical' || s === 'high' || s === 'medium' || s === 'low' || s === 'info'
    ? s
    : undefined;
}
