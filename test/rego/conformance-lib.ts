/**
 * Runs the shared Rego conformance corpora (OPA's own cases and regorus's) against
 * crosswalk's engine. Cases are read from /work/shared at test time, never copied.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  compile,
  RegoError,
  RegoErrors,
  type EvalOptions,
  type ResultSet,
} from '../../src/rego/index.js';
import {
  canonicalKey,
  fromJS,
  RegoObject,
  RegoSet,
  toJS,
  type RegoValue,
} from '../../src/rego/value.js';

export const CORPUS = join(import.meta.dirname, '../../../shared/corpora/rego');

export type Status = 'pass' | 'fail' | 'skip';

export interface CaseResult {
  family: string;
  note: string;
  file: string;
  status: Status;
  reason?: string;
}

/** Families (or single cases) we skip on purpose, with the reason. */
export const SKIP_FAMILIES: Record<string, string> = {
  'regorus/target__basic': 'regorus-only `__target__` extension (Azure Policy targets), not Rego',
  'regorus/target__complex': 'regorus-only `__target__` extension (Azure Policy targets), not Rego',
  'regorus/target__msgraph': 'regorus-only `__target__` extension (Azure Policy targets), not Rego',
  'regorus/target__azure_policy':
    'regorus-only `__target__` extension (Azure Policy targets), not Rego',
  'regorus/target__resource_type_inference':
    'regorus-only `__target__` extension (resource type inference)',
  'regorus/rego-extensions__or__tests': 'regorus-only `or` language extension, not Rego',
  'regorus/limits__execution_timer':
    'regorus engine timer configuration fields; crosswalk limits are tested in test/rego/engine.test.ts',
  'opa/v1/graphql':
    'graphql.* builtins are deliberately not provided (src/rego/builtins/unavailable.ts)',
  'opa/v1/providers-aws':
    'providers.aws.sign_req is deliberately not provided (src/rego/builtins/unavailable.ts)',
  'opa/v1/invalidkeyerror':
    'only exercises http.send, which crosswalk does not offer (offline evaluation)',
  'opa/v1/cryptox509parsecertificates':
    'crypto.x509.* parsing is not provided (src/rego/builtins/crypto.ts)',
  'opa/v1/cryptox509parsecertificaterequest':
    'crypto.x509.* parsing is not provided (src/rego/builtins/crypto.ts)',
};

/**
 * Single cases outside what crosswalk supports: Rego numbers are IEEE-754 doubles here
 * (src/rego/value.ts), while OPA keeps arbitrary-precision integers and decimals.
 */
export const SKIP_CASES: Record<string, string> = {
  'aggregates/bignum exact (>64-bit integers through sum and product)':
    'arbitrary-precision numbers',
  'aggregates/sum integer fast-path overflow (elements fit int64, sum does not)':
    'arbitrary-precision numbers',
  'arithmetic/bignum exact (>64-bit integers through plus, minus, multiply)':
    'arbitrary-precision numbers',
  'arithmetic/bignum modulo (divisor a nonzero multiple of 2^64)': 'arbitrary-precision numbers',
  'arithmetic/int32 window edges (results crossing into wider integers)':
    'arbitrary-precision numbers',
  'arithmetic/abs, round, ceil and floor on integers and at the window edges':
    'arbitrary-precision numbers (abs of int64 minimum)',
  'arithmetic/big_int': 'arbitrary-precision numbers',
  'comparisonexpr/decimals order like the numbers they denote':
    'numbers beyond double range (1e400)',
  'sprintf/big_int': 'arbitrary-precision numbers',
  'sprintf/big_int/max_cert_serial_number': 'arbitrary-precision numbers',
};

interface OpaCase {
  note: string;
  modules?: string[];
  data?: unknown;
  input?: unknown;
  input_term?: string;
  query: string;
  want_result?: Record<string, unknown>[];
  want_error_code?: string;
  want_error?: string;
  sort_bindings?: boolean;
  strict_error?: boolean;
  skip?: boolean;
  [k: string]: unknown;
}

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.yaml') || e.name.endsWith('.yml')) out.push(p);
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}

