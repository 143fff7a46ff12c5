/**
 * Custom policies in a scan (`crosswalk scan --policy <dir>`): Rego modules and
 * Checkov-style YAML policies, mapped into the catalog through their metadata, turned into
 * findings like those of built-in rules. docs/policy-input.md documents the input shapes.
 *
 * Diagnostic codes (stable):
 * | code          | severity | meaning                                                        |
 * |---------------|----------|----------------------------------------------------------------|
 * | CW-POLICY-001 | error    | a policy path does not exist or cannot be read                 |
 * | CW-POLICY-002 | error    | a Rego module does not parse or compile                        |
 * | CW-POLICY-003 | error    | metadata names an unknown control id                           |
 * | CW-POLICY-004 | error    | metadata names an unknown framework, or `frameworks` is malformed |
 * | CW-POLICY-005 | error    | metadata names an unknown or superseded requirement id         |
 * | CW-POLICY-006 | warning  | metadata gives an unknown severity (the default is used)       |
 * | CW-POLICY-007 | error    | a rule failed while evaluating a document (an `error` finding) |
 * | CW-POLICY-009 | warning  | an input document could not be parsed for custom policies      |
 * | CW-POLICY-010 | error    | a YAML policy is malformed (it is not loaded)                  |
 * | CW-POLICY-011 | info     | Rego v0 and v1 modules are compiled separately                 |
 * | CW-POLICY-012 | warning  | a policy directory holds no policy                             |
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { Catalog } from '../catalog/index.js';
import type { Finding, RuleSummary } from '../engine/types.js';
import type { Diagnostic, RawResource, SourceLocation } from '../iac/types.js';
import { RegoError, type SourceModule } from '../rego/index.js';
import type { Severity } from '../rules/types.js';
import {
  Connections,
  evaluate,
  looksLikeYamlPolicy,
  parseYamlPolicy,
  policyTypes,
  type YamlPolicy,
} from './checkov.js';
import { policyDocuments, type PolicyDocument, type PolicySource } from './documents.js';
import { requirementsOf, type Mapping } from './mapping.js';
import {
  evaluateGroup,
  loadRegoPolicies,
  regoInput,
  type RegoResult,
  type RegoRule,
} from './rego.js';

export type { PolicyDocument, PolicySource } from './documents.js';
export type { RegoRule } from './rego.js';
export type { YamlPolicy } from './checkov.js';

export interface PolicySet {
  readonly rego: readonly RegoRule[];
  readonly yaml: readonly YamlPolicy[];
  readonly diagnostics: readonly Diagnostic[];
}

const SKIPPED = new Set(['node_modules', '.git', '.terraform']);

/** Reads every `.rego` and YAML policy under the given files and directories. */
export function loadPolicies(paths: readonly string[], catalog: Catalog): PolicySet {
  const diagnostics: Diagnostic[] = [];
  const modules: SourceModule[] = [];
  const yaml: YamlPolicy[] = [];
  // the same file reached twice (a directory given by the flag and the configuration) loads once
  const visited = new Set<string>();
  const visit = (path: string, top: boolean): number => {
    const absolute = resolve(path);
    if (visited.has(absolute)) return 1;
    visited.add(absolute);
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      diagnostics.push({
        code: 'CW-POLICY-001',
        severity: 'error',
        message: `cannot read policy path: ${(error as Error).message}`,
        file: path,
      });
      return 0;
    }
    if (stat.isDirectory()) {
      let found = 0;
      for (const name of readdirSync(path).sort()) {
        if (name.startsWith('.') || SKIPPED.has(name)) continue;
        found += visit(join(path, name), false);
      }
      if (top && found === 0) {
        diagnostics.push({
          code: 'CW-POLICY-012',
          severity: 'warning',
          message: 'no .rego or YAML policy found',
          file: path,
        });
      }
      return found;
    }
    const ext = extname(path).toLowerCase();
    const isYaml = ext === '.yaml' || ext === '.yml';
    if (ext !== '.rego' && !isYaml) return 0;
    // test modules (`*_test.rego`) are for `crosswalk rego test`, not for scans
    if (ext === '.rego' && path.endsWith('_test.rego')) return 0;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      diagnostics.push({
        code: 'CW-POLICY-001',
        severity: 'error',
        message: `cannot read policy: ${(error as Error).message}`,
        file: path,
      });
      return 0;
    }
    if (ext === '.rego') {
      modules.push({ file: path, text });
      return 1;
    }
    // other YAML (data files, CI configs) is left alone unless named directly
    if (!looksLikeYamlPolicy(text) && !top) return 0;
    const policy = parseYamlPolicy(path, text, catalog, diagnostics);
    if (policy) yaml.push(policy);
    return 1;
  };
  for (const path of paths) visit(path, true);
  const rego = modules.length > 0 ? loadRegoPolicies(modules, catalog, diagnostics) : [];
  return { rego, yaml: yaml.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)), diagnostics };
}

