/**
 * Reads the catalog's YAML files and checks them. Every problem becomes an Error that names
 * the file and the offending entry, so a bad edit fails loudly at load time instead of
 * producing a quietly wrong mapping later.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import {
  CONTROL_AREAS,
  FRAMEWORK_IDS,
  MANUAL_EVIDENCE_KINDS,
  REQUIREMENT_KINDS,
  type Control,
  type ControlArea,
  type Framework,
  type IsoTheme,
  type LegacyEntry,
  type ManualEvidence,
  type ManualEvidenceKind,
  type Mapping,
  type Obligation,
  type Requirement,
  type RequirementKind,
  type Safeguard,
  type TscCategory,
} from './types.js';

export interface CatalogData {
  readonly frameworks: readonly Framework[];
  readonly controls: readonly Control[];
  readonly legacy: readonly LegacyEntry[];
}

const OBLIGATIONS: readonly Obligation[] = ['required', 'addressable'];
const SAFEGUARDS: readonly Safeguard[] = [
  'administrative',
  'physical',
  'technical',
  'organizational',
  'documentation',
  'breach-notification',
  'privacy',
];
const THEMES: readonly IsoTheme[] = ['organizational', 'people', 'physical', 'technological'];
const CATEGORIES: readonly TscCategory[] = [
  'security',
  'availability',
  'confidentiality',
  'processing-integrity',
  'privacy',
];

/** Titles are short labels in our own words; a long one is likely pasted standard text. */
export const MAX_TITLE_LENGTH = 100;

type Obj = Record<string, unknown>;

/** Collects the location for error messages: `catalog: <file>: <where>: <problem>`. */
class Checker {
  constructor(readonly file: string) {}

  fail(where: string, problem: string): never {
    throw new Error(`catalog: ${this.file}: ${where}: ${problem}`);
  }

  object(value: unknown, where: string): Obj {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.fail(where, 'expected a mapping');
    }
    return value as Obj;
  }

  array(value: unknown, where: string): unknown[] {
    if (!Array.isArray(value)) this.fail(where, 'expected a list');
    return value;
  }

  keys(obj: Obj, allowed: readonly string[], where: string): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.fail(where, `unknown field "${key}"`);
    }
  }

  string(obj: Obj, key: string, where: string): string {
    const value = obj[key];
    // YAML reads unquoted 2022 or 3.2 as numbers; ids and versions are text, so accept them.
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(where, `"${key}" must be a non-empty string`);
    }
    return value;
  }

  optionalString(obj: Obj, key: string, where: string): string | undefined {
    return obj[key] === undefined ? undefined : this.string(obj, key, where);
  }

  oneOf<T extends string>(obj: Obj, key: string, allowed: readonly T[], where: string): T {
    const value = this.string(obj, key, where);
    if (!(allowed as readonly string[]).includes(value)) {
      this.fail(where, `"${key}" is "${value}"; expected one of ${allowed.join(', ')}`);
    }
    return value as T;
  }

  optionalOneOf<T extends string>(
    obj: Obj,
    key: string,
    allowed: readonly T[],
    where: string,
  ): T | undefined {
    return obj[key] === undefined ? undefined : this.oneOf(obj, key, allowed, where);
  }

  title(obj: Obj, where: string): string {
    const title = this.string(obj, 'title', where);
    if (title.length > MAX_TITLE_LENGTH) {
      this.fail(where, `title is ${title.length} characters; keep it under ${MAX_TITLE_LENGTH}`);
    }
    return title;
  }

  stringList(obj: Obj, key: string, where: string): string[] {
    return this.array(obj[key], `${where}.${key}`).map((item, i) => {
      if (typeof item === 'number') return String(item);
      if (typeof item !== 'string' || item.trim() === '') {
        this.fail(`${where}.${key}[${i}]`, 'expected a non-empty string');
      }
      return item;
    });
  }
}