function errorsOf(e: unknown): RegoError[] {
  if (e instanceof RegoErrors) return e.errors;
  if (e instanceof RegoError) return [e];
  throw e;
}

/** Sorted-key JSON so that equal documents compare equal as strings. */
function stable(x: unknown): string {
  if (Array.isArray(x)) return '[' + x.map(stable).join(',') + ']';
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return (
      '{' +
      Object.keys(o)
        .sort()
        .map((k) => JSON.stringify(k) + ':' + stable(o[k]))
        .join(',') +
      '}'
    );
  }
  return JSON.stringify(x);
}

function sortArrays(x: unknown): unknown {
  if (Array.isArray(x))
    return [...x].sort((a, b) => (stable(a) < stable(b) ? -1 : stable(a) > stable(b) ? 1 : 0));
  return x;
}

// -- OPA cases ---------------------------------------------------------------------------

const UNSUPPORTED_KEYS = ['capabilities', 'want_plan_result', 'input_term_ignore', 'env'];

export function runOpaCase(c: OpaCase, v0: boolean): { status: Status; reason?: string } {
  if (c.skip) return { status: 'skip', reason: 'marked skip in the corpus' };
  const known = SKIP_CASES[c.note];
  if (known) return { status: 'skip', reason: known };
  for (const k of UNSUPPORTED_KEYS) if (k in c) return { status: 'skip', reason: `uses ${k}` };
  if ((c.modules ?? []).some((m) => /^import rego\.v2/m.test(m)))
    return { status: 'skip', reason: 'rego.v2 (experimental) is not supported' };
  const modules = (c.modules ?? []).map((text, i) => ({ file: `test-${i}.rego`, text }));
  const opts: EvalOptions = { strictBuiltinErrors: c.strict_error === true };
  if (c.data !== undefined && c.data !== null) opts.data = c.data;
  if (c.input !== undefined) opts.input = c.input;
  try {
    if (c.input_term !== undefined) {
      const rs = compile([]).eval(`__input__ = ${c.input_term}`);
      opts.input = rs[0]?.bindings.__input__;
      opts.rawValues = true;
      if (opts.data !== undefined) opts.data = fromJS(opts.data);
    }
    const policy = compile(modules, { v0Compatible: v0 });
    const rs = policy.eval(c.query, opts);
    if (c.want_error_code || c.want_error) {
      return {
        status: 'fail',
        reason: `expected error ${c.want_error_code ?? ''} ${c.want_error ?? ''}, got ${rs.length} results`,
      };
    }
    return compareOpa(rs, c);
  } catch (e) {
    const errs = errorsOf(e);
    if (!c.want_error_code && !c.want_error)
      return { status: 'fail', reason: `unexpected error: ${errs.map(String).join('; ')}` };
    const ok = errs.some(
      (x) =>
        (!c.want_error_code || x.code === c.want_error_code) &&
        (!c.want_error || errorForms(x).some((f) => f.includes(c.want_error!))),
    );
    return ok
      ? { status: 'pass' }
      : {
          status: 'fail',
          reason: `wrong error: want ${c.want_error_code} "${c.want_error ?? ''}", got ${errs.map(String).join('; ')}`,
        };
  }
}

/** The ways OPA prints an error: bare message, `code: message`, `file:row: code: message`. */
function errorForms(e: RegoError): string[] {
  const forms = [e.message, `${e.code}: ${e.message}`];
  if (e.location) forms.push(`${e.location.file}:${e.location.row}: ${e.code}: ${e.message}`);
  return forms;
}

