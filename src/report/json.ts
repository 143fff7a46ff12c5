/**
 * The ScanResult as JSON, described by docs/scan-result.schema.json. Keys are written in a
 * fixed order (the order of the types in src/engine/types.ts) whatever order the objects
 * were built in, so two runs over the same input give the same bytes apart from timing.
 */
import type {
  Finding,
  FrameworkResult,
  RuleSummary,
  ScanResult,
  WaiverInfo,
} from '../engine/types.js';
import type { Diagnostic, SourceLocation } from '../iac/types.js';

export interface JsonOptions {
  /** Spaces of indentation; 0 writes one line. Default 2. */
  readonly indent?: number;
}

export function formatJson(result: ScanResult, options: JsonOptions = {}): string {
  return `${JSON.stringify(orderResult(result), null, options.indent ?? 2)}\n`;
}

/** The result as a plain object with keys in documented order and no undefined values. */
export function orderResult(result: ScanResult): Record<string, unknown> {
  return {
    schemaVersion: result.schemaVersion,
    tool: { name: result.tool.name, version: result.tool.version },
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    paths: [...result.paths],
    files: [...result.files],
    summary: pick(result.summary, [
      'resources',
      'findings',
      'passed',
      'failed',
      'unknown',
      'waived',
      'error',
    ]),
    frameworks: result.frameworks.map(orderFramework),
    findings: result.findings.map(orderFinding),
    rules: result.rules.map(orderRule),
    diagnostics: result.diagnostics.map(orderDiagnostic),
  };
}

function orderFramework(framework: FrameworkResult): Record<string, unknown> {
  return {
    id: framework.id,
    name: framework.name,
    version: framework.version,
    summary: pick(framework.summary, [
      'failing',
      'passing',
      'waived',
      'unknown',
      'notAssessed',
      'total',
    ]),
    requirements: framework.requirements.map((r) => ({
      id: r.id,
      title: r.title,
      status: r.status,
      counts: pick(r.counts, ['passed', 'failed', 'unknown', 'waived']),
    })),
  };
}

function orderFinding(finding: Finding): Record<string, unknown> {
  return pick(
    {
      ...finding,
      resource: pick(finding.resource, ['type', 'name', 'address']),
      location: orderLocation(finding.location),
      controls: [...finding.controls],
      requirements: finding.requirements.map((r) => pick(r, ['framework', 'id'])),
      waiver: finding.waiver && orderWaiver(finding.waiver),
    },
    [
      'ruleId',
      'title',
      'severity',
      'status',
      'resource',
      'location',
      'message',
      'controls',
      'requirements',
      'remediation',
      'waiver',
    ],
  );
}

function orderWaiver(waiver: WaiverInfo): Record<string, unknown> {
  return pick({ ...waiver, location: waiver.location && orderLocation(waiver.location) }, [
    'reason',
    'source',
    'owner',
    'expires',
    'expired',
    'location',
  ]);
}

function orderRule(rule: RuleSummary): Record<string, unknown> {
  return {
    id: rule.id,
    title: rule.title,
    severity: rule.severity,
    description: rule.description,
    remediation: rule.remediation,
    controls: [...rule.controls],
    requirements: rule.requirements.map((r) => pick(r, ['framework', 'id'])),
  };
}

function orderDiagnostic(diagnostic: Diagnostic): Record<string, unknown> {
  return pick(diagnostic, ['code', 'severity', 'message', 'file', 'line', 'column']);
}

function orderLocation(location: SourceLocation): Record<string, unknown> {
  return pick(location, ['file', 'startLine', 'endLine', 'startColumn', 'endColumn']);
}

/** Copies `keys` in order, leaving out undefined values (JSON has no undefined). */
function pick<T extends object>(source: T, keys: readonly (keyof T & string)[]) {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = source[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}
