/** json.patch (RFC 6902), json.filter and json.remove over Rego values, immutably. */
import { canonicalKey, equal, RegoObject, RegoSet, typeName, type RegoValue } from '../value.js';
import { arr, builtinError, def, elements, obj, T, typeError, type BuiltinDecl } from './spec.js';

type Path = RegoValue[];

class PatchFailed extends Error {}
const failed = (): never => {
  throw new PatchFailed();
};

/** A JSON pointer ("/a/b~1c") or an array of segments. */
function toPath(p: RegoValue | undefined): Path {
  if (Array.isArray(p)) return [...p];
  if (typeof p !== 'string') return failed();
  if (p === '') return [];
  if (!p.startsWith('/')) return failed();
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** An existing array index (or the append position when `append` is allowed). */
function index(a: readonly RegoValue[], seg: RegoValue, append: boolean): number {
  if (append && seg === '-') return a.length;
  let i: number;
  if (typeof seg === 'number' && Number.isInteger(seg)) i = seg;
  else if (typeof seg === 'string' && /^(0|[1-9]\d*)$/.test(seg)) i = Number(seg);
  else return failed();
  if (i < 0 || i > a.length || (!append && i === a.length)) return failed();
  return i;
}

function child(v: RegoValue, seg: RegoValue): RegoValue {
  if (v instanceof RegoObject) return v.get(seg) ?? failed();
  if (Array.isArray(v)) return v[index(v, seg, false)]!;
  if (v instanceof RegoSet) return v.has(seg) ? seg : failed();
  return failed();
}

function getIn(v: RegoValue, path: Path): RegoValue {
  return path.reduce<RegoValue>(child, v);
}

/** Rebuilds v with fn applied to the parent container of the path's last segment. */
function update(
  v: RegoValue,
  path: Path,
  fn: (parent: RegoValue, seg: RegoValue) => RegoValue,
): RegoValue {
  if (path.length === 0) return failed();
  const [seg, ...rest] = path as [RegoValue, ...RegoValue[]];
  if (rest.length === 0) return fn(v, seg);
  const inner = update(child(v, seg), rest, fn);
  if (v instanceof RegoObject) {
    const o = RegoObject.from(v.entries.values());
    o.set(seg, inner);
    return o;
  }
  if (Array.isArray(v)) {
    const a = [...v];
    a[index(v, seg, false)] = inner;
    return a;
  }
  // a set member changed: swap the old member for the new one
  const s = RegoSet.from((v as RegoSet).values());
  s.delete(seg);
  s.add(inner);
  return s;
}

function add(v: RegoValue, path: Path, value: RegoValue): RegoValue {
  if (path.length === 0) return value;
  return update(v, path, (parent, seg) => {
    if (parent instanceof RegoObject) {
      const o = RegoObject.from(parent.entries.values());
      o.set(seg, value);
      return o;
    }
    if (Array.isArray(parent)) {
      const a = [...parent];
      a.splice(index(parent, seg, true), 0, value);
      return a;
    }
    if (parent instanceof RegoSet && equal(seg, value))
      return RegoSet.from([...parent.values(), value]);
    return failed();
  });
}

function remove(v: RegoValue, path: Path): RegoValue {
  return update(v, path, (parent, seg) => {
    if (parent instanceof RegoObject) {
      if (!parent.has(seg)) failed();
      return RegoObject.from([...parent.entries.values()].filter(([k]) => !equal(k, seg)));
    }
    if (Array.isArray(parent)) {
      const i = index(parent, seg, false);
      return parent.filter((_: RegoValue, j: number) => j !== i);
    }
    if (parent instanceof RegoSet && parent.has(seg)) {
      return RegoSet.from(parent.values().filter((x) => !equal(x, seg)));
    }
    return failed();
  });
}

function isPrefix(a: Path, b: Path): boolean {
  return a.length < b.length && a.every((s, i) => equal(s, b[i]!));
}

function applyPatch(doc: RegoValue, patches: readonly RegoValue[]): RegoValue | undefined {
  let cur: RegoValue | undefined = doc;
  for (const p of patches) {
    if (!(p instanceof RegoObject)) return failed();
    const op = p.get('op');
    const path = toPath(p.get('path'));
    const value = p.get('value');
    const needValue = (): RegoValue => value ?? failed();
    const from = (): Path => toPath(p.get('from'));
    const root = (): RegoValue => cur ?? failed();
    switch (op) {
      case 'add':
        cur = cur === undefined && path.length === 0 ? needValue() : add(root(), path, needValue());
        break;
      case 'remove':
        cur = path.length === 0 ? (root(), undefined) : remove(root(), path);
        break;
      case 'replace': {
        const v = needValue();
        const old = getIn(root(), path);
        const parent = path.length ? getIn(root(), path.slice(0, -1)) : undefined;
        if (parent instanceof RegoSet && !equal(old, v)) failed();
        cur = path.length === 0 ? v : add(remove(root(), path), path, v);
        break;
      }
      case 'move': {
        const f = from();
        if (isPrefix(f, path)) failed();
        const v = getIn(root(), f);
        cur = add(f.length === 0 ? failed() : remove(root(), f), path, v);
        break;
      }
      case 'copy':
        cur = add(root(), path, getIn(root(), from()));
        break;
      case 'test':
        if (!equal(getIn(root(), path), needValue())) failed();
        break;
      default:
        failed();
    }
  }
  return cur;
}

// json.filter / json.remove take paths as "a/b" strings or arrays of segments

interface Tree {
  leaf: boolean;
  kids: Map<string, { seg: RegoValue; tree: Tree }>;
}

function pathsOf(name: string, v: RegoValue): Path[] {
  return elements(v).map((p) => {
    if (typeof p === 'string') {
      return p
        .replace(/^\/+/, '')
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    }
    if (Array.isArray(p)) return [...p];
    throw typeError(
      name,
      `operand 2 must be one of {set, array} containing string paths or array of path segments but got ${typeName(p)}`,
    );
  });
}

function buildTree(paths: Path[]): Tree {
  const root: Tree = { leaf: false, kids: new Map() };
  for (const path of paths) {
    let t = root;
    for (const seg of path) {
      if (t.leaf) break;
      const key = canonicalKey(seg);
      let next = t.kids.get(key);
      if (!next) {
        next = { seg, tree: { leaf: false, kids: new Map() } };
        t.kids.set(key, next);
      }
      t = next.tree;
    }
    t.leaf = true;
    t.kids.clear();
  }
  return root;
}

/** The subtree for a key of an object, array index, or set member. */
function lookup(t: Tree, key: RegoValue): Tree | undefined {
  for (const { seg, tree } of t.kids.values()) {
    if (equal(seg, key)) return tree;
    if (typeof key === 'number' && typeof seg === 'string' && seg === String(key)) return tree;
  }
  return undefined;
}

function filterValue(v: RegoValue, t: Tree): RegoValue | undefined {
  if (t.leaf) return v;
  if (v instanceof RegoObject) {
    const out = new RegoObject();
    for (const [k, x] of v.entries.values()) {
      const sub = lookup(t, k);
      const f = sub && filterValue(x, sub);
      if (f !== undefined) out.set(k, f);
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out: RegoValue[] = [];
    v.forEach((x: RegoValue, i: number) => {
      const sub = lookup(t, i);
      const f = sub && filterValue(x, sub);
      if (f !== undefined) out.push(f);
    });
    return out;
  }
  if (v instanceof RegoSet) {
    return RegoSet.from(v.values().filter((x) => lookup(t, x)?.leaf));
  }
  return undefined;
}

function removeValue(v: RegoValue, t: Tree): RegoValue | undefined {
  if (t.leaf) return undefined;
  if (v instanceof RegoObject) {
    const out = new RegoObject();
    for (const [k, x] of v.entries.values()) {
      const sub = lookup(t, k);
      const r = sub ? removeValue(x, sub) : x;
      if (r !== undefined) out.set(k, r);
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out: RegoValue[] = [];
    v.forEach((x: RegoValue, i: number) => {
      const sub = lookup(t, i);
      const r = sub ? removeValue(x, sub) : x;
      if (r !== undefined) out.push(r);
    });
    return out;
  }
  if (v instanceof RegoSet) return RegoSet.from(v.values().filter((x) => !lookup(t, x)?.leaf));
  return v;
}

const PATHS = T.union(T.array(), T.set());

const unavailable = (name: string) => () => {
  throw builtinError(name, 'not available in crosswalk');
};

export const decls: BuiltinDecl[] = [
  def('json.patch', [T.any, T.array(T.object())], T.any, 'json', (a) => {
    try {
      return applyPatch(a[0]!, arr(a[1]));
    } catch (e) {
      if (e instanceof PatchFailed) return undefined; // OPA: a failing patch is undefined
      throw e;
    }
  }),
  def(
    'json.filter',
    [T.object(), PATHS],
    T.any,
    'json',
    (a) => filterValue(obj(a[0]), buildTree(pathsOf('json.filter', a[1]!))) ?? new RegoObject(),
  ),
  def(
    'json.remove',
    [T.object(), PATHS],
    T.any,
    'json',
    (a) => removeValue(obj(a[0]), buildTree(pathsOf('json.remove', a[1]!))) ?? new RegoObject(),
  ),
  def('json.verify_schema', [T.any], T.array(), 'json', unavailable('json.verify_schema')),
  def('json.match_schema', [T.any, T.any], T.array(), 'json', unavailable('json.match_schema')),
];
