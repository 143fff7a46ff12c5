/**
 * Top-down evaluator with backtracking, in continuation-passing style: every generator
 * takes a continuation that returns true to stop the search (used by `not`, `every` and
 * single-answer lookups). Bindings live in one Map per rule frame and are undone on return.
 */
import type { Body, Expr, Literal, Location, Rule, Term } from './ast.js';
import { regoString } from './builtins/format.js';
import { BuiltinError, type BuiltinContext, type BuiltinDecl } from './builtins/spec.js';
import { groundPrefix, refName, UNAVAILABLE, type RuleNode } from './compile.js';
import { RegoError } from './errors.js';
import {
  canonicalKey,
  compare,
  equal,
  fromJS,
  RegoObject,
  RegoSet,
  type RegoValue,
} from './value.js';

type Env = Map<string, RegoValue>;
type K = () => boolean;
type VK = (v: RegoValue) => boolean;

type Mock = { kind: 'value'; value: RegoValue } | { kind: 'func'; op: string };

interface State {
  input: RegoValue | undefined;
  data: RegoValue;
  overlays: { path: RegoValue[]; value: RegoValue }[];
  mocks: Map<string, Mock>;
  cache: Map<string, { v: RegoValue | undefined }>;
  fcache: Map<string, { v: RegoValue | undefined }>;
  id: number;
}

export interface PolicyView {
  root: RuleNode;
  builtins: ReadonlyMap<string, BuiltinDecl>;
  funcs: Map<string, number>;
}

export interface EvalLimits {
  /** absolute deadline, ms since the epoch */
  deadline?: number;
  maxSteps?: number;
}

export interface EvalConfig extends EvalLimits {
  input?: RegoValue;
  data?: RegoValue;
  print?: (msg: string) => void;
  strict?: boolean;
  /** strict builtin errors: builtin errors are fatal instead of undefined */
  strictBuiltinErrors?: boolean;
  now?: bigint;
}

let stateIds = 0;

/** marks a term that the direct evaluation paths cannot handle */
const SLOW: unique symbol = Symbol('slow');

export class Evaluator {
  private state: State;
  private steps = 0;
  private readonly inProgress = new Set<string>();
  private readonly indexes: Indexes = new WeakMap();
  private readonly prefixes: Prefixes = new WeakMap();
  private readonly bctx: BuiltinContext;
  private currentRule: Rule | undefined;
  /** what kind of evaluation is asking for a document: picks OPA's conflict wording */
  private context: 'query' | 'complete' | 'func' | 'doc' = 'query';
  /** whether the value being produced comes from an `else` branch */
  private fromElse = false;

  constructor(
    private readonly policy: PolicyView,
    private readonly cfg: EvalConfig,
  ) {
    this.state = {
      input: cfg.input,
      data: cfg.data ?? new RegoObject(),
      overlays: [],
      mocks: new Map(),
      cache: new Map(),
      fcache: new Map(),
      id: stateIds++,
    };
    const now = cfg.now ?? BigInt(Date.now()) * 1_000_000n;
    this.bctx = {
      now: () => now,
      print: (m) => cfg.print?.(m),
      strict: cfg.strict ?? false,
      cache: new Map(),
    };
  }

  private step(): void {
    this.steps++;
    if (this.cfg.maxSteps !== undefined && this.steps > this.cfg.maxSteps) {
      throw new RegoError(
        'eval_cancel_error',
        `evaluation exceeded the step limit (${this.cfg.maxSteps})`,
      );
    }
    if (
      this.cfg.deadline !== undefined &&
      (this.steps & 1023) === 0 &&
      Date.now() > this.cfg.deadline
    ) {
      throw new RegoError('eval_cancel_error', 'evaluation exceeded the time limit');
    }
  }

  // -- queries -----------------------------------------------------------------------------

  /** Runs a compiled query body; calls onResult for each solution. */
  query(
    body: Body,
    nExprs: number,
    onResult: (env: Env, values: (RegoValue | undefined)[]) => void,
  ): void {
    const env: Env = new Map();
    const values: (RegoValue | undefined)[] = new Array<RegoValue | undefined>(nExprs).fill(
      undefined,
    );
    const run = (i: number): boolean => {
      if (i === body.length) {
        onResult(env, [...values]);
        return false;
      }
      const lit = body[i]!;
      const idx = lit.qindex ?? i;
      if (
        lit.expr.type === 'term' &&
        !lit.negated &&
        lit.withs.length === 0 &&
        lit.expr.term.type !== 'call'
      ) {
        return this.evalTerm(lit.expr.term, env, (v) => {
          if (v === false) return false;
          values[idx] = v;
          return run(i + 1);
        });
      }
      if (lit.expr.type === 'term' && !lit.negated && lit.withs.length === 0) {
        return this.evalCall(lit.expr.term as Term & { type: 'call' }, env, (v) => {
          if (v === false) return false;
          values[idx] = v;
          return run(i + 1);
        });
      }
      return this.evalLiteral(lit, env, () => {
        values[idx] = true;
        return run(i + 1);
      });
    };
    run(0);
  }

  // -- bodies and expressions -------------------------------------------------------------------

  evalBody(body: Body, i: number, env: Env, k: K): boolean {
    if (i === body.length) return k();
    const lit = body[i]!;
    const t = lit.expr.type;
    const plan = t === 'assign' || t === 'unify' || t === 'somein' ? scanPlan(body, i) : undefined;
    if (plan !== undefined && !this.state.mocks.has('equal')) {
      const r = this.evalIndexed(plan, lit, env, () => this.evalBody(body, plan.next, env, k));
      if (r !== undefined) return r;
    }
    if (lit.withs.length === 0) {
      // literals that need no search run without continuations
      const e = lit.expr;
      if (e.type === 'term') {
        const v =
          e.term.type === 'call' ? this.callDirect(e.term, env) : this.fastValue(e.term, env);
        if (v !== SLOW) {
          if (e.term.type !== 'call') this.step();
          const holds = v !== undefined && v !== false;
          return holds !== lit.negated ? this.evalBody(body, i + 1, env, k) : false;
        }
      } else if ((e.type === 'assign' || e.type === 'unify') && !lit.negated) {
        const v = this.fastValue(e.right, env);
        if (v !== SLOW) {
          this.step();
          return v === undefined
            ? false
            : this.unifyTermValue(e.left, v, env, () => this.evalBody(body, i + 1, env, k));
        }
      }
    }
    return this.evalLiteral(lit, env, () => this.evalBody(body, i + 1, env, k));
  }

  /**
   * The result of a call whose arguments need no search and that has no output argument
   * (undefined when it is undefined); SLOW when the general path is needed.
   */
  private callDirect(t: Term & { type: 'call' }, env: Env): RegoValue | undefined | typeof SLOW {
    const op = t.op;
    if (op === 'print' || op === 'walk') return SLOW;
    const arity = this.arity(op);
    if (arity !== undefined && t.args.length === arity + 1) return SLOW;
    const args = t.args;
    const vals: RegoValue[] = [];
    let defined = true;
    for (let i = 0; i < args.length; i++) {
      const v = this.fastValue(args[i]!, env);
      if (v === SLOW) return SLOW;
      // an undefined argument: the general path stops here too, before any later one
      if (v === undefined) {
        defined = false;
        break;
      }
      vals.push(v);
    }
    // the literal's step and the call's, as on the general path
    this.step();
    this.step();
    return defined ? this.invoke(op, vals, t.loc) : undefined;
  }

