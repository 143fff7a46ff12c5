/**
 * Human output, laid out like a linter's: findings grouped by file, one block per finding
 * with its line, status, severity, resource and rule, then the message and the framework
 * requirements it affects. After the findings: each framework's posture with its failing
 * and undecided requirements named, the diagnostics as `file:line code message`, and one
 * line of totals. Passed findings are only counted.
 *
 * With a catalog, each framework's posture is also broken down by top-level requirement.
 * `quiet` keeps failed and errored findings, error diagnostics and the summaries.
 */
import { createColors } from 'picocolors';
import type {
  Finding,
  FindingStatus,
  FrameworkResult,
  RequirementRef,
  RequirementResult,
  ScanResult,
} from '../engine/types.js';
import type { Diagnostic } from '../iac/types.js';
import { topLevelGroups } from '../posture/groups.js';
import type { PostureCatalog } from '../posture/scan.js';
import type { Severity } from '../rules/types.js';
import { compare, describeWaiver, requirementsByFramework, sortFindings } from './common.js';

export interface TextOptions {
  /** Use ANSI colours; the caller decides from TTY, NO_COLOR and FORCE_COLOR. */
  readonly color?: boolean;
  /** Only failures and the summaries. */
  readonly quiet?: boolean;
  /** Columns to wrap requirement lists at; the caller may pass the terminal's. Default 100. */
  readonly width?: number;
  /** When given, each framework's summary is broken down by top-level requirement. */
  readonly catalog?: Pick<PostureCatalog, 'framework'>;
}

type Colors = ReturnType<typeof createColors>;

const LABEL: Record<Exclude<FindingStatus, 'passed'>, string> = {
  failed: 'FAIL',
  error: 'ERROR',
  unknown: 'UNKNOWN',
  waived: 'WAIVED',
};

export function formatText(result: ScanResult, options: TextOptions = {}): string {
  const c = createColors(options.color ?? false);
  const width = options.width ?? 100;
  const shown = sortFindings(result.findings).filter((f) =>
    options.quiet ? f.status === 'failed' || f.status === 'error' : f.status !== 'passed',
  );
  const out: string[] = [];

  for (const [file, findings] of groupByFile(shown)) {
    out.push(c.underline(file));
    const lineWidth = Math.max(...findings.map((f) => String(f.location.startLine).length));
    for (const finding of findings) out.push(...findingBlock(finding, lineWidth, width, c));
    out.push('');
  }

  if (result.frameworks.length > 0) {
    out.push(c.bold('Frameworks'));
    for (const framework of result.frameworks) {
      out.push(...frameworkBlock(framework, width, c, options));
    }
    out.push('');
  }

  const diagnostics = result.diagnostics.filter((d) => !options.quiet || d.severity === 'error');
  if (diagnostics.length > 0) {
    out.push(c.bold('Diagnostics'));
    for (const d of diagnostics) out.push(`  ${diagnosticLine(d, c)}`);
    out.push('');
  }

  out.push(totals(result, c));
  return `${out.join('\n')}\n`;
}

function findingBlock(finding: Finding, lineWidth: number, width: number, c: Colors): string[] {
  const status = finding.status as Exclude<FindingStatus, 'passed'>;
  const line = String(finding.location.startLine).padStart(lineWidth);
  const indent = ' '.repeat(lineWidth + 4);
  const head = [
    `  ${c.dim(line)}`,
    paintStatus(status, LABEL[status].padEnd(7), c),
    paintSeverity(finding.severity, finding.severity.padEnd(8), c),
    finding.resource.address,
    c.dim(finding.ruleId),
  ].join('  ');

  const lines = [head, `${indent}${finding.message}`];
  if (finding.status === 'waived') {
    lines.push(`${indent}${c.dim(`waived: ${describeWaiver(finding)}`)}`);
  }
  if (finding.waiver?.expired) {
    lines.push(`${indent}${c.yellow(`waiver expired, not applied: ${describeWaiver(finding)}`)}`);
  }
  for (const tags of wrapRequirements(finding.requirements, width - indent.length)) {
    lines.push(`${indent}${c.cyan(tags)}`);
  }
  return lines;
}

/**
 * `soc2 CC6.1, CC6.6 · hipaa 164.312(d) · pci-dss 8.4.1, 8.4.2`, wrapped to `width` columns
 * without splitting an id: a rule can map to dozens of requirements.
 */
function wrapRequirements(requirements: readonly RequirementRef[], width: number): string[] {
  const groups = requirementsByFramework(requirements);
  const pieces: string[] = [];
  groups.forEach(([framework, ids], f) => {
    ids.forEach((id, i) => {
      const separator = i < ids.length - 1 ? ',' : f < groups.length - 1 ? ' ·' : '';
      pieces.push(`${i === 0 ? `${framework} ` : ''}${id}${separator}`);
    });
  });

  return wrap(pieces, width);
}

/** Joins pieces with spaces into lines of at most `width` columns, never splitting one. */
function wrap(pieces: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current && current.length + 1 + piece.length > width) {
      lines.push(current);
      current = piece;
    } else {
      current = current ? `${current} ${piece}` : piece;
    }
  }
  if (current) lines.push(current);
  return lines;
}

