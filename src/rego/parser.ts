/** Recursive-descent parser for Rego v0 and v1 modules and queries. */
import { parse as parseYaml } from 'yaml';
import type {
  Annotation,
  Body,
  Expr,
  Import,
  Literal,
  Location,
  Module,
  Rule,
  Term,
  With,
} from './ast.js';
import { RegoError } from './errors.js';
import { tokenize, type Comment, type Token } from './lexer.js';

export interface ParseOptions {
  /** parse as Rego v0 (like OPA's --v0-compatible); `import rego.v1` switches back to v1 */
  v0Compatible?: boolean;
}

const RESERVED_V1 = new Set([
  'if',
  'contains',
  'in',
  'every',
  'some',
  'not',
  'with',
  'as',
  'default',
  'else',
  'import',
  'package',
]);

class Parser {
  private pos = 0;
  /** whether the last segment read by parseRefTerm was in brackets */
  lastBracket = false;
  private depth = 0;
  private wildcard = 0;
  readonly tokens: Token[];
  readonly comments: Comment[];
  v1: boolean;

  /** whether the module is v1 by default (not only through `import rego.v1`) */
  readonly v1Default: boolean;

  constructor(
    readonly src: string,
    readonly file: string,
    v1: boolean,
  ) {
    const t = tokenize(src, file);
    this.tokens = t.tokens;
    this.comments = t.comments;
    this.v1 = v1;
    this.v1Default = v1;
  }

