/**
 * SARIF 2.1.0 for code-scanning services (GitHub, GitLab, Azure DevOps).
 *
 * - failed: kind `fail`, level from severity.
 * - waived: kind `fail` with a suppression carrying the justification; a waiver that has
 *   expired leaves the finding `failed`, so it is reported unsuppressed.
 * - unknown and error: kind `open` ("the analysis could not decide"). The spec requires
 *   level `none` for any kind other than `fail` (SARIF 2.1.0 §3.27.9), so level is `none`.
 * - passed: omitted unless `includePassed`, then kind `pass`.
 * Diagnostics become tool execution notifications of the single invocation.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Finding, RuleSummary, ScanResult } from '../engine/types.js';
import type { Diagnostic, SourceLocation } from '../iac/types.js';
import type { Severity } from '../rules/types.js';
import { describeWaiver, reportedRules, requirementTag, sortFindings } from './common.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Where users read about crosswalk; a placeholder until the project has a public home. */
export const INFORMATION_URI = 'https://github.com/crosswalk-compliance/crosswalk';

export interface SarifOptions {
  /** Absolute scan root: absolute finding paths are made relative to it. Default: cwd. */
  readonly root?: string;
  /** Also report passed findings, as kind `pass`. */
  readonly includePassed?: boolean;
  /** Overrides INFORMATION_URI, e.g. with package.json's homepage. */
  readonly informationUri?: string;
  readonly indent?: number;
}

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/**
 * GitHub's scale: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. Written
 * as a string because that is the form GitHub documents and parses.
 */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

export function formatSarif(result: ScanResult, options: SarifOptions = {}): string {
  return `${JSON.stringify(toSarif(result, options), null, options.indent ?? 2)}\n`;
}

export function toSarif(result: ScanResult, options: SarifOptions = {}): Sarif.Log {
  const root = options.root ?? process.cwd();
  const rules = reportedRules(result.rules, result.findings);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  // Fingerprints are computed before passed findings are dropped so that the option
  // does not renumber repeated verdicts.
  const sorted = sortFindings(result.findings);
  const fingerprints = new Map(fingerprintAll(sorted).map((fp, i) => [sorted[i]!, fp]));
  const findings = sorted.filter((f) => options.includePassed || f.status !== 'passed');

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'crosswalk',
        version: result.tool.version,
        semanticVersion: result.tool.version,
        informationUri: options.informationUri ?? INFORMATION_URI,
        rules: rules.map(descriptor),
      },
    },
    invocations: [
      {
        executionSuccessful: true,
        startTimeUtc: result.startedAt,
        toolExecutionNotifications: result.diagnostics.map((d) => notification(d, root)),
      },
    ],
    originalUriBaseIds: options.root
      ? { '%SRCROOT%': { uri: directoryUri(options.root) } }
      : undefined,
    results: findings.map((f) =>
      sarifResult(f, ruleIndex.get(f.ruleId), fingerprints.get(f)!, root),
    ),
    columnKind: 'unicodeCodePoints',
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

function descriptor(rule: RuleSummary): Sarif.ReportingDescriptor {
  const requirements = rule.requirements.map(requirementTag);
  const frameworks = [...new Set(rule.requirements.map((r) => r.framework))];
  return {
    id: rule.id,
    name: pascalName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description || rule.title },
    help: { text: helpText(rule, requirements), markdown: helpMarkdown(rule, requirements) },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', 'compliance', ...frameworks],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      severity: rule.severity,
      requirements,
      controls: [...rule.controls],
    },
  };
}

function helpText(rule: RuleSummary, requirements: readonly string[]): string {
  const lines = [rule.description || rule.title];
  if (rule.remediation) lines.push('', `Remediation: ${rule.remediation}`);
  if (requirements.length > 0) lines.push('', `Requirements: ${requirements.join(', ')}`);
  return lines.join('\n');
}

