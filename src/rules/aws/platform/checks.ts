/**
 * Reasoning shared by the platform rules: three-valued logic over Unknown, IAM statement
 * analysis and security-group rule analysis. Reads only the typed model.
 */
import { Unknown, isUnknown, type Field } from '../../../iac/aws/field.js';
import type {
  MaybeString,
  PolicyDocument,
  PolicyStatement,
  SecurityGroupRule,
} from '../../../iac/aws/model/platform.js';
import type { SourceLocation } from '../../../iac/types.js';
import type { Verdict } from '../../types.js';

/** true, false, or not knowable (with the reason). */
export type Tri = boolean | Unknown;

export const passed = (message: string, location?: SourceLocation): Verdict => ({
  status: 'passed',
  message,
  ...(location ? { location } : {}),
});
export const failed = (message: string, location?: SourceLocation): Verdict => ({
  status: 'failed',
  message,
  ...(location ? { location } : {}),
});
export const unknown = (message: string, location?: SourceLocation): Verdict => ({
  status: 'unknown',
  message,
  ...(location ? { location } : {}),
});

/** Conjunction: false wins over Unknown, Unknown over true. */
export function and(...values: Tri[]): Tri {
  if (values.some((v) => v === false)) return false;
  return values.find(isUnknown) ?? true;
}

/** Disjunction: true wins over Unknown, Unknown over false. */
export function or(...values: Tri[]): Tri {
  if (values.some((v) => v === true)) return true;
  return values.find(isUnknown) ?? false;
}

/** `Unknown` for an unknown field, so a rule can say why in one line. */
export function unknownReason(name: string, f: Field<unknown>): string | undefined {
  return isUnknown(f.value) ? `${name} is not known before apply (${f.value.reason})` : undefined;
}

