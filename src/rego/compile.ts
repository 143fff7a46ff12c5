/**
 * The compiler: resolves names (rules, imports), builds the rule tree, reorders bodies for
 * safety like OPA (variables bound before use) and checks calls, conflicts and recursion.
 */
import type { Body, Expr, Literal, Location, Module, Rule, Term } from './ast.js';
import { checkOperand, type BuiltinDecl } from './builtins/spec.js';
import { RegoError } from './errors.js';
import { canonicalKey, type RegoValue } from './value.js';

/** Builtins implemented by the evaluator itself, with their arity. */
export const EVAL_BUILTINS: ReadonlyMap<string, number> = new Map([
  ['print', -1],
  ['internal.member_2', 2],
  ['internal.member_3', 3],
  ['walk', 1],
  ['rego.metadata.rule', 0],
  ['rego.metadata.chain', 0],
  ['opa.runtime', 0],
  ['trace', 1],
]);

/** Builtins that crosswalk deliberately does not offer (network and process I/O). */
export const UNAVAILABLE = new Set(['http.send', 'net.lookup_ip_addr', 'opa.runtime.env']);

export interface RuleNode {
  key: RegoValue;
  path: RegoValue[];
  children: Map<string, RuleNode>;
  rules: Rule[];
  isPackage: boolean;
}

export function newNode(key: RegoValue, path: RegoValue[]): RuleNode {
  return { key, path, children: new Map(), rules: [], isPackage: false };
}

export function childNode(n: RuleNode, key: RegoValue): RuleNode {
  const ck = canonicalKey(key);
  let c = n.children.get(ck);
  if (!c) {
    c = newNode(key, [...n.path, key]);
    n.children.set(ck, c);
  }
  return c;
}

/** Ground prefix of a rule ref: the leading scalar segments. */
export function groundPrefix(ref: Term[]): { prefix: RegoValue[]; rest: Term[] } {
  const prefix: RegoValue[] = [];
  let i = 0;
  for (; i < ref.length; i++) {
    const t = ref[i]!;
    if (t.type !== 'scalar') break;
    prefix.push(t.value);
  }
  return { prefix, rest: ref.slice(i) };
}

export interface CompileContext {
  builtins: ReadonlyMap<string, BuiltinDecl>;
  /** checking a Rego v1 module: deprecated builtins are not available */
  v1?: boolean;
  errors: RegoError[];
  /** function paths (data.a.f) -> arity */
  funcs: Map<string, number>;
  strict?: boolean;
}

// -- name resolution --------------------------------------------------------------------

function dataRef(path: RegoValue[], loc: Location): Term {
  return {
    type: 'ref',
    head: { type: 'var', name: 'data', loc },
    path: path.map((v) => ({ type: 'scalar', value: v, loc }) as Term),
    loc,
  };
}

/** Vars declared locally anywhere in a rule: args, `:=`, `some`, `every`. */
function declaredVars(rule: Rule): Set<string> {
  const out = new Set<string>();
  const pat = (t: Term) =>
    walkTerm(t, (x) => (x.type === 'var' ? out.add(x.name) : undefined), true);
  for (const a of rule.args ?? []) pat(a);
  const visitBody = (b: Body) => {
    for (const l of b) {
      const e = l.expr;
      if (e.type === 'assign') pat(e.left);
      if (e.type === 'some') e.vars.forEach(pat);
      if (e.type === 'somein' || e.type === 'every') {
        if (e.key) pat(e.key);
        pat(e.value);
      }
      forEachBodyInExpr(e, visitBody);
    }
  };
  visitBody(rule.body);
  for (const e of rule.elses) visitBody(e.body);
  // comprehensions in head values declare their own locals too
  for (const t of [rule.value, ...rule.elses.map((e) => e.value)]) {
    walkTerm(t, (x) => {
      if (x.type === 'arraycomp' || x.type === 'setcomp' || x.type === 'objectcomp')
        visitBody(x.body);
    });
  }
  return out;
}

function forEachBodyInExpr(e: Expr, f: (b: Body) => void): void {
  const visit = (t: Term) =>
    walkTerm(t, (x) => {
      if (x.type === 'arraycomp' || x.type === 'setcomp' || x.type === 'objectcomp') f(x.body);
    });
  switch (e.type) {
    case 'term':
      visit(e.term);
      break;
    case 'unify':
    case 'assign':
      visit(e.left);
      visit(e.right);
      break;
    case 'somein':
      visit(e.collection);
      break;
    case 'every':
      visit(e.collection);
      f(e.body);
      break;
    default:
  }
}

