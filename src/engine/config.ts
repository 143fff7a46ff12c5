/**
 * The `.crosswalk.yaml` configuration file: frameworks, failure threshold, rule settings,
 * disabled rules and waivers. Invalid configuration is an error (exit code 2), never
 * silently ignored.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Diagnostic } from '../iac/types.js';
import {
  DEFAULT_RULE_SETTINGS,
  SEVERITIES,
  type RuleSettings,
  type Severity,
} from '../rules/types.js';

export interface ConfigWaiver {
  readonly rule: string;
  /** Glob over resource addresses; `*` when absent. */
  readonly resource: string;
  readonly reason: string;
  readonly owner?: string;
  readonly expires?: string;
  readonly file: string;
  readonly line: number;
}

export interface CrosswalkConfig {
  readonly file?: string;
  readonly frameworks?: readonly string[];
  readonly failOn?: Severity;
  readonly disabledRules: readonly string[];
  readonly settings: RuleSettings;
  readonly waivers: readonly ConfigWaiver[];
  readonly varFiles: readonly string[];
  readonly vars: Readonly<Record<string, string>>;
  /** Custom policy paths (`policies:`), resolved against the configuration file's directory. */
  readonly policies?: readonly string[];
  /** Problems that do not stop a scan (a waiver without a reason). */
  readonly diagnostics: readonly Diagnostic[];
}

