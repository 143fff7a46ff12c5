/** graph.reachable, graph.reachable_paths and the walk relation. */
import { RegoObject, RegoSet, type RegoValue } from '../value.js';
import { def, elements, obj, T, typeError, type BuiltinDecl } from './spec.js';

const GRAPH = T.object(T.any, T.union(T.array(), T.set()));
const NODES = T.union(T.array(), T.set());

/** Neighbours of a node; missing nodes and null edges have none. */
function edges(name: string, graph: RegoObject, node: RegoValue): RegoValue[] {
  const e = graph.get(node);
  if (e === undefined || e === null) return [];
  if (Array.isArray(e) || e instanceof RegoSet) return elements(e);
  throw typeError(name, 'operand 1 must be object of arrays or sets');
}

function reachable(graph: RegoObject, initial: RegoValue): RegoSet {
  const seen = new RegoSet();
  const queue = elements(initial);
  while (queue.length) {
    const n = queue.shift()!;
    if (seen.has(n) || !graph.has(n)) continue;
    seen.add(n);
    queue.push(...edges('graph.reachable', graph, n));
  }
  return seen;
}

/** Every maximal path from each initial node, never revisiting a node on the same path. */
function reachablePaths(graph: RegoObject, initial: RegoValue): RegoSet {
  const paths = new RegoSet();
  const visit = (node: RegoValue, path: RegoValue[], onPath: RegoSet): void => {
    const next = graph.has(node)
      ? edges('graph.reachable_paths', graph, node).filter((n) => !onPath.has(n) && graph.has(n))
      : [];
    if (next.length === 0) {
      paths.add(path);
      return;
    }
    for (const n of next) {
      const on = RegoSet.from(onPath.values());
      on.add(n);
      visit(n, [...path, n], on);
    }
  };
  for (const n of elements(initial)) {
    if (graph.has(n)) visit(n, [n], RegoSet.from([n]));
  }
  return paths;
}

/** All [path, value] pairs of a document, the document itself first. */
function walk(root: RegoValue): RegoValue[] {
  const out: RegoValue[] = [];
  const go = (v: RegoValue, path: RegoValue[]): void => {
    out.push([path, v]);
    if (Array.isArray(v)) v.forEach((x, i) => go(x, [...path, i]));
    else if (v instanceof RegoObject) for (const [k, x] of v.sorted()) go(x, [...path, k]);
    else if (v instanceof RegoSet) for (const x of v.sorted()) go(x, [...path, x]);
  };
  go(root, []);
  return out;
}

export const decls: BuiltinDecl[] = [
  def('graph.reachable', [GRAPH, NODES], T.set(), 'graph', (a) => reachable(obj(a[0]), a[1]!)),
  def('graph.reachable_paths', [GRAPH, NODES], T.set(T.array()), 'graph', (a) =>
    reachablePaths(obj(a[0]), a[1]!),
  ),
  def('walk', [T.any], T.array(), 'graph', (a) => walk(a[0]!), { relation: true }),
];
