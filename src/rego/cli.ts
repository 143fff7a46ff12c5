/**
 * The functions behind `crosswalk rego eval|test|check`. Each returns structured data and
 * a formatter, so that the CLI is a thin wrapper (it prints stdout and sets the exit code).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Location } from './ast.js';
import { RegoError, RegoErrors } from './errors.js';
import {
  compile,
  type Compiled,
  type CompileOptions,
  type EvalOptions,
  type ResultSet,
  TEST_CASE_BUILTIN,
} from './index.js';
import { BUILTINS } from './registry.js';
import { fromJS, RegoObject, toJS, type RegoValue } from './value.js';

export interface CliOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

interface Loaded {
  modules: { file: string; text: string }[];
  data: RegoValue;
}

/** Loads .rego files and JSON/YAML data files (data goes under its directory's path). */
export function loadPaths(paths: string[]): Loaded {
  const modules: { file: string; text: string }[] = [];
  let data: RegoValue = new RegoObject();
  const visit = (p: string, root: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) {
        if (e.startsWith('.') || e === 'node_modules') continue;
        visit(join(p, e), root);
      }
      return;
    }
    const ext = extname(p).toLowerCase();
    if (ext === '.rego') {
      modules.push({ file: p, text: readFileSync(p, 'utf8') });
    } else if (ext === '.json' || ext === '.yaml' || ext === '.yml') {
      const text = readFileSync(p, 'utf8');
      const doc = ext === '.json' ? (JSON.parse(text) as unknown) : (parseYaml(text) as unknown);
      const rel = relative(root, dirname(p));
      const prefix = rel === '' || rel.startsWith('..') ? [] : rel.split(sep);
      data = mergeAt(data, prefix, fromJS(doc));
    }
  };
  for (const p of paths) {
    const st = statSync(p);
    visit(p, st.isDirectory() ? p : dirname(p));
  }
  return { modules, data };
}

function mergeAt(root: RegoValue, path: string[], v: RegoValue): RegoValue {
  if (path.length === 0) {
    if (root instanceof RegoObject && v instanceof RegoObject) {
      const o = RegoObject.from(root.entries.values());
      for (const [k, x] of v.entries.values()) {
        const prev = o.get(k);
        o.set(k, prev instanceof RegoObject && x instanceof RegoObject ? mergeAt(prev, [], x) : x);
      }
      return o;
    }
    return v;
  }
  const o = root instanceof RegoObject ? RegoObject.from(root.entries.values()) : new RegoObject();
  const [h, ...rest] = path;
  o.set(h!, mergeAt(o.get(h!) ?? new RegoObject(), rest, v));
  return o;
}

/** `file:row:col: code: message`, one per line. */
export function formatErrors(errors: readonly RegoError[]): string {
  return errors.map((e) => e.toString()).join('\n') + (errors.length ? '\n' : '');
}

function errorsOf(e: unknown): RegoError[] {
  if (e instanceof RegoErrors) return e.errors;
  if (e instanceof RegoError) return [e];
  throw e;
}

// -- eval -----------------------------------------------------------------------------------

export interface RegoEvalOptions extends CompileOptions {
  query: string;
  /** .rego files, data files, or directories */
  paths?: string[];
  /** input document (already parsed) */
  input?: unknown;
  /** path of a JSON/YAML input file */
  inputFile?: string;
  format?: 'json' | 'values' | 'bindings';
  /** exit code 1 when the result is undefined (like `opa eval --fail`) */
  fail?: boolean;
  timeoutMs?: number;
  strictBuiltinErrors?: boolean;
}

/** OPA's JSON result shape. */
export function resultSetToJSON(rs: ResultSet): unknown {
  return rs.map((r) => {
    const out: Record<string, unknown> = {
      expressions: r.expressions.map((e) => ({
        value: toJS(e.value),
        text: e.text,
        location: e.location,
      })),
    };
    const b = Object.entries(r.bindings);
    if (b.length > 0) out.bindings = Object.fromEntries(b.map(([k, v]) => [k, toJS(v)]));
    return out;
  });
}

