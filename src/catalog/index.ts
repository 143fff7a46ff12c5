/**
 * The catalog: frameworks, their requirements, the unified controls and the mappings between
 * them, loaded once from the YAML shipped in the package's `catalog/` folder.
 */
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { candidateIds } from './forms.js';
import { readCatalog } from './load.js';
import type {
  Control,
  Framework,
  LegacyEntry,
  Requirement,
  RequirementRef,
  Resolution,
} from './types.js';

export * from './types.js';
export { MAX_TITLE_LENGTH } from './load.js';

/**
 * The unified control ids. Fixed: rules name them, and the catalog must define exactly these
 * (a test checks it). Listed here so callers can validate ids without loading the YAML.
 */
const CONTROL_IDS = [
  'multi-factor-authentication',
  'role-based-access',
  'least-privilege',
  'access-reviews',
  'password-policy',
  'encryption-at-rest',
  'encryption-in-transit',
  'data-classification',
  'data-retention-disposal',
  'data-minimization',
  'audit-logging',
  'log-retention',
  'log-protection',
  'security-monitoring',
  'firewall-configuration',
  'network-segmentation',
  'intrusion-detection',
  'vulnerability-scanning',
  'patch-management',
  'secure-development',
  'incident-detection',
  'incident-response-plan',
  'breach-notification',
  'data-backup',
  'disaster-recovery',
  'security-policies',
  'security-training',
  'vendor-management',
  'risk-assessment',
  'key-management',
  'secrets-management',
  'configuration-monitoring',
  'secure-configuration',
] as const;

export type ControlId = (typeof CONTROL_IDS)[number];

export function allControlIds(): readonly ControlId[] {
  return CONTROL_IDS;
}

export function isControlId(id: string): id is ControlId {
  return (CONTROL_IDS as readonly string[]).includes(id);
}

export interface Catalog {
  /** In a fixed order: soc2, hipaa, pci-dss, gdpr, iso27001, ccpa, nist-800-53. */
  readonly frameworks: readonly Framework[];
  readonly controls: readonly Control[];
  readonly legacy: readonly LegacyEntry[];
  /** By id or alias (`pci`, `iso`, `nist`, `cpra`, ...), case-insensitive. */
  framework(idOrAlias: string): Framework | undefined;
  /** Exact id only; see `resolve` for tolerant forms and legacy ids. */
  requirement(framework: string, id: string): Requirement | undefined;
  /**
   * Accepts legacy ids (ISO 27001:2013, PCI DSS v3.2.1) and common written forms
   * (`§164.312(a)(2)(iv)`, `Art. 32(1)(a)`, `8.24`, `cc6.1`). When an id exists both as a
   * current requirement and as a legacy id with another meaning (PCI `3.4`), both are returned.
   */
  resolve(framework: string, id: string): Resolution;
  control(id: string): Control | undefined;
  /**
   * Every requirement the given controls map to, deduplicated, in the order of the controls
   * given, then framework order, then mapping order. Unknown control ids are skipped; check
   * them with `control()` or `isControlId()` where a typo must be reported.
   */
  requirementsForControls(controlIds: readonly string[]): RequirementRef[];
  /**
   * Controls mapped to exactly this requirement, in catalog order. Controls mapped only to
   * its descendants are not included: combine with `descendants()` for those.
   */
  controlsForRequirement(framework: string, id: string): Control[];
  /** Direct children, in file order. */
  children(framework: string, id: string): Requirement[];
  /** All requirements below this one, depth-first in file order. */
  descendants(framework: string, id: string): Requirement[];
  /** Parent, grandparent, ... up to the root. */
  ancestors(framework: string, id: string): Requirement[];
}

interface FrameworkIndex {
  readonly framework: Framework;
  readonly byId: Map<string, Requirement>;
  /** Lower-cased id → id, only where the lower-cased form is unambiguous. */
  readonly byLower: Map<string, string>;
  readonly children: Map<string, Requirement[]>;
  readonly legacy: Map<string, LegacyEntry>;
  /** Requirement id → controls mapped to it. */
  readonly controls: Map<string, Control[]>;
}

