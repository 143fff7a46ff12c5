/**
 * How each framework is read, as groups of requirements: SOC 2 by criteria family and optional
 * category (CC1-CC9, A, C, PI, P), HIPAA by safeguard, PCI DSS by its 12 principal
 * requirements, GDPR by article, ISO/IEC 27001:2022 by Annex A theme, CCPA by section. Other
 * frameworks fall back to their top-level requirement.
 */
import type { Framework, Requirement } from '../../catalog/index.js';
import type { HistoryStatus, RequirementPosture } from '../../posture/history.js';
import { HISTORY_STATUSES } from '../../posture/history.js';

export interface ReportGroup {
  readonly id: string;
  readonly title: string;
  readonly requirements: readonly RequirementPosture[];
  readonly counts: Readonly<Record<HistoryStatus, number>>;
}

interface GroupKey {
  readonly id: string;
  readonly title: string;
  /** Lower sorts first. */
  readonly rank: number;
}

const SOC2_CATEGORIES: Record<string, GroupKey> = {
  availability: { id: 'A', title: 'Availability (A1)', rank: 100 },
  confidentiality: { id: 'C', title: 'Confidentiality (C1)', rank: 101 },
  'processing-integrity': { id: 'PI', title: 'Processing integrity (PI1)', rank: 102 },
  privacy: { id: 'P', title: 'Privacy (P1-P8)', rank: 103 },
};

const HIPAA_SAFEGUARDS: Record<string, GroupKey> = {
  administrative: { id: 'administrative', title: 'Administrative safeguards (164.308)', rank: 0 },
  physical: { id: 'physical', title: 'Physical safeguards (164.310)', rank: 1 },
  technical: { id: 'technical', title: 'Technical safeguards (164.312)', rank: 2 },
  'breach-notification': {
    id: 'breach-notification',
    title: 'Breach notification (164.400-164.414)',
    rank: 3,
  },
  organizational: { id: 'organizational', title: 'Organizational requirements (164.314)', rank: 4 },
  documentation: {
    id: 'documentation',
    title: 'Policies, procedures and documentation (164.316)',
    rank: 5,
  },
  privacy: { id: 'privacy', title: 'Privacy Rule (164.500-164.534)', rank: 6 },
};

const ISO_THEMES: Record<string, GroupKey> = {
  organizational: { id: 'A.5', title: 'A.5 Organizational controls', rank: 0 },
  people: { id: 'A.6', title: 'A.6 People controls', rank: 1 },
  physical: { id: 'A.7', title: 'A.7 Physical controls', rank: 2 },
  technological: { id: 'A.8', title: 'A.8 Technological controls', rank: 3 },
};

export function groupRequirements(
  framework: Framework,
  requirements: readonly RequirementPosture[],
): ReportGroup[] {
  const byId = new Map(framework.requirements.map((r) => [r.id, r]));
  const position = new Map(framework.requirements.map((r, i) => [r.id, i]));
  const groups = new Map<string, { key: GroupKey; members: RequirementPosture[] }>();
  for (const r of requirements) {
    const key = groupOf(framework.id, byId.get(r.id), byId, position);
    const group = groups.get(key.id);
    if (group) group.members.push(r);
    else groups.set(key.id, { key, members: [r] });
  }
  return [...groups.values()]
    .sort((a, b) => a.key.rank - b.key.rank)
    .map(({ key, members }) => ({
      id: key.id,
      title: key.title,
      requirements: members,
      counts: countStatuses(members),
    }));
}

export function countStatuses(
  requirements: readonly RequirementPosture[],
): Record<HistoryStatus, number> {
  const counts = Object.fromEntries(HISTORY_STATUSES.map((s) => [s, 0])) as Record<
    HistoryStatus,
    number
  >;
  for (const r of requirements) counts[r.status]++;
  return counts;
}

function groupOf(
  framework: string,
  requirement: Requirement | undefined,
  byId: ReadonlyMap<string, Requirement>,
  position: ReadonlyMap<string, number>,
): GroupKey {
  const top = requirement ? topOf(requirement, byId) : undefined;
  if (!requirement || !top) return { id: 'other', title: 'Not in the catalog', rank: 10_000 };
  const generic: GroupKey = {
    id: top.id,
    title: `${top.id} ${top.title}`,
    rank: position.get(top.id) ?? 0,
  };

  switch (framework) {
    case 'soc2': {
      if (requirement.category && requirement.category !== 'security') {
        return SOC2_CATEGORIES[requirement.category] ?? generic;
      }
      return generic;
    }
    case 'hipaa':
      return (requirement.safeguard && HIPAA_SAFEGUARDS[requirement.safeguard]) || generic;
    case 'iso27001': {
      if (requirement.theme) return ISO_THEMES[requirement.theme] ?? generic;
      // ISO clauses 4-10 are management-system requirements, read apart from Annex A.
      return { id: 'clauses', title: 'Management system clauses (4-10)', rank: 50 };
    }
    case 'gdpr':
      return { ...generic, title: `Article ${top.id}: ${top.title}` };
    case 'ccpa':
      return { ...generic, title: `§${top.id} ${top.title}`, rank: ccpaRank(top.id) };
    case 'pci-dss':
      return {
        ...generic,
        title: /^\d+$/.test(top.id)
          ? `Requirement ${top.id}: ${top.title}`
          : `${top.id}: ${top.title}`,
      };
    default:
      return generic;
  }
}

/** CCPA sections in numeric order (1798.81.5 and 1798.82 come before 1798.100). */
function ccpaRank(id: string): number {
  const parts = id.split('.').slice(1).map(Number);
  return (parts[0] ?? 0) * 1000 + (parts[1] ?? 0);
}

function topOf(requirement: Requirement, byId: ReadonlyMap<string, Requirement>): Requirement {
  let current = requirement;
  // The bound guards against a cycle in hand-written catalog data.
  for (let depth = 0; depth < 32 && current.parent !== undefined; depth++) {
    const parent = byId.get(current.parent);
    if (!parent) break;
    current = parent;
  }
  return current;
}
