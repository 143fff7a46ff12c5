/**
 * Converts a parsed body to the JSON shape the hcl2json tool produces, which Rego policies
 * written for Terraform source expect: a block `resource "t" "n" { ... }` becomes
 * `resource: { t: { n: [ {...} ] } }`, nested blocks become lists of objects, literal values
 * stay values, and any other expression becomes its source text wrapped in `${...}`.
 */
import { expressionText, type Body, type Expression } from '../hcl/index.js';
import type { Value } from '../types.js';

type JsonObject = { [key: string]: Value };

export function toHcl2Json(body: Body): JsonObject {
  const out: JsonObject = {};
  for (const attr of body.attributes) out[attr.name] = expressionJson(attr.expr);
  for (const block of body.blocks) {
    // Walk down the labels, creating objects, and append the body to the innermost list.
    let holder: JsonObject = out;
    let key = block.type;
    for (const label of block.labels) {
      const next = holder[key];
      const obj: JsonObject =
        next !== null && typeof next === 'object' && !Array.isArray(next)
          ? (next as JsonObject)
          : {};
      holder[key] = obj;
      holder = obj;
      key = label;
    }
    const list = holder[key];
    const arr: Value[] = Array.isArray(list) ? list : [];
    arr.push(toHcl2Json(block.body));
    holder[key] = arr;
  }
  return out;
}

function expressionJson(expr: Expression): Value {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'tuple':
      return expr.items.map(expressionJson);
    case 'object': {
      const obj: JsonObject = {};
      for (const item of expr.items) {
        const key =
          item.key.kind === 'literal' ? String(item.key.value) : `\${${expressionText(item.key)}}`;
        obj[key] = expressionJson(item.value);
      }
      return obj;
    }
    case 'parens':
      return expressionJson(expr.expr);
    case 'unary':
      if (
        expr.op === '-' &&
        expr.operand.kind === 'literal' &&
        typeof expr.operand.value === 'number'
      ) {
        return -expr.operand.value;
      }
      return `\${${expressionText(expr)}}`;
    case 'template': {
      // A quoted template keeps its text as written; hcl2json does the same.
      const text = expressionText(expr);
      return text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
    }
    default:
      return `\${${expressionText(expr)}}`;
  }
}
