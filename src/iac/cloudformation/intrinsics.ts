/**
 * Evaluates CloudFormation intrinsic functions as far as they can be known before a stack
 * is created: parameters (defaults and overrides), mappings, conditions, `Fn::Sub`,
 * `Fn::Join`, `Fn::Select`, `Fn::Split` and the rest. What only exists after creation (an
 * attribute of another resource, an import, a parameter without a value) becomes an
 * Unknown, with `ref` naming the resource when there is one.
 */
import { Unknown, isUnknown, type SourceLocation, type Value } from '../types.js';
import { entry, type CfnNode, type Lines } from './tree.js';

/** `AWS::NoValue`: the property it is given to is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type Evaluated = Value | typeof NO_VALUE;

/** Pseudo parameters; all but `AWS::NoValue` are Unknown unless given as parameters. */
const PSEUDO = new Set([
  'AWS::AccountId',
  'AWS::NotificationARNs',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
]);

/** `Fn::GetAtt` attributes that return a property as written: type -> attribute -> property. */
const ECHOED_ATTRIBUTES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'AWS::EC2::VPC': { CidrBlock: 'CidrBlock' },
  'AWS::EC2::Subnet': { CidrBlock: 'CidrBlock' },
};

/**
 * The partitions `AWS::Partition` can name. ARNs built from it (`arn:${AWS::Partition}:iam::
 * aws:policy/...`, in every CDK template) stay unknown but carry one candidate per partition,
 * so a rule that does not care which partition can still decide.
 */
const PARTITIONS = [
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
];

/** Most candidate strings one `Fn::Sub` or `Fn::Join` may produce. */
const MAX_CANDIDATES = 64;

export interface Problem {
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly line: number;
}

export interface EvaluatorInput {
  readonly file: string;
  readonly parameters?: CfnNode;
  readonly mappings?: CfnNode;
  readonly conditions?: CfnNode;
  /** Logical ids of every resource in the template. */
  readonly resourceIds: ReadonlySet<string>;
  /** The resources' definitions, to read the few attributes that echo a property. */
  readonly resources?: ReadonlyMap<string, CfnNode>;
  /** Logical ids a transform creates (SAM's `MyFunctionRole`, `ServerlessRestApi`...). */
  readonly generated?: (logicalId: string) => boolean;
  /** `--parameter Key=Value` overrides; may also give pseudo parameters like `AWS::Region`. */
  readonly overrides: Readonly<Record<string, string>>;
}

/** Records where each evaluated path was written. */
export type LocationSink = Map<string, SourceLocation>;

export class Evaluator {
  readonly problems: Problem[] = [];
  private readonly parameterValues = new Map<string, Value>();
  private readonly conditionValues = new Map<string, boolean | Unknown>();
  private readonly conditionsInProgress = new Set<string>();
  private readonly attributesInProgress = new Set<string>();

  constructor(private readonly input: EvaluatorInput) {
    if (input.parameters?.kind === 'map') {
      for (const p of input.parameters.entries) {
        this.parameterValues.set(p.key, this.parameterValue(p.key, p.value));
      }
    }
  }

  /** Evaluates a node; with `path`, records its location and those of its members. */
  value(node: CfnNode, path?: string, sink?: LocationSink): Evaluated {
    if (path !== undefined && sink) sink.set(path, this.location(node.lines));
    switch (node.kind) {
      case 'scalar':
        return node.value;
      case 'seq': {
        const out: Value[] = [];
        for (const item of node.items) {
          const p = path !== undefined ? `${path}.${out.length}` : undefined;
          const v = this.value(item, p, sink);
          if (v !== NO_VALUE) out.push(v);
          else if (p !== undefined) sink?.delete(p);
        }
        return out;
      }
      case 'map': {
        const fn = functionOf(node);
        if (fn) return this.call(fn.name, fn.arg, node.lines, path, sink);
        const out: { [key: string]: Value } = {};
        for (const e of node.entries) {
          const p = path !== undefined ? (path === '' ? e.key : `${path}.${e.key}`) : undefined;
          const v = this.value(e.value, p, sink);
          if (p !== undefined && sink) {
            // The entry, key included, is the better place to point at.
            if (v === NO_VALUE) sink.delete(p);
            else sink.set(p, this.location(e.lines));
          }
          if (v !== NO_VALUE) out[e.key] = v;
        }
        return out;
      }
    }
  }

