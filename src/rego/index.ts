/**
 * crosswalk/rego: a Rego (OPA 1.x compatible) parser, compiler and evaluator.
 *
 *   const policy = compile([{ file: 'p.rego', text }]);
 *   policy.eval('data.example.allow', { input });
 */
import type { Body, Literal, Location, Module, Rule, Term } from './ast.js';
import type { BuiltinDecl } from './builtins/spec.js';
import {
  checkCalls,
  checkDeclarations,
  checkDefault,
  childNode,
  groundPrefix,
  moduleGlobals,
  newNode,
  resolveRule,
  Safety,
  varsDeep,
  walkTerm,
  type CompileContext,
  type RuleNode,
} from './compile.js';
import { RegoError, RegoErrors } from './errors.js';
import { Evaluator, type EvalLimits } from './eval.js';
import { parseModule, parseQuery, type ParseOptions } from './parser.js';
import { BUILTINS } from './registry.js';
import { canonicalKey, fromJS, type RegoValue } from './value.js';

export { RegoError, RegoErrors } from './errors.js';
export type { RegoErrorCode } from './errors.js';
export type { Location, Module } from './ast.js';
export * from './value.js';
export { parseModule, parseQuery } from './parser.js';

export interface SourceModule {
  file: string;
  text: string;
}

export interface CompileOptions extends ParseOptions {
  /** builtins to use instead of the standard set (tests, sandboxes) */
  builtins?: ReadonlyMap<string, BuiltinDecl>;
  strict?: boolean;
  /**
   * Gives each further definition of a `test_` rule its own name (`test_x#01`), so that a test
   * runner can run every definition on its own, as `opa test` does.
   */
  renameDuplicateTests?: boolean;
  /**
   * For parameterised tests (`test_x[name] if ...`), calls `internal.test_case([name])` as soon
   * as the name is bound, so a runner can tell which cases were tried (the runner supplies that
   * builtin). Like OPA's test runner since v1.2.
   */
  markTestCases?: boolean;
}

export interface EvalOptions {
  /** the input document, as plain JS (JSON) or a Rego value */
  input?: unknown;
  /** base data document, merged under the rules */
  data?: unknown;
  /** sink for `print` */
  print?: (msg: string) => void;
  /** evaluation time budget in milliseconds */
  timeoutMs?: number;
  /** maximum evaluation steps */
  maxSteps?: number;
  /** treat builtin errors as fatal (OPA's --strict-builtin-errors) */
  strictBuiltinErrors?: boolean;
  /** input and data are already Rego values (no conversion) */
  rawValues?: boolean;
  /** fixed clock, nanoseconds since the epoch */
  now?: bigint;
}

export interface ResultExpression {
  value: RegoValue;
  text: string;
  location: { row: number; col: number };
}

export interface Result {
  expressions: ResultExpression[];
  bindings: Record<string, RegoValue>;
}

export type ResultSet = Result[];

export interface AnnotationInfo {
  path: string;
  scope: string;
  annotations: Record<string, unknown>;
  location: Location;
}

export class Compiled {
  constructor(
    readonly modules: Module[],
    readonly root: RuleNode,
    readonly funcs: Map<string, number>,
    private readonly builtins: ReadonlyMap<string, BuiltinDecl>,
    private readonly options: CompileOptions,
  ) {}

  /** Package paths of the compiled modules, as `data.a.b`. */
  packages(): string[] {
    return [...new Set(this.modules.map((m) => ['data', ...m.pkg].join('.')))].sort();
  }

  /**
   * `# METADATA` annotations, one entry per annotated rule or package, with the document
   * path they describe (`data.pkg.rule` or `data.pkg`).
   */
  annotations(): AnnotationInfo[] {
    const out: AnnotationInfo[] = [];
    for (const m of this.modules) {
      const pkg = ['data', ...m.pkg].join('.');
      for (const a of m.annotations)
        out.push({ path: pkg, scope: a.scope, annotations: a.data, location: a.loc });
      const seen = new Set<Rule['annotations']>();
      for (const r of m.rules) {
        if (!r.annotations?.length || seen.has(r.annotations)) continue;
        seen.add(r.annotations);
        const path = [pkg, ...groundPrefix(r.ref).prefix.map(String)].join('.');
        for (const a of r.annotations)
          out.push({ path, scope: a.scope, annotations: a.data, location: a.loc });
      }
    }
    return out;
  }

