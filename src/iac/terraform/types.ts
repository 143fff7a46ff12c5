/**
 * Variable type constraints (`type = list(string)`) and the simple conversions Terraform
 * applies to a value to meet them: string <-> number <-> bool, element-wise for
 * collections, and `optional()` attributes of object types filled with null or their
 * default. Anything fancier is passed through unchanged rather than guessed.
 */
import type { Expression } from '../hcl/index.js';
import { isUnknown, type Value } from '../types.js';

export type TypeSpec =
  | { readonly kind: 'any' | 'string' | 'number' | 'bool' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly elem: TypeSpec }
  | { readonly kind: 'tuple'; readonly elems: readonly TypeSpec[] }
  | { readonly kind: 'object'; readonly attrs: ReadonlyMap<string, ObjectAttr> };

export interface ObjectAttr {
  readonly type: TypeSpec;
  readonly optional: boolean;
  /** The optional() default, already evaluated (constants only). */
  readonly default?: Value;
}

const ANY: TypeSpec = { kind: 'any' };

/** Reads a type constraint expression; unknown forms become `any`. */
export function typeSpec(
  expr: Expression | undefined,
  constant: (e: Expression) => Value,
): TypeSpec {
  if (!expr) return ANY;
  switch (expr.kind) {
    case 'variable':
      return expr.name === 'string' || expr.name === 'number' || expr.name === 'bool'
        ? { kind: expr.name }
        : ANY;
    case 'call': {
      const [arg] = expr.args;
      if (expr.name === 'list' || expr.name === 'set' || expr.name === 'map') {
        return { kind: expr.name, elem: typeSpec(arg, constant) };
      }
      if (expr.name === 'tuple' && arg?.kind === 'tuple') {
        return { kind: 'tuple', elems: arg.items.map((i) => typeSpec(i, constant)) };
      }
      if (expr.name === 'object' && arg?.kind === 'object') {
        const attrs = new Map<string, ObjectAttr>();
        for (const item of arg.items) {
          const name = constant(item.key);
          if (typeof name !== 'string') continue;
          const v = item.value;
          if (v.kind === 'call' && v.name === 'optional') {
            const [inner, def] = v.args;
            const attr: ObjectAttr = def
              ? { type: typeSpec(inner, constant), optional: true, default: constant(def) }
              : { type: typeSpec(inner, constant), optional: true };
            attrs.set(name, attr);
          } else {
            attrs.set(name, { type: typeSpec(v, constant), optional: false });
          }
        }
        return { kind: 'object', attrs };
      }
      return ANY;
    }
    case 'parens':
      return typeSpec(expr.expr, constant);
    default:
      return ANY;
  }
}

export type Converted = { value: Value } | { error: string };

/** Converts `value` to `type` the way Terraform would for the simple cases. */
export function convert(value: Value, type: TypeSpec): Converted {
  if (value === null || isUnknown(value)) return { value };
  switch (type.kind) {
    case 'any':
      return { value };
    case 'string':
      if (typeof value === 'string') return { value };
      if (typeof value === 'number' || typeof value === 'boolean') return { value: String(value) };
      return { error: 'a string is required' };
    case 'number':
      if (typeof value === 'number') return { value };
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
        return { value: Number(value) };
      }
      return { error: 'a number is required' };
    case 'bool':
      if (typeof value === 'boolean') return { value };
      if (value === 'true' || value === 'false') return { value: value === 'true' };
      return { error: 'a bool is required' };
    case 'list':
    case 'set': {
      if (!Array.isArray(value)) return { error: `a ${type.kind} is required` };
      const out: Value[] = [];
      for (const item of value) {
        const c = convert(item, type.elem);
        if ('error' in c) return c;
        // Sets drop duplicates of known primitive values.
        if (type.kind === 'set' && out.some((o) => o === c.value && !isUnknown(o))) continue;
        out.push(c.value);
      }
      return { value: out };
    }
    case 'tuple': {
      if (!Array.isArray(value) || value.length !== type.elems.length) {
        return { error: `a tuple of ${type.elems.length} elements is required` };
      }
      const out: Value[] = [];
      for (const [i, item] of value.entries()) {
        const c = convert(item, type.elems[i] ?? ANY);
        if ('error' in c) return c;
        out.push(c.value);
      }
      return { value: out };
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return { error: 'a map is required' };
      const out: { [key: string]: Value } = {};
      for (const [k, v] of Object.entries(value)) {
        const c = convert(v, type.elem);
        if ('error' in c) return c;
        out[k] = c.value;
      }
      return { value: out };
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value))
        return { error: 'an object is required' };
      const out: { [key: string]: Value } = {};
      for (const [name, attr] of type.attrs) {
        const present = Object.prototype.hasOwnProperty.call(value, name);
        const v = present ? (value[name] ?? null) : null;
        if (!present && !attr.optional) return { error: `attribute "${name}" is required` };
        const c = convert(v === null && attr.default !== undefined ? attr.default : v, attr.type);
        if ('error' in c) return c;
        out[name] = c.value;
      }
      return { value: out };
    }
  }
}

/** Whether a raw string from the command line or TF_VAR_ must be parsed as HCL. */
export function wantsExpression(type: TypeSpec): boolean {
  return type.kind !== 'any' && type.kind !== 'string';
}