export function regoEval(opts: RegoEvalOptions): CliOutput {
  const printed: string[] = [];
  try {
    const loaded = loadPaths(opts.paths ?? []);
    const policy = compile(loaded.modules, opts);
    let input = opts.input;
    if (opts.inputFile) {
      const text = readFileSync(opts.inputFile, 'utf8');
      input = opts.inputFile.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    }
    const evalOpts: EvalOptions = {
      data: loaded.data,
      rawValues: true,
      print: (m) => printed.push(m),
    };
    if (input !== undefined) evalOpts.input = fromJS(input);
    if (opts.timeoutMs !== undefined) evalOpts.timeoutMs = opts.timeoutMs;
    if (opts.strictBuiltinErrors) evalOpts.strictBuiltinErrors = true;
    const rs = policy.eval(opts.query, evalOpts);
    let body: unknown;
    switch (opts.format ?? 'json') {
      case 'values':
        body = rs.map((r) =>
          r.expressions.length === 1
            ? toJS(r.expressions[0]!.value)
            : r.expressions.map((e) => toJS(e.value)),
        );
        break;
      case 'bindings':
        body = rs.map((r) =>
          Object.fromEntries(Object.entries(r.bindings).map(([k, v]) => [k, toJS(v)])),
        );
        break;
      default:
        body = rs.length === 0 ? {} : { result: resultSetToJSON(rs) };
    }
    const stderr = printed.map((m) => m + '\n').join('');
    return {
      stdout: JSON.stringify(body, null, 2) + '\n',
      stderr,
      exitCode: opts.fail && rs.length === 0 ? 1 : 0,
    };
  } catch (e) {
    return {
      stdout: '',
      stderr: printed.map((m) => m + '\n').join('') + formatErrors(errorsOf(e)),
      exitCode: 2,
    };
  }
}

// -- test -------------------------------------------------------------------------------------

export interface RegoTestResult {
  /** data.pkg.test_name */
  name: string;
  package: string;
  location: Location;
  status: 'pass' | 'fail' | 'error' | 'skip';
  error?: string;
  /** output of print() during the test */
  output: string[];
  durationMs: number;
  /** the cases of a parameterised test (`test_x[name] if ...`), each counted as a test */
  cases?: { path: string[]; status: 'pass' | 'fail' }[];
}

export interface RegoTestReport {
  results: RegoTestResult[];
  /** compile errors (no test ran) */
  errors: RegoError[];
}

export function regoTest(
  paths: string[],
  opts: CompileOptions & { run?: RegExp; timeoutMs?: number } = {},
): RegoTestReport {
  let loaded: Loaded;
  let policy: Compiled;
  // the names of the cases a parameterised test tried, recorded by the injected builtin
  let tried: RegoValue[] = [];
  const builtins = new Map(opts.builtins ?? BUILTINS);
  builtins.set(TEST_CASE_BUILTIN, {
    name: TEST_CASE_BUILTIN,
    args: [{ kind: 'array' }],
    result: { kind: 'boolean' },
    category: 'tests',
    impl: (a) => {
      tried.push(a[0]!);
      return true;
    },
  });
  try {
    loaded = loadPaths(paths);
    policy = compile(loaded.modules, {
      ...opts,
      builtins,
      renameDuplicateTests: true,
      markTestCases: true,
    });
  } catch (e) {
    return { results: [], errors: errorsOf(e) };
  }
  const results: RegoTestResult[] = [];
  const seen = new Set<string>();
  for (const mod of policy.modules) {
    for (const r of mod.rules) {
      const head = r.ref[0];
      if (!head || head.type !== 'scalar' || typeof head.value !== 'string') continue;
      const parameterised = r.ref.length > 1 && r.kind === 'complete';
      const local = head.value;
      const todo = local.startsWith('todo_test_');
      if (!local.startsWith('test_') && !todo) continue;
      if (r.kind === 'func') continue;
      const name = refText([...mod.pkg, local]);
      if (seen.has(name)) continue;
      seen.add(name);
      if (opts.run && !opts.run.test(name)) continue;
      const base = { name, package: refText(mod.pkg), location: r.loc };
      if (todo) {
        results.push({ ...base, status: 'skip', output: [], durationMs: 0 });
        continue;
      }
      const output: string[] = [];
      const t0 = performance.now();
      try {
        const evalOpts: EvalOptions = {
          data: loaded.data,
          rawValues: true,
          print: (m) => output.push(m),
        };
        if (opts.timeoutMs !== undefined) evalOpts.timeoutMs = opts.timeoutMs;
        tried = [];
        const rs = policy.eval(name, evalOpts);
        if (parameterised) {
          const cases = testCases(rs[0]?.expressions[0]?.value, tried);
          const ok = rs.length > 0 && cases.every((c) => c.status === 'pass');
          results.push({
            ...base,
            status: ok ? 'pass' : 'fail',
            output,
            durationMs: performance.now() - t0,
            cases,
          });
          continue;
        }
        // like opa test: only `true` passes; a set, a number or an object is a failure
        const ok = rs.length > 0 && rs.every((x) => x.expressions[0]?.value === true);
        results.push({
          ...base,
          status: ok ? 'pass' : 'fail',
          output,
          durationMs: performance.now() - t0,
        });
      } catch (e) {
        const msg = errorsOf(e).map(String).join('\n');
        results.push({
          ...base,
          status: 'error',
          error: msg,
          output,
          durationMs: performance.now() - t0,
        });
      }
    }
  }
  return { results, errors: [] };
}