  /** A condition by name: true, false, or Unknown when it depends on unknown values. */
  condition(name: string, line = 1): boolean | Unknown {
    const cached = this.conditionValues.get(name);
    if (cached !== undefined) return cached;
    const def = entry(this.input.conditions, name);
    if (!def) {
      this.problem('CW-CFN-005', 'error', `condition ${name} is not defined`, line);
      return new Unknown(`condition ${name} is not defined`);
    }
    if (this.conditionsInProgress.has(name)) {
      this.problem(
        'CW-CFN-005',
        'error',
        `condition ${name} refers to itself`,
        def.lines.startLine,
      );
      return new Unknown(`condition ${name} refers to itself`);
    }
    this.conditionsInProgress.add(name);
    const result = this.truth(def.value);
    this.conditionsInProgress.delete(name);
    this.conditionValues.set(name, result);
    return result;
  }

  private truth(node: CfnNode): boolean | Unknown {
    if (node.kind === 'map' && node.entries.length === 1) {
      const only = node.entries[0]!;
      if (only.key === 'Condition' && only.value.kind === 'scalar') {
        return this.condition(String(only.value.value), only.lines.startLine);
      }
    }
    const v = this.value(node);
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    if (isUnknown(v)) return v;
    return new Unknown('a condition does not evaluate to true or false');
  }

