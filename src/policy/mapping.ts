/**
 * Maps a custom policy into the catalog: the unified controls and framework requirements
 * named in its metadata (Rego `# METADATA` `custom:` block, or a YAML policy's `metadata`).
 * Unknown ids are reported, never guessed: a superseded id (PCI DSS 3.2.1, ISO 27001:2013)
 * is refused with the current ids the catalog lists for it.
 */
import type { Catalog } from '../catalog/index.js';
import type { RequirementRef } from '../engine/types.js';
import type { Diagnostic } from '../iac/types.js';
import { SEVERITIES, type Severity } from '../rules/types.js';

export interface Mapping {
  readonly controls: string[];
  /** Requirements named directly in the metadata (not those that follow from controls). */
  readonly requirements: RequirementRef[];
  readonly severity?: Severity;
}

export interface MappingInput {
  readonly controls?: unknown;
  readonly frameworks?: unknown;
  readonly severity?: unknown;
}

/** Where the metadata was written, for diagnostics. */
export interface Place {
  readonly file: string;
  readonly line?: number;
  /** Names the policy in messages, e.g. `data.compliance.encryption.deny`. */
  readonly policy: string;
}

export function readMapping(
  input: MappingInput,
  catalog: Catalog,
  place: Place,
  diagnostics: Diagnostic[],
): Mapping {
  const report = (code: string, message: string, severity: Diagnostic['severity'] = 'error') =>
    diagnostics.push({
      code,
      severity,
      message: `${place.policy}: ${message}`,
      file: place.file,
      ...(place.line !== undefined ? { line: place.line } : {}),
    });

  const controls: string[] = [];
  if (input.controls !== undefined) {
    const list = Array.isArray(input.controls) ? input.controls : [input.controls];
    for (const id of list) {
      if (typeof id === 'string' && catalog.control(id)) {
        if (!controls.includes(id)) controls.push(id);
      } else {
        report('CW-POLICY-003', `unknown control id "${String(id)}"`);
      }
    }
  }

  const requirements: RequirementRef[] = [];
  if (input.frameworks !== undefined) {
    if (
      input.frameworks === null ||
      typeof input.frameworks !== 'object' ||
      Array.isArray(input.frameworks)
    ) {
      report(
        'CW-POLICY-004',
        '"frameworks" must map framework ids to lists of requirement ids, e.g. { hipaa: ["164.312(a)(2)(iv)"] }',
      );
    } else {
      for (const [name, ids] of Object.entries(input.frameworks as Record<string, unknown>)) {
        const framework = catalog.framework(name);
        if (!framework) {
          report(
            'CW-POLICY-004',
            `unknown framework "${name}" (known: ${catalog.frameworks.map((f) => f.id).join(', ')})`,
          );
          continue;
        }
        for (const raw of Array.isArray(ids) ? ids : [ids]) {
          const id = typeof raw === 'number' ? String(raw) : raw;
          if (typeof id !== 'string') {
            report('CW-POLICY-005', `${framework.id}: requirement ids must be strings`);
            continue;
          }
          const found = lookup(catalog, framework.id, id);
          if ('error' in found) {
            report('CW-POLICY-005', `${framework.id} ${found.error}`);
            continue;
          }
          if (found.warning) report('CW-POLICY-005', `${framework.id} ${found.warning}`, 'warning');
          if (!requirements.some((r) => r.framework === framework.id && r.id === found.id)) {
            requirements.push({ framework: framework.id, id: found.id });
          }
        }
      }
    }
  }

  let severity: Severity | undefined;
  if (input.severity !== undefined) {
    const value =
      typeof input.severity === 'string' ? input.severity.toLowerCase() : input.severity;
    if (SEVERITIES.includes(value as Severity)) severity = value as Severity;
    else
      report(
        'CW-POLICY-006',
        `unknown severity "${String(input.severity)}" (expected one of ${SEVERITIES.join(', ')})`,
        'warning',
      );
  }
  return { controls, requirements, ...(severity ? { severity } : {}) };
}

/**
 * An exact id, or a tolerant written form of a current id; never a legacy id. An id that is
 * current and also a superseded id of another meaning (PCI `3.4`) is accepted with a warning.
 */
function lookup(
  catalog: Catalog,
  framework: string,
  id: string,
): { id: string; warning?: string } | { error: string } {
  const resolution = catalog.resolve(framework, id);
  const current = resolution.legacy?.current ?? [];
  const exact = catalog.requirement(framework, id);
  if (exact) {
    return resolution.legacy
      ? {
          id: exact.id,
          warning: `"${id}" is read as the current requirement "${exact.title}"; as a superseded id it meant what is now ${current.join(', ')}`,
        }
      : { id: exact.id };
  }
  if (resolution.requirement && !resolution.legacy) return { id: resolution.requirement.id };
  if (resolution.legacy) {
    return {
      error: `"${id}" is a superseded id${current.length > 0 ? `; current: ${current.join(', ')}` : ''}`,
    };
  }
  return { error: `unknown requirement "${id}"` };
}

/**
 * The requirements a policy finding carries: those of its controls, then those named
 * directly, deduplicated, limited to the selected frameworks, in catalog order.
 */
export function requirementsOf(
  mapping: Mapping,
  catalog: Catalog,
  frameworks: ReadonlySet<string> | undefined,
): RequirementRef[] {
  const out: RequirementRef[] = [];
  const seen = new Set<string>();
  for (const r of [...catalog.requirementsForControls(mapping.controls), ...mapping.requirements]) {
    const key = `${r.framework}\u0000${r.id}`;
    if (seen.has(key) || (frameworks && !frameworks.has(r.framework))) continue;
    seen.add(key);
    out.push({ framework: r.framework, id: r.id });
  }
  const order = requirementOrder(catalog);
  const rank = (r: RequirementRef) =>
    order.get(`${r.framework}\u0000${r.id}`) ?? Number.MAX_SAFE_INTEGER;
  return out.sort((a, b) => rank(a) - rank(b));
}

const orders = new WeakMap<Catalog, Map<string, number>>();

function requirementOrder(catalog: Catalog): Map<string, number> {
  let order = orders.get(catalog);
  if (!order) {
    order = new Map();
    for (const framework of catalog.frameworks) {
      for (const requirement of framework.requirements) {
        order.set(`${framework.id}\u0000${requirement.id}`, order.size);
      }
    }
    orders.set(catalog, order);
  }
  return order;
}