/** A custom finding before waivers; the engine applies them and relativises paths. */
export interface PolicyFinding {
  readonly finding: Finding;
  /** Resources whose inline comments may waive the finding. */
  readonly sources: readonly RawResource[];
}

export interface PolicyRun {
  readonly findings: PolicyFinding[];
  readonly rules: RuleSummary[];
  readonly diagnostics: Diagnostic[];
}

export interface PolicyOptions {
  readonly catalog: Catalog;
  /** Selected framework ids; all when undefined. */
  readonly frameworks?: ReadonlySet<string>;
  /** Addresses of findings on a whole file are written relative to this directory. */
  readonly baseDir?: string;
  /** Evaluation budget per rule and document. */
  readonly timeoutMs?: number;
}

/** Loads the policies and runs them over the scanned files. */
export function runPolicies(
  paths: readonly string[],
  sources: readonly PolicySource[],
  options: PolicyOptions,
): PolicyRun {
  const set = loadPolicies(paths, options.catalog);
  const run = evaluatePolicies(set, sources, options);
  return { ...run, diagnostics: [...set.diagnostics, ...run.diagnostics] };
}

export function evaluatePolicies(
  set: PolicySet,
  sources: readonly PolicySource[],
  options: PolicyOptions,
): PolicyRun {
  const { catalog, frameworks } = options;
  const diagnostics: Diagnostic[] = [];
  const findings: PolicyFinding[] = [];
  const rules: RuleSummary[] = [];
  const baseDir = resolve(options.baseDir ?? process.cwd());

  const summary = (
    id: string,
    title: string,
    severity: Severity,
    description: string,
    remediation: string,
    mapping: Mapping,
  ) => {
    const requirements = requirementsOf(mapping, catalog, frameworks);
    // as for built-in rules, a framework filter leaves out rules mapped to none of them
    if (frameworks && requirements.length === 0) return undefined;
    const s: RuleSummary = {
      id,
      title,
      severity,
      description,
      remediation,
      controls: [...mapping.controls],
      requirements,
    };
    rules.push(s);
    return s;
  };

  // Rego: mapped rules first, and an aggregating `main` package last, so that a message
  // repeated by an aggregator is reported once, under the rule that says what it maps to.
  const regoRules = [...set.rego]
    .map((rule) => ({
      rule,
      summary: summary(rule.id, rule.title, rule.severity, rule.description, '', rule.mapping),
    }))
    .filter((r): r is { rule: RegoRule; summary: RuleSummary } => r.summary !== undefined)
    .sort((a, b) => priority(a.rule) - priority(b.rule));

  // rules compiled together are evaluated together (see evaluateGroup)
  const groups = [...new Set(regoRules.map((r) => r.rule.compiled))].map((compiled) =>
    regoRules.filter((r) => r.rule.compiled === compiled).map((r) => r.rule),
  );

  if (regoRules.length > 0) {
    for (const source of sources) {
      for (const document of policyDocuments(source, diagnostics)) {
        const input = regoInput(document.input);
        const results = new Map<RegoRule, RegoResult[] | RegoError>();
        for (const group of groups) {
          for (const [rule, r] of evaluateGroup(group, input, options.timeoutMs))
            results.set(rule, r);
        }
        const seen = new Set<string>();
        for (const { rule, summary: s } of regoRules) {
          const outcome = results.get(rule) ?? [];
          if (outcome instanceof RegoError) {
            const message = `${rule.query.slice(5)} failed on this document: ${outcome.code}: ${outcome.message}`;
            diagnostics.push({
              code: 'CW-POLICY-007',
              severity: 'error',
              message,
              file: document.file,
              line: document.line,
            });
            findings.push(documentFinding(s, document, 'error', message, s.severity, baseDir));
            continue;
          }
          for (const result of outcome) {
            if (seen.has(result.msg)) continue;
            seen.add(result.msg);
            const target = attach(document, result.address, result.msg);
            const severity = result.severity ?? s.severity;
            findings.push(
              target
                ? resourceFinding(s, target, 'failed', result.msg, severity, target.location)
                : documentFinding(s, document, 'failed', result.msg, severity, baseDir),
            );
          }
        }
      }
    }
  }

  if (set.yaml.length > 0) {
    const units = unitsOf(sources);
    for (const policy of set.yaml) {
      const s = summary(
        policy.id,
        policy.title,
        policy.severity,
        policy.category ? `Category: ${policy.category}` : '',
        policy.remediation ?? '',
        policy.mapping,
      );
      if (!s) continue;
      const { types, filter } = policyTypes(policy.definition);
      for (const unit of units) {
        const connections = new Connections(unit);
        for (const resource of unit) {
          if (resource.mode !== 'managed') continue;
          if (types !== 'all' && !types.has(resource.type)) continue;
          if (filter && !filter.has(resource.type)) continue;
          const { answer, reason } = evaluate(policy.definition, resource, connections);
          if (answer === 'na') continue;
          const status = answer === true ? 'passed' : answer === false ? 'failed' : 'unknown';
          const message =
            status === 'passed'
              ? `${resource.address} satisfies ${policy.id}`
              : `${resource.address}: ${reason ?? (status === 'failed' ? 'the policy fails' : 'not known before apply')}`;
          findings.push(
            resourceFinding(s, resource, status, message, s.severity, resource.location),
          );
        }
      }
    }
  }
  return { findings, rules, diagnostics };
}