function compareOpa(rs: ResultSet, c: OpaCase): { status: Status; reason?: string } {
  const want = c.want_result ?? [];
  const norm = (b: Record<string, unknown>) => {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(b)) o[k] = c.sort_bindings ? sortArrays(v) : v;
    return stable(o);
  };
  const got = rs.map((r) => {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r.bindings)) o[k] = toJS(v);
    return norm(o);
  });
  const exp = want.map((w) => norm((w ?? {}) as Record<string, unknown>));
  const a = [...got].sort();
  const b = [...exp].sort();
  if (a.length === b.length && a.every((x, i) => x === b[i])) return { status: 'pass' };
  return { status: 'fail', reason: `want ${b.join(' | ')}\n got ${a.join(' | ')}` };
}

// -- regorus cases ----------------------------------------------------------------------------

/** Decodes regorus's YAML encodings (`set!`, `object!`) into Rego values. */
export function fromRegorus(x: unknown): RegoValue {
  if (Array.isArray(x)) return x.map(fromRegorus);
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === 'set!')
      return RegoSet.from((o['set!'] as unknown[]).map(fromRegorus));
    if (keys.length === 1 && keys[0] === 'object!') {
      return RegoObject.from(
        (o['object!'] as { key: unknown; value: unknown }[]).map(
          (e) => [fromRegorus(e.key), fromRegorus(e.value)] as const,
        ),
      );
    }
    const out = new RegoObject();
    for (const [k, v] of Object.entries(o)) out.set(k, fromRegorus(v));
    return out;
  }
  return fromJS(x);
}

interface RegorusCase {
  note: string;
  data?: unknown;
  input?: unknown;
  modules?: string[];
  query: string;
  want_result?: unknown;
  no_result?: boolean;
  error?: string;
  skip?: boolean;
  [k: string]: unknown;
}

/** The value regorus's harness compares: bindings if any, else the expression value(s). */
function regorusValue(rs: ResultSet): RegoValue | undefined {
  const one = (r: ResultSet[number]): RegoValue => {
    const names = Object.keys(r.bindings);
    if (names.length > 0) return RegoObject.from(names.map((n) => [n, r.bindings[n]!] as const));
    if (r.expressions.length === 1) return r.expressions[0]!.value;
    return r.expressions.map((e) => e.value);
  };
  if (rs.length === 0) return undefined;
  if (rs.length === 1) return one(rs[0]!);
  return RegoObject.from([['many!', rs.map(one)]]);
}

function compileRegorus(modules: string[]) {
  const mods = modules.map((text, i) => ({ file: `test-${i}.rego`, text }));
  try {
    return compile(mods, { v0Compatible: true });
  } catch (e) {
    // regorus accepts v1 syntax without `import rego.v1`; retry in v1 on a parse error
    if (errorsOf(e).some((x) => x.code === 'rego_parse_error')) return compile(mods);
    throw e;
  }
}