  /**
   * Runs an iteration literal (`x := coll[_]`, `some x in coll`) over only the members that
   * pass the equality filter right after it, using a per-collection index. Returns undefined
   * when the literal does not fit at runtime (then it runs the ordinary way).
   */
  private evalIndexed(plan: ScanPlan, lit: Literal, env: Env, k: K): boolean | undefined {
    if (plan.kind === 'assign' && (env.has(plan.value) || env.has(plan.key!))) return undefined;
    // the collection must be a ref with ground segments: one value, no side effects
    const coll = this.groundRef(plan.head, plan.prefix, env);
    if (coll === undefined || !bigCollection(coll)) return undefined;
    this.step();
    let hits = indexLookup(this.indexes, coll, plan.path, plan.equals);
    if (plan.prefixOf && !this.state.mocks.has('startswith')) {
      const { path, arg } = plan.prefixOf;
      const s = arg.type === 'scalar' ? arg.value : env.get((arg as Term & { type: 'var' }).name);
      if (typeof s === 'string') hits = prefixLookup(this.prefixes, hits, path, s);
    }
    const members = hits;
    const run = (): boolean => {
      // the continuation undoes its own bindings, so these are overwritten in place and
      // removed once at the end
      let stop = false;
      for (const [key, val] of members) {
        if (plan.key !== undefined) env.set(plan.key, key);
        env.set(plan.value, val);
        if ((stop = k())) break;
      }
      env.delete(plan.value);
      if (plan.key !== undefined) env.delete(plan.key);
      return stop;
    };
    if (plan.kind === 'assign') return run();
    const e = lit.expr as Expr & { type: 'somein' };
    return this.shadow(e.key ? [e.key, e.value] : [e.value], env, run);
  }

  /** The single value of a ref whose segments are all scalars or bound vars, if any. */
  private groundRef(head: string, path: Term[], env: Env): RegoValue | undefined {
    let v: RegoValue | undefined =
      head === 'input' && !env.has('input') ? this.state.input : env.get(head);
    for (const seg of path) {
      if (v === undefined) return undefined;
      const key = seg.type === 'scalar' ? seg.value : env.get((seg as Term & { type: 'var' }).name);
      if (key === undefined) return undefined;
      v = child(v, key);
    }
    return v;
  }

  private evalLiteral(lit: Literal, env: Env, k: K): boolean {
    this.step();
    if (lit.withs.length > 0) return this.evalWith(lit, env, k);
    if (lit.negated) {
      const found = this.evalExpr(lit.expr, env, () => true);
      return found ? false : k();
    }
    return this.evalExpr(lit.expr, env, k);
  }

  private evalWith(lit: Literal, env: Env, k: K): boolean {
    const outer = this.state;
    const build = (i: number, st: State): boolean => {
      if (i === lit.withs.length) {
        this.state = st;
        try {
          const inner = () => {
            this.state = outer;
            const r = k();
            this.state = st;
            return r;
          };
          if (lit.negated) {
            const found = this.evalExpr(lit.expr, env, () => true);
            this.state = outer;
            return found ? false : k();
          }
          return this.evalExpr(lit.expr, env, inner);
        } finally {
          this.state = outer;
        }
      }
      const w = lit.withs[i]!;
      const target = w.target;
      const name = refName(target);
      // function mocks by name (builtins and data functions)
      const headName =
        target.type === 'var'
          ? target.name
          : target.type === 'ref' && target.head.type === 'var'
            ? target.head.name
            : '';
      if (headName !== 'input' && headName !== 'data' && name !== undefined) {
        return this.withMock(name, w.value, env, st, (s2) => build(i + 1, s2));
      }
      if (headName === 'data' && name !== undefined && this.policy.funcs.has(name)) {
        return this.withMock(name, w.value, env, st, (s2) => build(i + 1, s2));
      }
      const path: RegoValue[] = [];
      const segs = target.type === 'ref' ? target.path : [];
      return this.evalSeq(segs, 0, env, path, (p) =>
        this.evalTerm(w.value, env, (v) => {
          const s2 = this.fork(st);
          if (headName === 'input')
            s2.input = p.length === 0 ? v : setIn(s2.input ?? new RegoObject(), p, v);
          else s2.overlays = [...s2.overlays, { path: p, value: v }];
          return build(i + 1, s2);
        }),
      );
    };
    return build(0, this.state);
  }

  private withMock(
    name: string,
    value: Term,
    env: Env,
    st: State,
    k: (s: State) => boolean,
  ): boolean {
    const vname = refName(value);
    const isFunc =
      vname !== undefined &&
      !env.has(vname) &&
      (this.policy.funcs.has(vname) || this.policy.builtins.has(vname) || vname === 'print');
    if (isFunc) {
      const s2 = this.fork(st);
      s2.mocks = new Map(s2.mocks).set(name, { kind: 'func', op: vname });
      return k(s2);
    }
    return this.evalTerm(value, env, (v) => {
      const s2 = this.fork(st);
      s2.mocks = new Map(s2.mocks).set(name, { kind: 'value', value: v });
      return k(s2);
    });
  }

  private fork(st: State): State {
    return { ...st, cache: new Map(), fcache: new Map(), id: stateIds++ };
  }

  private evalExpr(e: Expr, env: Env, k: K): boolean {
    switch (e.type) {
      case 'term':
        if (e.term.type === 'call') return this.evalCall(e.term, env, (v) => v !== false && k());
        return this.evalTerm(e.term, env, (v) => v !== false && k());
      case 'unify':
      case 'assign':
        return this.unifyTerms(e.left, e.right, env, k);
      case 'some':
        return this.shadow(e.vars, env, k);
      case 'somein':
        return this.evalTerm(e.collection, env, (coll) =>
          this.shadow(e.key ? [e.key, e.value] : [e.value], env, () =>
            iterate(coll, (key, val) =>
              e.key
                ? this.unifyTermValue(e.key, key, env, () =>
                    this.unifyTermValue(e.value, val, env, k),
                  )
                : this.unifyTermValue(e.value, val, env, k),
            ),
          ),
        );
      case 'every':
        return this.evalTerm(e.collection, env, (coll) => {
          if (!isCollection(coll)) return false;
          let ok = true;
          this.shadow(e.key ? [e.key, e.value] : [e.value], env, () =>
            iterate(coll, (key, val) => {
              const found = e.key
                ? this.unifyTermValue(e.key, key, env, () =>
                    this.unifyTermValue(e.value, val, env, () =>
                      this.evalBody(e.body, 0, env, () => true),
                    ),
                  )
                : this.unifyTermValue(e.value, val, env, () =>
                    this.evalBody(e.body, 0, env, () => true),
                  );
              if (!found) ok = false;
              return !found;
            }),
          );
          return ok ? k() : false;
        });
    }
  }