/** Shows a value in a message. */
export function show(value: unknown): string {
  if (value === undefined) return 'not set';
  if (isUnknown(value)) return 'unknown';
  return JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------
// IAM

/** IAM wildcard matching: `*` any run, `?` one character, case-insensitive. */
export function actionMatches(pattern: string, action: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(action);
}

/** Effect is Allow. */
export function allows(st: PolicyStatement): Tri {
  const e = st.effect.value;
  if (isUnknown(e)) return e;
  return e === 'Allow';
}

function anyOf(list: readonly MaybeString[], test: (s: string) => boolean): Tri {
  return or(...list.map((item) => (isUnknown(item) ? item : test(item))));
}

/** The statement applies to every resource: `Resource: "*"` or a `NotResource` list. */
export function onAllResources(st: PolicyStatement): Tri {
  const not = st.notResources.value;
  if (isUnknown(not)) return not;
  if (not && not.length > 0) return true;
  const res = st.resources.value;
  if (isUnknown(res)) return res;
  if (!res) return false;
  // A reference to another resource's ARN or id is never the literal "*".
  return anyOf(
    res.filter((r) => !(isUnknown(r) && r.ref)),
    (r) => r === '*',
  );
}

/** Some action the statement names satisfies `test`; `NotAction` counts as every action. */
export function grantsActionWhere(st: PolicyStatement, test: (action: string) => boolean): Tri {
  const not = st.notActions.value;
  if (isUnknown(not)) return not;
  if (not && not.length > 0) return true;
  const actions = st.actions.value;
  if (isUnknown(actions)) return actions;
  return actions ? anyOf(actions, test) : false;
}

/** The statement grants the concrete `action` (honouring wildcards and NotAction). */
export function grantsAction(st: PolicyStatement, action: string): Tri {
  const not = st.notActions.value;
  if (isUnknown(not)) return not;
  if (not && not.length > 0) {
    const excluded = anyOf(not, (p) => actionMatches(p, action));
    return isUnknown(excluded) ? excluded : !excluded;
  }
  const actions = st.actions.value;
  if (isUnknown(actions)) return actions;
  return actions ? anyOf(actions, (p) => actionMatches(p, action)) : false;
}

export const isFullWildcard = (action: string): boolean => action === '*' || action === '*:*';

/** Statement label for messages: its Sid, or its position. */
export function statementLabel(doc: PolicyDocument, st: PolicyStatement): string {
  return st.sid ? `statement "${st.sid}"` : `statement ${doc.statements.indexOf(st) + 1}`;
}

/**
 * Runs a per-statement test over a policy document: the first statement for which it is
 * true gives `failed`; otherwise any Unknown (a statement or the document itself) gives
 * `unknown`; otherwise `passed`.
 */
export function checkDocument(
  document: Field<PolicyDocument>,
  what: string,
  test: (st: PolicyStatement) => Tri,
  describe: (doc: PolicyDocument, st: PolicyStatement) => string,
  passMessage: string,
): Verdict {
  const doc = document.value;
  if (isUnknown(doc))
    return unknown(
      `the policy document is not known before apply (${doc.reason})`,
      document.location,
    );
  if (doc === undefined)
    return passed(`no policy document is set, so it grants no ${what}`, document.location);
  let open: Unknown | undefined;
  for (const st of doc.statements) {
    const result = test(st);
    if (result === true) return failed(describe(doc, st), st.location);
    if (isUnknown(result)) open ??= result;
  }
  if (open)
    return unknown(
      `part of the policy is not known before apply (${open.reason})`,
      document.location,
    );
  if (doc.incomplete) {
    return unknown(
      `the policy may contain statements that are not visible (${doc.incomplete.reason})`,
      document.location,
    );
  }
  return passed(passMessage, document.location);
}

/** The document allows every action on every resource. */
export function grantsFullAdmin(doc: Field<PolicyDocument> | undefined): Tri {
  const d = doc?.value;
  if (d === undefined) return false;
  if (isUnknown(d)) return d;
  const perStatement = d.statements.map((st) =>
    and(allows(st), onAllResources(st), grantsActionWhere(st, isFullWildcard)),
  );
  return or(...perStatement, d.incomplete ?? false);
}

// ---------------------------------------------------------------------------------------
// Security groups

export const WORLD_CIDRS = ['0.0.0.0/0', '::/0'];

/**
 * Any address with a /0 prefix is every address, however it is spelled: `::0/0`,
 * `0:0:0:0:0:0:0:0/0`, and host bits the provider would normally reject (`192.0.0.0/0`).
 */
export function isWorldCidr(cidr: string): boolean {
  const text = cidr.trim();
  if (WORLD_CIDRS.includes(text)) return true;
  const slash = text.lastIndexOf('/');
  if (slash < 0 || !/^0+$/.test(text.slice(slash + 1))) return false;
  const address = text.slice(0, slash);
  return (
    /^\d{1,3}(\.\d{1,3}){3}$/.test(address) ||
    (address.includes(':') && /^[0-9a-f:.]+$/i.test(address))
  );
}

export type PortScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'range'; readonly from: number; readonly to: number }
  /** A protocol without ports (ICMP and others). */
  | { readonly kind: 'none'; readonly protocol: string };

/** The ports a rule opens, from its protocol and port range. */
export function portScope(rule: SecurityGroupRule): PortScope | Unknown {
  const p = rule.protocol.value;
  if (isUnknown(p)) return p;
  const protocol = (p ?? '').toLowerCase();
  if (protocol === '-1' || protocol === 'all') return { kind: 'all' };
  if (!['tcp', 'udp', '6', '17'].includes(protocol))
    return { kind: 'none', protocol: protocol || 'unset' };
  const from = rule.fromPort.value;
  const to = rule.toPort.value;
  if (isUnknown(from)) return from;
  if (isUnknown(to)) return to;
  if (from === undefined || to === undefined) return new Unknown('the port range is not set');
  // -1 is the API's "all ports" for TCP/UDP in some tools' output.
  if (from === -1 || to === -1) return { kind: 'all' };
  return { kind: 'range', from, to };
}

/** The rule admits traffic from anywhere on the internet (0.0.0.0/0 or ::/0). */
export function fromWorld(rule: SecurityGroupRule): Tri {
  const cidrs = rule.cidrs.value;
  if (isUnknown(cidrs)) return cidrs;
  if (!cidrs) return false;
  return anyOf(cidrs, isWorldCidr);
}

export function describePorts(scope: PortScope): string {
  if (scope.kind === 'all') return 'all ports';
  if (scope.kind === 'none') return `protocol ${scope.protocol}`;
  return scope.from === scope.to ? `port ${scope.from}` : `ports ${scope.from}-${scope.to}`;
}