/**
 * The cases of a parameterised test: every leaf of its object (true passes, anything else
 * fails), and every case that was tried but left no entry, which failed after its name was
 * bound.
 */
function testCases(
  value: RegoValue | undefined,
  tried: RegoValue[],
): { path: string[]; status: 'pass' | 'fail' }[] {
  const out = new Map<string, { path: string[]; status: 'pass' | 'fail' }>();
  const keyText = (k: RegoValue) => (typeof k === 'string' ? k : JSON.stringify(toJS(k)));
  const visit = (v: RegoValue, path: string[]) => {
    if (v instanceof RegoObject) {
      for (const [k, x] of v.entries.values()) visit(x, [...path, keyText(k)]);
      return;
    }
    out.set(JSON.stringify(path), { path, status: v === true ? 'pass' : 'fail' });
  };
  if (value instanceof RegoObject)
    for (const [k, x] of value.entries.values()) visit(x, [keyText(k)]);
  for (const t of tried) {
    const path = Array.isArray(t) ? t.map(keyText) : [keyText(t)];
    const id = JSON.stringify(path);
    if (!out.has(id)) out.set(id, { path, status: 'fail' });
  }
  return [...out.values()].sort((a, b) => (a.path.join('\0') < b.path.join('\0') ? -1 : 1));
}

/**
 * `data.a.b` as OPA prints it and as a query can read it: segments that are not plain names
 * (`test_x#01`, `["pointless-reassignment"]`) go in brackets.
 */
function refText(path: readonly string[]): string {
  return path
    .map((s) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`))
    .reduce((acc, s) => acc + s, 'data');
}

/** Text like `opa test`: failures and errors in detail, then a summary. */
export function formatTestReport(report: RegoTestReport, verbose = false): CliOutput {
  if (report.errors.length > 0)
    return { stdout: '', stderr: formatErrors(report.errors), exitCode: 2 };
  const lines: string[] = [];
  const byFile = new Map<string, RegoTestResult[]>();
  for (const r of report.results) {
    const f = r.location.file;
    byFile.set(f, [...(byFile.get(f) ?? []), r]);
  }
  for (const [file, rs] of byFile) {
    const shown = verbose ? rs : rs.filter((r) => r.status === 'fail' || r.status === 'error');
    if (shown.length === 0) continue;
    lines.push(`${file}:`);
    for (const r of shown) {
      const label =
        r.status === 'pass'
          ? 'PASS'
          : r.status === 'fail'
            ? 'FAIL'
            : r.status === 'error'
              ? 'ERROR'
              : 'SKIPPED';
      lines.push(`${r.name}: ${label} (${formatDuration(r.durationMs)})`);
      for (const c of r.cases ?? [])
        lines.push(`${'  '.repeat(c.path.length)}${c.path.at(-1)}: ${c.status.toUpperCase()}`);
      if (r.error) lines.push('  ' + r.error.replace(/\n/g, '\n  '));
      for (const o of r.output) lines.push('  ' + o);
    }
    lines.push('');
  }
  // the cases of a parameterised test count one by one, as in opa test
  const outcomes = report.results.flatMap((r) =>
    r.cases && r.cases.length > 0 ? r.cases.map((c) => c.status) : [r.status],
  );
  const count = (s: RegoTestResult['status']) => outcomes.filter((x) => x === s).length;
  const pass = count('pass');
  const fail = count('fail');
  const err = count('error');
  const skip = count('skip');
  const total = outcomes.length;
  lines.push('-'.repeat(80));
  if (report.results.length === 0) lines.push('no tests found');
  if (pass) lines.push(`PASS: ${pass}/${total}`);
  if (fail) lines.push(`FAIL: ${fail}/${total}`);
  if (err) lines.push(`ERROR: ${err}/${total}`);
  if (skip) lines.push(`SKIPPED: ${skip}/${total}`);
  return {
    stdout: lines.join('\n') + '\n',
    stderr: '',
    exitCode: fail || err || report.results.length === 0 ? 1 : 0,
  };
}

function formatDuration(ms: number): string {
  return ms < 1 ? `${Math.round(ms * 1000)}µs` : `${ms.toFixed(1)}ms`;
}

// -- check -----------------------------------------------------------------------------------

/** Parses and compiles every module under the paths; returns all errors found. */
export function regoCheck(paths: string[], opts: CompileOptions = {}): RegoError[] {
  try {
    compile(loadPaths(paths).modules, opts);
    return [];
  } catch (e) {
    return errorsOf(e);
  }
}

export function formatCheck(errors: RegoError[]): CliOutput {
  if (errors.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
  const head = `${errors.length} error${errors.length === 1 ? '' : 's'} occurred:\n`;
  return { stdout: '', stderr: head + formatErrors(errors), exitCode: 1 };
}
