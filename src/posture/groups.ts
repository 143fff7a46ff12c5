/**
 * A framework's reported requirements gathered under their top-level requirement (PCI DSS
 * `3`, HIPAA `164.312`, SOC 2 `CC6`), for summaries that a long flat list would bury.
 * Only a view: statuses still come from the requirements themselves, never rolled up.
 */
import type { FrameworkResult, RequirementResult } from '../engine/types.js';
import { summarizeRequirements, type PostureCatalog, type PostureRequirement } from './scan.js';

export interface RequirementGroup {
  /** Id of the top-level requirement, e.g. `3`. */
  readonly id: string;
  /** Its title; empty when the catalog does not know the requirement. */
  readonly title: string;
  readonly summary: FrameworkResult['summary'];
  readonly requirements: readonly RequirementResult[];
}

/** Groups in catalog order; requirements the catalog lacks form groups of their own. */
export function topLevelGroups(
  catalog: Pick<PostureCatalog, 'framework'>,
  framework: FrameworkResult,
): RequirementGroup[] {
  const known = new Map<string, PostureRequirement>();
  for (const r of catalog.framework(framework.id)?.requirements ?? []) known.set(r.id, r);

  const members = new Map<string, RequirementResult[]>();
  for (const requirement of framework.requirements) {
    const top = topOf(requirement.id, known);
    const list = members.get(top);
    if (list) list.push(requirement);
    else members.set(top, [requirement]);
  }

  const position = new Map([...known.keys()].map((id, index) => [id, index]));
  const rank = (id: string) => position.get(id) ?? position.size;
  return [...members]
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([id, requirements]) => ({
      id,
      title: known.get(id)?.title ?? '',
      summary: summarizeRequirements(requirements),
      requirements,
    }));
}

function topOf(id: string, known: ReadonlyMap<string, PostureRequirement>): string {
  let current = id;
  // The bound guards against a cycle in hand-written catalog data.
  for (let depth = 0; depth < 32; depth++) {
    const parent = known.get(current)?.parent;
    if (parent === undefined || !known.has(parent)) return current;
    current = parent;
  }
  return current;
}