  /** Evaluates k with the pattern vars of terms unbound (they are declared anew). */
  private shadow(terms: Term[], env: Env, k: K): boolean {
    const names: string[] = [];
    for (const t of terms) collectPatternVars(t, names);
    const saved = names.filter((n) => env.has(n)).map((n) => [n, env.get(n)!] as const);
    if (saved.length === 0) return k();
    for (const [n] of saved) env.delete(n);
    const r = k();
    for (const [n, v] of saved) env.set(n, v);
    return r;
  }

  // -- terms ---------------------------------------------------------------------------

  isEvaluable(t: Term, env: Env): boolean {
    switch (t.type) {
      case 'scalar':
        return true;
      case 'var':
        return env.has(t.name) || t.name === 'input' || t.name === 'data';
      case 'ref':
        return this.isEvaluable(t.head, env);
      case 'array':
      case 'set':
        return t.items.every((x) => this.isEvaluable(x, env));
      case 'object':
        return t.pairs.every(([a, b]) => this.isEvaluable(a, env) && this.isEvaluable(b, env));
      case 'call':
        return t.args.every((x) => this.isEvaluable(x, env));
      default:
        return true;
    }
  }

  evalTerm(t: Term, env: Env, k: VK): boolean {
    switch (t.type) {
      case 'scalar':
        return k(t.value);
      case 'var': {
        const v = env.get(t.name);
        if (v !== undefined) return k(v);
        if (t.name === 'input') return this.state.input === undefined ? false : k(this.state.input);
        if (t.name === 'data') {
          const d = this.resolveData(this.policy.root, [], [], 0, env, k);
          return d;
        }
        throw new RegoError('eval_unsafe_var_error', `var ${t.name} is unsafe`, t.loc);
      }
      case 'ref':
        return this.evalRef(t, env, k);
      case 'array':
        return this.evalSeq(t.items, 0, env, [], (vs) => k(vs));
      case 'set':
        return this.evalSeq(t.items, 0, env, [], (vs) => k(RegoSet.from(vs)));
      case 'object': {
        const flat = t.pairs.flatMap(([a, b]) => [a, b]);
        return this.evalSeq(flat, 0, env, [], (vs) => {
          const o = new RegoObject();
          for (let i = 0; i < vs.length; i += 2) o.set(vs[i]!, vs[i + 1]!);
          return k(o);
        });
      }
      case 'arraycomp': {
        const out: RegoValue[] = [];
        this.evalBody(t.body, 0, env, () =>
          this.evalTerm(t.head, env, (v) => (out.push(v), false)),
        );
        return k(out);
      }
      case 'setcomp': {
        const out = new RegoSet();
        this.evalBody(t.body, 0, env, () => this.evalTerm(t.head, env, (v) => (out.add(v), false)));
        return k(out);
      }
      case 'objectcomp': {
        const out = new RegoObject();
        this.evalBody(t.body, 0, env, () =>
          this.evalTerm(t.key, env, (kv) =>
            this.evalTerm(t.value, env, (vv) => {
              const prev = out.get(kv);
              if (prev !== undefined && !equal(prev, vv)) {
                throw new RegoError('eval_conflict_error', 'object keys must be unique', t.loc);
              }
              out.set(kv, vv);
              return false;
            }),
          ),
        );
        return k(out);
      }
      case 'call':
        return this.evalCall(t, env, k);
    }
  }

  private evalSeq(
    ts: Term[],
    i: number,
    env: Env,
    acc: RegoValue[],
    k: (vs: RegoValue[]) => boolean,
  ): boolean {
    if (i === ts.length) return k(acc.slice());
    return this.evalTerm(ts[i]!, env, (v) => {
      acc.push(v);
      const r = this.evalSeq(ts, i + 1, env, acc, k);
      acc.pop();
      return r;
    });
  }

  // -- unification --------------------------------------------------------------------------

  unifyTerms(a: Term, b: Term, env: Env, k: K): boolean {
    if (this.isEvaluable(b, env))
      return this.evalTerm(b, env, (vb) => this.unifyTermValue(a, vb, env, k));
    if (this.isEvaluable(a, env))
      return this.evalTerm(a, env, (va) => this.unifyTermValue(b, va, env, k));
    if (a.type === 'array' && b.type === 'array') {
      if (a.items.length !== b.items.length) return false;
      const go = (i: number): boolean =>
        i === a.items.length
          ? k()
          : this.unifyTerms(a.items[i]!, b.items[i]!, env, () => go(i + 1));
      return go(0);
    }
    if (a.type === 'object' && b.type === 'object') {
      if (a.pairs.length !== b.pairs.length) return false;
      const go = (i: number): boolean => {
        if (i === a.pairs.length) return k();
        const [ka, va] = a.pairs[i]!;
        return this.evalTerm(ka, env, (key) => {
          const pb = b.pairs.find(([kb]) => kb.type === 'scalar' && equal(kb.value, key));
          if (!pb) return false;
          return this.unifyTerms(va, pb[1], env, () => go(i + 1));
        });
      };
      return go(0);
    }
    throw new RegoError(
      'eval_unsafe_var_error',
      'cannot unify: both sides have unbound variables',
      a.loc,
    );
  }

  unifyTermValue(t: Term, v: RegoValue, env: Env, k: K): boolean {
    switch (t.type) {
      case 'var': {
        const cur = env.get(t.name);
        if (cur !== undefined) return equal(cur, v) && k();
        if (t.name === 'input' || t.name === 'data')
          return this.evalTerm(t, env, (x) => equal(x, v) && k());
        env.set(t.name, v);
        const r = k();
        env.delete(t.name);
        return r;
      }
      case 'array': {
        if (!Array.isArray(v) || v.length !== t.items.length) return false;
        const arr = v as readonly RegoValue[];
        const go = (i: number): boolean =>
          i === arr.length ? k() : this.unifyTermValue(t.items[i]!, arr[i]!, env, () => go(i + 1));
        return go(0);
      }
      case 'object': {
        if (!(v instanceof RegoObject) || v.size !== t.pairs.length) return false;
        const go = (i: number): boolean => {
          if (i === t.pairs.length) return k();
          const [kt, vt] = t.pairs[i]!;
          return this.evalTerm(kt, env, (key) => {
            const c = v.get(key);
            return c === undefined ? false : this.unifyTermValue(vt, c, env, () => go(i + 1));
          });
        };
        return go(0);
      }
      default:
        return this.evalTerm(t, env, (x) => equal(x, v) && k());
    }
  }

  // -- references --------------------------------------------------------------------------

  private evalRef(t: Term & { type: 'ref' }, env: Env, k: VK): boolean {
    const fast = this.fastRef(t, env);
    if (fast !== SLOW) return fast === undefined ? false : k(fast);
    const h = t.head;
    if (h.type === 'var' && !env.has(h.name)) {
      if (h.name === 'data') return this.resolveData(this.policy.root, [], t.path, 0, env, k);
      if (h.name === 'input') {
        const inp = this.state.input;
        return inp === undefined ? false : this.indexPath(inp, t.path, 0, env, k);
      }
    }
    return this.evalTerm(h, env, (v) => this.indexPath(v, t.path, 0, env, k));
  }