/**
 * The catalog's YAML, parsed at build time (`scripts/snapshot-catalog.mjs` writes
 * `dist/catalog-snapshot.json`), keyed by the SHA-256 of each file's text: parsing the
 * YAML takes far longer than the scan of a small stack, and a key by content means an
 * edited file is simply parsed again.
 */
let snapshot: Map<string, unknown> | undefined;

function parsedSnapshot(): Map<string, unknown> {
  if (!snapshot) {
    snapshot = new Map();
    try {
      const file = new URL('../catalog-snapshot.json', import.meta.url);
      const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      for (const [hash, value] of Object.entries(entries)) snapshot.set(hash, value);
    } catch {
      // no snapshot (running from src/ in tests): parse the YAML
    }
  }
  return snapshot;
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function readYaml(path: string, name: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`catalog: ${name}: cannot read: ${(error as Error).message}`);
  }
  const snapshot = parsedSnapshot().get(hashText(text));
  if (snapshot !== undefined) return structuredClone(snapshot);
  try {
    return parse(text);
  } catch (error) {
    throw new Error(`catalog: ${name}: invalid YAML: ${(error as Error).message}`);
  }
}

const REQUIREMENT_FIELDS = [
  'id',
  'title',
  'parent',
  'kind',
  'obligation',
  'safeguard',
  'theme',
  'category',
  'note',
];

function loadFramework(path: string, name: string, expectedId: string): Framework {
  const c: Checker = new Checker(name);
  const doc = c.object(readYaml(path, name), 'document');
  c.keys(doc, ['id', 'name', 'version', 'source', 'aliases', 'requirements'], 'document');
  const id = c.string(doc, 'id', 'document');
  if (id !== expectedId) c.fail('id', `"${id}" does not match the file name (${expectedId})`);
  const aliases = doc['aliases'] === undefined ? [] : c.stringList(doc, 'aliases', 'document');

  const byId = new Map<string, Requirement>();
  const requirements: Requirement[] = [];
  c.array(doc['requirements'], 'requirements').forEach((raw, i) => {
    const where = `requirements[${i}]`;
    const obj = c.object(raw, where);
    c.keys(obj, REQUIREMENT_FIELDS, where);
    const reqId = c.string(obj, 'id', where);
    const at = `requirement ${reqId}`;
    if (byId.has(reqId)) c.fail(at, 'duplicate id');
    const parentId = c.optionalString(obj, 'parent', at);
    const parent = parentId === undefined ? undefined : byId.get(parentId);
    if (parentId !== undefined && !parent) {
      c.fail(at, `parent "${parentId}" is not defined before it`);
    }
    // Grouping attributes are written once on the group and inherited by its members.
    const requirement: Requirement = {
      framework: id,
      id: reqId,
      title: c.title(obj, at),
      kind: c.oneOf<RequirementKind>(obj, 'kind', REQUIREMENT_KINDS, at),
      ...(parentId !== undefined ? { parent: parentId } : {}),
      ...defined('obligation', c.optionalOneOf(obj, 'obligation', OBLIGATIONS, at)),
      ...defined(
        'safeguard',
        c.optionalOneOf(obj, 'safeguard', SAFEGUARDS, at) ?? parent?.safeguard,
      ),
      ...defined('theme', c.optionalOneOf(obj, 'theme', THEMES, at) ?? parent?.theme),
      ...defined('category', c.optionalOneOf(obj, 'category', CATEGORIES, at) ?? parent?.category),
      ...defined('note', c.optionalString(obj, 'note', at)),
    };
    byId.set(reqId, requirement);
    requirements.push(requirement);
  });
  if (requirements.length === 0) c.fail('requirements', 'no requirements');

  return {
    id,
    name: c.string(doc, 'name', 'document'),
    version: c.string(doc, 'version', 'document'),
    source: c.string(doc, 'source', 'document'),
    aliases,
    requirements,
  };
}