  /** Parses and checks a query: returns its reordered body and the original literal count. */
  prepare(query: string): { body: Body; count: number; vars: string[] } {
    let parsed: Body;
    try {
      parsed = parseQuery(query, { v0Compatible: this.options.v0Compatible ?? false });
    } catch (e) {
      if (e instanceof RegoError) throw new RegoErrors([e]);
      throw e;
    }
    parsed.forEach((l, i) => (l.qindex = i));
    const cc: CompileContext = { builtins: this.builtins, errors: [], funcs: this.funcs };
    const safety = new Safety(cc);
    const { body } = safety.reorder(parsed, new Set(), new Set());
    checkCalls(body, cc);
    if (cc.errors.length > 0) throw new RegoErrors(cc.errors);
    const vars: string[] = [];
    for (const l of parsed) {
      const vs = new Set<string>();
      const e = l.expr;
      const terms: Term[] =
        e.type === 'term'
          ? [e.term]
          : e.type === 'unify' || e.type === 'assign'
            ? [e.left, e.right]
            : e.type === 'some'
              ? e.vars
              : e.type === 'somein'
                ? [...(e.key ? [e.key] : []), e.value, e.collection]
                : [];
      terms.forEach((t) => varsDeepTop(t, vs));
      for (const v of vs) if (!v.startsWith('$') && !vars.includes(v)) vars.push(v);
    }
    return { body, count: parsed.length, vars };
  }

  /** Evaluates a query; throws RegoErrors for compile errors and RegoError for eval errors. */
  eval(query: string, opts: EvalOptions = {}): ResultSet {
    const { body, count, vars } = this.prepare(query);
    const conv = (x: unknown) => (opts.rawValues ? (x as RegoValue) : fromJS(x));
    const ev = new Evaluator(
      { root: this.root, builtins: this.builtins, funcs: this.funcs },
      {
        input: opts.input === undefined ? undefined : conv(opts.input),
        data: opts.data === undefined ? undefined : conv(opts.data),
        print: opts.print,
        strictBuiltinErrors: opts.strictBuiltinErrors,
        strict: this.options.strict,
        now: opts.now,
        ...limits(opts),
      },
    );
    const out: ResultSet = [];
    const texts = body.slice().sort((a, b) => (a.qindex ?? 0) - (b.qindex ?? 0));
    ev.query(body, count, (env, values) => {
      const bindings: Record<string, RegoValue> = {};
      for (const v of vars) {
        const x = env.get(v);
        if (x !== undefined) bindings[v] = x;
      }
      out.push({
        expressions: texts.map((l, i) => ({
          value: values[i] ?? true,
          text: l.text,
          location: { row: l.loc.row, col: l.loc.col },
        })),
        bindings,
      });
    });
    return out;
  }
}

function limits(opts: EvalOptions): EvalLimits {
  const l: EvalLimits = {};
  if (opts.timeoutMs !== undefined) l.deadline = Date.now() + opts.timeoutMs;
  if (opts.maxSteps !== undefined) l.maxSteps = opts.maxSteps;
  return l;
}

function varsDeepTop(t: Term, out: Set<string>): void {
  walkTerm(t, (x) => {
    if (x.type === 'var' && x.name !== 'data' && x.name !== 'input') out.add(x.name);
  });
}

