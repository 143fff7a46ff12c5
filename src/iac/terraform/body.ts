/**
 * Evaluates a resource body into the plan-JSON shape: attributes become values, nested
 * blocks become arrays of objects, `dynamic` blocks are expanded in place. Every attribute
 * and block gets a location keyed by its dotted path (`rule.0.apply_...0.sse_algorithm`).
 */
import type { Block, Body, Expression, Range } from '../hcl/index.js';
import { Unknown, isUnknown, type SourceLocation, type Value } from '../types.js';

/** Names bound around an expression: `each`, `count`, dynamic iterators. */
export type Bindings = ReadonlyMap<string, Value>;

export interface BodyEvaluator {
  evaluate(expr: Expression, bindings: Bindings): Value;
  /** Reports a problem found while expanding (unknown dynamic for_each, bad iterator). */
  report(code: string, severity: 'error' | 'warning' | 'info', message: string, range: Range): void;
}

export interface EvaluatedBody {
  readonly attributes: { [key: string]: Value };
  readonly locations: Map<string, SourceLocation>;
}

/** Meta-arguments of resource, data and module blocks: not attributes of the resource. */
export const META_ATTRIBUTES = new Set([
  'count',
  'for_each',
  'provider',
  'depends_on',
  'providers',
]);
export const META_BLOCKS = new Set(['lifecycle', 'provisioner', 'connection']);

export function toLocation(range: Range): SourceLocation {
  // parser ranges compute `start` and `end` on each read: read each once
  const { start, end } = range;
  return {
    file: range.file,
    startLine: start.line,
    endLine: end.line,
    startColumn: start.column,
    endColumn: end.column,
  };
}

const join = (prefix: string, key: string | number): string =>
  prefix ? `${prefix}.${key}` : String(key);

/** Evaluates the top-level body of a resource, leaving meta-arguments out. */
export function evaluateResourceBody(
  body: Body,
  ev: BodyEvaluator,
  bindings: Bindings,
): EvaluatedBody {
  const locations = new Map<string, SourceLocation>();
  const attributes = evalBody(body, ev, bindings, '', locations, true);
  return { attributes, locations };
}

function evalBody(
  body: Body,
  ev: BodyEvaluator,
  bindings: Bindings,
  path: string,
  locations: Map<string, SourceLocation>,
  topLevel: boolean,
): { [key: string]: Value } {
  const out: { [key: string]: Value } = {};
  for (const attr of body.attributes) {
    if (topLevel && META_ATTRIBUTES.has(attr.name)) continue;
    const attrPath = join(path, attr.name);
    out[attr.name] = evaluateAttribute(attr.expr, ev, bindings);
    locations.set(attrPath, toLocation(attr.range));
    locateItems(attr.expr, attrPath, locations);
  }
  // Blocks of one type are gathered in source order, dynamic ones expanded where they stand.
  const lists = new Map<string, Value[] | Unknown>();
  const push = (type: string, value: { [key: string]: Value }, range: Range): void => {
    const list = lists.get(type) ?? [];
    if (isUnknown(list)) return;
    locations.set(join(path, `${type}.${list.length}`), toLocation(range));
    list.push(value);
    lists.set(type, list);
  };
  for (const block of body.blocks) {
    if (topLevel && META_BLOCKS.has(block.type)) continue;
    if (block.type === 'dynamic') {
      expandDynamic(block, ev, bindings, path, locations, lists, push);
      continue;
    }
    const index = currentLength(lists, block.type);
    const value = evalBody(
      block.body,
      ev,
      bindings,
      join(path, `${block.type}.${index}`),
      locations,
      false,
    );
    push(block.type, value, block.range);
  }
  for (const [type, list] of lists) out[type] = list;
  return out;
}

function currentLength(lists: Map<string, Value[] | Unknown>, type: string): number {
  const list = lists.get(type);
  return Array.isArray(list) ? list.length : 0;
}

function expandDynamic(
  block: Block,
  ev: BodyEvaluator,
  bindings: Bindings,
  path: string,
  locations: Map<string, SourceLocation>,
  lists: Map<string, Value[] | Unknown>,
  push: (type: string, value: { [key: string]: Value }, range: Range) => void,
): void {
  const type = block.labels[0];
  const forEach = block.body.attributes.find((a) => a.name === 'for_each');
  const content = block.body.blocks.find((b) => b.type === 'content');
  if (type === undefined || !forEach || !content) {
    ev.report(
      'CW-TF-020',
      'error',
      'a dynamic block needs a label, for_each and content',
      block.range,
    );
    return;
  }
  const iteratorAttr = block.body.attributes.find((a) => a.name === 'iterator');
  const iterator =
    iteratorAttr?.expr.kind === 'variable' ? iteratorAttr.expr.name : (type as string);
  const collection = ev.evaluate(forEach.expr, bindings);
  const elements = iterate(collection);
  if (elements === undefined) {
    const reason = isUnknown(collection)
      ? `dynamic "${type}" for_each is not known before apply: ${collection.reason}`
      : `dynamic "${type}" for_each must be a map, set or list`;
    if (!isUnknown(collection)) ev.report('CW-TF-020', 'error', reason, forEach.range);
    // The number of blocks is not known: the whole block list is.
    lists.set(type, new Unknown(reason, isUnknown(collection) ? collection.ref : undefined));
    locations.set(join(path, type), toLocation(block.range));
    return;
  }
  for (const [key, value] of elements) {
    const inner = new Map(bindings);
    inner.set(iterator, { key, value });
    const index = currentLength(lists, type);
    const itemPath = join(path, `${type}.${index}`);
    const evaluated = evalBody(content.body, ev, inner, itemPath, locations, false);
    push(type, evaluated, content.range);
  }
}

/**
 * The (key, value) pairs `for_each` walks: object entries, or list elements keyed by index
 * (sets of strings keyed by value). Undefined when not iterable or not known.
 */
export function iterate(collection: Value): [Value, Value][] | undefined {
  if (collection === null || isUnknown(collection) || typeof collection !== 'object') {
    return undefined;
  }
  if (Array.isArray(collection)) return collection.map((v, i) => [i, v]);
  return Object.keys(collection).map((k) => [k, collection[k] ?? null]);
}

/**
 * An object literal with literal keys is evaluated item by item, so that one item that
 * cannot be evaluated (a typo in one tag) makes only that item unknown.
 */
function evaluateAttribute(expr: Expression, ev: BodyEvaluator, bindings: Bindings): Value {
  if (expr.kind !== 'object' || !expr.items.every((i) => i.key.kind === 'literal')) {
    return ev.evaluate(expr, bindings);
  }
  const out: { [key: string]: Value } = {};
  for (const item of expr.items) {
    const key = item.key.kind === 'literal' ? item.key.value : null;
    if (key === null) return ev.evaluate(expr, bindings);
    out[String(key)] = evaluateAttribute(item.value, ev, bindings);
  }
  return out;
}

/** Locations of the items of object and tuple literals: `tags.env`, `cidr_blocks.0`. */
function locateItems(expr: Expression, path: string, locations: Map<string, SourceLocation>): void {
  if (expr.kind === 'object') {
    for (const item of expr.items) {
      const key = item.key.kind === 'literal' ? item.key.value : undefined;
      if (typeof key !== 'string') continue;
      const itemPath = join(path, key);
      locations.set(itemPath, toLocation(item.value.range));
      locateItems(item.value, itemPath, locations);
    }
  } else if (expr.kind === 'tuple') {
    expr.items.forEach((item, i) => {
      locations.set(join(path, i), toLocation(item.range));
      locateItems(item, join(path, i), locations);
    });
  }
}
