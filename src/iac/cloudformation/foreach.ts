/**
 * `Fn::ForEach` from the `AWS::LanguageExtensions` transform, expanded in the Resources
 * section before anything is evaluated:
 *
 *   Fn::ForEach::Buckets:
 *     - Name                      # identifier
 *     - [A, B]                    # collection: a list, or a Ref to a list parameter
 *     - Bucket${Name}:            # output key: `${Name}`, or `&{Name}` (alphanumerics only)
 *         Type: AWS::S3::Bucket   # fragment, where `Ref: Name` and `${Name}` in Fn::Sub
 *                                 # stand for the item
 *
 * Expanded resources keep the lines of the fragment they come from, so findings point at
 * the loop body. A loop whose collection is not known is reported and skipped.
 */
import type { Value } from '../types.js';
import type { CfnEntry, CfnNode } from './tree.js';

export const FOR_EACH_PREFIX = 'Fn::ForEach::';

export interface ForEachProblem {
  readonly message: string;
  readonly line: number;
}

/** Evaluates a loop's collection node; only a list of strings or numbers can be expanded. */
export type CollectionEvaluator = (node: CfnNode) => Value | symbol;

/** Most nodes all loops of one template may produce (as many as a parsed document may hold). */
const MAX_EXPANDED_NODES = 1_000_000;

export function hasForEach(entries: readonly CfnEntry[]): boolean {
  return entries.some((e) => e.key.startsWith(FOR_EACH_PREFIX));
}

/** The entries with every `Fn::ForEach::` loop (nested ones included) replaced by its output. */
export function expandForEach(
  entries: readonly CfnEntry[],
  evaluate: CollectionEvaluator,
  problems: ForEachProblem[],
): CfnEntry[] {
  return expandEntries(entries, evaluate, problems, { left: MAX_EXPANDED_NODES });
}

interface Budget {
  left: number;
}

function expandEntries(
  entries: readonly CfnEntry[],
  evaluate: CollectionEvaluator,
  problems: ForEachProblem[],
  budget: Budget,
): CfnEntry[] {
  const out: CfnEntry[] = [];
  for (const e of entries) {
    if (e.key.startsWith(FOR_EACH_PREFIX)) out.push(...expandLoop(e, evaluate, problems, budget));
    else out.push(e);
  }
  return out;
}

function expandLoop(
  loop: CfnEntry,
  evaluate: CollectionEvaluator,
  problems: ForEachProblem[],
  budget: Budget,
): CfnEntry[] {
  const line = loop.lines.startLine;
  const bad = (what: string): CfnEntry[] => {
    problems.push({ message: `${loop.key} ${what}; its resources are not checked`, line });
    return [];
  };
  const args = loop.value.kind === 'seq' ? loop.value.items : undefined;
  if (!args || args.length !== 3) return bad('takes [identifier, collection, fragment]');
  const [idNode, collectionNode, fragment] = args as [CfnNode, CfnNode, CfnNode];
  if (idNode.kind !== 'scalar' || typeof idNode.value !== 'string' || idNode.value === '') {
    return bad('needs a string identifier');
  }
  if (fragment.kind !== 'map') return bad('needs a mapping as its fragment');
  const identifier = idNode.value;
  const collection = evaluate(collectionNode);
  if (!Array.isArray(collection)) {
    return bad('has a collection that is not known before deployment');
  }
  const items: string[] = [];
  for (const item of collection) {
    if (typeof item !== 'string' && typeof item !== 'number') {
      return bad('has a collection item that is not a plain string');
    }
    items.push(String(item));
  }

  const size = nodeCount(fragment);
  const out: CfnEntry[] = [];
  for (const item of items) {
    budget.left -= size;
    if (budget.left < 0) return bad('expands to too many entries');
    const substituted: CfnEntry[] = fragment.entries.map((f) => ({
      key: substituteKey(f.key, identifier, item),
      value: substitute(f.value, identifier, item),
      lines: f.lines,
    }));
    // Loops nested in the fragment see this loop's identifier already replaced.
    out.push(...expandEntries(substituted, evaluate, problems, budget));
  }
  return out;
}

/** `${Id}` becomes the item; `&{Id}` the item without its non-alphanumeric characters. */
function substituteKey(key: string, identifier: string, item: string): string {
  return key
    .split(`\${${identifier}}`)
    .join(item)
    .split(`&{${identifier}}`)
    .join(item.replace(/[^A-Za-z0-9]/g, ''));
}

/** The node with `Ref: identifier` and `${identifier}` in `Fn::Sub` templates replaced. */
function substitute(node: CfnNode, identifier: string, item: string): CfnNode {
  switch (node.kind) {
    case 'scalar':
      return node;
    case 'seq':
      return { ...node, items: node.items.map((i) => substitute(i, identifier, item)) };
    case 'map': {
      const only = node.entries.length === 1 ? node.entries[0]! : undefined;
      if (only?.key === 'Ref' && only.value.kind === 'scalar' && only.value.value === identifier) {
        return { kind: 'scalar', value: item, lines: node.lines };
      }
      if (only?.key === 'Fn::Sub') {
        return {
          ...node,
          entries: [{ ...only, value: substituteSub(only.value, identifier, item) }],
        };
      }
      return {
        ...node,
        entries: node.entries.map((e) => ({
          key: e.key.startsWith(FOR_EACH_PREFIX) ? e.key : substituteKey(e.key, identifier, item),
          value: substitute(e.value, identifier, item),
          lines: e.lines,
        })),
      };
    }
  }
}

function substituteSub(arg: CfnNode, identifier: string, item: string): CfnNode {
  const inTemplate = (n: CfnNode): CfnNode =>
    n.kind === 'scalar' && typeof n.value === 'string'
      ? { ...n, value: n.value.split(`\${${identifier}}`).join(item) }
      : substitute(n, identifier, item);
  if (arg.kind === 'seq') {
    const [template, ...rest] = arg.items;
    if (!template) return arg;
    return {
      ...arg,
      items: [inTemplate(template), ...rest.map((r) => substitute(r, identifier, item))],
    };
  }
  return inTemplate(arg);
}

function nodeCount(node: CfnNode): number {
  if (node.kind === 'scalar') return 1;
  if (node.kind === 'seq') return node.items.reduce((n, i) => n + nodeCount(i), 1);
  return node.entries.reduce((n, e) => n + nodeCount(e.value), 1);
}