/** Visits a term and its sub-terms (comprehension heads included, bodies excluded). */
export function walkTerm(t: Term, f: (t: Term) => void, patternOnly = false): void {
  f(t);
  switch (t.type) {
    case 'ref':
      if (!patternOnly) {
        walkTerm(t.head, f);
        t.path.forEach((p) => walkTerm(p, f));
      }
      break;
    case 'array':
    case 'set':
      t.items.forEach((x) => walkTerm(x, f, patternOnly));
      break;
    case 'object':
      t.pairs.forEach(([k, v]) => {
        if (!patternOnly) walkTerm(k, f);
        walkTerm(v, f, patternOnly);
      });
      break;
    case 'call':
      if (!patternOnly) t.args.forEach((x) => walkTerm(x, f));
      break;
    default:
  }
}

interface Globals {
  names: Map<string, Term>;
  /** names that may be called: functions of the package and import aliases */
  callable: Set<string>;
  pkg: string[];
}

/**
 * Names a module can use unqualified: rules of its package (from every module of that package,
 * `siblings` included, as OPA does) and its imports.
 */
export function moduleGlobals(mod: Module, siblings: readonly Module[] = []): Globals {
  const names = new Map<string, Term>();
  const callable = new Set<string>();
  const rules = siblings.flatMap((m) => (m === mod ? [] : m.rules)).concat(mod.rules);
  for (const r of rules) {
    const h = r.ref[0];
    if (h && h.type === 'scalar' && typeof h.value === 'string') {
      names.set(h.value, dataRef([...mod.pkg, h.value], r.loc));
      if (r.kind === 'func' || r.ref.length > 1) callable.add(h.value);
    }
  }
  for (const im of mod.imports) {
    const head = im.path[0];
    if (!head || head.type !== 'var' || (head.name !== 'data' && head.name !== 'input')) continue;
    const last = im.path[im.path.length - 1]!;
    const alias =
      im.alias ??
      (last.type === 'scalar' ? String(last.value) : last.type === 'var' ? last.name : '');
    const t: Term =
      im.path.length === 1 ? head : { type: 'ref', head, path: im.path.slice(1), loc: im.loc };
    names.set(alias, t);
    callable.add(alias);
  }
  return { names, callable, pkg: mod.pkg };
}

/** Rewrites rule-name and import references into data/input refs. */
export class Resolver {
  constructor(
    private readonly g: Globals,
    private readonly locals: Set<string>,
    private readonly shadowRoots = false,
  ) {}

  private global(name: string): Term | undefined {
    if (this.locals.has(name)) return undefined;
    return this.g.names.get(name);
  }

  term(t: Term): Term {
    switch (t.type) {
      case 'scalar':
        return t;
      case 'var': {
        // v0 lets a local variable shadow input or data
        if (this.shadowRoots && isGlobalVar(t.name) && this.locals.has(t.name)) {
          return { ...t, name: `${t.name}$local` };
        }
        const g = this.global(t.name);
        return g ? { ...g, loc: t.loc } : t;
      }
      case 'ref': {
        const head = this.term(t.head);
        const path = t.path.map((p) => this.term(p));
        if (head.type === 'ref')
          return { type: 'ref', head: head.head, path: [...head.path, ...path], loc: t.loc };
        return { ...t, head, path };
      }
      case 'array':
      case 'set':
        return { ...t, items: t.items.map((x) => this.term(x)) };
      case 'object':
        return {
          ...t,
          pairs: t.pairs.map(([k, v]) => [this.term(k), this.term(v)] as [Term, Term]),
        };
      case 'arraycomp':
      case 'setcomp':
        return { ...t, head: this.term(t.head), body: this.body(t.body) };
      case 'objectcomp':
        return { ...t, key: this.term(t.key), value: this.term(t.value), body: this.body(t.body) };
      case 'call':
        return { ...t, op: this.op(t.op), args: t.args.map((x) => this.term(x)) };
    }
  }