export class ConfigError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly file: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${code}: ${message}`);
  }
}

export const CONFIG_FILE_NAMES = ['.crosswalk.yaml', '.crosswalk.yml'];

export function findConfig(dirs: readonly string[]): string | undefined {
  for (const dir of dirs) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

export const EMPTY_CONFIG: CrosswalkConfig = {
  disabledRules: [],
  settings: DEFAULT_RULE_SETTINGS,
  waivers: [],
  varFiles: [],
  vars: {},
  diagnostics: [],
};

const WAIVER_KEYS = new Set(['rule', 'resource', 'reason', 'owner', 'expires']);

/** A real YYYY-MM-DD date: `2027-02-31` is refused, not rolled over. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function loadConfig(path: string): CrosswalkConfig {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError('CW-CONFIG-001', `cannot read: ${(error as Error).message}`, path);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0]?.line;
    throw new ConfigError(
      'CW-CONFIG-002',
      `invalid YAML: ${first.message.split('\n')[0]}`,
      path,
      line,
    );
  }
  const lineOf = (node: unknown): number | undefined => {
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return range ? lines.linePos(range[0]).line : undefined;
  };
  const fail = (message: string, node?: unknown): never => {
    throw new ConfigError('CW-CONFIG-003', message, path, lineOf(node));
  };

  const root = doc.contents;
  if (root === null || root === undefined) return { ...EMPTY_CONFIG, file };
  if (!isMap(root)) fail('the configuration must be a mapping');
  const data = doc.toJS() as Record<string, unknown>;
  const nodeOf = (key: string): unknown => (isMap(root) ? root.get(key, true) : undefined);

  const known = new Set([
    'frameworks',
    'failOn',
    'rules',
    'settings',
    'waivers',
    'varFiles',
    'vars',
    'policies',
  ]);
  for (const key of Object.keys(data)) {
    if (!known.has(key))
      fail(`unknown key "${key}" (expected one of ${[...known].join(', ')})`, nodeOf(key));
  }

  const stringList = (key: string, value: unknown): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      fail(`"${key}" must be a list of strings`, nodeOf(key));
    }
    return value as string[];
  };

  const frameworks =
    data.frameworks === undefined ? undefined : stringList('frameworks', data.frameworks);

  let failOn: Severity | undefined;
  if (data.failOn !== undefined) {
    if (!SEVERITIES.includes(data.failOn as Severity)) {
      fail(`"failOn" must be one of ${SEVERITIES.join(', ')}`, nodeOf('failOn'));
    }
    failOn = data.failOn as Severity;
  }

  const rules = (data.rules ?? {}) as Record<string, unknown>;
  if (rules === null || typeof rules !== 'object' || Array.isArray(rules))
    fail('"rules" must be a mapping', nodeOf('rules'));
  for (const key of Object.keys(rules)) {
    if (key !== 'disabled')
      fail(`unknown key "rules.${key}" (expected rules.disabled)`, nodeOf('rules'));
  }
  const disabledRules = stringList('rules.disabled', rules.disabled);

  const settings: Record<string, unknown> = { ...DEFAULT_RULE_SETTINGS };
  const given = (data.settings ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) {
    if (!(key in DEFAULT_RULE_SETTINGS)) {
      fail(
        `unknown setting "${key}" (expected one of ${Object.keys(DEFAULT_RULE_SETTINGS).join(', ')})`,
        nodeOf('settings'),
      );
    }
    const expected = (DEFAULT_RULE_SETTINGS as unknown as Record<string, unknown>)[key];
    if (Array.isArray(expected) ? !Array.isArray(value) : typeof value !== typeof expected) {
      fail(
        `setting "${key}" must be ${Array.isArray(expected) ? 'a list' : `a ${typeof expected}`}`,
        nodeOf('settings'),
      );
    }
    settings[key] = value;
  }

  const waivers: ConfigWaiver[] = [];
  const diagnostics: Diagnostic[] = [];
  const waiverNode = nodeOf('waivers');
  if (data.waivers !== undefined) {
    if (!Array.isArray(data.waivers)) fail('"waivers" must be a list', waiverNode);
    (data.waivers as unknown[]).forEach((entry, index) => {
      const node = isSeq(waiverNode) ? waiverNode.items[index] : waiverNode;
      if (entry === null || typeof entry !== 'object') fail('a waiver must be a mapping', node);
      const w = entry as Record<string, unknown>;
      for (const key of Object.keys(w)) {
        if (!WAIVER_KEYS.has(key)) {
          fail(
            `unknown waiver key "${key}" (expected one of ${[...WAIVER_KEYS].join(', ')})`,
            node,
          );
        }
      }
      if (w.rule === '*' && w.resource === undefined) {
        fail('a waiver of every rule ("*") must name its resources with "resource"', node);
      }
      if (w.resource !== undefined && typeof w.resource !== 'string') {
        fail(
          'a waiver\'s "resource" must be one address pattern (a string; "*" for every resource)',
          node,
        );
      }
      if (typeof w.rule !== 'string' || w.rule === '') fail('a waiver needs "rule"', node);
      if (typeof w.reason !== 'string' || w.reason.trim() === '') {
        diagnostics.push(
          waiverProblem(
            'CW-WAIVER-001',
            `waiver for rule "${String(w.rule)}" has no reason; it is not applied`,
            file,
            lineOf(node),
          ),
        );
        return;
      }
      const expires = w.expires instanceof Date ? w.expires.toISOString().slice(0, 10) : w.expires;
      if (expires !== undefined && (typeof expires !== 'string' || !isCalendarDate(expires))) {
        diagnostics.push(
          waiverProblem(
            'CW-WAIVER-002',
            `waiver for rule "${String(w.rule)}" has an invalid expiry "${String(expires)}" (use YYYY-MM-DD); it is not applied`,
            file,
            lineOf(node),
          ),
        );
        return;
      }
      waivers.push({
        rule: w.rule as string,
        resource: typeof w.resource === 'string' ? w.resource : '*',
        reason: (w.reason as string).trim(),
        owner: typeof w.owner === 'string' ? w.owner : undefined,
        expires: expires as string | undefined,
        file,
        line: lineOf(node) ?? 1,
      });
    });
  }

  const vars: Record<string, string> = {};
  for (const [key, value] of Object.entries((data.vars ?? {}) as Record<string, unknown>)) {
    vars[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }

  return {
    file,
    frameworks,
    failOn,
    disabledRules,
    settings: settings as unknown as RuleSettings,
    waivers,
    varFiles: stringList('varFiles', data.varFiles),
    vars,
    policies: stringList('policies', data.policies).map((p) => resolve(dirname(file), p)),
    diagnostics,
  };
}

function waiverProblem(
  code: string,
  message: string,
  file: string,
  line: number | undefined,
): Diagnostic {
  return { code, severity: 'error', message, file, line };
}