  /**
   * The value of a ref that needs no search (a bound or input head, then scalar or bound-var
   * segments), without continuations; SLOW when the general path is needed.
   */
  private fastRef(t: Term & { type: 'ref' }, env: Env): RegoValue | undefined | typeof SLOW {
    const h = t.head;
    if (h.type !== 'var') return SLOW;
    let v = env.get(h.name);
    if (v === undefined) {
      if (h.name !== 'input') return SLOW;
      v = this.state.input;
    }
    const path = t.path;
    for (let i = 0; i < path.length; i++) {
      if (v === undefined) return undefined;
      const seg = path[i]!;
      let key: RegoValue | undefined;
      if (seg.type === 'scalar') key = seg.value;
      else if (seg.type === 'var') {
        key = env.get(seg.name);
        if (key === undefined) return SLOW;
      } else return SLOW;
      v = child(v, key);
    }
    return v;
  }

  /** fastRef for any term: scalars, bound vars and simple refs. */
  private fastValue(t: Term, env: Env): RegoValue | undefined | typeof SLOW {
    switch (t.type) {
      case 'scalar':
        return t.value;
      case 'var': {
        const v = env.get(t.name);
        if (v !== undefined) return v;
        return t.name === 'input' ? this.state.input : SLOW;
      }
      case 'ref':
        return this.fastRef(t, env);
      default:
        return SLOW;
    }
  }

  private indexPath(v: RegoValue, segs: Term[], i: number, env: Env, k: VK): boolean {
    if (i === segs.length) return k(v);
    const seg = segs[i]!;
    if (this.isEvaluable(seg, env)) {
      return this.evalTerm(seg, env, (key) => {
        const c = child(v, key);
        return c === undefined ? false : this.indexPath(c, segs, i + 1, env, k);
      });
    }
    return iterate(v, (key, c) =>
      this.unifyTermValue(seg, key, env, () => this.indexPath(c, segs, i + 1, env, k)),
    );
  }

  private overlayAt(path: RegoValue[]): { v: RegoValue | undefined } | undefined {
    const ovs = this.state.overlays;
    for (let j = ovs.length - 1; j >= 0; j--) {
      const o = ovs[j]!;
      if (o.path.length <= path.length && o.path.every((p, i) => equal(p, path[i]!))) {
        let v: RegoValue | undefined = o.value;
        for (let i = o.path.length; i < path.length && v !== undefined; i++) v = child(v, path[i]!);
        return { v };
      }
    }
    return undefined;
  }

  private applyDeeperOverlays(v: RegoValue | undefined, path: RegoValue[]): RegoValue | undefined {
    let out = v;
    for (const o of this.state.overlays) {
      if (o.path.length > path.length && path.every((p, i) => equal(p, o.path[i]!))) {
        out = setIn(out ?? new RegoObject(), o.path.slice(path.length), o.value);
      }
    }
    return out;
  }

  private baseAt(path: RegoValue[]): RegoValue | undefined {
    let v: RegoValue | undefined = this.state.data;
    for (const p of path) {
      if (v === undefined) return undefined;
      // the data store is keyed by strings: data[2] finds the key "2"
      v =
        child(v, p) ??
        (v instanceof RegoObject && typeof p === 'number' ? v.get(String(p)) : undefined);
    }
    return v;
  }

  private resolveData(
    node: RuleNode | undefined,
    path: RegoValue[],
    segs: Term[],
    i: number,
    env: Env,
    k: VK,
  ): boolean {
    const ov = this.overlayAt(path);
    if (ov) return ov.v === undefined ? false : this.indexPath(ov.v, segs, i, env, k);
    if (!node) return this.resolveBase(path, segs, i, env, k);
    if (i === segs.length || node.rules.some((r) => r.kind !== 'func')) {
      const v = this.nodeValue(node);
      return v === undefined ? false : this.indexPath(v, segs, i, env, k);
    }
    const seg = segs[i]!;
    if (this.isEvaluable(seg, env)) {
      return this.evalTerm(seg, env, (key) =>
        this.resolveData(node.children.get(canonicalKey(key)), [...path, key], segs, i + 1, env, k),
      );
    }
    const keys = new Map<string, RegoValue>();
    for (const [ck, c] of node.children) keys.set(ck, c.key);
    const base = this.applyDeeperOverlays(this.baseAt(path), path);
    if (base instanceof RegoObject) for (const key of base.keys()) keys.set(canonicalKey(key), key);
    for (const [ck, key] of keys) {
      const stop = this.unifyTermValue(seg, key, env, () =>
        this.resolveData(node.children.get(ck), [...path, key], segs, i + 1, env, k),
      );
      if (stop) return true;
    }
    return false;
  }

  /**
   * Walks base data (below any rules) so that data[2] can find the key "2"; recurses through
   * resolveData so that `with data.x as ...` overlays are seen at every level.
   */
  private resolveBase(path: RegoValue[], segs: Term[], i: number, env: Env, k: VK): boolean {
    const here = this.applyDeeperOverlays(this.baseAt(path), path);
    if (here === undefined) return false;
    if (i === segs.length || !(here instanceof RegoObject))
      return this.indexPath(here, segs, i, env, k);
    const seg = segs[i]!;
    if (this.isEvaluable(seg, env))
      return this.evalTerm(seg, env, (key) =>
        this.resolveData(undefined, [...path, key], segs, i + 1, env, k),
      );
    return iterate(here, (key) =>
      this.unifyTermValue(seg, key, env, () =>
        this.resolveData(undefined, [...path, key], segs, i + 1, env, k),
      ),
    );
  }

  /** The full value of the document at a rule-tree node: base data, rules and children merged. */
  private nodeValue(node: RuleNode): RegoValue | undefined {
    const key = canonicalKey(node.path as RegoValue[]);
    const hit = this.state.cache.get(key);
    if (hit) return hit.v;
    const guard = key + '@' + this.state.id;
    if (this.inProgress.has(guard)) {
      throw new RegoError(
        'rego_recursion_error',
        `rule data.${node.path.map(String).join('.')} is recursive`,
        node.rules[0]?.loc,
      );
    }
    this.inProgress.add(guard);
    let v: RegoValue | undefined;
    try {
      v = this.computeNode(node);
    } finally {
      this.inProgress.delete(guard);
    }
    this.state.cache.set(key, { v });
    return v;
  }

  private computeNode(node: RuleNode): RegoValue | undefined {
    const ov = this.overlayAt(node.path);
    if (ov) return ov.v;
    const docRules = node.rules.filter((r) => r.kind !== 'func');
    let v: RegoValue | undefined = docRules.length > 0 ? this.evalRules(node, docRules) : undefined;
    let childObj: RegoObject | undefined;
    if (node.children.size > 0) {
      childObj = new RegoObject();
      const prevCtx = this.context;
      this.context = 'doc';
      try {
        for (const c of node.children.values()) {
          const cv = this.nodeValue(c);
          if (cv !== undefined) childObj.set(c.key, cv);
        }
      } finally {
        this.context = prevCtx;
      }
    }
    if (childObj) {
      if (v === undefined) {
        if (docRules.length === 0 || childObj.size > 0) v = childObj;
      } else if (v instanceof RegoObject) {
        const merged = RegoObject.from(v.entries.values());
        for (const [ck, cv] of childObj.entries.values()) {
          const prev = merged.get(ck);
          if (prev !== undefined && !equal(prev, cv)) {
            throw new RegoError(
              'eval_conflict_error',
              'object keys must be unique',
              docRules[0]?.loc,
            );
          }
          merged.set(ck, cv);
        }
        v = merged;
      } else if (childObj.size > 0) {
        throw new RegoError('eval_conflict_error', 'object keys must be unique', docRules[0]?.loc);
      }
    }
    if (v === undefined && docRules.length === 0 && node.isPackage) v = new RegoObject();
    const base = this.baseAt(node.path);
    if (base !== undefined) {
      if (v === undefined) v = base;
      else if (v instanceof RegoObject && base instanceof RegoObject) v = mergeDeep(base, v);
    }
    return this.applyDeeperOverlays(v, node.path);
  }

