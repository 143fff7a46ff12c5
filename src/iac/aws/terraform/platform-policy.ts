/**
 * IAM policy documents from Terraform: JSON strings (`jsonencode(...)`, heredocs,
 * `file(...)`), objects, and `data "aws_iam_policy_document"` blocks linked through the
 * reference of the Unknown their `json` output evaluates to.
 */
import {
  Unknown,
  isUnknown,
  locate,
  type RawResource,
  type SourceLocation,
  type Value,
} from '../../types.js';
import { field, type Field } from '../field.js';
import type {
  MaybeString,
  PolicyCondition,
  PolicyDocument,
  PolicyPrincipal,
  PolicyStatement,
} from '../model/platform.js';
import { addressMatches, blocks, stringList } from './platform-support.js';

const MAX_DEPTH = 5;

/** Resolves policy-document data sources by address. */
export class PolicyDocuments {
  private readonly cache = new Map<string, Field<PolicyDocument>>();

  constructor(private readonly dataSources: readonly RawResource[]) {}

  static from(resources: readonly RawResource[]): PolicyDocuments {
    return new PolicyDocuments(
      resources.filter((r) => r.mode === 'data' && r.type === 'aws_iam_policy_document'),
    );
  }

  /** Reads the policy document in attribute `path` of `resource`. */
  read(resource: RawResource, path: readonly (string | number)[]): Field<PolicyDocument> {
    const f = field<Value>(resource, path);
    return this.fromValue(f.value, f.location, 0);
  }

  private fromValue(
    value: Value | undefined,
    location: SourceLocation,
    depth: number,
  ): Field<PolicyDocument> {
    if (value === undefined || value === null) return { value: undefined, location };
    if (isUnknown(value)) {
      const ref = value.ref;
      if (ref && ref.address.includes('aws_iam_policy_document.')) {
        const source = this.dataSources.find((d) => addressMatches(ref.address, d.address));
        if (source) return this.fromDataSource(source, depth + 1);
      }
      // jsonencode() of a document with an unknown ARN inside: judge the known structure
      const partial = value.partial;
      if (
        partial &&
        typeof partial === 'object' &&
        !Array.isArray(partial) &&
        !isUnknown(partial)
      ) {
        return { value: jsonDocument(partial, location), location };
      }
      return { value, location };
    }
    if (typeof value === 'string') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return { value: new Unknown('the policy is not valid JSON'), location };
      }
      return { value: jsonDocument(parsed as Value, location), location };
    }
    if (typeof value === 'object' && !Array.isArray(value)) {
      return { value: jsonDocument(value, location), location };
    }
    return { value: new Unknown('the policy is not a JSON document'), location };
  }

  private fromDataSource(source: RawResource, depth: number): Field<PolicyDocument> {
    const cached = this.cache.get(source.address);
    if (cached) return cached;
    if (depth > MAX_DEPTH) {
      return { value: new Unknown('policy documents nest too deeply'), location: source.location };
    }
    // A plan may already hold the rendered JSON.
    const rendered = source.attributes['json'];
    if (typeof rendered === 'string' && rendered.length > 0) {
      const doc = this.fromValue(rendered, locate(source, ['json']), depth);
      this.cache.set(source.address, doc);
      return doc;
    }
    const list = blocks(source.attributes['statement']);
    if (isUnknown(list)) {
      return { value: list, location: locate(source, ['statement']) };
    }
    const statements: PolicyStatement[] = list.map((_, i) => dataStatement(source, i));
    let incomplete: Unknown | undefined;
    for (const key of [
      'source_policy_documents',
      'override_policy_documents',
      'source_json',
      'override_json',
    ]) {
      const raw = source.attributes[key];
      const items =
        raw === undefined || raw === null
          ? []
          : isUnknown(raw)
            ? [raw]
            : Array.isArray(raw)
              ? raw
              : [raw];
      for (const item of items) {
        const merged = this.fromValue(item, locate(source, [key]), depth + 1);
        if (merged.value === undefined) continue;
        if (isUnknown(merged.value)) {
          incomplete ??= new Unknown(
            `${key} of ${source.address} merges a document that is not knowable`,
          );
        } else {
          statements.push(...merged.value.statements);
          incomplete ??= merged.value.incomplete;
        }
      }
    }
    const doc: Field<PolicyDocument> = {
      value: { statements, location: source.location, ...(incomplete ? { incomplete } : {}) },
      location: source.location,
    };
    this.cache.set(source.address, doc);
    return doc;
  }
}

function listField(
  value: Value | undefined,
  location: SourceLocation,
): Field<readonly MaybeString[]> {
  return { value: stringList(value), location };
}

