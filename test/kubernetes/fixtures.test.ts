/**
 * Every Kubernetes rule against its fixtures in test/fixtures/rules/<rule-id>/{pass,fail}:
 * the same expectations as the scan-level harness, run through the Kubernetes loader and
 * adapter directly.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubernetesRules } from '../../src/rules/kubernetes/index.js';
import { loadDir, runRule } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/rules');

describe('kubernetes rule fixtures', () => {
  it('has at least 25 rules, sorted by id, all k8s-', () => {
    const ids = kubernetesRules.map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(25);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith('k8s-'))).toBe(true);
  });

  for (const rule of kubernetesRules) {
    describe(rule.id, () => {
      const base = join(FIXTURES, rule.id);
      it('has pass and fail fixtures', () => {
        expect(existsSync(join(base, 'pass'))).toBe(true);
        expect(existsSync(join(base, 'fail'))).toBe(true);
      });
      it.runIf(existsSync(join(base, 'pass')))('passes on pass/', () => {
        const loaded = loadDir(join(base, 'pass'));
        expect(loaded.diagnostics).toEqual([]);
        const run = runRule(rule, loaded);
        expect(run.of('failed')).toEqual([]);
        expect(run.of('unknown')).toEqual([]);
        expect(run.of('passed').length).toBeGreaterThan(0);
      });
      it.runIf(existsSync(join(base, 'fail')))('fails on fail/', () => {
        const loaded = loadDir(join(base, 'fail'));
        expect(loaded.diagnostics).toEqual([]);
        const run = runRule(rule, loaded);
        const failed = run.verdicts.filter((v) => v.status === 'failed');
        expect(failed.length).toBeGreaterThan(0);
        for (const v of failed) {
          expect(v.location?.startLine ?? 0).toBeGreaterThan(0);
          expect(v.message.length).toBeGreaterThan(10);
        }
      });
      it.runIf(existsSync(join(base, 'unknown')))('is unknown on unknown/', () => {
        const run = runRule(rule, loadDir(join(base, 'unknown')));
        expect(run.of('failed')).toEqual([]);
        expect(run.of('unknown').length).toBeGreaterThan(0);
      });
    });
  }
});