  /** Evaluates the rules defined at one node into a value. */
  private evalRules(node: RuleNode, rules: Rule[]): RegoValue | undefined {
    const restOf = (r: Rule) => groundPrefix(r.ref).rest;
    const objectMode = rules.some((r) => restOf(r).length > 0);
    const setMode = !objectMode && rules.some((r) => r.kind === 'multi');
    const defaults = rules.filter((r) => r.isDefault);
    if (defaults.length > 1)
      throw new RegoError(
        'rego_type_error',
        `multiple default rules data.${node.path.join('.')} found`,
        defaults[1]!.loc,
      );
    if (setMode) {
      const out = new RegoSet();
      for (const r of rules) {
        if (r.isDefault) continue;
        const ground = isGround(r.value);
        this.ruleSolutions(r, (env, vt) => this.evalTerm(vt, env, (v) => (out.add(v), ground)));
      }
      return out;
    }
    if (objectMode) {
      const out = new RegoObject();
      for (const r of rules) {
        if (r.isDefault) continue;
        const rest = restOf(r);
        const ground = isGround(r.value) && rest.every(isGround);
        this.ruleSolutions(r, (env, vt) =>
          this.evalSeq(rest, 0, env, [], (keys) =>
            this.evalTerm(vt, env, (v) => {
              insertAt(out, keys, v, r.kind === 'multi', r.loc);
              return ground;
            }),
          ),
        );
      }
      if (out.size === 0 && defaults.length > 0) return this.defaultValue(defaults[0]!);
      return out;
    }
    let result: RegoValue | undefined;
    let resultFromElse = false;
    const caller = this.context;
    for (const r of rules) {
      if (r.isDefault) continue;
      // early exit: a constant head value cannot change with more solutions
      const ground = isGround(r.value) && r.elses.every((e) => isGround(e.value));
      this.ruleSolutions(r, (env, vt) =>
        this.evalTerm(vt, env, (v) => {
          if (result !== undefined && !equal(result, v)) {
            // OPA words this conflict differently depending on where the rule was reached from
            const old =
              caller === 'complete' || (caller === 'query' && !(resultFromElse && this.fromElse));
            const msg = old
              ? 'complete rules must not produce multiple outputs'
              : `rule data.${node.path.map(String).join('.')} produced conflicting values`;
            throw new RegoError('eval_conflict_error', msg, r.loc);
          }
          result = v;
          resultFromElse = this.fromElse;
          return ground;
        }),
      );
    }
    if (result === undefined && defaults.length > 0) return this.defaultValue(defaults[0]!);
    return result;
  }

  private defaultValue(r: Rule): RegoValue | undefined {
    let out: RegoValue | undefined;
    this.evalTerm(r.value, new Map(), (v) => ((out = v), true));
    return out;
  }

  /** Calls f for every solution of a rule body (falling through its else chain). */
  private ruleSolutions(
    r: Rule,
    f: (env: Env, value: Term) => boolean,
    env: Env = new Map(),
  ): void {
    const prev = this.currentRule;
    const prevCtx = this.context;
    this.currentRule = r;
    this.context =
      r.kind === 'func'
        ? 'func'
        : r.kind === 'complete' && groundPrefix(r.ref).rest.length === 0
          ? 'complete'
          : 'doc';
    try {
      let found = false;
      this.evalBody(r.body, 0, env, () => {
        found = true;
        return f(env, r.value);
      });
      if (found) return;
      for (const e of r.elses) {
        // the first branch with a solution decides the value
        this.evalBody(e.body, 0, env, () => {
          found = true;
          this.fromElse = true;
          try {
            return f(env, e.value);
          } finally {
            this.fromElse = false;
          }
        });
        if (found) return;
      }
    } finally {
      this.currentRule = prev;
      this.context = prevCtx;
    }
  }

  // -- calls ----------------------------------------------------------------------------

  /** arity by operator, looked up once per evaluation (null: variadic or unknown) */
  private readonly arities = new Map<string, number | null>();

  private arity(op: string): number | undefined {
    let a = this.arities.get(op);
    if (a === undefined) {
      a = this.lookupArity(op) ?? null;
      this.arities.set(op, a);
    }
    return a ?? undefined;
  }

  private lookupArity(op: string): number | undefined {
    const f = this.policy.funcs.get(op);
    if (f !== undefined) return f;
    if (op === 'walk') return 1;
    if (op === 'internal.member_2') return 2;
    if (op === 'internal.member_3') return 3;
    if (op === 'print') return undefined;
    const d = this.policy.builtins.get(op);
    return d && !d.variadic ? d.args.length : undefined;
  }

  evalCall(t: Term & { type: 'call' }, env: Env, k: VK): boolean {
    this.step();
    const op = t.op;
    if (op === 'print') return this.evalPrint(t, env, k);
    const arity = this.arity(op);
    const hasOut = arity !== undefined && t.args.length === arity + 1;
    const inArgs = hasOut ? t.args.slice(0, arity) : t.args;
    const outArg = hasOut ? t.args[arity]! : undefined;
    const deliver = (r: RegoValue): boolean =>
      outArg ? this.unifyTermValue(outArg, r, env, () => k(true)) : k(r);
    // arguments that need no search are evaluated directly
    let direct: RegoValue[] | undefined = [];
    for (let i = 0; i < inArgs.length; i++) {
      const v = this.fastValue(inArgs[i]!, env);
      if (v === SLOW) {
        direct = undefined;
        break;
      }
      // an undefined argument: the general path stops here too, before any later one
      if (v === undefined) return false;
      direct.push(v);
    }
    if (direct !== undefined && (op !== 'walk' || this.state.mocks.has(op))) {
      const r = this.invoke(op, direct, t.loc);
      return r === undefined ? false : deliver(r);
    }
    return this.evalSeq(inArgs, 0, env, [], (vals) => {
      if (op === 'walk' && !this.state.mocks.has(op)) {
        const v = vals[0]!;
        return walkValue(v, [], (path, x) => deliver([path, x]));
      }
      const r = this.invoke(op, [...vals], t.loc);
      return r === undefined ? false : deliver(r);
    });
  }

  private evalPrint(t: Term & { type: 'call' }, env: Env, k: VK): boolean {
    const parts: string[] = [];
    for (const a of t.args) {
      const vals: RegoValue[] = [];
      this.evalTerm(a, env, (v) => (vals.push(v), false));
      if (vals.length === 0) parts.push('<undefined>');
      else if (a.type === 'var' || a.type === 'scalar' || vals.length === 1)
        parts.push(printValue(vals[0]!));
      else parts.push(printValue(vals[0]!));
    }
    const mock = this.state.mocks.get('print');
    if (!mock) this.cfg.print?.(parts.join(' '));
    return k(true);
  }