  private call(
    name: string,
    arg: CfnNode,
    lines: Lines,
    path: string | undefined,
    sink: LocationSink | undefined,
  ): Evaluated {
    const line = lines.startLine;
    switch (name) {
      case 'Ref': {
        const target = this.value(arg);
        return typeof target === 'string' ? this.ref(target, line) : unknownArg('Ref', target);
      }
      case 'Fn::GetAtt':
        return this.getAtt(arg, line);
      case 'Fn::If': {
        const args = seqItems(arg, 3);
        if (!args) return this.bad(name, 'takes [condition, value if true, value if false]', line);
        const [cond, whenTrue, whenFalse] = args as [CfnNode, CfnNode, CfnNode];
        const condName = this.value(cond);
        if (typeof condName !== 'string') return unknownArg(name, condName);
        const truth = this.condition(condName, line);
        if (truth === true) return this.value(whenTrue, path, sink);
        if (truth === false) return this.value(whenFalse, path, sink);
        const a = this.value(whenTrue);
        const b = this.value(whenFalse);
        if (a !== NO_VALUE && b !== NO_VALUE && sameValue(a, b)) return a;
        // Both branches kept as candidates, so a rule that accepts either can still decide.
        const reason = `the value depends on condition ${condName}: ${truth.reason}`;
        const candidates = [...branchCandidates(a), ...branchCandidates(b)];
        return candidates.every((v) => v !== undefined)
          ? new Unknown(reason, undefined, candidates as Value[])
          : new Unknown(reason);
      }
      case 'Fn::Equals': {
        const args = seqItems(arg, 2);
        if (!args) return this.bad(name, 'takes two values', line);
        const a = this.value(args[0]!);
        const b = this.value(args[1]!);
        const u = firstUnknown(a) ?? firstUnknown(b);
        if (u) return opaque(u);
        return sameValue(a, b);
      }
      case 'Fn::Not': {
        const args = seqItems(arg, 1);
        if (!args) return this.bad(name, 'takes one condition', line);
        const v = this.truth(args[0]!);
        return isUnknown(v) ? v : !v;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (arg.kind !== 'seq' || arg.items.length === 0) {
          return this.bad(name, 'takes a list of conditions', line);
        }
        const values = arg.items.map((i) => this.truth(i));
        const decisive = name === 'Fn::And' ? false : true;
        if (values.includes(decisive)) return decisive;
        return values.find(isUnknown) ?? !decisive;
      }
      case 'Condition': {
        const v = this.value(arg);
        return typeof v === 'string' ? this.condition(v, line) : unknownArg(name, v);
      }
      case 'Fn::Sub':
        return this.sub(arg, line);
      case 'Fn::Join': {
        const args = seqItems(arg, 2);
        if (!args) return this.bad(name, 'takes [delimiter, list]', line);
        const delimiter = this.value(args[0]!);
        const list = this.value(args[1]!);
        if (typeof delimiter !== 'string') return unknownArg(name, delimiter);
        if (!Array.isArray(list)) return unknownArg(name, list);
        const u = list.find(isUnknown);
        if (u) {
          const parts = list.map((x) => (isUnknown(x) || !isPrimitive(x) ? x : String(x)));
          return parts.every((x) => typeof x === 'string' || isUnknown(x))
            ? withCandidates(parts as (string | Unknown)[], delimiter, u)
            : opaque(u);
        }
        if (!list.every(isPrimitive)) return this.bad(name, 'joins only strings and numbers', line);
        return list.map(String).join(delimiter);
      }
      case 'Fn::Select': {
        const args = seqItems(arg, 2);
        if (!args) return this.bad(name, 'takes [index, list]', line);
        const index = this.value(args[0]!);
        const list = this.value(args[1]!);
        if (isUnknown(index)) return opaque(index);
        if (!Array.isArray(list)) return unknownArg(name, list);
        const i = typeof index === 'number' ? index : Number(index);
        const picked = Number.isInteger(i) ? list[i] : undefined;
        return picked === undefined
          ? this.bad(name, `has no element ${String(index)}`, line)
          : picked;
      }
      case 'Fn::Split': {
        const args = seqItems(arg, 2);
        if (!args) return this.bad(name, 'takes [delimiter, string]', line);
        const delimiter = this.value(args[0]!);
        const source = this.value(args[1]!);
        if (typeof delimiter !== 'string') return unknownArg(name, delimiter);
        if (typeof source !== 'string') return unknownArg(name, source);
        return source.split(delimiter);
      }
      case 'Fn::FindInMap':
        return this.findInMap(arg, line);
      case 'Fn::Base64': {
        const v = this.value(arg);
        return typeof v === 'string'
          ? Buffer.from(v, 'utf8').toString('base64')
          : unknownArg(name, v);
      }
      case 'Fn::Length': {
        const v = this.value(arg);
        return Array.isArray(v) ? v.length : unknownArg(name, v);
      }
      case 'Fn::ToJsonString': {
        const v = this.value(arg);
        if (v === NO_VALUE) return unknownArg(name, v);
        const u = firstUnknown(v);
        return u ? opaque(u) : JSON.stringify(v);
      }
      case 'Fn::ImportValue':
        return new Unknown('the value is imported from another stack (Fn::ImportValue)');
      case 'Fn::GetAZs':
        return new Unknown('the availability zones are known only at deployment (Fn::GetAZs)');
      case 'Fn::Cidr':
        return new Unknown('Fn::Cidr is not evaluated by crosswalk');
      case 'Fn::Transform':
        return new Unknown('the value comes from a macro (Fn::Transform), which is not expanded');
      default:
        return new Unknown(`${name} is not evaluated by crosswalk`);
    }
  }

  private ref(name: string, line: number): Evaluated {
    if (name === 'AWS::NoValue') return NO_VALUE;
    const given = this.input.overrides[name];
    if (PSEUDO.has(name)) {
      return given !== undefined
        ? name === 'AWS::NotificationARNs'
          ? given.split(',')
          : given
        : new Unknown(
            `${name} is known only at deployment`,
            undefined,
            name === 'AWS::Partition' ? PARTITIONS : undefined,
          );
    }
    const param = this.parameterValues.get(name);
    if (param !== undefined) return param;
    if (this.input.resourceIds.has(name)) {
      return new Unknown(`${name} is known only after the stack is created`, {
        address: name,
        attribute: 'Ref',
      });
    }
    if (this.input.generated?.(name)) {
      return new Unknown(`${name} is created by the SAM transform, after the template is read`, {
        address: name,
        attribute: 'Ref',
      });
    }
    this.problem(
      'CW-CFN-004',
      'error',
      `Ref to ${name}, which is neither a parameter nor a resource`,
      line,
    );
    return new Unknown(`${name} is neither a parameter nor a resource`);
  }

