/**
 * Checkov-style YAML custom policies: `metadata` (id, name, category, severity, plus our
 * `controls` / `frameworks`) and a `definition` built from `cond_type: attribute |
 * connection | filter` conditions joined by `and` / `or` / `not`. They are evaluated over
 * raw resources (Terraform, plan and CloudFormation attributes). Values not known before
 * apply make a condition unknown, never passed or failed; see docs/policy-input.md.
 */
import { isMap, LineCounter, parseDocument } from 'yaml';
import type { Catalog } from '../catalog/index.js';
import { decide, Unknown, type Diagnostic, type RawResource, type Value } from '../iac/types.js';
import type { Severity } from '../rules/types.js';
import { readMapping, type Mapping } from './mapping.js';

export type Condition =
  | { readonly kind: 'and' | 'or'; readonly items: readonly Condition[] }
  | { readonly kind: 'not'; readonly item: Condition }
  | {
      readonly kind: 'attribute';
      readonly types: readonly string[] | 'all';
      readonly attribute: string;
      readonly path: readonly string[];
      readonly operator: string;
      readonly value: unknown;
    }
  | {
      readonly kind: 'connection';
      readonly types: readonly string[];
      readonly connected: readonly string[];
      readonly operator: 'exists' | 'not_exists';
    }
  | { readonly kind: 'filter'; readonly types: readonly string[] };

export interface YamlPolicy {
  readonly id: string;
  readonly title: string;
  readonly category?: string;
  readonly severity: Severity;
  readonly remediation?: string;
  readonly mapping: Mapping;
  readonly definition: Condition;
  readonly file: string;
  readonly line: number;
}

/** Tells YAML custom policies apart from other YAML files in a policy directory. */
export function looksLikeYamlPolicy(text: string): boolean {
  return /^metadata\s*:/m.test(text) && /^definition\s*:/m.test(text);
}

export function parseYamlPolicy(
  file: string,
  text: string,
  catalog: Catalog,
  diagnostics: Diagnostic[],
): YamlPolicy | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const fail = (message: string, line?: number): undefined => {
    diagnostics.push({
      code: 'CW-POLICY-010',
      severity: 'error',
      message: `YAML policy not loaded: ${message}`,
      file,
      ...(line !== undefined ? { line } : {}),
    });
    return undefined;
  };
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    return fail(first.message.split('\n')[0]!, first.linePos?.[0]?.line);
  }
  const root = doc.contents;
  if (!isMap(root)) return fail('expected a mapping with "metadata" and "definition"');
  const lineOf = (key: string): number => {
    const pair = root.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
    const range = (pair?.key as { range?: [number, number, number] } | null)?.range;
    return range ? lines.linePos(range[0]).line : 1;
  };
  const data = doc.toJS() as Record<string, unknown>;
  const metadata = data.metadata as Record<string, unknown> | undefined;
  if (!metadata || typeof metadata !== 'object') return fail('"metadata" is missing', 1);
  if (typeof metadata.id !== 'string' || metadata.id === '')
    return fail('"metadata.id" is missing', lineOf('metadata'));
  const problems: string[] = [];
  const definition = readCondition(data.definition, problems);
  if (!definition || problems.length > 0) {
    return fail(
      `${metadata.id}: ${problems.join('; ') || '"definition" is missing'}`,
      lineOf('definition'),
    );
  }
  const mapping = readMapping(
    { controls: metadata.controls, frameworks: metadata.frameworks, severity: metadata.severity },
    catalog,
    { file, line: lineOf('metadata'), policy: metadata.id },
    diagnostics,
  );
  return {
    id: metadata.id,
    title: typeof metadata.name === 'string' ? metadata.name : metadata.id,
    ...(typeof metadata.category === 'string' ? { category: metadata.category } : {}),
    severity: mapping.severity ?? 'medium',
    ...(typeof metadata.guideline === 'string' ? { remediation: metadata.guideline } : {}),
    mapping,
    definition,
    file,
    line: lineOf('metadata'),
  };
}

/** Operators on attribute values. Each `not_*` is the negation of its positive form. */
const POSITIVE = new Set([
  'equals',
  'equals_ignore_case',
  'exists',
  'contains',
  'within',
  'starting_with',
  'ending_with',
  'regex_match',
  'greater_than',
  'greater_than_or_equal',
  'less_than',
  'less_than_or_equal',
  'is_true',
  'is_false',
  'is_empty',
  'is_not_empty',
  'intersects',
  'subset',
  'length_equals',
  'length_greater_than',
  'length_greater_than_or_equal',
  'length_less_than',
  'length_less_than_or_equal',
]);

/** Operators that also have a `not_*` form. */
const NEGATABLE = [...POSITIVE].filter((o) => !o.startsWith('is_') && !o.startsWith('length_'));