  private invoke(op: string, vals: RegoValue[], loc: Location): RegoValue | undefined {
    const mock = this.state.mocks.size > 0 ? this.state.mocks.get(op) : undefined;
    if (mock) {
      if (mock.kind === 'value') return mock.value;
      // the replacement runs without mocks: it reaches the original builtins, and one
      // mock never calls another
      const outer = this.state;
      this.state = { ...this.fork(outer), mocks: new Map() };
      try {
        return this.invoke(mock.op, vals, loc);
      } finally {
        this.state = outer;
      }
    }
    if (op.startsWith('data.')) return this.callFunction(op, vals, loc);
    switch (op) {
      // hot comparison operators: OPA orders values of any types, so these never fail
      case 'equal':
        return vals.length === 2 ? equal(vals[0]!, vals[1]!) : this.callBuiltin(op, vals, loc);
      case 'neq':
        return vals.length === 2 ? !equal(vals[0]!, vals[1]!) : this.callBuiltin(op, vals, loc);
      case 'lt':
        return vals.length === 2
          ? compare(vals[0]!, vals[1]!) < 0
          : this.callBuiltin(op, vals, loc);
      case 'lte':
        return vals.length === 2
          ? compare(vals[0]!, vals[1]!) <= 0
          : this.callBuiltin(op, vals, loc);
      case 'gt':
        return vals.length === 2
          ? compare(vals[0]!, vals[1]!) > 0
          : this.callBuiltin(op, vals, loc);
      case 'gte':
        return vals.length === 2
          ? compare(vals[0]!, vals[1]!) >= 0
          : this.callBuiltin(op, vals, loc);
      case 'internal.member_2':
        return member2(vals[0]!, vals[1]!);
      case 'internal.member_3':
        return member3(vals[0]!, vals[1]!, vals[2]!);
      case 'rego.metadata.rule':
        return this.metadataRule();
      case 'rego.metadata.chain':
        return this.metadataChain();
      case 'opa.runtime':
        return new RegoObject();
      case 'trace':
        return true;
      default:
    }
    return this.callBuiltin(op, vals, loc);
  }

  private callBuiltin(op: string, vals: RegoValue[], loc: Location): RegoValue | undefined {
    if (UNAVAILABLE.has(op))
      throw new RegoError('eval_builtin_error', `${op}: not available in crosswalk`, loc);
    const d = this.policy.builtins.get(op);
    if (!d) throw new RegoError('rego_type_error', `undefined function ${op}`, loc);
    if (!d.impl)
      throw new RegoError('eval_builtin_error', `${op}: not implemented in crosswalk`, loc);
    try {
      return d.impl(vals, this.bctx);
    } catch (e) {
      if (e instanceof BuiltinError) {
        // builtins crosswalk does not offer always fail loudly, strict or not
        const unavailable = e.message.endsWith('not available in crosswalk');
        if (!this.cfg.strictBuiltinErrors && !unavailable) return undefined;
        throw new RegoError(e.code, e.message, loc);
      }
      if (e instanceof RegoError) throw e;
      if (this.cfg.strictBuiltinErrors)
        throw new RegoError('eval_builtin_error', `${op}: ${(e as Error).message}`, loc);
      return undefined;
    }
  }

  private callFunction(op: string, vals: RegoValue[], loc: Location): RegoValue | undefined {
    const node = this.lookupNode(op);
    const rules = node?.rules.filter((r) => r.kind === 'func') ?? [];
    if (rules.length === 0) {
      // calling a non-function document
      throw new RegoError('rego_type_error', `undefined function ${op}`, loc);
    }
    const key = op + '(' + canonicalKey(vals) + ')';
    const hit = this.state.fcache.get(key);
    if (hit) return hit.v;
    let result: RegoValue | undefined;
    let resultRule: Rule | undefined;
    let deflt: Rule | undefined;
    const caller = this.context;
    for (const r of rules) {
      if (r.isDefault) {
        deflt = r;
        continue;
      }
      const args = r.args ?? [];
      if (args.length !== vals.length) continue;
      const env: Env = new Map();
      const bindArgs = (i: number): boolean =>
        i === args.length
          ? (this.ruleSolutions(
              r,
              (e2, vt) =>
                this.evalTerm(vt, e2, (v) => {
                  if (result !== undefined && !equal(result, v)) {
                    const msg =
                      caller === 'complete' && resultRule !== r
                        ? 'functions must not produce multiple outputs for same inputs'
                        : `function ${op} produced conflicting values for the same inputs`;
                    throw new RegoError('eval_conflict_error', msg, r.loc);
                  }
                  result = v;
                  resultRule = r;
                  return false;
                }),
              env,
            ),
            false)
          : this.unifyTermValue(args[i]!, vals[i]!, env, () => bindArgs(i + 1));
      bindArgs(0);
    }
    if (result === undefined && deflt) result = this.defaultValue(deflt);
    this.state.fcache.set(key, { v: result });
    return result;
  }

  private lookupNode(op: string): RuleNode | undefined {
    let n: RuleNode | undefined = this.policy.root;
    for (const p of op.split('.').slice(1)) {
      n = n?.children.get(canonicalKey(p));
      if (!n) return undefined;
    }
    return n;
  }

  private metadataRule(): RegoValue {
    const r = this.currentRule;
    const o = new RegoObject();
    for (const a of r?.annotations ?? []) {
      const v = fromJS(a.data);
      if (v instanceof RegoObject)
        for (const [k, x] of v.entries.values()) if (k !== 'scope') o.set(k, x);
    }
    if (o.size > 0 && r?.annotations?.[0]) o.set('scope', r.annotations[0].scope);
    return o;
  }

  private metadataChain(): RegoValue {
    const r = this.currentRule;
    if (!r) return [];
    const out: RegoValue[] = [];
    const path = ['data', ...r.module.pkg, ...groundPrefix(r.ref).prefix.map(String)];
    const entry = new RegoObject();
    entry.set('path', path);
    const ann = this.metadataRule();
    if (ann instanceof RegoObject && ann.size > 0) entry.set('annotations', ann);
    out.push(entry);
    for (const a of r.module.annotations) {
      const e = new RegoObject();
      e.set('path', ['data', ...r.module.pkg]);
      const v = fromJS({ ...a.data, scope: a.scope });
      e.set('annotations', v);
      out.push(e);
    }
    return out;
  }
}

// -- indexed iteration ---------------------------------------------------------------------

/**
 * An iteration literal followed by an equality filter on the bound element:
 *   x := input.a.b[k]   (kind 'assign'; k a fresh var, the ref otherwise ground)
 *   some x in coll      (kind 'somein'; optionally `some k, x in coll`)
 * then `x.f.g == "const"`. The filter literal is pure (a lookup and a comparison), so
 * iterating only the members that pass it gives the same solutions in the same order.
 */