  private getAtt(arg: CfnNode, line: number): Evaluated {
    let resource: Value | typeof NO_VALUE;
    let attribute: Value | typeof NO_VALUE;
    if (arg.kind === 'scalar' && typeof arg.value === 'string') {
      const dot = arg.value.indexOf('.');
      if (dot < 0) return this.bad('Fn::GetAtt', 'takes Resource.Attribute', line);
      resource = arg.value.slice(0, dot);
      attribute = arg.value.slice(dot + 1);
    } else {
      const args = seqItems(arg, 2);
      if (!args) return this.bad('Fn::GetAtt', 'takes [resource, attribute]', line);
      resource = this.value(args[0]!);
      attribute = this.value(args[1]!);
    }
    if (typeof resource !== 'string') return unknownArg('Fn::GetAtt', resource);
    if (!this.input.resourceIds.has(resource) && !this.input.generated?.(resource)) {
      this.problem(
        'CW-CFN-004',
        'error',
        `Fn::GetAtt names ${resource}, which is not a resource`,
        line,
      );
    }
    const attr = typeof attribute === 'string' ? attribute : '?';
    const echoed = this.echoedAttribute(resource, attr);
    if (echoed !== undefined) return echoed;
    return new Unknown(`${resource}.${attr} is known only after the stack is created`, {
      address: resource,
      attribute: attr,
    });
  }

  /**
   * An attribute that is the value of one of the resource's own properties, such as a
   * VPC's `CidrBlock`; undefined when the property is not written (e.g. an IPAM pool picks
   * the range) or the resource exists only under a condition.
   */
  private echoedAttribute(resource: string, attribute: string): Evaluated | undefined {
    const node = this.input.resources?.get(resource);
    const typeNode = entry(node, 'Type')?.value;
    const type = typeNode?.kind === 'scalar' ? typeNode.value : undefined;
    const property = typeof type === 'string' ? ECHOED_ATTRIBUTES[type]?.[attribute] : undefined;
    if (!node || property === undefined || entry(node, 'Condition')) return undefined;
    const written = entry(entry(node, 'Properties')?.value, property);
    if (!written) return undefined;
    const key = `${resource}.${attribute}`;
    if (this.attributesInProgress.has(key)) return undefined;
    this.attributesInProgress.add(key);
    try {
      const v = this.value(written.value);
      return v === NO_VALUE ? undefined : v;
    } finally {
      this.attributesInProgress.delete(key);
    }
  }

