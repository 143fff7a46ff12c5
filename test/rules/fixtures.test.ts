/**
 * Every built-in rule has Terraform fixtures of its own under
 * test/fixtures/rules/<rule-id>/{pass,fail[,unknown]}; this harness runs the whole scan
 * pipeline (loader, evaluator, adapters, rule) on each and checks the verdicts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/engine/scan.js';
import { builtinRules } from '../../src/rules/index.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/rules');

function verdicts(ruleId: string, dir: string) {
  const rule = builtinRules.find((r) => r.id === ruleId)!;
  const result = scan([dir], { rules: [rule], baseDir: dir, today: '2026-12-03' });
  const of = (status: string) => result.findings.filter((f) => f.status === status);
  // a fixture that does not load cleanly proves nothing about the rule
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return {
    result,
    passed: of('passed'),
    failed: of('failed'),
    unknown: of('unknown'),
    error: of('error'),
  };
}

describe('rule fixtures', () => {
  it('every rule has pass and fail fixtures', () => {
    const missing = builtinRules
      .filter(
        (rule) => !['pass', 'fail'].every((kind) => existsSync(join(FIXTURES, rule.id, kind))),
      )
      .map((rule) => rule.id);
    expect(missing).toEqual([]);
  });

  it('every fixture directory belongs to a rule', () => {
    const ids = new Set(builtinRules.map((r) => r.id));
    const orphans = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((d) => !ids.has(d)) : [];
    expect(orphans).toEqual([]);
  });

  for (const rule of builtinRules) {
    describe(rule.id, () => {
      const base = join(FIXTURES, rule.id);
      for (const prefix of ['', 'cfn-']) {
        defineCases(rule.id, base, prefix);
      }
    });
  }
});

/**
 * The cases of one rule in one format: `pass/`, `fail/` and `unknown/` hold Terraform or
 * Kubernetes fixtures; `cfn-pass/`, `cfn-fail/` and `cfn-unknown/` the CloudFormation
 * equivalents, which must give the same verdicts through the CloudFormation adapter.
 */
function defineCases(ruleId: string, base: string, prefix: string): void {
  it.runIf(existsSync(join(base, `${prefix}pass`)))(`passes on ${prefix}pass/`, () => {
    const v = verdicts(ruleId, join(base, `${prefix}pass`));
    expect(v.error.map((f) => f.message)).toEqual([]);
    expect(v.failed.map((f) => `${f.resource.address}: ${f.message}`)).toEqual([]);
    expect(v.unknown.map((f) => `${f.resource.address}: ${f.message}`)).toEqual([]);
    expect(v.passed.length).toBeGreaterThan(0);
  });
  it.runIf(existsSync(join(base, `${prefix}fail`)))(`fails on ${prefix}fail/`, () => {
    const v = verdicts(ruleId, join(base, `${prefix}fail`));
    expect(v.error.map((f) => f.message)).toEqual([]);
    expect(v.failed.length).toBeGreaterThan(0);
    for (const f of v.failed) {
      expect(f.location.startLine).toBeGreaterThan(0);
      expect(f.message.length).toBeGreaterThan(10);
    }
  });
  it.runIf(existsSync(join(base, `${prefix}unknown`)))(`is unknown on ${prefix}unknown/`, () => {
    const v = verdicts(ruleId, join(base, `${prefix}unknown`));
    expect(v.failed.map((f) => `${f.resource.address}: ${f.message}`)).toEqual([]);
    expect(v.unknown.length).toBeGreaterThan(0);
  });
}