  op(op: string): string {
    const parts = op.split('.');
    // a complete rule named like a builtin (`lt := ...`) does not shadow the builtin
    if (!this.g.callable.has(parts[0]!)) return op;
    const g = this.global(parts[0]!);
    if (!g) return op;
    const base = refName(g);
    return base === undefined ? op : [base, ...parts.slice(1)].join('.');
  }

  body(b: Body): Body {
    return b.map((l) => this.literal(l));
  }

  literal(l: Literal): Literal {
    return {
      ...l,
      expr: this.expr(l.expr),
      withs: l.withs.map((w) => ({
        ...w,
        target: this.withTarget(w.target),
        value: this.term(w.value),
      })),
    };
  }

  /** `with` targets: rule names and import aliases become the refs they stand for. */
  private withTarget(t: Term): Term {
    const head = t.type === 'ref' ? t.head : t;
    if (head.type === 'var' && this.global(head.name)) return this.term(t);
    return t;
  }

  expr(e: Expr): Expr {
    switch (e.type) {
      case 'term':
        return { type: 'term', term: this.term(e.term) };
      case 'unify':
        return { type: 'unify', left: this.term(e.left), right: this.term(e.right) };
      case 'assign':
        return { type: 'assign', left: this.term(e.left), right: this.term(e.right) };
      case 'some':
        return e;
      case 'somein':
        return { ...e, collection: this.term(e.collection) };
      case 'every':
        return { ...e, collection: this.term(e.collection), body: this.body(e.body) };
    }
  }
}

/** `data.a.b` for a ref made of a var head and string segments. */
export function refName(t: Term): string | undefined {
  if (t.type === 'var') return t.name;
  if (t.type !== 'ref' || t.head.type !== 'var') return undefined;
  const parts = [t.head.name];
  for (const p of t.path) {
    if (p.type !== 'scalar' || typeof p.value !== 'string') return undefined;
    parts.push(p.value);
  }
  return parts.join('.');
}

let hoisted = 0;

function needsHoist(t: Term): boolean {
  let r = false;
  walkTerm(t, (x) => {
    if (
      x.type === 'ref' ||
      x.type === 'call' ||
      x.type === 'arraycomp' ||
      x.type === 'setcomp' ||
      x.type === 'objectcomp'
    )
      r = true;
  });
  return r;
}

/** Moves a computed head value into the body (`p := xs[_]` becomes `p := $h if $h = xs[_]`). */
function hoist(value: Term, body: Body): { value: Term; body: Body } {
  if (!needsHoist(value)) return { value, body };
  const v: Term = { type: 'var', name: `$h${hoisted++}`, loc: value.loc };
  const lit: Literal = {
    expr: { type: 'unify', left: v, right: value },
    negated: false,
    withs: [],
    loc: value.loc,
    text: '',
  };
  return { value: v, body: [...body, lit] };
}

export function resolveRule(rule: Rule, g: Globals): Rule {
  const out = resolveRuleNames(rule, g);
  if (out.isDefault) return out;
  const h = hoist(out.value, out.body);
  out.value = h.value;
  out.body = h.body;
  out.elses = out.elses.map((e) => ({ ...e, ...hoist(e.value, e.body) }));
  return out;
}

function resolveRuleNames(rule: Rule, g: Globals): Rule {
  const r = new Resolver(g, declaredVars(rule), !rule.module.v1);
  const out: Rule = {
    ...rule,
    ref: rule.ref.map((t, i) => (i === 0 ? t : r.term(t))),
    value: r.term(rule.value),
    body: r.body(rule.body),
    elses: rule.elses.map((e) => ({ ...e, value: r.term(e.value), body: r.body(e.body) })),
  };
  if (rule.args) out.args = rule.args.map((a) => r.term(a));
  return out;
}

// -- safety ------------------------------------------------------------------------------

interface Analysis {
  needs: Set<string>;
  /** bare variables in unification positions */
  pats: Set<string>;
  /** variables bound by iterating a reference */
  gens: Set<string>;
}

const newAnalysis = (): Analysis => ({ needs: new Set(), pats: new Set(), gens: new Set() });

const isGlobalVar = (n: string) => n === 'data' || n === 'input';

/** All variables in a term, including inside comprehensions. */
export function varsDeep(t: Term, out = new Set<string>()): Set<string> {
  walkTerm(t, (x) => {
    if (x.type === 'var' && !isGlobalVar(x.name)) out.add(x.name);
    if (x.type === 'arraycomp' || x.type === 'setcomp' || x.type === 'objectcomp')
      bodyVarsDeep(x.body, out);
  });
  return out;
}

