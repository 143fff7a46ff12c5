/**
 * Evaluates HCL expressions with Terraform's semantics over `Value`.
 * Unknown propagates through every operation (the first Unknown keeps its reason and ref).
 * Errors throw EvalError inside; `evaluateSafe` turns them into a result for callers.
 */
import { Unknown, computedMark, type Value } from '../types.js';
import type { Expression, Range, TemplatePart } from './ast.js';
import { BUILTINS } from './functions/index.js';
import { setTemplateEvaluator } from './functions/files.js';
import type { HclFunction } from './functions/types.js';
import {
  ValueError,
  firstUnknown,
  isObjectValue,
  sortedKeys,
  toBool,
  toNum,
  toStr,
  typeName,
  valuesEqual,
  type ValueObject,
} from './values.js';

export type { HclFunction } from './functions/types.js';

export interface EvalContext {
  /**
   * Resolve a root name (var, local, each, count, module, path, terraform, self, data, or
   * a resource type like aws_s3_bucket). Return undefined when the name is unknown (the
   * evaluator then reports an error). May be called lazily and repeatedly.
   */
  lookup(name: string, range: Range): Value | undefined;
  /** Extra or overriding functions (e.g. file(), templatefile() need the module dir). */
  functions?: Record<string, HclFunction>;
}

export class EvalError extends Error {
  readonly code = 'CW-HCL-100';
  constructor(
    message: string,
    readonly range: Range,
  ) {
    super(message);
    this.name = 'EvalError';
  }
}

export function isEvalError(e: unknown): e is EvalError {
  return e instanceof EvalError;
}

/** Evaluates `expr`; throws EvalError on errors (wrong types, missing attributes, ...). */
export function evaluate(expr: Expression, ctx: EvalContext): Value {
  return new Evaluator(ctx).eval(expr, undefined);
}

/** Evaluates `expr` without throwing: either the value or the error. */
export function evaluateSafe(
  expr: Expression,
  ctx: EvalContext,
): { value: Value } | { error: EvalError } {
  try {
    return { value: evaluate(expr, ctx) };
  } catch (e) {
    if (e instanceof EvalError) return { error: e };
    if (e instanceof RangeError) {
      return {
        error: new EvalError(`Expression too complex to evaluate: ${e.message}`, expr.range),
      };
    }
    throw e;
  }
}

/** Local names from `for` expressions and the current splat element. */
interface Scope {
  readonly vars: Map<string, Value>;
  readonly parent: Scope | undefined;
  readonly splat?: Value;
}

function findVar(scope: Scope | undefined, name: string): { value: Value } | undefined {
  for (let s = scope; s; s = s.parent) {
    if (s.vars.has(name)) return { value: s.vars.get(name) as Value };
  }
  return undefined;
}

function setKey(o: ValueObject, key: string, value: Value): void {
  if (key === '__proto__') {
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    o[key] = value;
  }
}

function isUnknown(v: Value): v is Unknown {
  return v instanceof Unknown;
}

/**
 * A resource attribute that was written but is unknown (`name = "${data.x.id}-user"`,
 * `bucket = "data-${random_id.s.hex}"`) is read as `aws_iam_user.u.name` by others. The
 * reference they wrote is what links them to the resource, so it becomes the ref unless the
 * value already points at another AWS resource (`bucket = aws_s3_bucket.b.id`, read through
 * a split resource, links to the bucket). Data sources and other providers' resources
 * (random_id, time_static) never own AWS settings.
 */
function readResourceAttr(obj: Value, name: string, value: Value): Value {
  if (!isUnknown(value)) return value;
  const mark = computedMark(obj);
  if (!mark || (value.ref && isAwsResource(value.ref.address))) return value;
  return new Unknown(
    value.reason,
    { address: mark.address, attribute: name },
    value.candidates,
    value.partial,
  );
}

/**
 * An unknown standing for all instances of a resource whose count is not known yet: its ref
 * names the resource with attribute `*` (set by the Terraform loader).
 */
function wholeResource(u: Unknown): boolean {
  return u.ref !== undefined && u.ref.attribute === '*';
}

function attributeOf(u: Unknown, name: string): Unknown {
  return new Unknown(u.reason, {
    address: (u.ref as { address: string }).address,
    attribute: name,
  });
}

/** Stands for an unknown interpolation in template text; not valid JSON outside a string. */
function hole(i: number): string {
  return `\u2063${i}\u2063`;
}

const HOLE = /\u2063(\d+)\u2063/;

/**
 * The JSON document a template renders to when every unknown interpolation sits inside a
 * string: those strings become the unknown they contain. Undefined when the text is not a
 * JSON object or array, when an unknown is outside a string, or when it is in a key.
 */