export const OPERATORS: readonly string[] = [
  ...POSITIVE,
  ...NEGATABLE.map((o) => `not_${o}`),
  'length_not_equals',
].sort();

function readCondition(raw: unknown, problems: string[]): Condition | undefined {
  if (Array.isArray(raw))
    return { kind: 'and', items: raw.map((r) => readCondition(r, problems)).filter(isDefined) };
  if (raw === null || typeof raw !== 'object') {
    problems.push(`a condition must be a mapping, got ${JSON.stringify(raw)}`);
    return undefined;
  }
  const o = raw as Record<string, unknown>;
  for (const kind of ['and', 'or'] as const) {
    if (o[kind] !== undefined) {
      if (!Array.isArray(o[kind])) {
        problems.push(`"${kind}" must be a list of conditions`);
        return undefined;
      }
      return {
        kind,
        items: (o[kind] as unknown[]).map((r) => readCondition(r, problems)).filter(isDefined),
      };
    }
  }
  if (o.not !== undefined) {
    const item = Array.isArray(o.not)
      ? readCondition({ and: o.not }, problems)
      : readCondition(o.not, problems);
    return item ? { kind: 'not', item } : undefined;
  }
  const types = o.resource_types;
  const typeList =
    types === 'all' || (Array.isArray(types) && types.includes('all'))
      ? 'all'
      : Array.isArray(types)
        ? types.map(String)
        : typeof types === 'string'
          ? [types]
          : undefined;
  const operator = typeof o.operator === 'string' ? o.operator : undefined;
  switch (o.cond_type) {
    case 'attribute': {
      if (typeof o.attribute !== 'string' || o.attribute === '')
        problems.push('an attribute condition needs "attribute"');
      else if (!typeList) problems.push(`attribute "${o.attribute}": "resource_types" is missing`);
      else if (!operator || !OPERATORS.includes(operator)) {
        problems.push(`attribute "${o.attribute}": unsupported operator "${String(o.operator)}"`);
      } else {
        return {
          kind: 'attribute',
          types: typeList,
          attribute: o.attribute,
          path: splitPath(o.attribute),
          operator,
          value: o.value,
        };
      }
      return undefined;
    }
    case 'connection': {
      const connected = o.connected_resource_types;
      if (!Array.isArray(typeList) || !Array.isArray(connected)) {
        problems.push(
          'a connection condition needs "resource_types" and "connected_resource_types" lists',
        );
      } else if (operator !== 'exists' && operator !== 'not_exists') {
        problems.push(
          `connection: unsupported operator "${String(o.operator)}" (exists, not_exists)`,
        );
      } else {
        return { kind: 'connection', types: typeList, connected: connected.map(String), operator };
      }
      return undefined;
    }
    case 'filter': {
      if (o.attribute !== 'resource_type' || operator !== 'within' || !Array.isArray(o.value)) {
        problems.push(
          'a filter condition must be "attribute: resource_type", "operator: within" and a list "value"',
        );
        return undefined;
      }
      return { kind: 'filter', types: o.value.map(String) };
    }
    default:
      problems.push(
        `unsupported cond_type "${String(o.cond_type)}" (attribute, connection, filter)`,
      );
      return undefined;
  }
}

function isDefined<T>(x: T | undefined): x is T {
  return x !== undefined;
}