function bodyVarsDeep(b: Body, out: Set<string>): Set<string> {
  for (const l of b) {
    exprTerms(l.expr).forEach((t) => varsDeep(t, out));
    if (l.expr.type === 'every') bodyVarsDeep(l.expr.body, out);
    for (const w of l.withs) varsDeep(w.value, out);
  }
  return out;
}

function exprTerms(e: Expr): Term[] {
  switch (e.type) {
    case 'term':
      return [e.term];
    case 'unify':
    case 'assign':
      return [e.left, e.right];
    case 'some':
      return e.vars;
    case 'somein':
    case 'every':
      return [...(e.key ? [e.key] : []), e.value, e.collection];
  }
}

/** Variables of a body at its own level (comprehension contents excluded). */
function topVars(b: Body): Set<string> {
  const out = new Set<string>();
  for (const l of b) {
    for (const t of exprTerms(l.expr)) {
      walkTerm(t, (x) => {
        if (x.type === 'var' && !isGlobalVar(x.name)) out.add(x.name);
      });
    }
  }
  return out;
}

function declaredIn(b: Body): Set<string> {
  const out = new Set<string>();
  for (const l of b) {
    const e = l.expr;
    const pat = (t: Term) =>
      walkTerm(t, (x) => (x.type === 'var' ? out.add(x.name) : undefined), true);
    if (e.type === 'assign') pat(e.left);
    if (e.type === 'some') e.vars.forEach(pat);
    if (e.type === 'somein') {
      if (e.key) pat(e.key);
      pat(e.value);
    }
  }
  return out;
}

export class Safety {
  constructor(private readonly cc: CompileContext) {}

  private captured(
    body: Body,
    heads: Term[],
    scope: Set<string>,
    extraLocal: Set<string> = new Set(),
  ): Set<string> {
    const vs = new Set<string>();
    heads.forEach((h) => varsDeep(h, vs));
    bodyVarsDeep(body, vs);
    const local = declaredIn(body);
    const out = new Set<string>();
    for (const v of vs)
      if (scope.has(v) && !local.has(v) && !extraLocal.has(v) && !v.startsWith('$')) out.add(v);
    return out;
  }

  private analyze(t: Term, pattern: boolean, a: Analysis, scope: Set<string>): void {
    switch (t.type) {
      case 'scalar':
        return;
      case 'var':
        if (isGlobalVar(t.name)) return;
        (pattern ? a.pats : a.needs).add(t.name);
        return;
      case 'ref': {
        if (t.head.type === 'var') {
          if (!isGlobalVar(t.head.name)) a.needs.add(t.head.name);
        } else this.analyze(t.head, false, a, scope);
        for (const p of t.path) {
          const sub = newAnalysis();
          this.analyze(p, true, sub, scope);
          sub.pats.forEach((v) => a.gens.add(v));
          sub.gens.forEach((v) => a.gens.add(v));
          sub.needs.forEach((v) => a.needs.add(v));
        }
        return;
      }
      case 'array':
        t.items.forEach((x) => this.analyze(x, pattern, a, scope));
        return;
      case 'set':
        t.items.forEach((x) => this.analyze(x, false, a, scope));
        return;
      case 'object':
        for (const [k, v] of t.pairs) {
          this.analyze(k, false, a, scope);
          this.analyze(v, pattern, a, scope);
        }
        return;
      case 'call': {
        const arity = this.arity(t.op);
        t.args.forEach((x, i) =>
          this.analyze(x, pattern && arity !== undefined && i === arity, a, scope),
        );
        return;
      }
      case 'arraycomp':
      case 'setcomp':
        this.captured(t.body, [t.head], scope).forEach((v) => a.needs.add(v));
        return;
      case 'objectcomp':
        this.captured(t.body, [t.key, t.value], scope).forEach((v) => a.needs.add(v));
        return;
    }
  }

  arity(op: string): number | undefined {
    const f = this.cc.funcs.get(op);
    if (f !== undefined) return f;
    const e = EVAL_BUILTINS.get(op);
    if (e !== undefined) return e < 0 ? undefined : e;
    const b = this.cc.builtins.get(op);
    if (b) return b.variadic ? undefined : b.args.length;
    return undefined;
  }