/** Compiles modules; throws RegoErrors (an AggregateError) listing every error found. */
export function compile(modules: SourceModule[], options: CompileOptions = {}): Compiled {
  const builtins = options.builtins ?? BUILTINS;
  const errors: RegoError[] = [];
  const parsed: Module[] = [];
  for (const m of modules) {
    try {
      parsed.push(parseModule(m.text, m.file, options));
    } catch (e) {
      if (e instanceof RegoError) errors.push(e);
      else throw e;
    }
  }
  if (errors.length > 0) throw new RegoErrors(errors);
  if (options.renameDuplicateTests) renameDuplicateTests(parsed);
  if (options.markTestCases) parsed.forEach(markTestCases);

  const funcs = new Map<string, number>();
  const root = newNode(null, []);
  const resolved: Rule[] = [];
  const byPkg = new Map<string, Module[]>();
  for (const mod of parsed) {
    const k = JSON.stringify(mod.pkg);
    byPkg.set(k, [...(byPkg.get(k) ?? []), mod]);
  }
  for (const mod of parsed) {
    const g = moduleGlobals(mod, byPkg.get(JSON.stringify(mod.pkg)));
    let pkgNode = root;
    for (const p of mod.pkg) pkgNode = childNode(pkgNode, p);
    pkgNode.isPackage = true;
    const rules = mod.rules.map((r) => resolveRule(r, g));
    mod.rules = rules;
    for (const r of rules) {
      const { prefix } = groundPrefix(r.ref);
      let n = pkgNode;
      for (const p of prefix) n = childNode(n, p);
      n.rules.push(r);
      resolved.push(r);
      if (r.kind === 'func') {
        const name = ['data', ...n.path.map(String)].join('.');
        const ar = r.args?.length ?? 0;
        const prev = funcs.get(name);
        if (prev !== undefined && prev !== ar) {
          errors.push(new RegoError('rego_type_error', `conflicting rules ${name} found`, r.loc));
        }
        funcs.set(name, ar);
      }
    }
  }
  checkTree(root, errors);

  const cc: CompileContext = { builtins, errors, funcs, strict: options.strict };
  const safety = new Safety(cc);
  for (const r of resolved) {
    const bound = new Set<string>();
    for (const a of r.args ?? []) varsDeep(a, bound);
    checkDeclarations(r.body, bound, errors, r.module.v1);
    if (r.isDefault) checkDefault(r, errors);
    r.elses.forEach((e) => checkDeclarations(e.body, bound, errors, r.module.v1));
    const head = r.ref[0];
    if (
      r.module.v1 &&
      head?.type === 'scalar' &&
      (head.value === 'data' || head.value === 'input')
    ) {
      errors.push(
        new RegoError('rego_compile_error', `rules must not shadow ${head.value}`, r.loc),
      );
    }
    const rest = groundPrefix(r.ref).rest;
    const heads = [r.value, ...rest];
    const out = safety.reorder(r.body, bound, new Set(), heads);
    r.body = out.body;
    safety.checkHead(heads, out.bound, r.loc);
    for (const e of r.elses) {
      const eo = safety.reorder(e.body, bound, new Set(), [e.value]);
      e.body = eo.body;
      safety.checkHead([e.value], eo.bound, e.loc);
    }
    const mc = { ...cc, v1: r.module.v1 };
    checkCalls(r.body, mc);
    r.elses.forEach((e) => checkCalls(e.body, mc));
  }
  if (errors.length === 0) checkRecursion(root, errors);
  if (errors.length > 0) throw new RegoErrors(dedupe(errors));
  return new Compiled(parsed, root, funcs, builtins, options);
}

/** Like OPA's test runner: the second `test_x` of a package becomes `test_x#01`, and so on. */
function renameDuplicateTests(modules: Module[]): void {
  const seen = new Map<string, number>();
  for (const mod of modules) {
    for (const r of mod.rules) {
      const head = r.ref[0];
      if (head?.type !== 'scalar' || typeof head.value !== 'string') continue;
      if (!head.value.startsWith('test_') && !head.value.startsWith('todo_test_')) continue;
      const key = JSON.stringify([...mod.pkg, head.value]);
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      const renamed = `${head.value}#${String(n).padStart(2, '0')}`;
      if (n > 0) r.ref = [{ ...head, value: renamed }, ...r.ref.slice(1)];
    }
  }
}

/** The builtin a test runner provides to learn which cases of a parameterised test ran. */
export const TEST_CASE_BUILTIN = 'internal.test_case';

function markTestCases(mod: Module): void {
  for (const r of mod.rules) {
    const head = r.ref[0];
    if (head?.type !== 'scalar' || typeof head.value !== 'string') continue;
    if (!head.value.startsWith('test_') || r.ref.length < 2 || r.kind !== 'complete') continue;
    const keys = r.ref.slice(1);
    // after the first mention of every variable of the case name (OPA injects at the same place)
    const vars = new Set<string>();
    keys.forEach((k) => varsDeepTop(k, vars));
    let at = 0;
    for (const v of vars) {
      const needle = `"name":${JSON.stringify(v)}`;
      const i = r.body.findIndex((l) => JSON.stringify(l.expr).includes(needle));
      if (i >= 0) at = Math.max(at, i + 1);
    }
    const loc = r.loc;
    const call: Term = {
      type: 'call',
      op: TEST_CASE_BUILTIN,
      opTerm: { type: 'var', name: TEST_CASE_BUILTIN, loc },
      args: [{ type: 'array', items: keys, loc }],
      loc,
    };
    const lit: Literal = {
      expr: { type: 'term', term: call },
      negated: false,
      withs: [],
      loc,
      text: TEST_CASE_BUILTIN,
    };
    r.body = [...r.body.slice(0, at), lit, ...r.body.slice(at)];
  }
}