function defined<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function loadControls(path: string, name: string, frameworks: readonly Framework[]): Control[] {
  const c: Checker = new Checker(name);
  const doc = c.object(readYaml(path, name), 'document');
  c.keys(doc, ['controls'], 'document');
  const known = new Map(frameworks.map((f) => [f.id, new Set(f.requirements.map((r) => r.id))]));
  const seen = new Set<string>();

  return c.array(doc['controls'], 'controls').map((raw, i) => {
    const obj = c.object(raw, `controls[${i}]`);
    c.keys(obj, ['id', 'title', 'description', 'area', 'mappings', 'evidence'], `controls[${i}]`);
    const id = c.string(obj, 'id', `controls[${i}]`);
    const at = `control ${id}`;
    if (seen.has(id)) c.fail(at, 'duplicate id');
    seen.add(id);

    const mappings: Record<string, Mapping[]> = {};
    const rawMappings = c.object(obj['mappings'], `${at}.mappings`);
    for (const [framework, list] of Object.entries(rawMappings)) {
      const ids = known.get(framework);
      if (!ids) c.fail(`${at}.mappings`, `unknown framework "${framework}"`);
      const taken = new Set<string>();
      mappings[framework] = c.array(list, `${at}.mappings.${framework}`).map((m, j) => {
        const where = `${at}.mappings.${framework}[${j}]`;
        const entry = c.object(m, where);
        c.keys(entry, ['id', 'source', 'note', 'manualOnly'], where);
        const reqId = c.string(entry, 'id', where);
        if (!ids.has(reqId)) c.fail(where, `"${reqId}" is not a requirement of ${framework}`);
        if (taken.has(reqId)) c.fail(where, `"${reqId}" is mapped twice`);
        taken.add(reqId);
        return {
          id: reqId,
          source: c.string(entry, 'source', where),
          ...defined('note', c.optionalString(entry, 'note', where)),
          ...(manualOnlyFlag(entry, where) ? { manualOnly: true } : {}),
        };
      });
    }
    if (Object.keys(mappings).length === 0) c.fail(`${at}.mappings`, 'no mappings');

    const evidence = c.object(obj['evidence'], `${at}.evidence`);
    c.keys(evidence, ['automated', 'manual'], `${at}.evidence`);
    const automated = evidence['automated'];
    if (typeof automated !== 'boolean') {
      c.fail(`${at}.evidence`, '"automated" must be true or false');
    }
    const manualIds = new Set<string>();
    const manual = c.array(evidence['manual'] ?? [], `${at}.evidence.manual`).map((m, j) => {
      const where = `${at}.evidence.manual[${j}]`;
      const item = c.object(m, where);
      c.keys(item, ['id', 'title', 'kind', 'renewalDays', 'basis'], where);
      const itemId = c.string(item, 'id', where);
      if (manualIds.has(itemId)) c.fail(where, `duplicate evidence id "${itemId}"`);
      manualIds.add(itemId);
      const days = item['renewalDays'];
      if (typeof days !== 'number' || !Number.isInteger(days) || days <= 0) {
        c.fail(where, '"renewalDays" must be a positive whole number of days');
      }
      const evidenceItem: ManualEvidence = {
        id: itemId,
        title: c.title(item, where),
        kind: c.oneOf<ManualEvidenceKind>(item, 'kind', MANUAL_EVIDENCE_KINDS, where),
        renewalDays: days,
        basis: c.string(item, 'basis', where),
      };
      return evidenceItem;
    });
    if (!automated && manual.length === 0) {
      c.fail(
        `${at}.evidence`,
        'neither automated nor any manual evidence: nothing could evidence it',
      );
    }

    return {
      id,
      title: c.title(obj, at),
      description: c.string(obj, 'description', at),
      area: c.oneOf<ControlArea>(obj, 'area', CONTROL_AREAS, at),
      mappings,
      evidence: { automated, manual },
    };
  });
}