function frameworkBlock(
  framework: FrameworkResult,
  width: number,
  c: Colors,
  options: TextOptions,
): string[] {
  const lines = [
    `  ${c.bold(framework.name)} ${c.dim(framework.version)}`,
    `    ${summaryLine(framework.summary, c, false)}`,
  ];
  if (!options.catalog) {
    return [...lines, ...namedRequirements(framework.requirements, '    ', width, c, options)];
  }

  // Groups with nothing assessed would only repeat "not assessed"; quiet keeps failing ones.
  const groups = topLevelGroups(options.catalog, framework).filter((g) =>
    options.quiet ? g.summary.failing > 0 : g.summary.notAssessed < g.summary.total,
  );
  for (const group of groups) {
    const head = group.title ? `${group.id} ${group.title}` : group.id;
    lines.push(`    ${head}: ${summaryLine(group.summary, c, true)}`);
    lines.push(...namedRequirements(group.requirements, '      ', width, c, options));
  }
  return lines;
}

/** Counts by status; `brief` leaves out the zeros. */
function summaryLine(s: FrameworkResult['summary'], c: Colors, brief: boolean): string {
  const counts: [number, string, (text: string) => string][] = [
    [s.failing, 'failing', c.red],
    [s.passing, 'passing', c.green],
    [s.unknown, 'unknown', c.yellow],
    [s.waived, 'waived', c.blue],
    [s.notAssessed, 'not assessed', (text) => text],
  ];
  const shown = brief ? counts.filter(([n]) => n > 0) : counts;
  return (
    shown.map(([n, word, paint]) => paintCount(n, word, paint, c)).join(' · ') +
    c.dim(` (of ${s.total})`)
  );
}

/** Up to this many failing or unknown requirements are listed one a line, with titles. */
const TITLED_LIST_MAX = 5;

/**
 * The failing and (unless quiet) unknown requirements: one a line with its title when
 * there are few, else as wrapped lists of ids, since a rule can fail dozens at once.
 */
function namedRequirements(
  requirements: readonly RequirementResult[],
  indent: string,
  width: number,
  c: Colors,
  options: TextOptions,
): string[] {
  const named = requirements.filter(
    (r) => r.status === 'failing' || (r.status === 'unknown' && !options.quiet),
  );
  const label = (status: string) => (status === 'failing' ? c.red('failing') : c.yellow('unknown'));

  if (named.length <= TITLED_LIST_MAX) {
    const idWidth = Math.max(0, ...named.map((r) => r.id.length));
    return named.map((r) => {
      const title = r.title && r.title !== r.id ? `  ${r.title}` : '';
      return `${indent}${label(r.status)}  ${r.id.padEnd(idWidth)}${title}`.trimEnd();
    });
  }

  const lines: string[] = [];
  for (const status of ['failing', 'unknown'] as const) {
    const ids = named.filter((r) => r.status === status).map((r) => r.id);
    if (ids.length === 0) continue;
    const pieces = ids.map((id, i) => (i < ids.length - 1 ? `${id},` : id));
    const wrapped = wrap(pieces, width - indent.length - 9);
    wrapped.forEach((text, i) => {
      lines.push(`${indent}${i === 0 ? label(status) : ' '.repeat(7)}  ${text}`);
    });
  }
  return lines;
}

function diagnosticLine(d: Diagnostic, c: Colors): string {
  const where = d.file ? (d.line ? `${d.file}:${d.line}` : d.file) : '<input>';
  const code =
    d.severity === 'error' ? c.red(d.code) : d.severity === 'warning' ? c.yellow(d.code) : d.code;
  return `${where} ${code} ${d.message}`;
}

function totals(result: ScanResult, c: Colors): string {
  const s = result.summary;
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  const parts = [
    paintCount(s.failed, 'failed', c.red, c),
    paintCount(s.passed, 'passed', c.green, c),
    paintCount(s.unknown, 'unknown', c.yellow, c),
    paintCount(s.waived, 'waived', c.blue, c),
    paintCount(s.error, s.error === 1 ? 'error' : 'errors', c.red, c),
  ];
  const diagnostics =
    result.diagnostics.length === 0
      ? 'no diagnostics'
      : `${result.diagnostics.length} diagnostic${result.diagnostics.length === 1 ? '' : 's'}` +
        (errors > 0 ? ` (${errors} error${errors === 1 ? '' : 's'})` : '');
  const scope =
    `${s.resources} resource${s.resources === 1 ? '' : 's'} in ` +
    `${result.files.length} file${result.files.length === 1 ? '' : 's'}, ` +
    `${(result.durationMs / 1000).toFixed(2)}s`;
  return `${c.bold('Findings:')} ${parts.join(' · ')} · ${diagnostics} ${c.dim(`— ${scope}`)}`;
}

function groupByFile(findings: readonly Finding[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const group = groups.get(f.location.file);
    if (group) group.push(f);
    else groups.set(f.location.file, [f]);
  }
  return [...groups].sort(([a], [b]) => compare(a, b));
}

function paintStatus(status: Exclude<FindingStatus, 'passed'>, text: string, c: Colors): string {
  if (status === 'failed' || status === 'error') return c.bold(c.red(text));
  return status === 'unknown' ? c.yellow(text) : c.blue(text);
}

function paintSeverity(severity: Severity, text: string, c: Colors): string {
  if (severity === 'critical' || severity === 'high') return c.red(text);
  return severity === 'medium' ? c.yellow(text) : c.dim(text);
}

/** A count, coloured only when non-zero so the eye goes to what matters. */
function paintCount(n: number, word: string, paint: (s: string) => string, c: Colors): string {
  return n > 0 ? paint(`${n} ${word}`) : c.dim(`${n} ${word}`);
}