  private info(
    l: Literal,
    b: Set<string>,
    scope: Set<string>,
  ): { needs: Set<string>; binds: Set<string>; ready: boolean } {
    const a = newAnalysis();
    const e = l.expr;
    let ready = true;
    switch (e.type) {
      case 'term': {
        const t = e.term;
        if (t.type === 'call') {
          const arity = this.arity(t.op);
          t.args.forEach((x, i) => this.analyze(x, arity !== undefined && i === arity, a, scope));
        } else this.analyze(t, false, a, scope);
        break;
      }
      case 'unify':
      case 'assign': {
        const la = newAnalysis();
        const ra = newAnalysis();
        this.analyze(e.left, true, la, scope);
        this.analyze(e.right, true, ra, scope);
        for (const x of [la, ra]) {
          x.needs.forEach((v) => a.needs.add(v));
          x.pats.forEach((v) => a.pats.add(v));
          x.gens.forEach((v) => a.gens.add(v));
        }
        const bound = (s: Set<string>) => [...s].every((v) => b.has(v));
        const structural = (t: Term) => t.type === 'array' || t.type === 'object';
        ready = bound(la.pats) || bound(ra.pats) || (structural(e.left) && structural(e.right));
        break;
      }
      case 'some':
        break;
      case 'somein':
        this.analyze(e.collection, false, a, scope);
        if (e.key) this.analyze(e.key, true, a, scope);
        this.analyze(e.value, true, a, scope);
        break;
      case 'every': {
        const kv = newAnalysis();
        if (e.key) this.analyze(e.key, true, kv, scope);
        this.analyze(e.value, true, kv, scope);
        this.analyze(e.collection, false, a, scope);
        this.captured(e.body, [], scope, kv.pats).forEach((v) => a.needs.add(v));
        break;
      }
    }
    for (const w of l.withs) {
      // `with count as my_count`: a function name, not a variable
      const fn = refName(w.value);
      if (
        fn !== undefined &&
        (this.cc.funcs.has(fn) || this.cc.builtins.has(fn) || EVAL_BUILTINS.has(fn))
      )
        continue;
      this.analyze(w.value, false, a, scope);
    }
    const needs = new Set(a.needs);
    let binds = new Set([...a.pats, ...a.gens]);
    if (l.negated) {
      a.pats.forEach((v) => needs.add(v));
      binds = new Set();
    }
    for (const v of needs) if (!b.has(v)) ready = false;
    return { needs, binds, ready };
  }

  /** Reorders a body so that every variable is bound before use; reports unsafe vars. */
  reorder(
    body: Body,
    bound: Set<string>,
    outerScope: Set<string>,
    heads: Term[] = [],
  ): { body: Body; bound: Set<string> } {
    const allScope = new Set([...outerScope, ...topVars(body)]);
    heads.forEach((h) => varsDeep(h, allScope));
    // a var declared (`:=`, `some`) at position i is not visible to comprehensions before it
    const declAt = new Map<string, number>();
    body.forEach((l, i) => declaredIn([l]).forEach((v) => declAt.has(v) || declAt.set(v, i)));
    const scopes = new Map<Literal, Set<string>>();
    body.forEach((l, i) => {
      const sc = new Set(allScope);
      for (const [v, at] of declAt) if (at >= i && !outerScope.has(v)) sc.delete(v);
      scopes.set(l, sc);
    });
    const scopeOf = (l: Literal) => scopes.get(l) ?? allScope;
    const remaining = [...body];
    const out: Body = [];
    const b = new Set(bound);
    while (remaining.length > 0) {
      let idx = -1;
      for (let i = 0; i < remaining.length; i++) {
        if (this.info(remaining[i]!, b, scopeOf(remaining[i]!)).ready) {
          idx = i;
          break;
        }
      }
      if (idx < 0) {
        const reported = new Set<string>();
        for (const l of remaining) {
          const inf = this.info(l, b, scopeOf(l));
          const missing = [...inf.needs].filter((v) => !b.has(v));
          const unsafe = missing.length > 0 ? missing : [...inf.binds];
          for (const v of unsafe) {
            if (reported.has(v)) continue;
            reported.add(v);
            this.cc.errors.push(
              new RegoError(
                'rego_unsafe_var_error',
                `var ${v.startsWith('$') ? '_' : v} is unsafe`,
                l.loc,
              ),
            );
          }
        }
        out.push(...remaining);
        return { body: out, bound: b };
      }
      const lit = remaining.splice(idx, 1)[0]!;
      const inf = this.info(lit, b, scopeOf(lit));
      out.push(this.nested(lit, b, scopeOf(lit)));
      inf.binds.forEach((v) => b.add(v));
    }
    return { body: out, bound: b };
  }