function loadLegacy(path: string, name: string, frameworks: readonly Framework[]): LegacyEntry[] {
  const c: Checker = new Checker(name);
  const doc = c.object(readYaml(path, name), 'document');
  c.keys(doc, ['groups'], 'document');
  const known = new Map(frameworks.map((f) => [f.id, new Set(f.requirements.map((r) => r.id))]));
  const entries: LegacyEntry[] = [];
  const seen = new Set<string>();

  c.array(doc['groups'], 'groups').forEach((rawGroup, g) => {
    const gw = `groups[${g}]`;
    const group = c.object(rawGroup, gw);
    c.keys(group, ['framework', 'version', 'note', 'source', 'entries'], gw);
    const framework = c.string(group, 'framework', gw);
    const ids = known.get(framework);
    if (!ids) c.fail(gw, `unknown framework "${framework}"`);
    const version = c.string(group, 'version', gw);
    const groupNote = c.string(group, 'note', gw);
    const groupSource = c.string(group, 'source', gw);

    c.array(group['entries'], `${gw}.entries`).forEach((rawEntry, i) => {
      const entry = c.object(rawEntry, `${gw}.entries[${i}]`);
      c.keys(entry, ['id', 'current', 'note', 'source'], `${gw}.entries[${i}]`);
      const id = c.string(entry, 'id', `${gw}.entries[${i}]`);
      const at = `legacy ${framework} ${version} ${id}`;
      const key = `${framework}\u0000${id}`;
      if (seen.has(key)) c.fail(at, 'duplicate legacy id');
      seen.add(key);
      const current = c.stringList(entry, 'current', at);
      if (current.length === 0) c.fail(at, 'no current ids');
      for (const cur of current) {
        if (!ids.has(cur)) c.fail(at, `current id "${cur}" is not a requirement of ${framework}`);
      }
      const own = c.optionalString(entry, 'note', at);
      entries.push({
        framework,
        id,
        version,
        current,
        // The group note says the id is superseded; an entry's own note adds the specifics.
        note: own ? `${groupNote} ${own}` : groupNote,
        source: c.optionalString(entry, 'source', at) ?? groupSource,
      });
    });
  });
  return entries;
}

/** Reads and validates a catalog folder: `frameworks/*.yaml`, `controls.yaml`, `legacy.yaml`. */
export function readCatalog(dir: string): CatalogData {
  const frameworkDir = join(dir, 'frameworks');
  let files: string[];
  try {
    files = readdirSync(frameworkDir).filter((f) => f.endsWith('.yaml'));
  } catch (error) {
    throw new Error(`catalog: cannot read ${frameworkDir}: ${(error as Error).message}`);
  }
  const rank = (id: string): number => {
    const i = (FRAMEWORK_IDS as readonly string[]).indexOf(id);
    return i < 0 ? FRAMEWORK_IDS.length : i;
  };
  const ids = files
    .map((f) => f.slice(0, -'.yaml'.length))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const frameworks = ids.map((id) =>
    loadFramework(join(frameworkDir, `${id}.yaml`), `frameworks/${id}.yaml`, id),
  );

  // Aliases must point one way only.
  const names = new Map<string, string>();
  for (const f of frameworks) {
    for (const name of [f.id, ...f.aliases]) {
      const key = name.toLowerCase();
      const owner = names.get(key);
      if (owner !== undefined && owner !== f.id) {
        throw new Error(
          `catalog: frameworks/${f.id}.yaml: alias "${name}" is already used by ${owner}`,
        );
      }
      names.set(key, f.id);
    }
  }

  const controls = loadControls(join(dir, 'controls.yaml'), 'controls.yaml', frameworks);
  const legacy = loadLegacy(join(dir, 'legacy.yaml'), 'legacy.yaml', frameworks);
  return { frameworks, controls, legacy };
}

/** `manualOnly: true` on a mapping; anything else there is a data error. */
function manualOnlyFlag(entry: Record<string, unknown>, where: string): boolean {
  const value = entry['manualOnly'];
  if (value === undefined || value === false) return false;
  if (value === true) return true;
  throw new Error(`catalog: ${where}: manualOnly must be true or false`);
}
