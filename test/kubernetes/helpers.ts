/**
 * Test helpers: load manifests from text or folders, adapt them and run rules the way the
 * scan does (one context over all entities of the load).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Entity } from '../../src/iac/aws/field.js';
import { adaptKubernetes, loadKubernetes } from '../../src/iac/kubernetes/index.js';
import type { Diagnostic, RawResource } from '../../src/iac/types.js';
import {
  DEFAULT_RULE_SETTINGS,
  type Rule,
  type RuleContext,
  type RuleSettings,
  type Verdict,
} from '../../src/rules/types.js';

export interface Loaded {
  resources: RawResource[];
  diagnostics: Diagnostic[];
  entities: Entity[];
}

export function loadTexts(files: Record<string, string>): Loaded {
  const resources: RawResource[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [file, text] of Object.entries(files)) {
    const loaded = loadKubernetes(file, text);
    resources.push(...loaded.resources);
    diagnostics.push(...loaded.diagnostics);
  }
  return { resources, diagnostics, entities: adaptKubernetes(resources) };
}

function manifestFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return manifestFiles(path);
      return /\.(ya?ml|json)$/.test(name) ? [path] : [];
    });
}

export function loadDir(dir: string): Loaded {
  return loadTexts(Object.fromEntries(manifestFiles(dir).map((f) => [f, readFileSync(f, 'utf8')])));
}

export function contextFor(
  entities: readonly Entity[],
  settings: Partial<RuleSettings> = {},
): RuleContext {
  return {
    settings: { ...DEFAULT_RULE_SETTINGS, ...settings },
    entitiesOf: <E extends Entity>(kind: string) => entities.filter((e) => e.kind === kind) as E[],
  };
}

export interface RuleRun {
  verdicts: (Verdict & { address: string })[];
  of(status: Verdict['status']): string[];
}

/** Runs one rule over every entity of its kinds. */
export function runRule(rule: Rule, loaded: Loaded, settings: Partial<RuleSettings> = {}): RuleRun {
  const context = contextFor(loaded.entities, settings);
  const verdicts: (Verdict & { address: string })[] = [];
  for (const entity of loaded.entities) {
    if (!rule.kinds.includes(entity.kind)) continue;
    const result = rule.check(entity, context);
    const list = Array.isArray(result) ? (result as Verdict[]) : [result as Verdict];
    verdicts.push(...list.map((v) => ({ ...v, address: entity.address })));
  }
  return {
    verdicts,
    of: (status) =>
      verdicts.filter((v) => v.status === status).map((v) => `${v.address}: ${v.message}`),
  };
}
