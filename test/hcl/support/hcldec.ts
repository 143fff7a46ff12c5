/**
 * A small interpreter for the hcldec spec files of the HCL spec suite (literal, object,
 * attr, block, block_list, block_map), enough to decode the suite's inputs with our parser
 * and evaluator.
 */
import type { Value } from '../../../src/iac/types.js';
import { evaluate, type Block, type Body, type EvalContext } from '../../../src/iac/hcl/index.js';

export interface DecodeError {
  message: string;
  line: number;
  column: number;
}

function ctxOf(vars: { [k: string]: Value }): EvalContext {
  return { lookup: (name) => (name in vars ? vars[name] : undefined) };
}

function attrValue(body: Body, name: string, vars: { [k: string]: Value }): Value | undefined {
  const a = body.attributes.find((x) => x.name === name);
  return a ? evaluate(a.expr, ctxOf(vars)) : undefined;
}

function childSpecName(spec: Block): string {
  const t = spec.body.attributes.find((a) => a.name === 'block_type');
  if (t) return evaluate(t.expr, ctxOf({})) as string;
  return spec.labels[0] ?? '';
}

function innerSpec(spec: Block): Block | undefined {
  return spec.body.blocks[0];
}

export function decode(
  spec: Block,
  body: Body,
  vars: { [k: string]: Value },
  errors: DecodeError[],
): Value {
  switch (spec.type) {
    case 'literal':
      return attrValue(spec.body, 'value', vars) ?? null;
    case 'object':
      return decodeObject(spec, body, vars, errors);
    case 'block':
    case 'block_list':
    case 'block_map':
      return decodeBlocks(spec, body, vars, errors);
    default:
      throw new Error(`unsupported hcldec spec "${spec.type}"`);
  }
}

function decodeObject(
  spec: Block,
  body: Body,
  vars: { [k: string]: Value },
  errors: DecodeError[],
): Value {
  const attrs = new Set<string>();
  const blocks = new Set<string>();
  for (const child of spec.body.blocks) {
    if (child.type === 'attr') attrs.add(child.labels[0] ?? '');
    else blocks.add(childSpecName(child));
  }
  for (const a of body.attributes) {
    if (!attrs.has(a.name)) {
      errors.push({ message: `Unsupported argument "${a.name}"`, ...at(a.nameRange.start) });
    }
  }
  for (const b of body.blocks) {
    if (!blocks.has(b.type)) {
      errors.push({ message: `Unsupported block type "${b.type}"`, ...at(b.typeRange.start) });
    }
  }
  const out: { [k: string]: Value } = {};
  for (const child of spec.body.blocks) {
    if (child.type === 'attr') {
      const name = child.labels[0] ?? '';
      const a = body.attributes.find((x) => x.name === name);
      out[name] = a ? evaluate(a.expr, ctxOf(vars)) : null;
    } else {
      out[childSpecName(child)] = decodeBlocks(child, body, vars, errors);
    }
  }
  return out;
}

function at(p: { line: number; column: number }): { line: number; column: number } {
  return { line: p.line, column: p.column };
}

function decodeBlocks(
  spec: Block,
  body: Body,
  vars: { [k: string]: Value },
  errors: DecodeError[],
): Value {
  const type = childSpecName(spec);
  const inner = innerSpec(spec);
  const found = body.blocks.filter((b) => b.type === type);
  const one = (b: Block): Value => (inner ? decode(inner, b.body, vars, errors) : null);
  if (spec.type === 'block') return found[0] ? one(found[0]) : null;
  if (spec.type === 'block_list') return found.map(one);
  const labels = (attrValue(spec.body, 'labels', vars) as string[] | undefined) ?? [];
  const out: { [k: string]: Value } = {};
  for (const b of found) {
    let node = out;
    labels.forEach((_, i) => {
      const key = b.labels[i] ?? '';
      if (i === labels.length - 1) node[key] = one(b);
      else node = (node[key] ??= {}) as { [k: string]: Value };
    });
  }
  return out;
}
