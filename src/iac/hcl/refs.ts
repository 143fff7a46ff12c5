/** Static references in expressions, and source text for messages. */
import type { Expression, Range, TemplatePart, Traversal, TraversalStep } from './ast.js';
import { SpanRange } from './positions.js';

/**
 * Every reference to a root name (`var.x`, `aws_s3_bucket.logs.id`, `each.value`) with the
 * attribute and constant index steps that follow it. Names bound by an enclosing `for`
 * are not references and are left out.
 */
export function referencesOf(expr: Expression): Traversal[] {
  const out: Traversal[] = [];
  walk(expr, new Set(), out);
  return out;
}

function walk(expr: Expression, bound: Set<string>, out: Traversal[]): void {
  switch (expr.kind) {
    case 'literal':
    case 'splatItem':
      return;
    case 'variable':
    case 'getAttr':
    case 'index': {
      const t = traversalOf(expr);
      if (t) {
        if (!bound.has(t.traversal.root)) out.push(t.traversal);
        for (const k of t.dynamicKeys) walk(k, bound, out);
        return;
      }
      if (expr.kind === 'getAttr') walk(expr.object, bound, out);
      else if (expr.kind === 'index') {
        walk(expr.object, bound, out);
        walk(expr.key, bound, out);
      }
      return;
    }
    case 'template':
      walkParts(expr.parts, bound, out);
      return;
    case 'splat':
      walk(expr.source, bound, out);
      walk(expr.each, bound, out);
      return;
    case 'tuple':
      for (const item of expr.items) walk(item, bound, out);
      return;
    case 'object':
      for (const item of expr.items) {
        if (!item.bareKey) walk(item.key, bound, out);
        walk(item.value, bound, out);
      }
      return;
    case 'call':
      for (const a of expr.args) walk(a, bound, out);
      return;
    case 'for': {
      walk(expr.collection, bound, out);
      const inner = new Set(bound);
      inner.add(expr.valueVar);
      if (expr.keyVar !== undefined) inner.add(expr.keyVar);
      if (expr.keyExpr) walk(expr.keyExpr, inner, out);
      walk(expr.valueExpr, inner, out);
      if (expr.condition) walk(expr.condition, inner, out);
      return;
    }
    case 'conditional':
      walk(expr.condition, bound, out);
      walk(expr.trueExpr, bound, out);
      walk(expr.falseExpr, bound, out);
      return;
    case 'unary':
      walk(expr.operand, bound, out);
      return;
    case 'binary':
      walk(expr.left, bound, out);
      walk(expr.right, bound, out);
      return;
    case 'parens':
      walk(expr.expr, bound, out);
      return;
  }
}

function walkParts(parts: TemplatePart[], bound: Set<string>, out: Traversal[]): void {
  for (const p of parts) {
    if (p.kind === 'interp') walk(p.expr, bound, out);
    else if (p.kind === 'if') {
      walk(p.condition, bound, out);
      walkParts(p.then, bound, out);
      walkParts(p.else, bound, out);
    } else if (p.kind === 'for') {
      walk(p.collection, bound, out);
      const inner = new Set(bound);
      inner.add(p.valueVar);
      if (p.keyVar !== undefined) inner.add(p.keyVar);
      walkParts(p.body, inner, out);
    }
  }
}

/**
 * The traversal for a chain rooted at a variable. Steps stop at the first index whose key
 * is not a literal; such keys (and the rest of the chain) are returned for walking.
 */
function traversalOf(
  expr: Expression,
): { traversal: Traversal; dynamicKeys: Expression[] } | undefined {
  const chain: Expression[] = [];
  let e: Expression = expr;
  while (e.kind === 'getAttr' || e.kind === 'index') {
    chain.push(e);
    e = e.object;
  }
  if (e.kind !== 'variable') return undefined;
  const steps: TraversalStep[] = [];
  const dynamicKeys: Expression[] = [];
  let end: Range = e.range;
  let stopped = false;
  for (let i = chain.length - 1; i >= 0; i--) {
    const step = chain[i] as Expression;
    if (step.kind === 'getAttr') {
      if (!stopped) {
        steps.push({ type: 'attr', name: step.name });
        end = step.range;
      }
    } else if (step.kind === 'index') {
      if (!stopped && step.key.kind === 'literal') {
        steps.push({ type: 'index', key: step.key.value });
        end = step.range;
      } else {
        stopped = true;
        dynamicKeys.push(step.key);
      }
    }
  }
  return {
    traversal: {
      root: e.name,
      steps,
      range: { file: e.range.file, start: e.range.start, end: end.end },
    },
    dynamicKeys,
  };
}

/** The source text of an expression, as written (re-printed when the source is not known). */
export function expressionText(expr: Expression): string {
  const r = expr.range;
  if (r instanceof SpanRange && r.endOffset > r.startOffset) return r.text();
  return print(expr);
}

function print(expr: Expression): string {
  switch (expr.kind) {
    case 'literal':
      return typeof expr.value === 'string' ? JSON.stringify(expr.value) : String(expr.value);
    case 'variable':
      return expr.name;
    case 'getAttr':
      return `${print(expr.object)}.${expr.name}`;
    case 'index':
      return `${print(expr.object)}[${print(expr.key)}]`;
    case 'splat':
      return `${print(expr.source)}[*]${print(expr.each)}`;
    case 'splatItem':
      return '';
    case 'tuple':
      return `[${expr.items.map(print).join(', ')}]`;
    case 'object':
      return `{${expr.items.map((i) => `${print(i.key)} = ${print(i.value)}`).join(', ')}}`;
    case 'call':
      return `${expr.name}(${expr.args.map(print).join(', ')}${expr.expandFinal ? '...' : ''})`;
    case 'conditional':
      return `${print(expr.condition)} ? ${print(expr.trueExpr)} : ${print(expr.falseExpr)}`;
    case 'unary':
      return `${expr.op}${print(expr.operand)}`;
    case 'binary':
      return `${print(expr.left)} ${expr.op} ${print(expr.right)}`;
    case 'parens':
      return `(${print(expr.expr)})`;
    case 'template':
      return '"<template>"';
    case 'for':
      return '<for expression>';
  }
}