  private sub(arg: CfnNode, line: number): Evaluated {
    let template: Value | typeof NO_VALUE;
    const vars = new Map<string, Evaluated>();
    if (arg.kind === 'seq') {
      const args = seqItems(arg, 2);
      if (!args) return this.bad('Fn::Sub', 'takes a string or [string, variables]', line);
      template = this.value(args[0]!);
      const map = args[1]!;
      if (map.kind === 'map' && !functionOf(map)) {
        for (const e of map.entries) vars.set(e.key, this.value(e.value));
      }
    } else {
      template = this.value(arg);
    }
    if (typeof template !== 'string') return unknownArg('Fn::Sub', template);
    const parts: (string | Unknown)[] = [];
    const pattern = /\$\{([^}]*)\}/g;
    let last = 0;
    for (let m = pattern.exec(template); m; m = pattern.exec(template)) {
      parts.push(template.slice(last, m.index));
      last = m.index + m[0].length;
      const name = (m[1] ?? '').trim();
      if (name.startsWith('!')) {
        parts.push(`\${${name.slice(1)}}`);
        continue;
      }
      let v: Evaluated;
      if (vars.has(name)) v = vars.get(name)!;
      else if (name.includes('.') && !name.startsWith('AWS::')) {
        v = this.getAtt(
          { kind: 'scalar', value: name, lines: { startLine: line, endLine: line } },
          line,
        );
      } else v = this.ref(name, line);
      if (isUnknown(v)) parts.push(v);
      else if (isPrimitive(v)) parts.push(String(v));
      else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) parts.push(v.join(','));
      else parts.push(new Unknown(`\${${name}} is not a plain value`));
    }
    parts.push(template.slice(last));
    const nonEmpty = parts.filter((p) => p !== '');
    // `!Sub '${Bucket}'` is the reference itself; otherwise the first unknown piece decides.
    if (nonEmpty.length === 1 && isUnknown(nonEmpty[0])) return nonEmpty[0];
    const u = parts.find(isUnknown);
    return u ? withCandidates(parts, '', u) : parts.join('');
  }

  private findInMap(arg: CfnNode, line: number): Evaluated {
    if (arg.kind !== 'seq' || arg.items.length < 3) {
      return this.bad('Fn::FindInMap', 'takes [map, top-level key, second-level key]', line);
    }
    const [mapName, top, second] = arg.items.slice(0, 3).map((n) => this.value(n));
    const fallbackNode = arg.items[3];
    const fallback = (): Evaluated | undefined => {
      const d = fallbackNode ? entry(fallbackNode, 'DefaultValue') : undefined;
      return d ? this.value(d.value) : undefined;
    };
    if (typeof mapName !== 'string') return unknownArg('Fn::FindInMap', mapName ?? null);
    const map = entry(this.input.mappings, mapName);
    if (!map || map.value.kind !== 'map') {
      this.problem('CW-CFN-004', 'error', `mapping ${mapName} is not defined`, line);
      return new Unknown(`mapping ${mapName} is not defined`);
    }
    const lookup = (topKey: string, secondKey: string): Evaluated | undefined => {
      const inner = entry(map.value, topKey);
      const leaf = inner ? entry(inner.value, secondKey) : undefined;
      return leaf ? this.value(leaf.value) : undefined;
    };
    if (isUnknown(second)) return opaque(second);
    if (!isPrimitive(second ?? null) || second === null)
      return unknownArg('Fn::FindInMap', second ?? null);
    if (isUnknown(top)) {
      // Unknown top key (often AWS::Region): fine when every entry agrees.
      const values = map.value.entries.map((e) => lookup(e.key, String(second)));
      const firstValue = values[0];
      if (
        firstValue !== undefined &&
        firstValue !== NO_VALUE &&
        values.every((v) => v !== undefined && v !== NO_VALUE && sameValue(v, firstValue))
      ) {
        return firstValue;
      }
      return new Unknown(
        `the ${mapName} mapping entry depends on a value not known: ${top.reason}`,
      );
    }
    if (!isPrimitive(top ?? null) || top === null) return unknownArg('Fn::FindInMap', top ?? null);
    const found = lookup(String(top), String(second));
    if (found !== undefined) return found;
    const d = fallback();
    if (d !== undefined) return d;
    this.problem(
      'CW-CFN-004',
      'error',
      `mapping ${mapName} has no entry ${String(top)}.${String(second)}`,
      line,
    );
    return new Unknown(`mapping ${mapName} has no entry ${String(top)}.${String(second)}`);
  }

  /** A parameter's value: the override, else the default, typed by the parameter's Type. */
  private parameterValue(name: string, def: CfnNode): Value {
    const typeEntry = entry(def, 'Type');
    const type = typeEntry?.value.kind === 'scalar' ? String(typeEntry.value.value) : 'String';
    const given = this.input.overrides[name];
    const defaultEntry = entry(def, 'Default');
    // SSM parameter types hold a parameter name; the value is read at deployment.
    if (type.startsWith('AWS::SSM::Parameter::Value') && given === undefined) {
      return new Unknown(`parameter ${name} is read from SSM Parameter Store at deployment`);
    }
    let raw: Value;
    if (given !== undefined) raw = given;
    else if (defaultEntry && defaultEntry.value.kind === 'scalar') raw = defaultEntry.value.value;
    else if (defaultEntry) {
      const v = this.value(defaultEntry.value);
      raw = v === NO_VALUE ? null : v;
    } else {
      return new Unknown(
        `parameter ${name} has no default and no value was given (--parameter ${name}=...)`,
      );
    }
    if (
      type === 'Number' &&
      typeof raw === 'string' &&
      raw.trim() !== '' &&
      Number.isFinite(Number(raw))
    ) {
      return Number(raw);
    }
    if ((type === 'CommaDelimitedList' || type.startsWith('List<')) && typeof raw === 'string') {
      const items = raw.split(',').map((s) => s.trim());
      return type === 'List<Number>'
        ? items.map((s) => (Number.isFinite(Number(s)) ? Number(s) : s))
        : items;
    }
    if (type !== 'Number' && typeof raw === 'number') return String(raw);
    return raw;
  }

  private bad(name: string, what: string, line: number): Unknown {
    this.problem('CW-CFN-004', 'error', `${name} ${what}`, line);
    return new Unknown(`${name} ${what}`);
  }

  private problem(
    code: string,
    severity: Problem['severity'],
    message: string,
    line: number,
  ): void {
    if (!this.problems.some((p) => p.code === code && p.message === message && p.line === line)) {
      this.problems.push({ code, severity, message, line });
    }
  }

  location(lines: Lines): SourceLocation {
    return { file: this.input.file, ...lines };
  }
}