  // -- token helpers --------------------------------------------------------------------
  peek(o = 0): Token {
    return this.tokens[Math.min(this.pos + o, this.tokens.length - 1)]!;
  }
  next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }
  is(value: string, o = 0): boolean {
    const t = this.peek(o);
    return (t.kind === 'punct' || t.kind === 'ident') && t.value === value;
  }
  accept(value: string): boolean {
    if (this.is(value)) {
      this.pos++;
      return true;
    }
    return false;
  }
  fail(msg: string, t: Token = this.peek()): never {
    throw new RegoError('rego_parse_error', msg, t.loc);
  }
  expect(value: string): Token {
    if (!this.is(value)) {
      const t = this.peek();
      this.fail(`unexpected ${t.kind === 'eof' ? 'eof' : t.value + ' token'}: expected ${value}`);
    }
    return this.next();
  }
  ident(): Token {
    const t = this.peek();
    if (t.kind !== 'ident')
      this.fail(`unexpected ${t.kind === 'eof' ? 'eof' : t.value} token: expected ident`);
    return this.next();
  }
  /** true when the next token may continue an expression (not on a new statement line) */
  cont(): boolean {
    return this.depth > 0 || !this.peek().nl;
  }

  // -- module ---------------------------------------------------------------------------
  parseModule(): Module {
    const pkgTok = this.expect('package');
    const pkgRef = this.parseRefTerm(false);
    const pkg = refToPath(pkgRef, (m) => this.fail(m, pkgTok));
    const mod: Module = {
      file: this.file,
      pkg,
      pkgLoc: pkgTok.loc,
      imports: [],
      rules: [],
      v1: this.v1,
      annotations: [],
    };
    while (this.is('import')) mod.imports.push(this.parseImport(mod));
    const annots = this.collectAnnotations();
    while (this.peek().kind !== 'eof') {
      const start = this.peek();
      if (this.is('import'))
        this.fail('unexpected import keyword: imports must appear before rules');
      const rules = this.parseRule(mod);
      const mine = annots.filter((a) => a.loc.row < start.loc.row && !a.used);
      for (const a of mine) a.used = true;
      const ruleAnnots = mine.filter((a) => a.scope === 'rule' || a.scope === 'document');
      mod.annotations.push(
        ...mine.filter((a) => a.scope === 'package' || a.scope === 'subpackages'),
      );
      for (const r of rules) {
        r.annotations = ruleAnnots;
        mod.rules.push(r);
      }
    }
    for (const a of annots) if (!a.used) mod.annotations.push(a);
    mod.v1 = this.v1;
    return mod;
  }

  private collectAnnotations(): (Annotation & { used?: boolean })[] {
    const out: (Annotation & { used?: boolean })[] = [];
    const cs = this.comments;
    for (let i = 0; i < cs.length; i++) {
      if (cs[i]!.text.trim() !== 'METADATA') continue;
      const loc = cs[i]!.loc;
      const lines: string[] = [];
      let row = loc.row;
      for (let j = i + 1; j < cs.length && cs[j]!.loc.row === row + 1; j++) {
        lines.push(cs[j]!.text.replace(/^ /, ''));
        row++;
      }
      let data: Record<string, unknown> = {};
      try {
        data = (parseYaml(lines.join('\n')) as Record<string, unknown> | null) ?? {};
      } catch (e) {
        throw new RegoError('rego_parse_error', `yaml: ${(e as Error).message}`, loc);
      }
      const pkgRow = this.tokens[0]!.loc.row;
      const scope =
        typeof data.scope === 'string' ? data.scope : loc.row < pkgRow ? 'package' : 'rule';
      out.push({ scope, data, loc });
    }
    return out;
  }

  private parseImport(mod: Module): Import {
    const t = this.expect('import');
    const ref = this.parseRefTerm(false);
    const path = refTerms(ref);
    let alias: string | undefined;
    if (this.accept('as')) alias = this.ident().value;
    const head = path[0];
    const headName = head && head.type === 'var' ? head.name : '';
    if (!['data', 'input', 'future', 'rego'].includes(headName)) {
      this.fail(`invalid import ${this.src.slice(t.end, this.peek(-1).end).trim()}`, t);
    }
    const dotted = path
      .map((x) => (x.type === 'var' ? x.name : x.type === 'scalar' ? String(x.value) : ''))
      .join('.');
    const has = (pred: (name: string) => boolean) =>
      mod.imports.some((im) =>
        pred(
          im.path
            .map((x) => (x.type === 'var' ? x.name : x.type === 'scalar' ? String(x.value) : ''))
            .join('.'),
        ),
      );
    if (headName === 'rego') {
      if (dotted !== 'rego.v1') this.fail(`invalid import, must be rego.v1`, t);
      if (has((n) => n === 'rego.v1'))
        this.fail('import rego.v1 shadows a previous import rego.v1', t);
      if (!mod.v1 && has((n) => n.startsWith('future.keywords'))) {
        this.fail(
          'the `rego.v1` import implies `future.keywords`, these are therefore mutually exclusive',
          t,
        );
      }
      this.v1 = true;
      mod.v1 = true;
    }
    if (
      headName === 'future' &&
      has((n) => n === 'rego.v1') &&
      mod.imports.length > 0 &&
      !this.v1Default
    ) {
      this.fail(
        'the `rego.v1` import implies `future.keywords`, these are therefore mutually exclusive',
        t,
      );
    }
    return { path, alias, loc: t.loc };
  }

  private parseRule(mod: Module): Rule[] {
    const start = this.peek();
    const isDefault = this.accept('default');
    const refTerm = this.parseRefTerm(true);
    const lastBracket = this.lastBracket;
    let ref = refTerms(refTerm);
    if (ref[0]?.type === 'var') ref[0] = { type: 'scalar', value: ref[0].name, loc: ref[0].loc };
    const name = this.src.slice(start.start, this.peek(-1).end).replace(/^default\s+/, '');
    let kind: Rule['kind'] = 'complete';
    let args: Term[] | undefined;
    let value: Term | undefined;
    if (this.is('(') && !this.peek().ws) {
      this.next();
      this.depth++;
      args = [];
      while (!this.is(')')) {
        args.push(this.parseTermExpr());
        if (!this.accept(',')) break;
      }
      this.expect(')');
      this.depth--;
      kind = 'func';
    }
    if (this.is('contains') && kind !== 'func') {
      this.next();
      kind = 'multi';
      value = this.parseTermExpr();
    } else if (this.is('=') || this.is(':=')) {
      this.next();
      value = this.parseTermExpr();
    }
    const hasIf = this.accept('if');
    let body: Body;
    if (hasIf) {
      body = this.parseIfBody();
    } else if (this.is('{')) {
      if (this.v1) this.fail('`if` keyword is required before rule body');
      body = this.parseBlock();
    } else {
      if (isDefault && value === undefined) this.fail('default rule must have a value', start);
      body = [trueLiteral(start.loc)];
    }
    if (value === undefined) {
      // v0: `p[x] { ... }` is a partial set
      const last = ref[ref.length - 1]!;
      // v0: `p[x] { }` is a partial set, and so is the legacy `p.q { }` (p contains "q")
      if (
        !this.v1 &&
        kind === 'complete' &&
        !isDefault &&
        ((ref.length > 1 && lastBracket && last.type !== 'ref') ||
          (ref.length === 2 && !lastBracket))
      ) {
        kind = 'multi';
        value = last;
        ref = ref.slice(0, -1);
      } else {
        if (this.v1 && kind === 'complete' && !hasIf && !isDefault) {
          this.fail(
            ref.length > 1
              ? 'rule must have a body or assignment (or use `contains` for partial sets)'
              : 'rule must have a value or body',
            start,
          );
        }
        value = { type: 'scalar', value: true, loc: start.loc };
      }
    }
    if (isDefault && kind === 'multi') this.fail('default rules must not be multi-value', start);
    const rule: Rule = {
      ref,
      kind,
      value,
      body,
      isDefault,
      elses: [],
      loc: start.loc,
      module: mod,
      name,
    };
    if (args) rule.args = args;
    while (this.is('else')) {
      const et = this.next();
      let ev: Term = { type: 'scalar', value: true, loc: et.loc };
      if (this.accept('=') || this.accept(':=')) ev = this.parseTermExpr();
      let eb: Body;
      if (this.accept('if')) eb = this.parseIfBody();
      else if (this.is('{')) {
        if (this.v1) this.fail('`if` keyword is required before rule body');
        eb = this.parseBlock();
      } else eb = [trueLiteral(et.loc)];
      rule.elses.push({ value: ev, body: eb, loc: et.loc });
    }
    const rules = [rule];
    // v0 allows several bodies for one head: `p { a } { b }`
    while (!this.v1 && this.is('{') && this.peek().loc.row >= start.loc.row) {
      rules.push({ ...rule, body: this.parseBlock(), elses: [] });
    }
    return rules;
  }

  /** After `if`: a block, or a single literal (which may itself start with `{`). */
  private parseIfBody(): Body {
    if (!this.is('{')) return [this.parseLiteral()];
    const save = this.pos;
    const saveDepth = this.depth;
    try {
      return this.parseBlock();
    } catch (e) {
      this.pos = save;
      this.depth = saveDepth;
      try {
        return [this.parseLiteral()];
      } catch {
        throw e;
      }
    }
  }

  // -- bodies and literals ----------------------------------------------------------------
  parseBlock(): Body {
    this.expect('{');
    const saved = this.depth;
    this.depth = 0;
    const body: Body = [];
    while (!this.is('}')) {
      body.push(this.parseLiteral());
      if (this.accept(';')) continue;
      if (this.is('}')) break;
      if (!this.peek().nl) this.fail(`unexpected ${this.peek().value} token`);
    }
    this.expect('}');
    this.depth = saved;
    if (body.length === 0) this.fail('found empty body', this.peek(-1));
    return body;
  }

  parseBody(): Body {
    const body: Body = [];
    while (this.peek().kind !== 'eof') {
      body.push(this.parseLiteral());
      if (this.accept(';')) continue;
      if (this.peek().kind === 'eof') break;
      if (!this.peek().nl) this.fail(`unexpected ${this.peek().value} token: expecting EOF`);
    }
    if (body.length === 0) this.fail('empty query');
    return body;
  }

  parseLiteral(): Literal {
    const start = this.peek();
    let negated = false;
    let expr: Expr;
    if (
      this.is('some') &&
      !this.peek(1).nl &&
      !(this.peek(1).kind === 'punct' && !['[', '{', '('].includes(this.peek(1).value))
    ) {
      this.next();
      const terms: Term[] = [this.parseTermExpr(true)];
      while (this.accept(',')) terms.push(this.parseTermExpr(true));
      if (this.accept('in')) {
        if (terms.length > 2) this.fail('unexpected , in some declaration');
        const collection = this.parseTermRel();
        expr =
          terms.length === 2
            ? { type: 'somein', key: terms[0], value: terms[1]!, collection }
            : { type: 'somein', key: undefined, value: terms[0]!, collection };
      } else {
        for (const t of terms) if (t.type !== 'var') this.fail('expected var in some declaration');
        expr = { type: 'some', vars: terms };
      }
    } else if (this.is('every') && this.peek(1).kind === 'ident') {
      this.next();
      const a = this.parseTermExpr(true);
      let key: Term | undefined;
      let value = a;
      if (this.accept(',')) {
        key = a;
        value = this.parseTermExpr(true);
      }
      this.expect('in');
      const collection = this.parseTermRel();
      const body = this.parseBlock();
      expr = { type: 'every', key, value, collection, body };
    } else {
      if (this.is('not') && !this.is('(', 1)) {
        this.next();
        negated = true;
      }
      expr = this.parseExpr();
    }
    const withs: With[] = [];
    while (this.is('with')) {
      const w = this.next();
      const target = this.parseRefTerm(false);
      this.expect('as');
      const value = this.parseTermExpr();
      withs.push({ target, value, loc: w.loc });
    }
    const text = this.src.slice(start.start, this.peek(-1).end);
    return { expr, negated, withs, loc: start.loc, text };
  }

  parseExpr(): Expr {
    const left = this.parseTermExpr();
    if (this.cont() && (this.is('=') || this.is(':='))) {
      const op = this.next().value;
      const right = this.parseTermExpr();
      return op === '=' ? { type: 'unify', left, right } : { type: 'assign', left, right };
    }
    // `k, v in xs` at the top of a literal
    if (this.depth === 0 && this.is(',') && !this.peek().nl) {
      const save = this.pos;
      this.next();
      const v = this.parseTermRel();
      if (this.accept('in')) {
        const coll = this.parseTermRel();
        return {
          type: 'term',
          term: this.inChain(call('internal.member_3', [left, v, coll], left.loc)),
        };
      }
      this.pos = save;
    }
    return { type: 'term', term: left };
  }

  /** A term with infix operators, including `in`. */
  parseTermExpr(noIn = false): Term {
    const left = this.parseTermRel();
    return noIn ? left : this.inChain(left);
  }

  private inChain(t: Term): Term {
    let left = t;
    while (this.cont() && this.is('in') && this.peek().kind === 'ident') {
      this.next();
      const right = this.parseTermRel();
      left = call('internal.member_2', [left, right], left.loc);
    }
    return left;
  }

  private binary(ops: Record<string, string>, sub: () => Term): Term {
    let left = sub();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'punct' || !(t.value in ops) || !this.cont()) return left;
      this.next();
      const right = sub();
      left = call(ops[t.value]!, [left, right], left.loc);
    }
  }
  parseTermRel(): Term {
    return this.binary(
      { '==': 'equal', '!=': 'neq', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' },
      () => this.parseTermOr(),
    );
  }
  parseTermOr(): Term {
    return this.binary({ '|': 'or' }, () => this.parseTermAnd());
  }
  parseTermAnd(): Term {
    return this.binary({ '&': 'and' }, () => this.parseTermArith());
  }
  parseTermArith(): Term {
    return this.binary({ '+': 'plus', '-': 'minus' }, () => this.parseTermFactor());
  }
  parseTermFactor(): Term {
    return this.binary({ '*': 'mul', '/': 'div', '%': 'rem' }, () => this.parseUnary());
  }
  parseUnary(): Term {
    if (this.is('-')) {
      const t = this.next();
      const n = this.peek();
      // like OPA, unary minus applies to numeric literals only
      if (n.kind === 'number') {
        this.next();
        return { type: 'scalar', value: -Number(n.value), loc: t.loc };
      }
      this.fail('unexpected - token: unary minus is only allowed before a number', t);
    }
    return this.parseTerm();
  }

  parseTerm(): Term {
    const t = this.peek();
    switch (t.kind) {
      case 'number': {
        this.next();
        const n = Number(t.value);
        if (!Number.isFinite(n)) this.fail('number too big', t);
        return { type: 'scalar', value: n, loc: t.loc };
      }
      case 'string':
        this.next();
        return this.postfix({ type: 'scalar', value: t.value, loc: t.loc });
      case 'ident': {
        this.next();
        if (t.value === 'true' || t.value === 'false')
          return { type: 'scalar', value: t.value === 'true', loc: t.loc };
        if (t.value === 'null') return { type: 'scalar', value: null, loc: t.loc };
        if (this.v1 && RESERVED_V1.has(t.value) && !(this.is('(') && !this.peek().ws)) {
          this.fail(`unexpected ${t.value} keyword`, t);
        }
        if (t.value === 'set' && this.is('(') && this.is(')', 1) && !this.peek().ws) {
          this.next();
          this.next();
          return { type: 'set', items: [], loc: t.loc };
        }
        let name = t.value;
        if (name === '_') name = `$_${this.wildcard++}`;
        return this.postfix({ type: 'var', name, loc: t.loc });
      }
      case 'punct':
        if (t.value === '[') return this.postfix(this.parseArray());
        if (t.value === '{') return this.postfix(this.parseBrace());
        if (t.value === '(') {
          this.next();
          this.depth++;
          let inner = this.parseTermExpr();
          if (this.is(',')) {
            // `(k, v in xs)`
            this.next();
            const v = this.parseTermRel();
            this.expect('in');
            inner = this.inChain(
              call('internal.member_3', [inner, v, this.parseTermRel()], inner.loc),
            );
          }
          this.expect(')');
          this.depth--;
          return this.postfix(inner);
        }
        break;
      default:
        break;
    }
    return this.fail(`unexpected ${t.kind === 'eof' ? 'eof' : t.value} token`, t);
  }

  private postfix(head: Term): Term {
    let term = head;
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'punct' || t.ws) return term;
      if (t.value === '.') {
        this.next();
        if (this.peek().ws) this.fail('unexpected whitespace after .');
        const id = this.ident();
        const seg: Term = { type: 'scalar', value: id.value, loc: id.loc };
        term = appendPath(term, seg);
      } else if (t.value === '[') {
        this.next();
        this.depth++;
        const idx = this.parseTermExpr();
        this.expect(']');
        this.depth--;
        term = appendPath(term, idx);
      } else if (t.value === '(') {
        const op = opName(term);
        if (op === undefined) return term;
        this.next();
        this.depth++;
        const args: Term[] = [];
        while (!this.is(')')) {
          args.push(this.parseTermExpr());
          if (!this.accept(',')) break;
        }
        this.expect(')');
        this.depth--;
        term = { type: 'call', op, opTerm: term, args, loc: term.loc };
      } else return term;
    }
  }

  private parseArray(): Term {
    const open = this.expect('[');
    this.depth++;
    const items: Term[] = [];
    if (this.accept(']')) {
      this.depth--;
      return { type: 'array', items, loc: open.loc };
    }
    const first = this.parseCompHead();
    if (this.accept('|')) {
      const body = this.parseCompBody(']');
      this.depth--;
      return { type: 'arraycomp', head: first, body, loc: open.loc };
    }
    items.push(first);
    while (this.accept(',')) {
      if (this.is(']')) break;
      items.push(this.parseTermExpr());
    }
    this.expect(']');
    this.depth--;
    return { type: 'array', items, loc: open.loc };
  }

  /** The head of a possible comprehension: any term, but `|` is left for the comprehension. */
  private parseCompHead(): Term {
    let left = this.binary(
      { '==': 'equal', '!=': 'neq', '<': 'lt', '<=': 'lte', '>': 'gt', '>=': 'gte' },
      () => this.parseTermAnd(),
    );
    while (this.is('in')) {
      this.next();
      left = call('internal.member_2', [left, this.parseTermRel()], left.loc);
    }
    return left;
  }

  private parseCompBody(close: string): Body {
    const saved = this.depth;
    this.depth = 0;
    const body: Body = [];
    while (!this.is(close)) {
      body.push(this.parseLiteral());
      if (this.accept(';')) continue;
      if (this.is(close)) break;
      if (!this.peek().nl) this.fail(`unexpected ${this.peek().value} token`);
    }
    this.expect(close);
    this.depth = saved;
    if (body.length === 0) this.fail('found empty body');
    return body;
  }

  private parseBrace(): Term {
    const open = this.expect('{');
    this.depth++;
    if (this.accept('}')) {
      this.depth--;
      return { type: 'object', pairs: [], loc: open.loc };
    }
    const first = this.parseCompHead();
    if (this.accept(':')) {
      const v = this.parseCompHead();
      if (this.accept('|')) {
        const body = this.parseCompBody('}');
        this.depth--;
        return { type: 'objectcomp', key: first, value: v, body, loc: open.loc };
      }
      const pairs: [Term, Term][] = [[first, this.more(v)]];
      while (this.accept(',')) {
        if (this.is('}')) break;
        const k = this.parseTermExpr();
        this.expect(':');
        pairs.push([k, this.parseTermExpr()]);
      }
      this.expect('}');
      this.depth--;
      return { type: 'object', pairs, loc: open.loc };
    }
    if (this.accept('|')) {
      const body = this.parseCompBody('}');
      this.depth--;
      return { type: 'setcomp', head: first, body, loc: open.loc };
    }
    const items = [this.more(first)];
    while (this.accept(',')) {
      if (this.is('}')) break;
      items.push(this.parseTermExpr());
    }
    this.expect('}');
    this.depth--;
    return { type: 'set', items, loc: open.loc };
  }

  /** Continue a comprehension-head term with `|` unions when it was not a comprehension. */
  private more(t: Term): Term {
    let left = t;
    while (this.is('|')) {
      this.next();
      left = call('or', [left, this.parseTermAnd()], left.loc);
    }
    return left;
  }

  /** A reference such as `data.a.b[c]` (rule heads, packages, imports, with targets). */
  parseRefTerm(ruleHead: boolean): Term {
    const id = this.ident();
    if (ruleHead && this.v1 && RESERVED_V1.has(id.value))
      this.fail(`unexpected ${id.value} keyword`, id);
    let term: Term = { type: 'var', name: id.value, loc: id.loc };
    this.lastBracket = false;
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'punct' || t.ws) break;
      this.lastBracket = t.value === '[';
      if (t.value === '.') {
        this.next();
        if (this.peek().ws) this.fail('unexpected whitespace after .');
        const seg = this.ident();
        const s: Term = { type: 'scalar', value: seg.value, loc: seg.loc };
        term = appendPath(term, s);
      } else if (t.value === '[') {
        this.next();
        this.depth++;
        const idx = this.parseTermExpr();
        this.expect(']');
        this.depth--;
        term = appendPath(term, idx);
      } else break;
    }
    return term;
  }
}