interface ScanPlan {
  kind: 'assign' | 'somein';
  value: string;
  key: string | undefined;
  head: string;
  prefix: Term[];
  path: RegoValue[];
  equals: RegoValue;
  /** where evaluation continues: after the filter literal, which always holds */
  next: number;
  /**
   * `startswith(x.p.q, s)` right after the filter: members whose string at that path does
   * not start with s cannot pass it, so they are skipped (the literal itself still runs).
   */
  prefixOf?: { path: RegoValue[]; arg: Term };
}

// Plans depend on the literal's position and its successor, so they are kept per body.
const plans = new WeakMap<Body, (ScanPlan | null | undefined)[]>();

function scanPlan(body: Body, i: number): ScanPlan | undefined {
  let ps = plans.get(body);
  if (ps === undefined) {
    ps = [];
    plans.set(body, ps);
  }
  let p = ps[i];
  if (p === undefined) {
    p = makePlan(body, i) ?? null;
    ps[i] = p;
  }
  return p ?? undefined;
}

function plainVar(t: Term | undefined): string | undefined {
  return t?.type === 'var' && t.name !== 'input' && t.name !== 'data' ? t.name : undefined;
}

/** Segments that are scalars or vars other than the ones being bound (checked at runtime). */
function groundable(segs: Term[], binding: (string | undefined)[]): boolean {
  return segs.every((s) => {
    if (s.type === 'scalar') return true;
    const v = plainVar(s);
    return v !== undefined && !binding.includes(v);
  });
}

function makePlan(body: Body, i: number): ScanPlan | undefined {
  const lit = body[i]!;
  const next = body[i + 1];
  if (lit.negated || lit.withs.length > 0 || !next) return undefined;
  let base: Omit<ScanPlan, 'path' | 'equals' | 'next'> | undefined;
  const e = lit.expr;
  if (e.type === 'assign' || e.type === 'unify') {
    const value = plainVar(e.left);
    const r = e.right;
    if (value === undefined || r.type !== 'ref' || r.head.type !== 'var') return undefined;
    if (r.head.name === 'data' || r.path.length === 0) return undefined;
    const key = plainVar(r.path[r.path.length - 1]);
    const prefix = r.path.slice(0, -1);
    if (key === undefined || key === value || r.head.name === value) return undefined;
    if (!groundable(prefix, [key, value])) return undefined;
    base = { kind: 'assign', value, key, head: r.head.name, prefix };
  } else if (e.type === 'somein') {
    const value = plainVar(e.value);
    const key = e.key ? plainVar(e.key) : undefined;
    if (value === undefined || (e.key && (key === undefined || key === value))) return undefined;
    const c = e.collection;
    const head =
      c.type === 'var'
        ? c.name
        : c.type === 'ref' && c.head.type === 'var'
          ? c.head.name
          : undefined;
    const prefix = c.type === 'ref' ? c.path : [];
    if (head === undefined || head === 'data' || head === value || head === key) return undefined;
    if (!groundable(prefix, [key, value])) return undefined;
    base = { kind: 'somein', value, key, head, prefix };
  }
  if (!base) return undefined;
  const f = equalityFilter(next, base.value);
  if (!f) return undefined;
  const after = body[i + 2];
  const prefixOf = after ? startsWithFilter(after, base.value, base.key) : undefined;
  return { ...base, ...f, next: i + 2, ...(prefixOf ? { prefixOf } : {}) };
}

/** `startswith(x.a.b, s)` with s a string or a var other than x and its key. */
function startsWithFilter(
  lit: Literal,
  x: string,
  key: string | undefined,
): { path: RegoValue[]; arg: Term } | undefined {
  const e = lit.expr;
  if (lit.negated || lit.withs.length > 0 || e.type !== 'term' || e.term.type !== 'call')
    return undefined;
  const { op, args } = e.term;
  if (op !== 'startswith' || args.length !== 2) return undefined;
  const [a, b] = [args[0]!, args[1]!];
  const v = plainVar(b);
  if (
    !(b.type === 'scalar' && typeof b.value === 'string') &&
    (v === undefined || v === x || v === key)
  )
    return undefined;
  const path: RegoValue[] = [];
  if (a.type === 'ref' && a.head.type === 'var' && a.head.name === x) {
    for (const s of a.path) {
      if (s.type !== 'scalar') return undefined;
      path.push(s.value);
    }
  } else if (!(a.type === 'var' && a.name === x)) return undefined;
  return { path, arg: b };
}

/** `x.a.b == scalar` (or `=`, either way round) on the var x: the path and the scalar. */
function equalityFilter(
  lit: Literal,
  x: string,
): { path: RegoValue[]; equals: RegoValue } | undefined {
  if (lit.negated || lit.withs.length > 0) return undefined;
  const e = lit.expr;
  let a: Term | undefined;
  let b: Term | undefined;
  if (e.type === 'unify') [a, b] = [e.left, e.right];
  else if (
    e.type === 'term' &&
    e.term.type === 'call' &&
    e.term.op === 'equal' &&
    e.term.args.length === 2
  )
    [a, b] = [e.term.args[0]!, e.term.args[1]!];
  if (!a || !b) return undefined;
  if (a.type === 'scalar') [a, b] = [b, a];
  if (b.type !== 'scalar' || (b.value !== null && typeof b.value === 'object')) return undefined;
  const path: RegoValue[] = [];
  if (a.type === 'var' && a.name === x) return { path, equals: b.value };
  if (a.type !== 'ref' || a.head.type !== 'var' || a.head.name !== x) return undefined;
  for (const s of a.path) {
    if (s.type !== 'scalar') return undefined;
    path.push(s.value);
  }
  return { path, equals: b.value };
}

/** Members sorted by the string at one path, with their positions; null: some are not strings. */
type Sorted = { s: string; at: number }[] | null;
type Prefixes = WeakMap<Members, Map<string, Sorted>>;

/**
 * The members whose string at path starts with prefix, in their original order. Members
 * without a value there are dropped (startswith would be undefined); if any value is not a
 * string, all are kept, so that startswith itself reports the type error as before.
 */
function prefixLookup(
  prefixes: Prefixes,
  members: Members,
  path: RegoValue[],
  prefix: string,
): Members {
  if (members.length < 16) return members;
  let byPath = prefixes.get(members);
  if (!byPath) {
    byPath = new Map();
    prefixes.set(members, byPath);
  }
  const pk = canonicalKey(path);
  let sorted = byPath.get(pk);
  if (sorted === undefined) {
    const list: { s: string; at: number }[] = [];
    sorted = list;
    for (let at = 0; at < members.length; at++) {
      let x: RegoValue | undefined = members[at]![1];
      for (let j = 0; j < path.length && x !== undefined; j++) x = child(x, path[j]!);
      if (x === undefined) continue;
      if (typeof x !== 'string') {
        sorted = null;
        break;
      }
      list.push({ s: x, at });
    }
    // UTF-16 code unit order, the order in which a prefix's matches are contiguous
    sorted?.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
    byPath.set(pk, sorted);
  }
  if (sorted === null) return members;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.s < prefix) lo = mid + 1;
    else hi = mid;
  }
  const at: number[] = [];
  for (let j = lo; j < sorted.length && sorted[j]!.s.startsWith(prefix); j++)
    at.push(sorted[j]!.at);
  at.sort((a, b) => a - b);
  return at.map((j) => members[j]!);
}