/** The rule opens TCP `port` to the world. */
export function opensTcpPortToWorld(rule: SecurityGroupRule, port: number): Tri {
  if (rule.direction !== 'ingress') return false;
  const world = fromWorld(rule);
  if (world === false) return false;
  const scope = portScope(rule);
  if (isUnknown(scope)) return and(world, scope);
  const protocol = rule.protocol.value;
  const tcp = typeof protocol === 'string' && ['tcp', '6'].includes(protocol.toLowerCase());
  const covers =
    scope.kind === 'all' ||
    (scope.kind === 'range' && tcp && scope.from <= port && port <= scope.to);
  return and(world, covers);
}

/** The rule opens to the world something outside the allowed ports. */
export function opensDisallowedToWorld(rule: SecurityGroupRule, allowed: readonly number[]): Tri {
  if (rule.direction !== 'ingress') return false;
  const world = fromWorld(rule);
  if (world === false) return false;
  const scope = portScope(rule);
  if (isUnknown(scope)) return and(world, scope);
  if (scope.kind !== 'range') return world;
  const { from, to } = scope;
  if (to < from) return world;
  const allowedInRange = new Set(allowed.filter((p) => p >= from && p <= to)).size;
  return and(world, allowedInRange !== to - from + 1);
}

/** Sentence describing a rule for messages. */
export function describeRule(rule: SecurityGroupRule): string {
  const scope = portScope(rule);
  const ports = isUnknown(scope) ? 'unknown ports' : describePorts(scope);
  const cidrs = rule.cidrs.value;
  const world = Array.isArray(cidrs)
    ? cidrs.filter((c): c is string => typeof c === 'string' && isWorldCidr(c)).join(', ')
    : '';
  return `${rule.address} ${rule.direction} opens ${ports} to ${world || 'an unknown source'}`;
}

/**
 * Applies a per-rule test to a group's ingress: failing on the first true, unknown when a
 * rule, the inline blocks, or a possibly-related unlinked rule is not knowable.
 */
export function checkRules(
  rules: readonly SecurityGroupRule[],
  unlinked: readonly SecurityGroupRule[],
  inlineUnknown: Unknown | undefined,
  test: (rule: SecurityGroupRule) => Tri,
  passMessage: string,
  location: SourceLocation,
): Verdict {
  let open: string | undefined;
  for (const rule of rules) {
    const result = test(rule);
    if (result === true) return failed(describeRule(rule), rule.location);
    if (isUnknown(result)) open ??= `${rule.address}: ${result.reason}`;
  }
  if (inlineUnknown)
    open ??= `the inline rules are not known before apply (${inlineUnknown.reason})`;
  for (const rule of unlinked) {
    if (test(rule) !== false) {
      open ??= `${rule.address}, whose security group is not known before apply, may add a rule to this group`;
    }
  }
  return open ? unknown(open, location) : passed(passMessage, location);
}

// ---------------------------------------------------------------------------------------
// Plain settings

/**
 * A boolean setting that must equal `want`. `whenAbsent` is the AWS default used when the
 * attribute is not written.
 */
export function expectFlag(
  f: Field<boolean>,
  attribute: string,
  options: { want: boolean; whenAbsent: boolean; absentNote: string },
): Verdict {
  const v = f.value;
  if (isUnknown(v))
    return unknown(`${attribute} is not known before apply (${v.reason})`, f.location);
  const effective = v ?? options.whenAbsent;
  const shown =
    v === undefined ? `${attribute} is not set (${options.absentNote})` : `${attribute} = ${v}`;
  return effective === options.want ? passed(shown, f.location) : failed(shown, f.location);
}

/** A string setting that must be present (non-empty). */
export function expectSet(f: Field<string>, attribute: string, absentNote: string): Verdict {
  const v = f.value;
  if (isUnknown(v)) {
    // A reference to another resource's id or ARN is set even before that resource exists;
    // anything else (a variable without default) may still turn out null.
    return v.ref
      ? passed(`${attribute} references ${v.ref.address}`, f.location)
      : unknown(`${attribute} is not known before apply (${v.reason})`, f.location);
  }
  if (v === undefined || v === '')
    return failed(`${attribute} is not set (${absentNote})`, f.location);
  return passed(`${attribute} = ${JSON.stringify(v)}`, f.location);
}