function appendPath(term: Term, seg: Term): Term {
  if (term.type === 'ref') return { ...term, path: [...term.path, seg] };
  return { type: 'ref', head: term, path: [seg], loc: term.loc };
}

function trueLiteral(loc: Location): Literal {
  return {
    expr: { type: 'term', term: { type: 'scalar', value: true, loc } },
    negated: false,
    withs: [],
    loc,
    text: 'true',
  };
}

function call(op: string, args: Term[], loc: Location): Term {
  return { type: 'call', op, opTerm: { type: 'var', name: op, loc }, args, loc };
}

function opName(t: Term): string | undefined {
  if (t.type === 'var') return t.name;
  if (t.type === 'ref' && t.head.type === 'var') {
    const parts = [t.head.name];
    for (const p of t.path) {
      if (p.type !== 'scalar' || typeof p.value !== 'string') return undefined;
      parts.push(p.value);
    }
    return parts.join('.');
  }
  return undefined;
}

function refTerms(t: Term): Term[] {
  if (t.type === 'var') return [t];
  if (t.type === 'ref') return [t.head, ...t.path];
  return [t];
}

function refToPath(t: Term, fail: (m: string) => never): string[] {
  return refTerms(t).map((x) => {
    if (x.type === 'var') return x.name;
    if (x.type === 'scalar' && typeof x.value === 'string') return x.value;
    return fail('package path must be made of strings');
  });
}

export function parseModule(text: string, file: string, opts: ParseOptions = {}): Module {
  const p = new Parser(text, file, !opts.v0Compatible);
  return p.parseModule();
}

export function parseQuery(text: string, opts: ParseOptions & { file?: string } = {}): Body {
  const p = new Parser(text, opts.file ?? '', !opts.v0Compatible);
  return p.parseBody();
}

/** Parses a single term (used for `input_term` style inputs). */
export function parseTermText(text: string): Term {
  const p = new Parser(text, '', true);
  const t = p.parseTermExpr();
  if (p.peek().kind !== 'eof') p.fail('expected end of term');
  return t;
}