function buildCatalog(
  frameworks: readonly Framework[],
  controls: readonly Control[],
  legacy: readonly LegacyEntry[],
): Catalog {
  const indexes = new Map<string, FrameworkIndex>();
  const names = new Map<string, FrameworkIndex>();
  for (const framework of frameworks) {
    const index: FrameworkIndex = {
      framework,
      byId: new Map(),
      byLower: new Map(),
      children: new Map(),
      legacy: new Map(),
      controls: new Map(),
    };
    const clashes = new Set<string>();
    for (const r of framework.requirements) {
      index.byId.set(r.id, r);
      const lower = r.id.toLowerCase();
      if (index.byLower.has(lower)) clashes.add(lower);
      index.byLower.set(lower, r.id);
      if (r.parent !== undefined) {
        const siblings = index.children.get(r.parent) ?? [];
        siblings.push(r);
        index.children.set(r.parent, siblings);
      }
    }
    for (const lower of clashes) index.byLower.delete(lower);
    indexes.set(framework.id, index);
    for (const name of [framework.id, ...framework.aliases]) names.set(name.toLowerCase(), index);
  }
  for (const entry of legacy) indexes.get(entry.framework)?.legacy.set(entry.id, entry);
  for (const control of controls) {
    for (const [framework, mappings] of Object.entries(control.mappings)) {
      const index = indexes.get(framework);
      if (!index) continue;
      for (const m of mappings) {
        const list = index.controls.get(m.id) ?? [];
        list.push(control);
        index.controls.set(m.id, list);
      }
    }
  }
  const controlsById = new Map(controls.map((c) => [c.id, c]));
  const indexOf = (nameOrAlias: string): FrameworkIndex | undefined =>
    names.get(nameOrAlias.trim().toLowerCase());

  const lookup = (index: FrameworkIndex, candidate: string): string | undefined => {
    if (index.byId.has(candidate)) return candidate;
    return index.byLower.get(candidate.toLowerCase());
  };

  const legacyLookup = (index: FrameworkIndex, candidate: string): LegacyEntry | undefined => {
    const exact = index.legacy.get(candidate);
    if (exact) return exact;
    const lower = candidate.toLowerCase();
    for (const [id, entry] of index.legacy) if (id.toLowerCase() === lower) return entry;
    return undefined;
  };

  return {
    frameworks,
    controls,
    legacy,
    framework: (idOrAlias) => indexOf(idOrAlias)?.framework,
    requirement: (framework, id) => indexOf(framework)?.byId.get(id),
    resolve(framework, id) {
      const index = indexOf(framework);
      if (!index) return {};
      for (const candidate of candidateIds(index.framework.id, id)) {
        const found = lookup(index, candidate);
        const requirement = found === undefined ? undefined : index.byId.get(found);
        const entry = legacyLookup(index, candidate);
        if (requirement || entry) {
          return {
            ...(requirement ? { requirement } : {}),
            ...(entry ? { legacy: entry } : {}),
          };
        }
      }
      return {};
    },
    control: (id) => controlsById.get(id),
    requirementsForControls(controlIds) {
      const seen = new Set<string>();
      const out: RequirementRef[] = [];
      for (const controlId of controlIds) {
        const control = controlsById.get(controlId);
        if (!control) continue;
        for (const framework of frameworks) {
          for (const m of control.mappings[framework.id] ?? []) {
            // requirements met only by manual evidence are not cited by automated checks
            if (m.manualOnly) continue;
            const key = `${framework.id}\u0000${m.id}`;
            if (seen.has(key)) continue;
            seen.add(key);
            out.push({ framework: framework.id, id: m.id });
          }
        }
      }
      return out;
    },
    controlsForRequirement(framework, id) {
      return [...(indexOf(framework)?.controls.get(id) ?? [])];
    },
    children(framework, id) {
      return [...(indexOf(framework)?.children.get(id) ?? [])];
    },
    descendants(framework, id) {
      const index = indexOf(framework);
      if (!index) return [];
      const out: Requirement[] = [];
      const walk = (parent: string): void => {
        for (const child of index.children.get(parent) ?? []) {
          out.push(child);
          walk(child.id);
        }
      };
      walk(id);
      return out;
    },
    ancestors(framework, id) {
      const index = indexOf(framework);
      const out: Requirement[] = [];
      let current = index?.byId.get(id);
      while (index && current?.parent !== undefined) {
        current = index.byId.get(current.parent);
        if (current) out.push(current);
      }
      return out;
    },
  };
}

/** The `catalog/` folder at the package root; this module sits in `src/catalog` or `dist/catalog`. */
export function defaultCatalogDir(): string {
  return fileURLToPath(new URL('../../catalog/', import.meta.url));
}

const cache = new Map<string, Catalog>();

/**
 * Loads, validates and caches the catalog in `dir` (default: the package's own `catalog/`).
 * Throws an Error naming the file and the problem when the data is invalid.
 */
export function loadCatalog(dir?: string): Catalog {
  const key = resolvePath(dir ?? defaultCatalogDir());
  const cached = cache.get(key);
  if (cached) return cached;
  const data = readCatalog(key);
  const catalog = buildCatalog(data.frameworks, data.controls, data.legacy);
  cache.set(key, catalog);
  return catalog;
}