function helpMarkdown(rule: RuleSummary, requirements: readonly string[]): string {
  const parts = [rule.description || rule.title];
  if (rule.remediation) parts.push(`**Remediation:** ${rule.remediation}`);
  if (requirements.length > 0) {
    parts.push(`**Requirements:**\n\n${requirements.map((r) => `- \`${r}\``).join('\n')}`);
  }
  if (rule.controls.length > 0) {
    parts.push(`**Controls:** ${rule.controls.map((c) => `\`${c}\``).join(', ')}`);
  }
  return parts.join('\n\n');
}

function sarifResult(
  finding: Finding,
  ruleIndex: number | undefined,
  fingerprint: string,
  root: string,
): Sarif.Result {
  const out: Sarif.Result = {
    ruleId: finding.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    ...kindAndLevel(finding),
    message: { text: resultMessage(finding) },
    locations: [
      {
        physicalLocation: physicalLocation(finding.location, root),
        logicalLocations: [{ fullyQualifiedName: finding.resource.address, kind: 'resource' }],
      },
    ],
    partialFingerprints: { 'crosswalkFinding/v1': fingerprint },
    properties: {
      status: finding.status,
      severity: finding.severity,
      resourceType: finding.resource.type,
      requirements: finding.requirements.map(requirementTag),
      controls: [...finding.controls],
      ...(finding.waiver?.expired ? { waiverExpired: finding.waiver.expires ?? true } : {}),
    },
  };
  if (finding.status === 'waived' && finding.waiver) {
    out.suppressions = [
      {
        kind: finding.waiver.source === 'inline' ? 'inSource' : 'external',
        status: 'accepted',
        justification: finding.waiver.reason,
        ...(finding.waiver.location
          ? { location: { physicalLocation: physicalLocation(finding.waiver.location, root) } }
          : {}),
        properties: {
          ...(finding.waiver.owner ? { owner: finding.waiver.owner } : {}),
          ...(finding.waiver.expires ? { expires: finding.waiver.expires } : {}),
        },
      },
    ];
  }
  return out;
}

function kindAndLevel(finding: Finding): Pick<Sarif.Result, 'kind' | 'level'> {
  switch (finding.status) {
    case 'failed':
    case 'waived':
      return { kind: 'fail', level: LEVEL[finding.severity] };
    case 'passed':
      return { kind: 'pass', level: 'none' };
    case 'unknown':
    case 'error':
      return { kind: 'open', level: 'none' };
  }
}

function resultMessage(finding: Finding): string {
  const base = `${finding.resource.address}: ${finding.message}`;
  if (finding.status === 'unknown') return `Could not be decided: ${base}`;
  if (finding.status === 'error') return `The check failed to run: ${base}`;
  if (finding.waiver?.expired) return `${base} (waiver expired: ${describeWaiver(finding)})`;
  return base;
}

/**
 * Stable across runs and line moves: the rule and the resource address. A rule that gives
 * several verdicts on one resource numbers the repeats in file order.
 */
function fingerprintAll(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const key = `${finding.ruleId}\u0000${finding.resource.address}`;
    const repeat = seen.get(key) ?? 0;
    seen.set(key, repeat + 1);
    const input = repeat === 0 ? key : `${key}\u0000${repeat}`;
    return createHash('sha256').update(input).digest('hex').slice(0, 32);
  });
}

function physicalLocation(location: SourceLocation, root: string): Sarif.PhysicalLocation {
  const region: Sarif.Region = {};
  if (location.startLine > 0) {
    region.startLine = location.startLine;
    if (location.endLine >= location.startLine) region.endLine = location.endLine;
    if (location.startColumn && location.startColumn > 0) region.startColumn = location.startColumn;
    if (location.endColumn && location.endColumn > 0) region.endColumn = location.endColumn;
  }
  return {
    artifactLocation: { uri: relativeUri(location.file, root), uriBaseId: '%SRCROOT%' },
    ...(region.startLine ? { region } : {}),
  };
}

function notification(diagnostic: Diagnostic, root: string): Sarif.Notification {
  const level = diagnostic.severity === 'info' ? 'note' : diagnostic.severity;
  const out: Sarif.Notification = {
    descriptor: { id: diagnostic.code },
    level,
    message: { text: diagnostic.message },
  };
  if (diagnostic.file) {
    const region: Sarif.Region = {};
    if (diagnostic.line && diagnostic.line > 0) region.startLine = diagnostic.line;
    if (diagnostic.line && diagnostic.column && diagnostic.column > 0) {
      region.startColumn = diagnostic.column;
    }
    out.locations = [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(diagnostic.file, root), uriBaseId: '%SRCROOT%' },
          ...(region.startLine ? { region } : {}),
        },
      },
    ];
  }
  return out;
}

/** A relative URI reference with forward slashes, each segment percent-encoded. */
function relativeUri(file: string, root: string): string {
  const path = isAbsolute(file) ? relative(root, file) : file;
  return path
    .split(sep)
    .join('/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function directoryUri(root: string): string {
  const url = pathToFileURL(root).href;
  return url.endsWith('/') ? url : `${url}/`;
}

/** `aws-s3-bucket-encrypted-at-rest` → `AwsS3BucketEncryptedAtRest`. */
function pascalName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}