  /** Reorders comprehension and `every` bodies inside a literal. */
  private nested(l: Literal, b: Set<string>, scope: Set<string>): Literal {
    const term = (t: Term): Term => {
      switch (t.type) {
        case 'ref':
          return { ...t, head: term(t.head), path: t.path.map(term) };
        case 'array':
        case 'set':
          return { ...t, items: t.items.map(term) };
        case 'object':
          return { ...t, pairs: t.pairs.map(([k, v]) => [term(k), term(v)] as [Term, Term]) };
        case 'call':
          return { ...t, args: t.args.map(term) };
        case 'arraycomp':
        case 'setcomp':
        case 'objectcomp':
          return comp(shadowLocals(t, b, scope));
        default:
          return t;
      }
    };
    const comp = (t: Term): Term => {
      switch (t.type) {
        case 'arraycomp':
        case 'setcomp': {
          const r = this.reorder(t.body, b, scope, [t.head]);
          this.checkHead([t.head], r.bound, t.loc);
          return { ...t, head: term(t.head), body: r.body };
        }
        case 'objectcomp': {
          const r = this.reorder(t.body, b, scope, [t.key, t.value]);
          this.checkHead([t.key, t.value], r.bound, t.loc);
          return { ...t, key: term(t.key), value: term(t.value), body: r.body };
        }
        default:
          return t;
      }
    };
    const e = l.expr;
    let expr: Expr;
    switch (e.type) {
      case 'term':
        expr = { type: 'term', term: term(e.term) };
        break;
      case 'unify':
      case 'assign':
        expr = { type: e.type, left: term(e.left), right: term(e.right) };
        break;
      case 'somein':
        expr = { ...e, collection: term(e.collection) };
        break;
      case 'every': {
        const kv = new Set(b);
        if (e.key) varsDeep(e.key, kv);
        varsDeep(e.value, kv);
        const r = this.reorder(e.body, kv, scope);
        expr = { ...e, collection: term(e.collection), body: r.body };
        break;
      }
      default:
        expr = e;
    }
    return { ...l, expr, withs: l.withs.map((w) => ({ ...w, value: term(w.value) })) };
  }

  checkHead(terms: Term[], bound: Set<string>, loc: Location): void {
    const vs = new Set<string>();
    terms.forEach((t) =>
      walkTerm(t, (x) => (x.type === 'var' && !isGlobalVar(x.name) ? vs.add(x.name) : undefined)),
    );
    for (const v of vs) {
      if (!bound.has(v))
        this.cc.errors.push(
          new RegoError(
            'rego_unsafe_var_error',
            `var ${v.startsWith('$') ? '_' : v} is unsafe`,
            loc,
          ),
        );
    }
  }
}

// -- call checks ----------------------------------------------------------------------------

/** Ground value of a literal term, if it has no variables or refs. */
export function constValue(t: Term): RegoValue | undefined {
  if (t.type === 'scalar') return t.value;
  if (t.type === 'array') {
    const out: RegoValue[] = [];
    for (const x of t.items) {
      const v = constValue(x);
      if (v === undefined) return undefined;
      out.push(v);
    }
    return out;
  }
  return undefined;
}

export function checkCalls(body: Body, cc: CompileContext): void {
  const visitTerm = (t: Term, top = false) =>
    walkTerm(t, (x) => {
      if (x.type === 'call') checkCall(x, cc, top && x === t);
      if (x.type === 'arraycomp' || x.type === 'setcomp' || x.type === 'objectcomp')
        checkCalls(x.body, cc);
    });
  for (const l of body) {
    if (l.expr.type === 'term') visitTerm(l.expr.term, true);
    else exprTerms(l.expr).forEach((t) => visitTerm(t));
    if (l.expr.type === 'every') checkCalls(l.expr.body, cc);
    l.withs.forEach((w) => visitTerm(w.value));
  }
}