/** Small collections are cheaper to scan than to index. */
function bigCollection(v: RegoValue): boolean {
  if (Array.isArray(v)) return v.length >= 16;
  return (v instanceof RegoObject || v instanceof RegoSet) && v.size >= 16;
}

type Members = (readonly [RegoValue, RegoValue])[];
interface Index {
  /** the collection's size when indexed: a guard against one still being built */
  size: number;
  byPath: Map<string, Map<string, Members>>;
}
/**
 * Indexes by collection. Values do not change while an evaluation runs, so an index built
 * once serves every later scan of the same collection in that evaluation; it is not kept
 * across evaluations, as a caller may change its own input in between.
 */
type Indexes = WeakMap<object, Index>;
const NONE: Members = [];

function collectionSize(v: RegoValue): number {
  return Array.isArray(v) ? v.length : (v as RegoObject | RegoSet).size;
}

/** The members of coll (in iteration order) whose value at path equals `equals`. */
function indexLookup(
  indexes: Indexes,
  coll: RegoValue,
  path: RegoValue[],
  equals: RegoValue,
): Members {
  const size = collectionSize(coll);
  let ix = indexes.get(coll as object);
  if (!ix || ix.size !== size) {
    ix = { size, byPath: new Map() };
    indexes.set(coll as object, ix);
  }
  const pk = canonicalKey(path);
  let groups = ix.byPath.get(pk);
  if (!groups) {
    groups = new Map();
    const g = groups;
    iterate(coll, (key, val) => {
      let x: RegoValue | undefined = val;
      for (let j = 0; j < path.length && x !== undefined; j++) x = child(x, path[j]!);
      if (x !== undefined) {
        const ck = canonicalKey(x);
        const list = g.get(ck);
        if (list) list.push([key, val]);
        else g.set(ck, [[key, val]]);
      }
      return false;
    });
    ix.byPath.set(pk, groups);
  }
  return groups.get(canonicalKey(equals)) ?? NONE;
}

// -- value helpers -----------------------------------------------------------------------------

/** A term without variables, refs or calls: its value cannot vary between solutions. */
function isGround(t: Term): boolean {
  switch (t.type) {
    case 'scalar':
      return true;
    case 'array':
    case 'set':
      return t.items.every(isGround);
    case 'object':
      return t.pairs.every(([k, v]) => isGround(k) && isGround(v));
    default:
      return false;
  }
}

function collectPatternVars(t: Term, out: string[]): void {
  if (t.type === 'var') out.push(t.name);
  else if (t.type === 'array') t.items.forEach((x) => collectPatternVars(x, out));
  else if (t.type === 'object') t.pairs.forEach(([, v]) => collectPatternVars(v, out));
}

function isCollection(v: RegoValue): boolean {
  return Array.isArray(v) || v instanceof RegoObject || v instanceof RegoSet;
}

export function child(v: RegoValue, key: RegoValue): RegoValue | undefined {
  if (Array.isArray(v)) {
    return typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < v.length
      ? (v as readonly RegoValue[])[key]
      : undefined;
  }
  if (v instanceof RegoObject) return v.get(key);
  if (v instanceof RegoSet) return v.has(key) ? key : undefined;
  return undefined;
}

/** Iterates the (key, value) pairs of a collection; stops when f returns true. */
export function iterate(v: RegoValue, f: (k: RegoValue, v: RegoValue) => boolean): boolean {
  if (Array.isArray(v)) {
    const a = v as readonly RegoValue[];
    for (let i = 0; i < a.length; i++) if (f(i, a[i]!)) return true;
    return false;
  }
  if (v instanceof RegoObject) {
    for (const [k, x] of sortedEntries(v)) if (f(k, x)) return true;
    return false;
  }
  if (v instanceof RegoSet) {
    for (const m of sortedMembers(v)) if (f(m, m)) return true;
  }
  return false;
}

// Values are not changed once evaluation hands them out, so their sorted order can be
// cached; the size check guards against objects still being built.
const entryCache = new WeakMap<RegoObject, (readonly [RegoValue, RegoValue])[]>();
const memberCache = new WeakMap<RegoSet, RegoValue[]>();

function sortedEntries(o: RegoObject): (readonly [RegoValue, RegoValue])[] {
  let c = entryCache.get(o);
  if (!c || c.length !== o.size) {
    c = o.sorted();
    entryCache.set(o, c);
  }
  return c;
}

function sortedMembers(s: RegoSet): RegoValue[] {
  let c = memberCache.get(s);
  if (!c || c.length !== s.size) {
    c = s.sorted();
    memberCache.set(s, c);
  }
  return c;
}

function walkValue(
  v: RegoValue,
  path: RegoValue[],
  f: (path: RegoValue[], v: RegoValue) => boolean,
): boolean {
  if (f([...path], v)) return true;
  return iterate(v, (k, c) => walkValue(c, [...path, k], f));
}

function member2(x: RegoValue, coll: RegoValue): boolean {
  if (Array.isArray(coll)) return (coll as readonly RegoValue[]).some((e) => equal(e, x));
  if (coll instanceof RegoSet) return coll.has(x);
  if (coll instanceof RegoObject) return coll.values().some((e) => equal(e, x));
  return false;
}

function member3(k: RegoValue, x: RegoValue, coll: RegoValue): boolean {
  if (Array.isArray(coll) || coll instanceof RegoObject) {
    const c = child(coll, k);
    return c !== undefined && equal(c, x);
  }
  return false;
}

function setIn(root: RegoValue, path: RegoValue[], v: RegoValue): RegoValue {
  if (path.length === 0) return v;
  const o = root instanceof RegoObject ? RegoObject.from(root.entries.values()) : new RegoObject();
  const [h, ...rest] = path;
  o.set(h!, setIn(o.get(h!) ?? new RegoObject(), rest, v));
  return o;
}

function mergeDeep(a: RegoObject, b: RegoObject): RegoObject {
  const o = RegoObject.from(a.entries.values());
  for (const [k, v] of b.entries.values()) {
    const p = o.get(k);
    o.set(k, p instanceof RegoObject && v instanceof RegoObject ? mergeDeep(p, v) : v);
  }
  return o;
}

function insertAt(
  obj: RegoObject,
  keys: RegoValue[],
  v: RegoValue,
  multi: boolean,
  loc: Location,
): void {
  let cur = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i]!;
    let next = cur.get(k);
    if (next === undefined) {
      next = new RegoObject();
      cur.set(k, next);
    }
    if (!(next instanceof RegoObject))
      throw new RegoError('eval_conflict_error', 'object keys must be unique', loc);
    cur = next;
  }
  const last = keys[keys.length - 1]!;
  if (multi) {
    let s = cur.get(last);
    if (s === undefined) {
      s = new RegoSet();
      cur.set(last, s);
    }
    if (!(s instanceof RegoSet))
      throw new RegoError('eval_conflict_error', 'object keys must be unique', loc);
    s.add(v);
    return;
  }
  const prev = cur.get(last);
  if (prev !== undefined && !equal(prev, v))
    throw new RegoError('eval_conflict_error', 'object keys must be unique', loc);
  cur.set(last, v);
}

function printValue(v: RegoValue): string {
  return typeof v === 'string' ? v : regoString(v);
}
