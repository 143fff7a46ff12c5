/**
 * Small pieces every formatter shares: ordering, locations and requirement tags.
 */
import type { Finding, FindingStatus, RequirementRef, RuleSummary } from '../engine/types.js';
import type { SourceLocation } from '../iac/types.js';
import { SEVERITIES, type Severity } from '../rules/types.js';

/** 0 for critical, up to 4 for info. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Findings by file, line, then rule and address, so every format lists them alike. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compare(a.location.file, b.location.file) ||
      a.location.startLine - b.location.startLine ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.resource.address, b.resource.address),
  );
}

export function byStatus(findings: readonly Finding[], status: FindingStatus): Finding[] {
  return findings.filter((f) => f.status === status);
}

/** `main.tf:12`, or `main.tf` when the line is not known. */
export function fileLine(location: SourceLocation): string {
  return location.startLine > 0 ? `${location.file}:${location.startLine}` : location.file;
}

/** `hipaa:164.312(a)(2)(iv)`: the form used in tags, SARIF properties and tables. */
export function requirementTag(ref: RequirementRef): string {
  return `${ref.framework}:${ref.id}`;
}

/** Requirement ids by framework, in first-seen order and without repeats. */
export function requirementsByFramework(refs: readonly RequirementRef[]): [string, string[]][] {
  const byFramework = new Map<string, string[]>();
  for (const r of refs) {
    const ids = byFramework.get(r.framework);
    if (!ids) byFramework.set(r.framework, [r.id]);
    else if (!ids.includes(r.id)) ids.push(r.id);
  }
  return [...byFramework];
}

/** A waiver in words: `reason (owner: x, expires 2027-01-31)`. */
export function describeWaiver(finding: Finding): string | undefined {
  const waiver = finding.waiver;
  if (!waiver) return undefined;
  const extras: string[] = [];
  if (waiver.owner) extras.push(`owner: ${waiver.owner}`);
  if (waiver.expires) extras.push(`${waiver.expired ? 'expired' : 'expires'} ${waiver.expires}`);
  return extras.length > 0 ? `${waiver.reason} (${extras.join(', ')})` : waiver.reason;
}

/**
 * The rules a report describes: those of the result, plus any rule that only appears in a
 * finding (a custom policy the engine did not summarise), in id order.
 */
export function reportedRules(
  rules: readonly RuleSummary[],
  findings: readonly Finding[],
): RuleSummary[] {
  const byId = new Map<string, RuleSummary>();
  for (const rule of rules) byId.set(rule.id, rule);
  for (const f of findings) {
    if (byId.has(f.ruleId)) continue;
    byId.set(f.ruleId, {
      id: f.ruleId,
      title: f.title,
      severity: f.severity,
      description: f.title,
      remediation: f.remediation ?? '',
      controls: f.controls,
      requirements: f.requirements,
    });
  }
  return [...byId.values()].sort((a, b) => compare(a.id, b.id));
}

/** Plain code-unit order: stable across locales, unlike localeCompare. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