function checkCall(t: Term & { type: 'call' }, cc: CompileContext, statement: boolean): void {
  const n = t.args.length;
  // `f(x, out)`: the extra output argument is only allowed when the call is the whole expression
  const extra = statement ? 1 : 0;
  if (t.op.startsWith('data.')) {
    const ar = cc.funcs.get(t.op);
    if (ar === undefined) {
      // only function rules can be called; data functions cannot come from base data
      cc.errors.push(new RegoError('rego_type_error', `undefined function ${t.op}`, t.loc));
      return;
    }
    if (n !== ar && n !== ar + extra) {
      cc.errors.push(
        new RegoError(
          'rego_type_error',
          `${t.op}: arity mismatch\n\thave: ${n} arguments\n\twant: ${ar} arguments`,
          t.loc,
        ),
      );
    }
    return;
  }
  const ev = EVAL_BUILTINS.get(t.op);
  if (ev !== undefined) {
    if (ev >= 0 && n !== ev && n !== ev + extra)
      cc.errors.push(new RegoError('rego_type_error', `${t.op}: arity mismatch`, t.loc));
    return;
  }
  if (UNAVAILABLE.has(t.op)) return;
  const d = cc.builtins.get(t.op);
  if (!d || (d.deprecated && cc.v1)) {
    cc.errors.push(new RegoError('rego_type_error', `undefined function ${t.op}`, t.loc));
    return;
  }
  const want = d.args.length;
  if (d.variadic ? n < want : n !== want && n !== want + extra) {
    cc.errors.push(
      new RegoError(
        'rego_type_error',
        `${t.op}: arity mismatch\n\thave: ${n} arguments\n\twant: ${want} arguments`,
        t.loc,
      ),
    );
    return;
  }
  // obvious type errors: constant operands of the wrong type
  t.args.slice(0, want).forEach((a, i) => {
    const v = constValue(a);
    if (v === undefined) return;
    try {
      checkOperand(t.op, i + 1, d.args[i]!, v);
    } catch (e) {
      // integer-ness is checked at evaluation time (eval_type_error), as OPA does
      if (!(e as Error).message.includes('integer number'))
        cc.errors.push(new RegoError('rego_type_error', (e as Error).message, a.loc));
    }
  });
}

/** Source-order checks of `:=` and `some`: no redeclaration, no assignment to refs. */
export function checkDeclarations(
  body: Body,
  seenInit: Set<string>,
  errors: RegoError[],
  v1 = true,
): void {
  const seen = new Set(seenInit);
  const declared = new Set<string>();
  const vars = (t: Term, out: Set<string>) =>
    walkTerm(t, (x) =>
      x.type === 'var' && !isGlobalVar(x.name) && !x.name.startsWith('$')
        ? out.add(x.name)
        : undefined,
    );
  for (const l of body) {
    const e = l.expr;
    const decl = (t: Term, assign = false) => {
      if (assign) {
        let hasVar = false;
        walkTerm(t, (x) => (x.type === 'var' ? (hasVar = true) : undefined), true);
        if (!hasVar || t.type === 'ref' || t.type === 'call') {
          errors.push(new RegoError('rego_compile_error', `cannot assign to ${t.type}`, t.loc));
          return;
        }
      }
      walkTerm(
        t,
        (x) => {
          if (x.type !== 'var' || x.name.startsWith('$')) return;
          if (v1 && isGlobalVar(x.name)) {
            errors.push(
              new RegoError('rego_compile_error', `variables must not shadow ${x.name}`, x.loc),
            );
            return;
          }
          if (seen.has(x.name)) {
            const how = declared.has(x.name) ? 'assigned' : 'referenced';
            errors.push(new RegoError('rego_compile_error', `var ${x.name} ${how} above`, x.loc));
          }
          declared.add(x.name);
        },
        true,
      );
    };
    if (e.type === 'assign') decl(e.left, true);
    if (e.type === 'assign' || e.type === 'unify') checkMatch(e.left, e.right, errors);
    if (e.type === 'some') e.vars.forEach((t) => decl(t));
    if (e.type === 'somein') {
      if (e.key) decl(e.key);
      decl(e.value);
    }
    // every's key and value are local to it
    for (const t of e.type === 'every' ? [e.collection] : exprTerms(e)) vars(t, seen);
    for (const w of l.withs) vars(w.value, seen);
  }
}

