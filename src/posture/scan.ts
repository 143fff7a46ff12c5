/**
 * The posture of one scan: each framework requirement gets a status from the findings
 * mapped to it.
 *
 * Which requirements are reported: every leaf requirement (one no other requirement names as
 * its parent) and every requirement a control cites, in catalog order. A requirement's
 * status comes only from findings that cite it directly; nothing rolls up to parents, so
 * PCI DSS `3` is not failing because `3.5.1` fails, and no finding is counted twice. Views
 * by top-level group are left to the formatters.
 */
import type {
  Finding,
  FrameworkResult,
  RequirementRef,
  RequirementResult,
  RequirementStatus,
} from '../engine/types.js';

/** The part of a catalog requirement posture reads. */
export interface PostureRequirement {
  readonly framework: string;
  readonly id: string;
  readonly title: string;
  readonly parent?: string;
}

export interface PostureFramework {
  readonly id: string;
  readonly name: string;
  readonly version: string;
  readonly requirements: readonly PostureRequirement[];
}

/** The part of the catalog posture reads; the real `Catalog` satisfies it. */
export interface PostureCatalog {
  readonly frameworks: readonly PostureFramework[];
  readonly controls: readonly { readonly id: string }[];
  framework(idOrAlias: string): PostureFramework | undefined;
  requirementsForControls(controlIds: readonly string[]): readonly RequirementRef[];
}

export interface PostureOptions {
  /** Framework ids or aliases to report; all frameworks when absent or empty. */
  readonly frameworks?: readonly string[];
}

type Counts = { passed: number; failed: number; unknown: number; waived: number };

/**
 * Status of every reported requirement of the selected frameworks.
 * Throws when a selected framework is not in the catalog.
 */
export function frameworkResults(
  catalog: PostureCatalog,
  findings: readonly Finding[],
  options: PostureOptions = {},
): FrameworkResult[] {
  const selected = selectFrameworks(catalog, options.frameworks);
  const cited = citedRequirements(catalog);
  const counts = countFindings(catalog, findings);

  return selected.map((framework) => {
    const parents = new Set(framework.requirements.map((r) => r.parent).filter(isString));
    const requirements: RequirementResult[] = [];
    const seen = new Set<string>();

    for (const requirement of framework.requirements) {
      const key = refKey(framework.id, requirement.id);
      if (parents.has(requirement.id) && !cited.has(key)) continue;
      seen.add(key);
      requirements.push(requirementResult(requirement.id, requirement.title, counts.get(key)));
    }

    // A finding may cite a requirement the catalog lacks (a custom policy naming its own
    // requirements): report it under its id rather than dropping the finding's effect.
    for (const [key, count] of counts) {
      const ref = parseKey(key);
      if (ref.framework !== framework.id || seen.has(key)) continue;
      requirements.push(requirementResult(ref.id, ref.id, count));
    }

    return {
      id: framework.id,
      name: framework.name,
      version: framework.version,
      summary: summarizeRequirements(requirements),
      requirements,
    };
  });
}

/** The status rule: failed beats unknown beats waived beats passed. */
export function requirementStatus(counts: Counts): RequirementStatus {
  if (counts.failed > 0) return 'failing';
  if (counts.unknown > 0) return 'unknown';
  if (counts.waived > 0) return 'waived';
  if (counts.passed > 0) return 'passing';
  return 'not-assessed';
}

function selectFrameworks(
  catalog: PostureCatalog,
  wanted: readonly string[] | undefined,
): readonly PostureFramework[] {
  if (!wanted || wanted.length === 0) return catalog.frameworks;
  const picked = new Map<string, PostureFramework>();
  for (const name of wanted) {
    const framework = catalog.framework(name);
    if (!framework) throw new Error(`Unknown framework "${name}"`);
    picked.set(framework.id, framework);
  }
  // Keep catalog order whatever order the user typed.
  return catalog.frameworks.filter((f) => picked.has(f.id));
}

function citedRequirements(catalog: PostureCatalog): Set<string> {
  const refs = catalog.requirementsForControls(catalog.controls.map((c) => c.id));
  return new Set(refs.map((r) => refKey(r.framework, r.id)));
}

/** Counts per requirement key. A finding counts once per requirement it cites. */
function countFindings(catalog: PostureCatalog, findings: readonly Finding[]): Map<string, Counts> {
  // A scan gives every finding of one rule the same requirements array, so findings are
  // tallied per array first and each array's keys are resolved once, not once per finding
  // (tens of thousands of findings, dozens of requirements each).
  const frameworkIds = new Map<string, string>();
  const canonical = (name: string): string => {
    let id = frameworkIds.get(name);
    if (id === undefined) frameworkIds.set(name, (id = catalog.framework(name)?.id ?? name));
    return id;
  };
  const groups = new Map<readonly RequirementRef[], Counts>();
  for (const finding of findings) {
    let group = groups.get(finding.requirements);
    if (!group) {
      groups.set(finding.requirements, (group = { passed: 0, failed: 0, unknown: 0, waived: 0 }));
    }
    group[bucket(finding)]++;
  }
  // Groups in order of their first finding, keys in citing order: the map's order is the
  // order in which findings first cite each requirement, as when counting one by one.
  const counts = new Map<string, Counts>();
  for (const [requirements, group] of groups) {
    const keys = new Set(requirements.map((r) => refKey(canonical(r.framework), r.id)));
    for (const key of keys) {
      let count = counts.get(key);
      if (!count) counts.set(key, (count = { passed: 0, failed: 0, unknown: 0, waived: 0 }));
      count.passed += group.passed;
      count.failed += group.failed;
      count.unknown += group.unknown;
      count.waived += group.waived;
    }
  }
  return counts;
}

/** A check that crashed tells nothing about the requirement: it counts as unknown. */
function bucket(finding: Finding): keyof Counts {
  return finding.status === 'error' ? 'unknown' : finding.status;
}

function requirementResult(id: string, title: string, counts?: Counts): RequirementResult {
  const c = counts ?? { passed: 0, failed: 0, unknown: 0, waived: 0 };
  return { id, title, status: requirementStatus(c), counts: { ...c } };
}

/** How many requirements are in each status. */
export function summarizeRequirements(
  requirements: readonly RequirementResult[],
): FrameworkResult['summary'] {
  const summary = { failing: 0, passing: 0, waived: 0, unknown: 0, notAssessed: 0, total: 0 };
  for (const r of requirements) {
    if (r.status === 'not-assessed') summary.notAssessed++;
    else summary[r.status]++;
    summary.total++;
  }
  return summary;
}

// Requirement ids contain spaces, dots and brackets but never a newline.
function refKey(framework: string, id: string): string {
  return `${framework}\n${id}`;
}

function parseKey(key: string): RequirementRef {
  const at = key.indexOf('\n');
  return { framework: key.slice(0, at), id: key.slice(at + 1) };
}

function isString(value: string | undefined): value is string {
  return value !== undefined;
}