function dedupe(errors: RegoError[]): RegoError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = e.toString();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function checkTree(n: RuleNode, errors: RegoError[]): void {
  if (n.rules.length > 0) {
    const name = ['data', ...n.path.map(String)].join('.');
    const kinds = new Set(
      n.rules.map((r) =>
        r.kind === 'func' ? 'func' : groundPrefix(r.ref).rest.length > 0 ? 'ref' : r.kind,
      ),
    );
    if (kinds.has('func') && kinds.size > 1)
      errors.push(
        new RegoError('rego_type_error', `conflicting rules ${name} found`, n.rules[0]!.loc),
      );
    else if (kinds.has('complete') && kinds.has('multi'))
      errors.push(
        new RegoError('rego_type_error', `conflicting rules ${name} found`, n.rules[0]!.loc),
      );
    const defaults = n.rules.filter((r) => r.isDefault);
    if (defaults.length > 1)
      errors.push(
        new RegoError('rego_type_error', `multiple default rules ${name} found`, defaults[1]!.loc),
      );
  }
  for (const c of n.children.values()) checkTree(c, errors);
}

/** Reports rules that depend on themselves (OPA rejects recursion at compile time). */
function checkRecursion(root: RuleNode, errors: RegoError[]): void {
  const nodes: RuleNode[] = [];
  const collect = (n: RuleNode) => {
    if (n.rules.length > 0) nodes.push(n);
    n.children.forEach(collect);
  };
  collect(root);
  const nameOf = (n: RuleNode) => ['data', ...n.path.map(String)].join('.');
  const deps = new Map<RuleNode, Set<RuleNode>>();
  const ruleNodesUnder = (n: RuleNode, out: Set<RuleNode>) => {
    if (n.rules.length > 0) out.add(n);
    else n.children.forEach((c) => ruleNodesUnder(c, out));
  };
  const refTarget = (segs: Term[], out: Set<RuleNode>) => {
    let n = root;
    for (const s of segs) {
      if (n.rules.length > 0) break;
      // a dynamic segment could reach anything below; OPA does not count that as recursion
      if (s.type !== 'scalar') return;
      const c = n.children.get(canonicalKey(s.value));
      if (!c) return;
      n = c;
    }
    ruleNodesUnder(n, out);
  };
  for (const n of nodes) {
    const out = new Set<RuleNode>();
    const visit = (t: Term) =>
      walkTerm(t, (x) => {
        if (x.type === 'ref' && x.head.type === 'var' && x.head.name === 'data')
          refTarget(x.path, out);
        if (x.type === 'call' && x.op.startsWith('data.')) {
          refTarget(
            x.op
              .split('.')
              .slice(1)
              .map((s) => ({ type: 'scalar', value: s, loc: x.loc }) as Term),
            out,
          );
        }
        if (x.type === 'arraycomp' || x.type === 'setcomp' || x.type === 'objectcomp')
          visitBody(x.body);
      });
    const visitBody = (b: Body) => {
      for (const l of b) {
        const e = l.expr;
        const ts: Term[] =
          e.type === 'term'
            ? [e.term]
            : e.type === 'unify' || e.type === 'assign'
              ? [e.left, e.right]
              : e.type === 'somein' || e.type === 'every'
                ? [e.collection]
                : [];
        ts.forEach(visit);
        if (e.type === 'every') visitBody(e.body);
        l.withs.forEach((w) => visit(w.value));
      }
    };
    for (const r of n.rules) {
      visitBody(r.body);
      visit(r.value);
      r.elses.forEach((e) => {
        visitBody(e.body);
        visit(e.value);
      });
    }
    deps.set(n, out);
  }
  const state = new Map<RuleNode, number>();
  const stack: RuleNode[] = [];
  const reported = new Set<RuleNode>();
  const dfs = (n: RuleNode): void => {
    state.set(n, 1);
    stack.push(n);
    for (const d of deps.get(n) ?? []) {
      const s = state.get(d) ?? 0;
      if (s === 1) {
        if (!reported.has(d)) {
          reported.add(d);
          const cycle = stack.slice(stack.indexOf(d)).concat(d).map(nameOf);
          errors.push(
            new RegoError(
              'rego_recursion_error',
              `rule ${nameOf(d)} is recursive: ${cycle.join(' -> ')}`,
              d.rules[0]?.loc,
            ),
          );
        }
      } else if (s === 0) dfs(d);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of nodes) if (!state.get(n)) dfs(n);
}

export {
  regoEval,
  regoTest,
  regoCheck,
  formatTestReport,
  formatCheck,
  formatErrors,
  resultSetToJSON,
  loadPaths,
  type CliOutput,
  type RegoEvalOptions,
  type RegoTestResult,
  type RegoTestReport,
} from './cli.js';