/** Literal patterns that can never unify are type errors, as in OPA's checker. */
function checkMatch(a: Term, b: Term, errors: RegoError[]): void {
  if (a.type === 'array' && b.type === 'array') {
    if (a.items.length !== b.items.length)
      errors.push(
        new RegoError('rego_type_error', 'match error: arrays of different lengths', a.loc),
      );
    else a.items.forEach((x, i) => checkMatch(x, b.items[i]!, errors));
    return;
  }
  if (a.type === 'object' && b.type === 'object') {
    const keys = (o: typeof a) =>
      o.pairs.map(([k]) => (k.type === 'scalar' ? canonicalKey(k.value) : undefined));
    const ka = keys(a);
    const kb = keys(b);
    if (ka.includes(undefined) || kb.includes(undefined)) return;
    const sa = JSON.stringify([...ka].sort());
    const sb = JSON.stringify([...kb].sort());
    if (sa !== sb)
      errors.push(
        new RegoError('rego_type_error', 'match error: objects with different keys', a.loc),
      );
    return;
  }
  const kinds = ['array', 'object', 'set', 'scalar'];
  if (
    kinds.includes(a.type) &&
    kinds.includes(b.type) &&
    a.type !== b.type &&
    !(a.type === 'scalar' || b.type === 'scalar')
  ) {
    errors.push(new RegoError('rego_type_error', `match error: ${a.type} and ${b.type}`, a.loc));
  }
}

/** A default rule's value must be a constant (comprehensions allowed). */
export function checkDefault(r: Rule, errors: RegoError[]): void {
  walkTerm(r.value, (x) => {
    if (x.type === 'ref' || x.type === 'call' || x.type === 'var') {
      errors.push(
        new RegoError(
          'rego_compile_error',
          `illegal default rule (value cannot contain ${x.type})`,
          x.loc,
        ),
      );
    }
  });
}

let renamed = 0;

/**
 * Variables declared inside a comprehension (`:=`, `some`) are new locals even when an outer
 * variable has the same name: rename them so the flat runtime environment keeps them apart.
 */
function shadowLocals(t: Term, bound: Set<string>, scope: Set<string>): Term {
  if (t.type !== 'arraycomp' && t.type !== 'setcomp' && t.type !== 'objectcomp') return t;
  const clash = [...declaredIn(t.body)].filter((v) => bound.has(v) || scope.has(v));
  if (clash.length === 0) return t;
  const map = new Map(clash.map((v) => [v, `${v}$${renamed++}`]));
  return renameTerm(t, map);
}

function renameTerm(t: Term, map: Map<string, string>): Term {
  const r = (x: Term) => renameTerm(x, map);
  switch (t.type) {
    case 'var': {
      const n = map.get(t.name);
      return n ? { ...t, name: n } : t;
    }
    case 'scalar':
      return t;
    case 'ref':
      return { ...t, head: r(t.head), path: t.path.map(r) };
    case 'array':
    case 'set':
      return { ...t, items: t.items.map(r) };
    case 'object':
      return { ...t, pairs: t.pairs.map(([k, v]) => [r(k), r(v)] as [Term, Term]) };
    case 'call':
      return { ...t, args: t.args.map(r) };
    case 'arraycomp':
    case 'setcomp':
      return { ...t, head: r(t.head), body: renameBody(t.body, map) };
    case 'objectcomp':
      return { ...t, key: r(t.key), value: r(t.value), body: renameBody(t.body, map) };
  }
}

function renameBody(b: Body, map: Map<string, string>): Body {
  const r = (x: Term) => renameTerm(x, map);
  return b.map((l) => {
    const e = l.expr;
    let expr: Expr;
    switch (e.type) {
      case 'term':
        expr = { type: 'term', term: r(e.term) };
        break;
      case 'unify':
      case 'assign':
        expr = { type: e.type, left: r(e.left), right: r(e.right) };
        break;
      case 'some':
        expr = { type: 'some', vars: e.vars.map(r) };
        break;
      case 'somein':
        expr = { ...e, key: e.key && r(e.key), value: r(e.value), collection: r(e.collection) };
        break;
      case 'every':
        expr = {
          ...e,
          key: e.key && r(e.key),
          value: r(e.value),
          collection: r(e.collection),
          body: renameBody(e.body, map),
        };
        break;
    }
    return { ...l, expr, withs: l.withs.map((w) => ({ ...w, value: r(w.value) })) };
  });
}