/** `a.b[0].c`, `a[*].b` → segments `a`, `b`, `0`, `c` / `a`, `*`, `b`. */
function splitPath(attribute: string): string[] {
  return attribute
    .replace(/\[(\d+|\*)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');
}

/** Resource types a policy looks at: those its conditions name, narrowed by filters. */
export function policyTypes(condition: Condition): {
  types: Set<string> | 'all';
  filter?: Set<string>;
} {
  const types = new Set<string>();
  let all = false;
  let filter: Set<string> | undefined;
  const walk = (c: Condition) => {
    switch (c.kind) {
      case 'and':
      case 'or':
        c.items.forEach(walk);
        break;
      case 'not':
        walk(c.item);
        break;
      case 'attribute':
        if (c.types === 'all') all = true;
        else c.types.forEach((t) => types.add(t));
        break;
      case 'connection':
        c.types.forEach((t) => types.add(t));
        break;
      case 'filter':
        filter = new Set([...(filter ?? []), ...c.types]);
        break;
    }
  };
  walk(condition);
  return { types: all ? 'all' : types, ...(filter ? { filter } : {}) };
}

/** A three-valued answer, or `na` when no condition applies to the resource. */
export type Answer = boolean | undefined | 'na';

/** Links between resources of one unit through references (`aws_s3_bucket.logs.id`). */
export class Connections {
  private readonly links = new Map<string, Set<string>>();
  readonly byAddress = new Map<string, RawResource>();

  constructor(resources: readonly RawResource[]) {
    for (const r of resources) this.byAddress.set(r.address, r);
    for (const r of resources) {
      const refs = new Set<string>();
      collectRefs(r.attributes, refs);
      for (const target of refs) {
        const owner = this.ownerOf(target);
        if (!owner || owner === r.address) continue;
        this.link(r.address, owner);
        this.link(owner, r.address);
      }
    }
  }

  connected(address: string): readonly RawResource[] {
    return [...(this.links.get(address) ?? [])].map((a) => this.byAddress.get(a)).filter(isDefined);
  }

  private link(a: string, b: string): void {
    let set = this.links.get(a);
    if (!set) this.links.set(a, (set = new Set()));
    set.add(b);
  }

  /** `aws_s3_bucket.logs` for a ref to `aws_s3_bucket.logs[0]` or the reverse. */
  private ownerOf(address: string): string | undefined {
    if (this.byAddress.has(address)) return address;
    const bare = address.replace(/\[[^\]]*\]$/, '');
    if (this.byAddress.has(bare)) return bare;
    if (this.byAddress.has(`${address}[0]`)) return `${address}[0]`;
    return undefined;
  }
}

function collectRefs(value: Value | undefined, out: Set<string>): void {
  if (value instanceof Unknown) {
    if (value.ref) out.add(value.ref.address);
    value.candidates?.forEach((c) => collectRefs(c, out));
    if (value.partial !== undefined) collectRefs(value.partial, out);
  } else if (Array.isArray(value)) value.forEach((v) => collectRefs(v, out));
  else if (value !== null && typeof value === 'object')
    Object.values(value).forEach((v) => collectRefs(v, out));
}

export interface Explained {
  readonly answer: Answer;
  /** The attribute condition that decided a failed or unknown answer, in words. */
  readonly reason?: string;
}

export function evaluate(
  condition: Condition,
  resource: RawResource,
  connections: Connections,
): Explained {
  switch (condition.kind) {
    case 'and':
    case 'or': {
      const parts = condition.items.map((c) => evaluate(c, resource, connections));
      const live = parts.filter((p) => p.answer !== 'na');
      if (live.length === 0) return { answer: 'na' };
      const decisive = condition.kind === 'and' ? false : true;
      const hit = live.find((p) => p.answer === decisive);
      if (hit) return hit;
      const open = live.find((p) => p.answer === undefined);
      if (open) return open;
      return {
        answer: !decisive,
        ...(condition.kind === 'or'
          ? {
              reason: live
                .map((p) => p.reason)
                .filter(Boolean)
                .join('; or '),
            }
          : {}),
      };
    }
    case 'not': {
      const inner = evaluate(condition.item, resource, connections);
      if (inner.answer === 'na' || inner.answer === undefined) return inner;
      return { answer: !inner.answer, reason: `not (${inner.reason ?? 'condition'})` };
    }
    case 'filter':
      return { answer: 'na' };
    case 'connection': {
      const side = condition.types.includes(resource.type)
        ? condition.connected
        : condition.connected.includes(resource.type)
          ? condition.types
          : undefined;
      if (!side) return { answer: 'na' };
      const found = connections.connected(resource.address).some((r) => side.includes(r.type));
      const answer = condition.operator === 'exists' ? found : !found;
      return {
        answer,
        reason: `${condition.operator === 'exists' ? 'no' : 'a'} connected ${side.join(' or ')}`,
      };
    }
    case 'attribute': {
      if (condition.types !== 'all' && !condition.types.includes(resource.type))
        return { answer: 'na' };
      // CloudFormation paths may be written with or without the leading `Properties`
      const base =
        resource.format === 'cloudformation' && condition.path[0] !== 'Properties'
          ? (resource.attributes.Properties ?? {})
          : resource.attributes;
      const values = resolvePath(base, condition.path);
      const answer = applyOperator(condition.operator, values, condition.value);
      const shown = values.length === 0 ? 'absent' : values.map(show).join(', ');
      const expected = condition.value === undefined ? '' : ` ${JSON.stringify(condition.value)}`;
      return {
        answer,
        reason:
          answer === undefined
            ? `${condition.attribute} is not known before apply (${shown})`
            : `${condition.attribute} (${shown}) does not satisfy ${condition.operator}${expected}`,
      };
    }
  }
}

function show(v: Value): string {
  if (v instanceof Unknown) return v.reason;
  return JSON.stringify(v);
}

/**
 * Every value at a path. Nested blocks are lists: a name segment applies to each element,
 * a number picks one, `*` takes all. An unknown on the way is returned as is.
 */
export function resolvePath(
  root: Value | { readonly [key: string]: Value },
  path: readonly string[],
): Value[] {
  let current: Value[] = [root as Value];
  for (const segment of path) {
    const next: Value[] = [];
    for (let v of current) {
      if (v instanceof Unknown) {
        if (v.partial === undefined || v.partial instanceof Unknown) {
          next.push(v);
          continue;
        }
        v = v.partial;
      }
      if (v === null || typeof v !== 'object' || v instanceof Unknown) continue;
      if (Array.isArray(v)) {
        if (segment === '*') next.push(...v);
        else if (/^\d+$/.test(segment)) {
          const item = v[Number(segment)];
          if (item !== undefined) next.push(item);
        } else {
          for (const item of v) next.push(...resolvePath(item, [segment]));
        }
      } else if (segment === '*') next.push(...Object.values(v));
      else if (Object.hasOwn(v, segment)) next.push(v[segment]!);
    }
    current = next;
  }
  return current;
}

type Predicate = (v: Value | undefined) => boolean;

export function applyOperator(
  operator: string,
  values: readonly Value[],
  expected: unknown,
): boolean | undefined {
  if (operator.startsWith('not_') || operator === 'length_not_equals') {
    const positive = applyOperator(operator.replace(/not_/, ''), values, expected);
    return positive === undefined ? undefined : !positive;
  }
  if (operator === 'exists') return any(values, (v) => v !== null && v !== undefined);
  if (operator === 'is_not_empty')
    return any(values, (v) => v !== null && v !== undefined && !isEmpty(v));
  const predicate = predicateFor(operator, expected);
  return any(values, predicate);
}

/** True when some value satisfies the predicate, false when none can, else unknown. */
function any(values: readonly Value[], predicate: Predicate): boolean | undefined {
  let open = false;
  for (const v of values) {
    const answer = decide<Value>(v, (known) => predicate(known));
    if (answer === true) return true;
    if (answer === undefined) open = true;
  }
  return open ? undefined : false;
}

function predicateFor(operator: string, expected: unknown): Predicate {
  const list = Array.isArray(expected) ? expected : [expected];
  const number = (v: unknown) =>
    typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  const length = (v: unknown) =>
    typeof v === 'string' || Array.isArray(v)
      ? v.length
      : v && typeof v === 'object'
        ? Object.keys(v).length
        : NaN;
  switch (operator) {
    case 'equals':
      return (v) => looseEqual(v, expected);
    case 'equals_ignore_case':
      return (v) => typeof v === 'string' && v.toLowerCase() === String(expected).toLowerCase();
    case 'contains':
      return (v) =>
        Array.isArray(v)
          ? v.some((x) => looseEqual(x, expected))
          : typeof v === 'string'
            ? v.includes(String(expected))
            : v !== null && typeof v === 'object' && !(v instanceof Unknown)
              ? Object.hasOwn(v, String(expected))
              : false;
    case 'within':
      return (v) => list.some((x) => looseEqual(v, x));
    case 'starting_with':
      return (v) => typeof v === 'string' && v.startsWith(String(expected));
    case 'ending_with':
      return (v) => typeof v === 'string' && v.endsWith(String(expected));
    case 'regex_match': {
      // Checkov matches at the start of the value (Python's re.match)
      const re = new RegExp(`^(?:${String(expected)})`);
      return (v) =>
        (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') &&
        re.test(String(v));
    }
    case 'greater_than':
      return (v) => number(v) > number(expected);
    case 'greater_than_or_equal':
      return (v) => number(v) >= number(expected);
    case 'less_than':
      return (v) => number(v) < number(expected);
    case 'less_than_or_equal':
      return (v) => number(v) <= number(expected);
    case 'is_true':
      return (v) => v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
    case 'is_false':
      return (v) => v === false || (typeof v === 'string' && v.toLowerCase() === 'false');
    case 'is_empty':
      return (v) => v !== undefined && isEmpty(v);
    case 'intersects':
      return (v) => (Array.isArray(v) ? v : [v]).some((x) => list.some((y) => looseEqual(x, y)));
    case 'subset':
      return (v) => (Array.isArray(v) ? v : [v]).every((x) => list.some((y) => looseEqual(x, y)));
    case 'length_equals':
      return (v) => length(v) === number(expected);
    case 'length_greater_than':
      return (v) => length(v) > number(expected);
    case 'length_greater_than_or_equal':
      return (v) => length(v) >= number(expected);
    case 'length_less_than':
      return (v) => length(v) < number(expected);
    case 'length_less_than_or_equal':
      return (v) => length(v) <= number(expected);
    default:
      throw new Error(`unsupported operator ${operator}`);
  }
}

function isEmpty(v: Value): boolean {
  if (v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object' && !(v instanceof Unknown)) return Object.keys(v).length === 0;
  return false;
}

/** Equal as JSON, or as text when one side is a scalar of another type (`"true"` = true). */
function looseEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const scalar = (x: unknown) =>
    typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
  if (scalar(a) && scalar(b)) return String(a) === String(b);
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return false;
}