/** The intrinsic function a one-entry map stands for, if any. */
export function functionOf(node: CfnNode): { name: string; arg: CfnNode } | undefined {
  if (node.kind !== 'map' || node.entries.length !== 1) return undefined;
  const only = node.entries[0]!;
  if (only.key === 'Ref' || only.key.startsWith('Fn::')) return { name: only.key, arg: only.value };
  return undefined;
}

function seqItems(node: CfnNode, count: number): readonly CfnNode[] | undefined {
  return node.kind === 'seq' && node.items.length === count ? node.items : undefined;
}

function isPrimitive(v: Evaluated): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function unknownArg(name: string, v: Evaluated): Unknown {
  if (isUnknown(v)) return opaque(v);
  return new Unknown(`${name} got an argument it cannot use`);
}

export function firstUnknown(v: Evaluated): Unknown | undefined {
  if (isUnknown(v)) return v;
  if (Array.isArray(v)) {
    for (const x of v) {
      const u = firstUnknown(x);
      if (u) return u;
    }
  } else if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) {
      const u = firstUnknown(x);
      if (u) return u;
    }
  }
  return undefined;
}

/**
 * `first` with the texts the joined parts can make, when every unknown part has string
 * candidates (and there are few enough); otherwise `first` as is.
 */
function withCandidates(
  parts: readonly (string | Unknown)[],
  delimiter: string,
  first: Unknown,
): Unknown {
  let texts: string[] = [''];
  parts.forEach((part, i) => {
    const sep = i === 0 ? '' : delimiter;
    if (!isUnknown(part)) {
      texts = texts.map((t) => t + sep + part);
      return;
    }
    const options = part.candidates;
    if (!options || options.length === 0 || !options.every((c) => typeof c === 'string')) {
      texts = [];
      return;
    }
    const next: string[] = [];
    for (const t of texts) for (const c of options) next.push(t + sep + (c as string));
    texts = next.length > MAX_CANDIDATES ? [] : next;
  });
  return texts.length === 0 ? opaque(first) : new Unknown(first.reason, undefined, texts);
}

/**
 * An unknown part standing for a larger or different value: its candidates (the values of
 * the part) are not those of the whole, so they are dropped.
 */
function opaque(u: Unknown): Unknown {
  return u.candidates ? new Unknown(u.reason, u.ref) : u;
}

function branchCandidates(v: Evaluated): (Value | undefined)[] {
  if (v === NO_VALUE) return [undefined];
  if (isUnknown(v)) return v.candidates ? [...v.candidates] : [undefined];
  return firstUnknown(v) ? [undefined] : [v];
}

/** Equality as CloudFormation compares: numbers and their text are the same. */
function sameValue(a: Evaluated, b: Evaluated): boolean {
  if (isUnknown(a) || isUnknown(b)) return false;
  if (isPrimitive(a) && isPrimitive(b)) return String(a) === String(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]!));
  }
  if (
    a &&
    b &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length && ka.every((k) => k in b && sameValue(a[k]!, b[k]!))
    );
  }
  return a === b;
}