export function runRegorusCase(c: RegorusCase): { status: Status; reason?: string } {
  if (c.skip) return { status: 'skip', reason: 'marked skip in the corpus' };
  for (const k of [
    'skip_interpreter',
    'execution_mode',
    'host_await_builtins',
    'want_inferred_resource_types',
  ]) {
    if (k in c && k !== 'want_inferred_resource_types')
      return { status: 'skip', reason: `regorus-only switch ${k}` };
  }
  if (c.want_result === false && !c.error) {
    return {
      status: 'skip',
      reason: 'regorus yields false for a false single-expression query; OPA yields undefined',
    };
  }
  const inputs: (RegoValue | undefined)[] = [];
  const rawInput = c.input as Record<string, unknown> | undefined;
  if (rawInput && typeof rawInput === 'object' && 'many!' in rawInput)
    inputs.push(...(rawInput['many!'] as unknown[]).map(fromRegorus));
  else inputs.push(c.input === undefined ? undefined : fromRegorus(c.input));
  try {
    const policy = compileRegorus(c.modules ?? []);
    const data = c.data === undefined || c.data === null ? undefined : fromRegorus(c.data);
    const values: (RegoValue | undefined)[] = [];
    for (const input of inputs) {
      const opts: EvalOptions = { rawValues: true, strictBuiltinErrors: c.strict !== false };
      if (input !== undefined) opts.input = input;
      if (data !== undefined) opts.data = data;
      values.push(regorusValue(policy.eval(c.query, opts)));
    }
    if (c.error !== undefined) return { status: 'fail', reason: `expected an error (${c.error})` };
    const got =
      inputs.length > 1 ? RegoObject.from([['many!', values.map((v) => v ?? null)]]) : values[0];
    if (c.no_result)
      return got === undefined
        ? { status: 'pass' }
        : { status: 'fail', reason: `want no result, got ${JSON.stringify(toJS(got))}` };
    if (got === undefined) return { status: 'fail', reason: 'no result' };
    const want = fromRegorus(c.want_result);
    return canonicalKey(want) === canonicalKey(got)
      ? { status: 'pass' }
      : {
          status: 'fail',
          reason: `want ${JSON.stringify(toJS(want))}\n got ${JSON.stringify(toJS(got))}`,
        };
  } catch (e) {
    const errs = errorsOf(e);
    if (c.error !== undefined) return { status: 'pass' };
    return { status: 'fail', reason: `unexpected error: ${errs.map(String).join('; ')}` };
  }
}

// -- driver ------------------------------------------------------------------------------

export function runAll(filter?: (family: string) => boolean): CaseResult[] {
  const out: CaseResult[] = [];
  for (const f of yamlFiles(join(CORPUS, 'opa'))) {
    const rel = relative(join(CORPUS, 'opa'), f);
    const [ver, fam] = rel.split('/');
    const family = `opa/${ver}/${fam}`;
    if (filter && !filter(family)) continue;
    const doc = loadYaml(f) as { cases?: OpaCase[] };
    for (const c of doc.cases ?? []) {
      const skip = SKIP_FAMILIES[family];
      const r = skip
        ? { status: 'skip' as const, reason: skip }
        : safeRun(() => runOpaCase(c, ver === 'v0'));
      out.push({ family, note: c.note, file: rel, ...r });
    }
  }
  for (const f of yamlFiles(join(CORPUS, 'regorus'))) {
    const rel = relative(join(CORPUS, 'regorus'), f);
    const family = `regorus/${rel.split('/')[0]}`;
    if (filter && !filter(family)) continue;
    const doc = loadYaml(f) as { cases?: RegorusCase[] } | undefined;
    if (!doc) {
      out.push({
        family,
        note: rel,
        file: rel,
        status: 'skip',
        reason: 'YAML file not readable by the yaml package (lenient flow indentation)',
      });
      continue;
    }
    for (const c of doc.cases ?? []) {
      const skip = SKIP_FAMILIES[family];
      const r = skip ? { status: 'skip' as const, reason: skip } : safeRun(() => runRegorusCase(c));
      out.push({ family, note: c.note, file: rel, ...r });
    }
  }
  return out;
}

function loadYaml(f: string): unknown {
  try {
    return parseYaml(readFileSync(f, 'utf8'), { strict: false, uniqueKeys: false });
  } catch {
    return undefined;
  }
}

function safeRun(f: () => { status: Status; reason?: string }): {
  status: Status;
  reason?: string;
} {
  try {
    return f();
  } catch (e) {
    return {
      status: 'fail',
      reason: `crash: ${(e as Error).stack?.split('\n').slice(0, 3).join(' ') ?? String(e)}`,
    };
  }
}

export interface FamilyStats {
  pass: number;
  fail: number;
  skip: number;
}

export function summarize(results: CaseResult[]): Map<string, FamilyStats> {
  const m = new Map<string, FamilyStats>();
  for (const r of results) {
    const s = m.get(r.family) ?? { pass: 0, fail: 0, skip: 0 };
    s[r.status]++;
    m.set(r.family, s);
  }
  return new Map([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
}