function priority(rule: RegoRule): number {
  const mapped = rule.mapping.controls.length + rule.mapping.requirements.length > 0;
  const aggregator = rule.packageName === 'main' || rule.packageName.endsWith('.main');
  return (mapped ? 0 : 1) + (aggregator ? 2 : 0);
}

/** Distinct resource lists of the sources: one per root module, plan, template or file. */
function unitsOf(sources: readonly PolicySource[]): (readonly RawResource[])[] {
  const units: (readonly RawResource[])[] = [];
  const seen = new Set<readonly RawResource[]>();
  for (const source of sources) {
    if (seen.has(source.resources)) continue;
    seen.add(source.resources);
    units.push(source.resources);
  }
  return units;
}

const indexes = new WeakMap<readonly RawResource[], Map<string, RawResource>>();

function addressIndex(resources: readonly RawResource[]): Map<string, RawResource> {
  let index = indexes.get(resources);
  if (!index) {
    index = new Map(resources.map((r) => [r.address, r]));
    indexes.set(resources, index);
  }
  return index;
}

const TRIM = /^["'.:!?,;]+|["'.:!?,;]+$/g;

/**
 * The resource a result is about: the one its `resource`/`address` field names, else one
 * whose address appears in the message, else the document's own resource (Kubernetes).
 */
export function attach(
  document: PolicyDocument,
  address: string | undefined,
  msg: string,
): RawResource | undefined {
  const index = addressIndex(document.resources);
  if (address !== undefined) {
    const named = index.get(address);
    if (named) return named;
  }
  if (index.size > 0) {
    let best: RawResource | undefined;
    for (const token of msg.split(/[\s'`(),;]+/)) {
      const candidate = token.replace(TRIM, '');
      const found = index.get(candidate);
      if (found && (!best || found.address.length > best.address.length)) best = found;
    }
    if (best) return best;
  }
  return document.self;
}

function resourceFinding(
  rule: RuleSummary,
  resource: RawResource,
  status: Finding['status'],
  message: string,
  severity: Severity,
  location: SourceLocation,
): PolicyFinding {
  return {
    finding: {
      ruleId: rule.id,
      title: rule.title,
      severity,
      status,
      resource: { type: resource.type, name: resource.name, address: resource.address },
      location,
      message,
      controls: rule.controls,
      requirements: rule.requirements,
      ...(rule.remediation ? { remediation: rule.remediation } : {}),
    },
    sources: [resource],
  };
}

function documentFinding(
  rule: RuleSummary,
  document: PolicyDocument,
  status: Finding['status'],
  message: string,
  severity: Severity,
  baseDir: string,
): PolicyFinding {
  const rel = relative(baseDir, resolve(baseDir, document.file)).split('\\').join('/');
  const address = rel.startsWith('..') ? document.file : rel;
  return {
    finding: {
      ruleId: rule.id,
      title: rule.title,
      severity,
      status,
      resource: { type: document.format, name: basename(document.file), address },
      location: { file: document.file, startLine: document.line, endLine: document.line },
      message,
      controls: rule.controls,
      requirements: rule.requirements,
      ...(rule.remediation ? { remediation: rule.remediation } : {}),
    },
    sources: document.self ? [document.self] : [],
  };
}

/** Resolves `policies:` entries of a configuration file against its directory. */
export function policyPathsFromConfig(configFile: string, entries: readonly string[]): string[] {
  return entries.map((p) => resolve(dirname(configFile), p));
}