function dataStatement(source: RawResource, i: number): PolicyStatement {
  const at = (...p: (string | number)[]): SourceLocation => locate(source, ['statement', i, ...p]);
  const statement = (blocks(source.attributes['statement']) as Value[])[i];
  const attrs = (
    statement && typeof statement === 'object' && !Array.isArray(statement) && !isUnknown(statement)
      ? statement
      : {}
  ) as Record<string, Value>;
  const effect = attrs['effect'];
  const principalsFrom = (key: string): Field<readonly PolicyPrincipal[]> => {
    const list = blocks(attrs[key]);
    if (isUnknown(list)) return { value: list, location: at(key) };
    if (attrs[key] === undefined || attrs[key] === null)
      return { value: undefined, location: at(key) };
    return {
      value: list.map((p) => {
        const o = (
          p && typeof p === 'object' && !Array.isArray(p) && !isUnknown(p) ? p : {}
        ) as Record<string, Value>;
        const type = o['type'];
        return {
          type: isUnknown(type)
            ? type
            : typeof type === 'string'
              ? type
              : new Unknown('principal type missing'),
          identifiers: stringList(o['identifiers']) ?? [],
        };
      }),
      location: at(key),
    };
  };
  const conditionList = blocks(attrs['condition']);
  const conditions: Field<readonly PolicyCondition[]> = isUnknown(conditionList)
    ? { value: conditionList, location: at('condition') }
    : {
        value: conditionList.map((c) => {
          const o = (
            c && typeof c === 'object' && !Array.isArray(c) && !isUnknown(c) ? c : {}
          ) as Record<string, Value>;
          return {
            operator: asMaybeString(o['test']),
            key: asMaybeString(o['variable']),
            values: stringList(o['values']) ?? [],
          };
        }),
        location: at('condition'),
      };
  return {
    ...(typeof attrs['sid'] === 'string' ? { sid: attrs['sid'] } : {}),
    // The data source's effect defaults to Allow.
    effect: {
      value:
        effect === undefined || effect === null
          ? 'Allow'
          : isUnknown(effect)
            ? effect
            : String(effect),
      location: at('effect'),
    },
    actions: listField(attrs['actions'], at('actions')),
    notActions: listField(attrs['not_actions'], at('not_actions')),
    resources: listField(attrs['resources'], at('resources')),
    notResources: listField(attrs['not_resources'], at('not_resources')),
    principals: principalsFrom('principals'),
    notPrincipals: principalsFrom('not_principals'),
    conditions,
    location: locate(source, ['statement', i]),
  };
}

function asMaybeString(value: Value | undefined): MaybeString {
  if (isUnknown(value)) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return new Unknown('value missing');
}

/** A policy document in IAM's JSON grammar. Everything is placed at the policy attribute. */
export function jsonDocument(doc: Value, location: SourceLocation): PolicyDocument | Unknown {
  if (isUnknown(doc)) return doc;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return new Unknown('the policy is not a JSON object');
  }
  const raw = doc['Statement'];
  if (isUnknown(raw)) return raw;
  const list = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  let incomplete: Unknown | undefined;
  const statements: PolicyStatement[] = [];
  for (const s of list) {
    if (isUnknown(s)) {
      incomplete ??= s;
      continue;
    }
    if (s === null || typeof s !== 'object' || Array.isArray(s)) continue;
    statements.push(jsonStatement(s, location));
  }
  return { statements, location, ...(incomplete ? { incomplete } : {}) };
}

function jsonStatement(s: { [key: string]: Value }, location: SourceLocation): PolicyStatement {
  const effect = s['Effect'];
  const f = <T>(value: T | Unknown | undefined): Field<T> => ({ value, location });
  return {
    ...(typeof s['Sid'] === 'string' ? { sid: s['Sid'] } : {}),
    // In JSON, Effect is required; a missing one makes the policy invalid, so no Allow.
    effect: f<string>(isUnknown(effect) ? effect : typeof effect === 'string' ? effect : undefined),
    actions: f(stringList(s['Action'])),
    notActions: f(stringList(s['NotAction'])),
    resources: f(stringList(s['Resource'])),
    notResources: f(stringList(s['NotResource'])),
    principals: f(jsonPrincipals(s['Principal'])),
    notPrincipals: f(jsonPrincipals(s['NotPrincipal'])),
    conditions: f(jsonConditions(s['Condition'])),
    location,
  };
}

function jsonPrincipals(
  value: Value | undefined,
): readonly PolicyPrincipal[] | Unknown | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return value;
  if (typeof value === 'string') return [{ type: '*', identifiers: [value] }];
  if (Array.isArray(value)) return new Unknown('the principal is not a JSON object');
  return Object.entries(value).map(([type, ids]) => ({ type, identifiers: stringList(ids) ?? [] }));
}

function jsonConditions(
  value: Value | undefined,
): readonly PolicyCondition[] | Unknown | undefined {
  if (value === undefined || value === null) return undefined;
  if (isUnknown(value)) return value;
  if (typeof value !== 'object' || Array.isArray(value))
    return new Unknown('the condition is not a JSON object');
  const out: PolicyCondition[] = [];
  for (const [operator, body] of Object.entries(value)) {
    if (isUnknown(body)) {
      out.push({ operator, key: body, values: body });
      continue;
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) continue;
    for (const [key, values] of Object.entries(body)) {
      out.push({ operator, key, values: stringList(values) ?? [] });
    }
  }
  return out;
}
