/**
 * The builtin contract: how builtins are declared (typed arguments as data), how they are
 * called, and how they fail. Families of builtins live in sibling files and are gathered
 * by index.ts.
 */
import { RegoObject, RegoSet, typeName, type RegoValue } from '../value.js';

/** Argument and result types, in the shape OPA's type checker uses. */
export type TypeSpec =
  | { readonly kind: 'any' }
  | { readonly kind: 'null' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'number'; readonly integer?: boolean }
  | { readonly kind: 'string' }
  | { readonly kind: 'array'; readonly of?: TypeSpec }
  | { readonly kind: 'set'; readonly of?: TypeSpec }
  | { readonly kind: 'object'; readonly key?: TypeSpec; readonly value?: TypeSpec }
  | { readonly kind: 'union'; readonly of: readonly TypeSpec[] };

/** Constructors for TypeSpec, so declarations read like OPA's signatures. */
export const T = {
  any: { kind: 'any' } as TypeSpec,
  null: { kind: 'null' } as TypeSpec,
  boolean: { kind: 'boolean' } as TypeSpec,
  number: { kind: 'number' } as TypeSpec,
  /** A number that must be integral ("must be integer number but got floating-point number"). */
  int: { kind: 'number', integer: true } as TypeSpec,
  string: { kind: 'string' } as TypeSpec,
  array: (of?: TypeSpec): TypeSpec => (of ? { kind: 'array', of } : { kind: 'array' }),
  set: (of?: TypeSpec): TypeSpec => (of ? { kind: 'set', of } : { kind: 'set' }),
  object: (key?: TypeSpec, value?: TypeSpec): TypeSpec => ({ kind: 'object', key, value }),
  union: (...of: TypeSpec[]): TypeSpec => ({ kind: 'union', of }),
};

export interface BuiltinContext {
  /** Nanoseconds since the epoch; stable for the whole query. */
  now(): bigint;
  print(msg: string): void;
  strict: boolean;
  /** Per-query memo for builtins that must answer the same within a query (uuid, rand). */
  cache?: Map<string, RegoValue>;
}

const perContext = new WeakMap<BuiltinContext, Map<string, RegoValue>>();

/**
 * The per-query memo: ctx.cache when the evaluator provides one, else a map tied to the
 * context object (so one context per query is enough for stable uuid/rand answers).
 */
export function queryCache(ctx: BuiltinContext): Map<string, RegoValue> {
  if (ctx.cache) return ctx.cache;
  let m = perContext.get(ctx);
  if (!m) {
    m = new Map();
    perContext.set(ctx, m);
  }
  return m;
}

/** Returns undefined for an undefined result. */
export type BuiltinImpl = (args: RegoValue[], ctx: BuiltinContext) => RegoValue | undefined;

export interface BuiltinDecl {
  name: string;
  args: TypeSpec[];
  result: TypeSpec;
  category: string;
  impl?: BuiltinImpl;
  /** A relation (walk): impl returns an array whose elements are the separate results. */
  relation?: boolean;
  nondeterministic?: boolean;
  /** Deprecated in OPA (v0 only); the compiler may reject it in v1 / strict mode. */
  deprecated?: boolean;
  /** Accepts any number of arguments of this type after `args` (print). */
  variadic?: TypeSpec;
  /** Infix form, for operators (`+`, `==`, `&` ...). */
  infix?: string;
}

export type BuiltinErrorCode = 'eval_builtin_error' | 'eval_type_error';

export class BuiltinError extends Error {
  constructor(
    readonly code: BuiltinErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BuiltinError';
  }
}

/** OPA's wording of a type: `number`, `array`, `one of {string, set}`. */
export function specName(spec: TypeSpec): string {
  if (spec.kind === 'union') return 'one of {' + spec.of.map(specName).join(', ') + '}';
  return spec.kind;
}

function matchesKind(spec: TypeSpec, v: RegoValue): boolean {
  switch (spec.kind) {
    case 'any':
      return true;
    case 'union':
      return spec.of.some((s) => matchesKind(s, v));
    default:
      return typeName(v) === spec.kind;
  }
}

/** The union member (or the spec itself) whose kind matches v. */
function pick(spec: TypeSpec, v: RegoValue): TypeSpec | undefined {
  if (spec.kind !== 'union') return matchesKind(spec, v) ? spec : undefined;
  for (const s of spec.of) {
    const p = pick(s, v);
    if (p) return p;
  }
  return undefined;
}

function plural(spec: TypeSpec): string {
  if (spec.kind === 'union') return '(any of) {' + spec.of.map(specName).join(', ') + '}';
  return spec.kind + 's';
}

export function typeError(name: string, message: string): BuiltinError {
  return new BuiltinError('eval_type_error', `${name}: ${message}`);
}

export function builtinError(name: string, message: string): BuiltinError {
  return new BuiltinError('eval_builtin_error', `${name}: ${message}`);
}

/** Checks one operand (1-based position) and throws OPA's eval_type_error on a mismatch. */
export function checkOperand(name: string, pos: number, spec: TypeSpec, v: RegoValue): void {
  const p = pick(spec, v);
  if (!p) throw typeError(name, `operand ${pos} must be ${specName(spec)} but got ${typeName(v)}`);
  if (p.kind === 'number' && p.integer && !Number.isInteger(v)) {
    throw typeError(name, `operand ${pos} must be integer number but got floating-point number`);
  }
  if ((p.kind === 'array' || p.kind === 'set') && p.of && p.of.kind !== 'any') {
    const elems = Array.isArray(v) ? (v as readonly RegoValue[]) : (v as RegoSet).values();
    for (const e of elems) {
      if (!matchesKind(p.of, e)) {
        const t = p.kind;
        throw typeError(
          name,
          `operand ${pos} must be ${t} of ${plural(p.of)} but got ${t} containing ${typeName(e)}`,
        );
      }
    }
  }
}

/** Checks arity and operand types against the declaration. */
export function checkArgs(decl: BuiltinDecl, args: readonly RegoValue[]): void {
  const n = decl.args.length;
  if (decl.variadic ? args.length < n : args.length !== n) {
    throw typeError(decl.name, `arity mismatch: expected ${n} arguments but got ${args.length}`);
  }
  for (let i = 0; i < args.length; i++) {
    const spec = i < n ? decl.args[i]! : decl.variadic!;
    checkOperand(decl.name, i + 1, spec, args[i]!);
  }
}

// Narrowing helpers for implementations: after checkArgs the casts are safe.
export const str = (v: RegoValue | undefined): string => v as string;
export const num = (v: RegoValue | undefined): number => v as number;
export const arr = (v: RegoValue | undefined): readonly RegoValue[] => v as readonly RegoValue[];
export const obj = (v: RegoValue | undefined): RegoObject => v as RegoObject;
export const set = (v: RegoValue | undefined): RegoSet => v as RegoSet;

/** Elements of an array or set (sets in sorted order), or values of an object. */
export function elements(v: RegoValue): RegoValue[] {
  if (Array.isArray(v)) return [...(v as readonly RegoValue[])];
  if (v instanceof RegoSet) return v.sorted();
  if (v instanceof RegoObject) return v.values();
  return [];
}

/** Small builder so that family files declare builtins as compact data. */
export function def(
  name: string,
  args: TypeSpec[],
  result: TypeSpec,
  category: string,
  impl?: BuiltinImpl,
  extra: Partial<BuiltinDecl> = {},
): BuiltinDecl {
  return { name, args, result, category, impl, ...extra };
}
