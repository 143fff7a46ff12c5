/**
 * The `configuration` section of a plan: what each attribute was written as. Used to give
 * an attribute that is unknown in the plan the ref of the resource it was written to read
 * (`bucket = aws_s3_bucket.logs.id`), following `each.value`, module inputs (`var.x`) and
 * module outputs (`module.m.out`) across module boundaries.
 */
import { Unknown, isUnknown, type Value } from '../types.js';
import {
  formatKey,
  parseSteps,
  withModule,
  type AddressStep,
  type InstanceKey,
  type ResourceAddress,
} from '../terraform/address.js';
import type { Json } from './json-positions.js';

type JsonObject = { [key: string]: Json };
type Ref = { address: string; attribute: string };

const isObject = (v: Json | undefined): v is JsonObject =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** A module instance in the configuration, with the path to reach it. */
interface Scope {
  readonly config: JsonObject;
  /** Instance path, e.g. `module.a["k"]`; empty at the root. */
  readonly prefix: string;
  readonly parent?: Scope;
  /** The call that made this scope, in the parent. */
  readonly call?: JsonObject;
}

const MAX_DEPTH = 16;

export class ConfigIndex {
  constructor(private readonly configuration: JsonObject | undefined) {}

  /**
   * Replaces each Unknown without a ref in `attributes` by one with the ref its config
   * expression (or the HCL twin's value at the same path) points at. Mutates `attributes`.
   */
  linkUnknowns(
    attributes: { [key: string]: Value },
    address: ResourceAddress,
    twin?: { readonly [key: string]: Value },
  ): void {
    const scope = this.scopeFor(address.modules);
    const local = `${address.mode === 'data' ? 'data.' : ''}${address.type}.${address.name}`;
    const resource = scope ? this.resourcesOf(scope.config).get(local) : undefined;
    const expressions = resource && isObject(resource.expressions) ? resource.expressions : {};

    const visit = (value: Value, path: (string | number)[], expr: Json | undefined): Value => {
      if (isUnknown(value)) {
        if (value.ref) return value;
        const fromTwin = at(twin, path);
        if (isUnknown(fromTwin) && fromTwin.ref) return new Unknown(value.reason, fromTwin.ref);
        const refs = isObject(expr) && Array.isArray(expr.references) ? expr.references : [];
        const ref =
          scope && resource ? this.resolve(refs, scope, resource, address.key, 0) : undefined;
        return ref ? new Unknown(value.reason, ref) : value;
      }
      if (Array.isArray(value)) {
        value.forEach((v, i) => {
          const e = Array.isArray(expr) ? (expr[i] ?? expr[0]) : undefined;
          value[i] = visit(v, [...path, i], e);
        });
      } else if (value !== null && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) {
          const e = isObject(expr) && !Array.isArray(expr.references) ? expr[k] : undefined;
          value[k] = visit(v, [...path, k], e);
        }
      }
      return value;
    };
    visit(attributes, [], expressions);
  }

  private readonly byModule = new WeakMap<JsonObject, Map<string, JsonObject>>();

  /** The resources of a module's configuration, by address (built once per module). */
  private resourcesOf(config: JsonObject): Map<string, JsonObject> {
    let map = this.byModule.get(config);
    if (!map) {
      map = new Map();
      for (const r of Array.isArray(config.resources) ? config.resources : []) {
        if (isObject(r) && typeof r.address === 'string') map.set(r.address, r);
      }
      this.byModule.set(config, map);
    }
    return map;
  }

  private scopeFor(modules: readonly AddressStep[]): Scope | undefined {
    const root = this.configuration?.root_module;
    if (!isObject(root)) return undefined;
    let scope: Scope = { config: root, prefix: '' };
    for (const m of modules) {
      const next = this.child(scope, m.name, m.key);
      if (!next) return undefined;
      scope = next;
    }
    return scope;
  }

  private child(scope: Scope, name: string, key: InstanceKey | undefined): Scope | undefined {
    const calls = isObject(scope.config.module_calls) ? scope.config.module_calls : {};
    const call = calls[name];
    if (!isObject(call) || !isObject(call.module)) return undefined;
    return {
      config: call.module,
      prefix: withModule(scope.prefix, `module.${name}${formatKey(key)}`),
      parent: scope,
      call,
    };
  }

  /** The first reference that names a resource attribute, followed through modules. */
  private resolve(
    refs: readonly Json[],
    scope: Scope,
    resource: JsonObject | undefined,
    key: InstanceKey | undefined,
    depth: number,
  ): Ref | undefined {
    if (depth > MAX_DEPTH) return undefined;
    for (const ref of refs) {
      if (typeof ref !== 'string') continue;
      const steps = parseSteps(ref);
      if (!steps || steps.length < 2) continue;
      const found = this.resolveOne(steps, scope, resource, key, depth);
      if (found) return found;
    }
    return undefined;
  }

  private resolveOne(
    steps: AddressStep[],
    scope: Scope,
    resource: JsonObject | undefined,
    key: InstanceKey | undefined,
    depth: number,
  ): Ref | undefined {
    const [first, second, third, fourth] = steps;
    if (!first || !second) return undefined;
    switch (first.name) {
      case 'each': {
        // each.value.<attr> with for_each = aws_x.y: the instance of aws_x.y with our key.
        if (second.name !== 'value' || !third || key === undefined || !resource) return undefined;
        const fe = resource.for_each_expression;
        const target = isObject(fe) && Array.isArray(fe.references) ? fe.references : [];
        for (const t of target) {
          const ts = typeof t === 'string' ? parseSteps(t) : undefined;
          const resolved = ts && resourceRef(ts, scope.prefix);
          if (resolved && ts.length === (ts[0]?.name === 'data' ? 3 : 2)) {
            return { address: `${resolved.address}${formatKey(key)}`, attribute: third.name };
          }
        }
        return undefined;
      }
      case 'var': {
        const call = scope.call;
        const parent = scope.parent;
        const input =
          call && isObject(call.expressions) ? call.expressions[second.name] : undefined;
        if (!parent || !isObject(input) || !Array.isArray(input.references)) return undefined;
        return this.resolve(input.references, parent, undefined, undefined, depth + 1);
      }
      case 'module': {
        if (!third) return undefined;
        const child = this.child(scope, second.name, second.key);
        const outputs = child && isObject(child.config.outputs) ? child.config.outputs : {};
        const out = outputs[third.name];
        const expr = isObject(out) && isObject(out.expression) ? out.expression : undefined;
        if (!child || !expr || !Array.isArray(expr.references)) return undefined;
        return this.resolve(expr.references, child, undefined, undefined, depth + 1);
      }
      case 'local':
      case 'count':
      case 'path':
      case 'terraform':
      case 'self':
        return undefined;
      default: {
        const resolved = resourceRef(steps, scope.prefix);
        return resolved && (first.name === 'data' ? fourth : third) ? resolved : undefined;
      }
    }
  }
}

/** `aws_x.y[0].id` (or `data.aws_x.y.id`) as a ref in module `prefix`. */
function resourceRef(steps: AddressStep[], prefix: string): Ref | undefined {
  const data = steps[0]?.name === 'data';
  const type = steps[data ? 1 : 0];
  const name = steps[data ? 2 : 1];
  const attr = steps[data ? 3 : 2];
  if (!type || !name || type.key !== undefined) return undefined;
  const local = `${data ? 'data.' : ''}${type.name}.${name.name}${formatKey(name.key)}`;
  return { address: withModule(prefix, local), attribute: attr?.name ?? 'id' };
}

function at(
  value: Value | { readonly [key: string]: Value } | undefined,
  path: (string | number)[],
) {
  let current: Value | undefined = value as Value | undefined;
  for (const step of path) {
    if (current === null || current === undefined || isUnknown(current)) return undefined;
    if (Array.isArray(current)) current = typeof step === 'number' ? current[step] : undefined;
    else if (typeof current === 'object') current = current[String(step)];
    else return undefined;
  }
  return current;
}