function jsonShape(text: string, holes: readonly Unknown[]): Value | undefined {
  const start = text.trimStart()[0];
  if (start !== '{' && start !== '[') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  let valid = true;
  const convert = (v: unknown): Value => {
    if (typeof v === 'string') {
      const m = HOLE.exec(v);
      return m ? (holes[Number(m[1])] as Unknown) : v;
    }
    if (Array.isArray(v)) return v.map(convert);
    if (v !== null && typeof v === 'object') {
      const out: ValueObject = {};
      for (const [k, item] of Object.entries(v)) {
        if (HOLE.test(k)) valid = false;
        setKey(out, k, convert(item));
      }
      return out;
    }
    return v as Value;
  };
  const shape = convert(parsed);
  return valid ? shape : undefined;
}

/** `aws_s3_bucket.b` or `module.m["k"].aws_s3_bucket.b`, not `data.aws_x.y` nor `random_id.s`. */
function isAwsResource(address: string): boolean {
  return address.replace(/^(module\.[^.[]+(\[[^\]]*\])?\.)+/, '').startsWith('aws_');
}

class Evaluator {
  constructor(private readonly ctx: EvalContext) {}

  private err(message: string, range: Range): never {
    throw new EvalError(message, range);
  }

  /** Runs a conversion, turning ValueError into EvalError at `range`. */
  private conv<T>(range: Range, f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof ValueError) this.err(e.message, range);
      throw e;
    }
  }

  eval(expr: Expression, scope: Scope | undefined): Value {
    const value = this.evalKind(expr, scope);
    // candidates describe a value passed through unchanged; any operation on it
    // (an attribute, a function, an operator) makes them meaningless
    if (value instanceof Unknown && value.candidates && !PASS_THROUGH.has(expr.kind)) {
      return new Unknown(value.reason, value.ref);
    }
    return value;
  }

  private evalKind(expr: Expression, scope: Scope | undefined): Value {
    switch (expr.kind) {
      case 'literal':
        return expr.value;
      case 'parens':
        return this.eval(expr.expr, scope);
      case 'variable':
        return this.variable(expr.name, expr.range, scope);
      case 'splatItem': {
        for (let s = scope; s; s = s.parent) if ('splat' in s) return s.splat as Value;
        return this.err('Splat element used outside a splat expression', expr.range);
      }
      case 'getAttr':
        return this.getAttr(this.eval(expr.object, scope), expr.name, expr.range);
      case 'index':
        return this.index(this.eval(expr.object, scope), this.eval(expr.key, scope), expr.range);
      case 'splat':
        return this.splat(expr.source, expr.each, scope);
      case 'tuple':
        return expr.items.map((i) => this.eval(i, scope));
      case 'object':
        return this.object(expr, scope);
      case 'template':
        return this.template(expr.parts, scope, true, expr.range);
      case 'call':
        return this.call(expr, scope);
      case 'for':
        return this.forExpr(expr, scope);
      case 'conditional':
        return this.conditional(expr, scope);
      case 'unary':
        return this.unary(expr.op, this.eval(expr.operand, scope), expr.range);
      case 'binary':
        return this.binary(expr, scope);
    }
  }

  private variable(name: string, range: Range, scope: Scope | undefined): Value {
    const local = findVar(scope, name);
    if (local) return local.value;
    const v = this.ctx.lookup(name, range);
    if (v === undefined)
      return this.err(`Unknown variable: there is no variable named "${name}"`, range);
    return v;
  }

  getAttr(obj: Value, name: string, range: Range): Value {
    if (isUnknown(obj)) return wholeResource(obj) ? attributeOf(obj, name) : obj;
    if (obj === null)
      return this.err(`Attempt to get attribute "${name}" from a null value`, range);
    if (isObjectValue(obj)) {
      if (Object.prototype.hasOwnProperty.call(obj, name)) {
        return readResourceAttr(obj, name, obj[name] as Value);
      }
      const mark = computedMark(obj);
      if (mark) {
        return new Unknown(`${mark.address}.${name} is known only after apply`, {
          address: mark.address,
          attribute: name,
        });
      }
      return this.err(
        `Unsupported attribute: this object does not have an attribute named "${name}"`,
        range,
      );
    }
    return this.err(`Unsupported attribute "${name}": a ${typeName(obj)} has no attributes`, range);
  }

  index(coll: Value, key: Value, range: Range): Value {
    if (isUnknown(coll)) return coll;
    if (isUnknown(key)) return key;
    if (coll === null) return this.err('Attempt to index a null value', range);
    if (Array.isArray(coll)) {
      const n = this.conv(range, () => toNum(key, 'index'));
      if (!Number.isInteger(n) || n < 0 || n >= coll.length) {
        return this.err(
          `Invalid index: the given key ${n} does not identify an element (length ${coll.length})`,
          range,
        );
      }
      return coll[n] as Value;
    }
    if (isObjectValue(coll)) {
      const k = this.conv(range, () => toStr(key, 'key'));
      if (Object.prototype.hasOwnProperty.call(coll, k)) {
        return readResourceAttr(coll, k, coll[k] as Value);
      }
      const mark = computedMark(coll);
      if (mark) {
        return new Unknown(`${mark.address}["${k}"] is known only after apply`, {
          address: mark.address,
          attribute: k,
        });
      }
      return this.err(`Invalid index: the given key "${k}" does not identify an element`, range);
    }
    return this.err(`Invalid index: a ${typeName(coll)} cannot be indexed`, range);
  }

  private splat(sourceExpr: Expression, each: Expression, scope: Scope | undefined): Value {
    const source = this.eval(sourceExpr, scope);
    // `aws_x.y[*].id` over instances not known yet: the unknown names the attribute read
    if (isUnknown(source) && wholeResource(source)) {
      return this.eval(each, { vars: new Map(), parent: scope, splat: source });
    }
    if (isUnknown(source)) return source;
    if (source === null) return [];
    const items = Array.isArray(source) ? source : [source];
    return items.map((item) => this.eval(each, { vars: new Map(), parent: scope, splat: item }));
  }

  private object(expr: Extract<Expression, { kind: 'object' }>, scope: Scope | undefined): Value {
    const out: ValueObject = {};
    let unknownKey: Unknown | undefined;
    for (const item of expr.items) {
      const k = this.eval(item.key, scope);
      const v = this.eval(item.value, scope);
      if (isUnknown(k)) {
        unknownKey ??= k;
        continue;
      }
      if (k === null) return this.err('Invalid object key: a key must not be null', item.key.range);
      const key = this.conv(item.key.range, () => toStr(k, 'object key'));
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        return this.err(`Duplicate object attribute "${key}"`, item.key.range);
      }
      setKey(out, key, v);
    }
    return unknownKey ?? out;
  }

  private template(
    parts: TemplatePart[],
    scope: Scope | undefined,
    top: boolean,
    range: Range,
  ): Value {
    // a template that is just one interpolation gives the value itself
    if (top && parts.length === 1 && parts[0]?.kind === 'interp')
      return this.eval(parts[0].expr, scope);
    let out = '';
    const holes: Unknown[] = [];
    for (const part of parts) {
      const v = this.part(part, scope);
      out += isUnknown(v) ? hole(holes.push(v) - 1) : v;
    }
    void range;
    const unknown = holes[0];
    if (!unknown) return out;
    // JSON text with unknown strings inside (a heredoc policy naming a computed ARN) is
    // unknown as text, but its structure is known: keep it, as jsonencode() does
    const shape = top ? jsonShape(out, holes) : undefined;
    if (shape !== undefined) return new Unknown(unknown.reason, unknown.ref, undefined, shape);
    if (unknown.candidates) return new Unknown(unknown.reason, unknown.ref);
    return unknown;
  }

  private part(part: TemplatePart, scope: Scope | undefined): string | Unknown {
    switch (part.kind) {
      case 'literal':
        return part.value;
      case 'interp': {
        const v = this.eval(part.expr, scope);
        if (isUnknown(v)) return v;
        if (v === null) {
          return this.err(
            'Invalid template interpolation value: the expression result is null',
            part.range,
          );
        }
        if (typeof v === 'object') {
          return this.err(
            `Invalid template interpolation value: cannot include a ${typeName(v)} in a string template`,
            part.range,
          );
        }
        return this.conv(part.range, () => toStr(v));
      }
      case 'if': {
        const c = this.eval(part.condition, scope);
        if (isUnknown(c)) return c;
        const b = this.conv(part.condition.range, () => toBool(c, 'condition'));
        const v = this.template(b ? part.then : part.else, scope, false, part.range);
        return v as string | Unknown;
      }
      case 'for': {
        const coll = this.eval(part.collection, scope);
        if (isUnknown(coll)) return coll;
        let out = '';
        for (const [k, v] of this.iterate(coll, part.collection.range)) {
          const vars = new Map<string, Value>([[part.valueVar, v]]);
          if (part.keyVar !== undefined) vars.set(part.keyVar, k);
          const s = this.template(part.body, { vars, parent: scope }, false, part.range);
          if (isUnknown(s)) return s;
          out += s as string;
        }
        return out;
      }
    }
  }

  /** Key/value pairs of a collection: index order for tuples, sorted keys for objects. */
  private iterate(coll: Value, range: Range): [Value, Value][] {
    if (Array.isArray(coll)) return coll.map((v, i) => [i, v]);
    if (isObjectValue(coll)) return sortedKeys(coll).map((k) => [k, coll[k] as Value]);
    if (coll === null) return this.err('Cannot iterate over a null value', range);
    return this.err(`Cannot iterate over a ${typeName(coll)} value`, range);
  }

  private forExpr(expr: Extract<Expression, { kind: 'for' }>, scope: Scope | undefined): Value {
    const coll = this.eval(expr.collection, scope);
    if (isUnknown(coll)) return coll;
    const pairs = this.iterate(coll, expr.collection.range);
    const tuple: Value[] = [];
    const obj: ValueObject = {};
    const groups = new Map<string, Value[]>();
    for (const [k, v] of pairs) {
      const vars = new Map<string, Value>([[expr.valueVar, v]]);
      if (expr.keyVar !== undefined) vars.set(expr.keyVar, k);
      const inner: Scope = { vars, parent: scope };
      if (expr.condition) {
        const c = this.eval(expr.condition, inner);
        if (isUnknown(c)) return c;
        if (!this.conv(expr.condition.range, () => toBool(c, 'for condition'))) continue;
      }
      if (!expr.keyExpr) {
        tuple.push(this.eval(expr.valueExpr, inner));
        continue;
      }
      const kv = this.eval(expr.keyExpr, inner);
      if (isUnknown(kv)) return kv;
      if (kv === null)
        return this.err(
          'Invalid object key: a for expression key must not be null',
          expr.keyExpr.range,
        );
      const key = this.conv(expr.keyExpr.range, () => toStr(kv, 'object key'));
      const val = this.eval(expr.valueExpr, inner);
      if (expr.grouped) {
        const g = groups.get(key);
        if (g) g.push(val);
        else groups.set(key, [val]);
      } else {
        if (Object.prototype.hasOwnProperty.call(obj, key)) {
          return this.err(
            `Duplicate object key "${key}": use "..." after the value to group values by key`,
            expr.keyExpr.range,
          );
        }
        setKey(obj, key, val);
      }
    }
    if (!expr.keyExpr) return tuple;
    if (expr.grouped) for (const [k, g] of groups) setKey(obj, k, g);
    return obj;
  }

  private conditional(
    expr: Extract<Expression, { kind: 'conditional' }>,
    scope: Scope | undefined,
  ): Value {
    const c = this.eval(expr.condition, scope);
    if (isUnknown(c)) {
      // both branches the same known value: the result does not depend on the condition
      try {
        const a = this.eval(expr.trueExpr, scope);
        const b = this.eval(expr.falseExpr, scope);
        if (!firstUnknown(a) && !firstUnknown(b) && valuesEqual(a, b)) return a;
        // otherwise keep both branches as the candidates of the unknown, so that a rule
        // that accepts every branch can still decide (`kms ? "aws:kms" : "AES256"`)
        const candidates = [...branchCandidates(a), ...branchCandidates(b)];
        if (candidates.every((v) => v !== undefined)) {
          return new Unknown(c.reason, c.ref, candidates as Value[]);
        }
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
      }
      return c;
    }
    const b = this.conv(expr.condition.range, () => toBool(c, 'condition'));
    return this.eval(b ? expr.trueExpr : expr.falseExpr, scope);
  }

  private unary(op: '-' | '!', v: Value, range: Range): Value {
    if (isUnknown(v)) return v;
    if (op === '-') return -this.conv(range, () => toNum(v, 'operand'));
    return !this.conv(range, () => toBool(v, 'operand'));
  }

  private binary(expr: Extract<Expression, { kind: 'binary' }>, scope: Scope | undefined): Value {
    const { op, range } = expr;
    const left = this.eval(expr.left, scope);
    if (op === '&&' || op === '||') {
      // both sides are evaluated; an unknown on either side makes the result unknown.
      // An error on the right is ignored only when a known left side decides the result.
      let right: Value;
      try {
        right = this.eval(expr.right, scope);
      } catch (e) {
        if (e instanceof EvalError && !isUnknown(left) && left !== null) {
          const l = this.conv(expr.left.range, () => toBool(left, 'operand'));
          if ((op === '&&' && !l) || (op === '||' && l)) return l;
        }
        throw e;
      }
      if (isUnknown(left)) return left;
      if (isUnknown(right)) return right;
      const l = this.conv(expr.left.range, () => toBool(left, 'operand'));
      const r = this.conv(expr.right.range, () => toBool(right, 'operand'));
      return op === '&&' ? l && r : l || r;
    }
    const right = this.eval(expr.right, scope);
    if (op === '==' || op === '!=') {
      const u = firstUnknown(left) ?? firstUnknown(right);
      if (u) return u;
      const eq = valuesEqual(left, right);
      return op === '==' ? eq : !eq;
    }
    if (isUnknown(left)) return left;
    if (isUnknown(right)) return right;
    const a = this.conv(expr.left.range, () => toNum(left, 'operand'));
    const b = this.conv(expr.right.range, () => toNum(right, 'operand'));
    switch (op) {
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      case '>=':
        return a >= b;
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        if (b === 0) return this.err('Division by zero', range);
        return a / b;
      case '%':
        if (b === 0) return this.err('Modulo by zero', range);
        return a % b;
    }
  }

  private call(expr: Extract<Expression, { kind: 'call' }>, scope: Scope | undefined): Value {
    const name = expr.name;
    if (name === 'try') return this.tryCall(expr, scope);
    if (name === 'can') return this.canCall(expr, scope);
    const fn =
      this.ctx.functions?.[name] ?? (Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined);
    if (!fn) {
      if (name.includes('::')) {
        return new Unknown(`provider function ${name}() is not evaluated by crosswalk`);
      }
      return this.err(`Call to unknown function "${name}"`, expr.nameRange);
    }
    let args = expr.args.map((a) => this.eval(a, scope));
    if (expr.expandFinal) {
      const last = args.pop();
      if (last === undefined) return this.err('Missing argument before "..."', expr.range);
      if (isUnknown(last)) return last;
      if (!Array.isArray(last)) {
        return this.err(`The expanded argument to "${name}" must be a list or tuple`, expr.range);
      }
      args = [...args, ...last];
    }
    const policy = fn.unknowns ?? 'deep';
    if (policy !== 'none') {
      for (const a of args) {
        const u = policy === 'deep' ? firstUnknown(a) : isUnknown(a) ? a : undefined;
        if (u) {
          // an encoded document with unknown leaves is unknown as text, but its shape is
          // known: keep it so that readers of policies can still judge the known parts
          if (ENCODERS.has(name) && !isUnknown(a))
            return new Unknown(u.reason, u.ref, undefined, a);
          return u;
        }
      }
    }
    try {
      return fn(args);
    } catch (e) {
      if (e instanceof EvalError) throw e;
      if (e instanceof Error && !(e instanceof RangeError && /call stack/.test(e.message))) {
        return this.err(`Call to function "${name}" failed: ${e.message}`, expr.range);
      }
      throw e;
    }
  }

  /** try(): the first argument that evaluates without error; unknown stays unknown. */
  private tryCall(expr: Extract<Expression, { kind: 'call' }>, scope: Scope | undefined): Value {
    if (expr.args.length === 0) return this.err('try() needs at least one argument', expr.range);
    const errors: string[] = [];
    for (const a of expr.args) {
      try {
        const v = this.eval(a, scope);
        const u = firstUnknown(v);
        // an unknown might still turn out to be an error once known
        return u ?? v;
      } catch (e) {
        if (!(e instanceof EvalError)) throw e;
        errors.push(e.message);
      }
    }
    return this.err(`No expression in try() succeeded: ${errors.join('; ')}`, expr.range);
  }

  private canCall(expr: Extract<Expression, { kind: 'call' }>, scope: Scope | undefined): Value {
    if (expr.args.length !== 1) return this.err('can() takes exactly one argument', expr.range);
    try {
      const v = this.eval(expr.args[0] as Expression, scope);
      return firstUnknown(v) ?? true;
    } catch (e) {
      if (!(e instanceof EvalError)) throw e;
      return false;
    }
  }
}

// templatefile() evaluates its template with only the given variables in scope.
setTemplateEvaluator((template, vars) =>
  evaluate(template, {
    lookup: (name) => (Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : undefined),
  }),
);

/** Functions whose result is a text encoding of their argument. */
const ENCODERS = new Set(['jsonencode', 'yamlencode']);

/** Expression kinds that hand a value on as it is. */
const PASS_THROUGH = new Set<Expression['kind']>(['conditional', 'parens', 'variable', 'template']);

/** The possible known values of a branch: itself, or an unknown's candidates. */
function branchCandidates(v: Value): (Value | undefined)[] {
  if (isUnknown(v)) return v.candidates ? [...v.candidates] : [undefined];
  return firstUnknown(v) ? [undefined] : [v];
}
