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
  return { result, passed: of('passed'), failed: of('failed'), unknown: of('unknown'), error: of('error') };
}

describe('rule fixtures', () => {
  it('every rule has pass and fail fixtures', () => {
    const missing = builtinRules
      .filter((rule) => !['pass', 'fail'].every((kind) => existsSync(join(FIXTURES, rule.id, kind))))
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
      it.runIf(existsSync(join(base, 'pass')))('passes on pass/', () => {
        const v = verdicts(rule.id, join(base, 'pass'));
        expect(v.error.map((f) => f.message)).toEqual([]);
        expect(v.failed.map((f) => `${f.resource.address}: ${f.message}`)).toEqual([]);
        expect(v.unknown.map((f) => `${f.resource.address}: ${f.message}`)).toEqual([]);
        expect(v.passed.length).toBeGreaterThan(0);
      });
      it.runIf(existsSync(join(base, 'fail')))('fails on fail/', () => {
        const v = verdicts(rule.id, join(base, 'fail'));
        expect(v.error.map((f) => f.message)).toEqual([]);
        expect(v.failed.length).toBeGreaterThan(0);
        for (const f of v.failed) {
          expect(f.location.startLine).toBeGreaterThan(0);
          expect(f.message.length).toBeGreaterThan(10);
        }
      });
      it.runIf(existsSync(join(base, 'unknown')))('is unknown on unknown/', () => {
        const v = verdicts(rule.id, join(base, 'unknown'));
        expect(v.failed.map((f) => `${f.resource.address}: ${f.message}`)).toEqual([]);
        expect(v.unknown.length).toBeGreaterThan(0);
      });
    });
  }
});
