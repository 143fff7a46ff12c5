/**
 * JUnit XML for CI test views: one testsuite per rule, one testcase per rule and resource.
 * failed → <failure>, error → <error>, waived and unknown → <skipped> with the reason,
 * passed → an empty testcase. Rules with no findings (nothing of their kind was scanned)
 * are left out, as empty suites only add noise to CI views.
 */
import { createRequire } from 'node:module';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Finding, ScanResult } from '../engine/types.js';
import { compare, describeWaiver, fileLine, requirementTag, sortFindings } from './common.js';

/**
 * xmlbuilder2 takes a tenth of a second to load: it is loaded when JUnit output is asked
 * for, not at the start of every command.
 */
let loaded: typeof import('xmlbuilder2') | undefined;

function xmlbuilder(): typeof import('xmlbuilder2') {
  loaded ??= createRequire(import.meta.url)('xmlbuilder2') as typeof import('xmlbuilder2');
  return loaded;
}

export interface JunitOptions {
  /** Pretty-print the XML. Default true. */
  readonly pretty?: boolean;
}

interface Tally {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

export function formatJunit(result: ScanResult, options: JunitOptions = {}): string {
  const suites = groupByRule(result.findings);
  const seconds = (result.durationMs / 1000).toFixed(3);
  const total = tally(result.findings);

  const doc = xmlbuilder().create({ version: '1.0', encoding: 'UTF-8' });
  const root = doc.ele('testsuites', {
    name: 'crosswalk',
    ...counts(total),
    time: seconds,
    timestamp: result.startedAt,
  });

  for (const [ruleId, findings] of suites) {
    const first = findings[0]!;
    const suite = root.ele('testsuite', {
      name: ruleId,
      ...counts(tally(findings)),
      timestamp: result.startedAt,
    });
    suite
      .ele('properties')
      .ele('property', { name: 'severity', value: first.severity })
      .up()
      .ele('property', { name: 'title', value: first.title })
      .up()
      .ele('property', {
        name: 'requirements',
        value: first.requirements.map(requirementTag).join(' '),
      });
    for (const finding of findings) testcase(suite, finding);
  }

  return `${doc.end({ prettyPrint: options.pretty ?? true })}\n`;
}

function testcase(suite: XMLBuilder, finding: Finding): void {
  const where = fileLine(finding.location);
  const test = suite.ele('testcase', {
    classname: finding.ruleId,
    name: finding.resource.address,
    file: finding.location.file,
    ...(finding.location.startLine > 0 ? { line: String(finding.location.startLine) } : {}),
  });

  switch (finding.status) {
    case 'failed': {
      const body = [`${where}`, finding.message];
      if (finding.remediation) body.push(`Remediation: ${finding.remediation}`);
      if (finding.waiver?.expired) body.push(`Waiver expired: ${describeWaiver(finding)}`);
      if (finding.requirements.length > 0) {
        body.push(`Requirements: ${finding.requirements.map(requirementTag).join(', ')}`);
      }
      test
        .ele('failure', { message: `${where}: ${finding.message}`, type: finding.severity })
        .txt(body.join('\n'));
      break;
    }
    case 'error':
      test.ele('error', { message: `${where}: ${finding.message}`, type: 'rule-error' });
      break;
    case 'waived':
      test.ele('skipped', { message: `waived: ${describeWaiver(finding) ?? finding.message}` });
      break;
    case 'unknown':
      test.ele('skipped', { message: `unknown: ${finding.message}` });
      break;
    case 'passed':
      break;
  }
}

function groupByRule(findings: readonly Finding[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const finding of sortFindings(findings)) {
    const group = groups.get(finding.ruleId);
    if (group) group.push(finding);
    else groups.set(finding.ruleId, [finding]);
  }
  return [...groups].sort(([a], [b]) => compare(a, b));
}

function tally(findings: readonly Finding[]): Tally {
  const t: Tally = { tests: findings.length, failures: 0, errors: 0, skipped: 0 };
  for (const f of findings) {
    if (f.status === 'failed') t.failures++;
    else if (f.status === 'error') t.errors++;
    else if (f.status === 'waived' || f.status === 'unknown') t.skipped++;
  }
  return t;
}

function counts(t: Tally): Record<string, string> {
  return {
    tests: String(t.tests),
    failures: String(t.failures),
    errors: String(t.errors),
    skipped: String(t.skipped),
  };
}
