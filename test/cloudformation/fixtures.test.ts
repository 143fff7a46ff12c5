/**
 * CloudFormation twins of the rule fixtures: test/fixtures/rules/<rule-id>/cfn-pass and
 * cfn-fail hold a template each. Until the scan pipeline adapts CloudFormation, this runs
 * load → adapt → rule.check directly, with the same expectations as the Terraform harness.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adaptCloudFormation } from '../../src/iac/aws/cloudformation/index.js';
import type { Entity } from '../../src/iac/aws/field.js';
import { loadCloudFormation } from '../../src/iac/cloudformation/index.js';
import { builtinRules } from '../../src/rules/index.js';
import { DEFAULT_RULE_SETTINGS, type Rule, type Verdict } from '../../src/rules/types.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/rules');

export function cfnVerdicts(rule: Rule, dir: string) {
  const entities: Entity[] = [];
  const diagnostics = [];
  for (const file of readdirSync(dir).filter((f) => /\.(ya?ml|json|template)$/.test(f))) {
    const path = join(dir, file);
    const loaded = loadCloudFormation(path, readFileSync(path, 'utf8'));
    diagnostics.push(...loaded.diagnostics.filter((d) => d.severity === 'error'));
    entities.push(...adaptCloudFormation(loaded.resources));
  }
  const context = {
    settings: DEFAULT_RULE_SETTINGS,
    entitiesOf: <E extends Entity>(kind: string) => entities.filter((e) => e.kind === kind) as E[],
  };
  const verdicts: (Verdict & { address: string })[] = [];
  for (const entity of entities.filter((e) => rule.kinds.includes(e.kind))) {
    const out = rule.check(entity, context);
    for (const v of Array.isArray(out) ? out : [out as Verdict]) {
      verdicts.push({ ...v, location: v.location ?? entity.location, address: entity.address });
    }
  }
  const of = (status: string) => verdicts.filter((v) => v.status === status);
  return { diagnostics, passed: of('passed'), failed: of('failed'), unknown: of('unknown') };
}

const show = (v: { address: string; message: string }) => `${v.address}: ${v.message}`;

const covered = builtinRules.filter(
  (r) =>
    existsSync(join(FIXTURES, r.id, 'cfn-pass')) || existsSync(join(FIXTURES, r.id, 'cfn-fail')),
);

describe('CloudFormation rule fixtures', () => {
  it('covers the AWS rules it claims', () => {
    expect(covered.length).toBeGreaterThanOrEqual(50);
    for (const rule of covered) {
      expect(existsSync(join(FIXTURES, rule.id, 'cfn-pass')), `${rule.id}/cfn-pass`).toBe(true);
      expect(existsSync(join(FIXTURES, rule.id, 'cfn-fail')), `${rule.id}/cfn-fail`).toBe(true);
    }
  });

  for (const rule of covered) {
    describe(rule.id, () => {
      const base = join(FIXTURES, rule.id);
      it('passes on cfn-pass/', () => {
        const v = cfnVerdicts(rule, join(base, 'cfn-pass'));
        expect(v.diagnostics).toEqual([]);
        expect(v.failed.map(show)).toEqual([]);
        expect(v.unknown.map(show)).toEqual([]);
        expect(v.passed.length).toBeGreaterThan(0);
      });
      it.runIf(existsSync(join(base, 'cfn-unknown')))('is unknown on cfn-unknown/', () => {
        const v = cfnVerdicts(rule, join(base, 'cfn-unknown'));
        expect(v.diagnostics).toEqual([]);
        expect(v.failed.map(show)).toEqual([]);
        expect(v.unknown.length).toBeGreaterThan(0);
      });
      it('fails on cfn-fail/', () => {
        const v = cfnVerdicts(rule, join(base, 'cfn-fail'));
        expect(v.diagnostics).toEqual([]);
        expect(v.failed.length).toBeGreaterThan(0);
        for (const f of v.failed) {
          expect(f.location?.startLine ?? 0).toBeGreaterThan(0);
          expect(f.location?.file).toMatch(/template\.(ya?ml|json)$/);
        }
      });
    });
  }
});
