/**
 * Reads a CloudFormation template (YAML or JSON) into a small tree whose every node knows
 * its lines. YAML short forms (`!Ref x`, `!GetAtt A.B`, `!If [...]`) become the long
 * forms (`{ Ref: x }`, `{ 'Fn::GetAtt': 'A.B' }`) here, so the evaluator sees one shape.
 * Aliases are expanded with a budget and nesting is capped, so hostile input (alias
 * bombs, very deep documents) is refused quickly instead of hanging the scan.
 */
import {
  LineCounter,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type { CollectionTag, ScalarTag } from 'yaml';
import {
  JsonSyntaxError,
  parseJsonWithPositions,
  type PositionedJson,
} from '../plan/json-positions.js';

export interface Lines {
  readonly startLine: number;
  readonly endLine: number;
  readonly startColumn?: number;
  readonly endColumn?: number;
}

export type Scalar = string | number | boolean | null;

export type CfnNode =
  | { readonly kind: 'scalar'; readonly value: Scalar; readonly lines: Lines }
  | { readonly kind: 'seq'; readonly items: readonly CfnNode[]; readonly lines: Lines }
  | { readonly kind: 'map'; readonly entries: readonly CfnEntry[]; readonly lines: Lines };

export interface CfnEntry {
  readonly key: string;
  readonly value: CfnNode;
  /** From the key to the end of the value. */
  readonly lines: Lines;
}

/** Why a document could not be read; `line` when the parser knows it. */
export class TemplateError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

/** Deepest nesting accepted; real templates stay far below. */
export const MAX_DEPTH = 100;
/** Most nodes produced from one document, counting alias expansions. */
export const MAX_NODES = 1_000_000;
/** Most nodes produced by expanding aliases; templates rarely use aliases at all. */
export const MAX_ALIAS_NODES = 100_000;

/** Intrinsic functions with a YAML short form; `Ref` and `Condition` have no `Fn::` prefix. */
const SHORT_FORMS = [
  'Ref',
  'Condition',
  'Sub',
  'GetAtt',
  'If',
  'Join',
  'Select',
  'Split',
  'FindInMap',
  'Equals',
  'Not',
  'And',
  'Or',
  'Base64',
  'Cidr',
  'GetAZs',
  'ImportValue',
  'Transform',
  'Length',
  'ToJsonString',
] as const;

const LONG_FORM = new Map<string, string>(
  SHORT_FORMS.map((n) => [`!${n}`, n === 'Ref' || n === 'Condition' ? n : `Fn::${n}`]),
);

// Identity tags: the node keeps its tag and is converted below, which keeps positions.
const CUSTOM_TAGS: (ScalarTag | CollectionTag)[] = SHORT_FORMS.flatMap((n) => [
  { tag: `!${n}`, resolve: (s: string) => s } satisfies ScalarTag,
  { tag: `!${n}`, collection: 'seq', resolve: (s: unknown) => s } as CollectionTag,
  { tag: `!${n}`, collection: 'map', resolve: (s: unknown) => s } as CollectionTag,
]);

export interface ParsedTemplate {
  readonly root: CfnNode;
  /** Non-fatal notes from the parser (e.g. an unknown tag). */
  readonly warnings: readonly { readonly message: string; readonly line?: number }[];
}

/**
 * Parses YAML or JSON; JSON is tried when the text starts with `{`, and only JSON when
 * `jsonOnly` (a `.json` file). Throws TemplateError.
 */
export function parseTemplate(text: string, jsonOnly = false): ParsedTemplate {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (jsonOnly) return parseJson(text);
  if (!trimmed.startsWith('{')) return parseYaml(text);
  try {
    return parseJson(text);
  } catch (jsonError) {
    // `{Resources: ...}` is a YAML flow mapping, not JSON; report the JSON error otherwise.
    if (!(jsonError instanceof TemplateError) || jsonError.code !== 'CW-CFN-001') throw jsonError;
    try {
      return parseYaml(text);
    } catch {
      throw jsonError;
    }
  }
}

function parseJson(text: string): ParsedTemplate {
  let parsed: PositionedJson;
  try {
    parsed = parseJsonWithPositions(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      throw new TemplateError(
        'CW-CFN-001',
        `invalid JSON: ${error.message}`,
        error.line,
        error.column,
      );
    }
    if (error instanceof RangeError) throw tooDeep();
    throw error;
  }
  let budget = MAX_NODES;
  const convert = (value: unknown, lines: Lines, depth: number): CfnNode => {
    if (--budget < 0) throw tooLarge();
    if (depth > MAX_DEPTH) throw tooDeep(lines.startLine);
    if (Array.isArray(value)) {
      const items = value.map((item, i) =>
        convert(item, spanLines(parsed.memberSpan(value, i)) ?? lines, depth + 1),
      );
      return { kind: 'seq', items, lines };
    }
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value).map(([key, item]) => {
        const at = spanLines(parsed.memberSpan(value, key)) ?? lines;
        return { key, value: convert(item, at, depth + 1), lines: at };
      });
      return { kind: 'map', entries, lines };
    }
    return { kind: 'scalar', value: value as Scalar, lines };
  };
  const rootLines = spanLines(
    parsed.value !== null && typeof parsed.value === 'object'
      ? parsed.spanOf(parsed.value)
      : undefined,
  ) ?? { startLine: 1, endLine: 1 };
  return { root: convert(parsed.value, rootLines, 0), warnings: [] };
}

function spanLines(
  span: { startLine: number; endLine: number; startColumn: number; endColumn: number } | undefined,
): Lines | undefined {
  return span
    ? {
        startLine: span.startLine,
        endLine: span.endLine,
        startColumn: span.startColumn,
        endColumn: span.endColumn,
      }
    : undefined;
}

function parseYaml(text: string): ParsedTemplate {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      customTags: CUSTOM_TAGS,
      lineCounter,
      uniqueKeys: false,
      prettyErrors: false,
    });
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep();
    throw error;
  }
  const first = doc.errors[0];
  if (first && /call stack/i.test(first.message))
    throw tooDeep(lineCounter.linePos(first.pos[0]).line);
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    throw new TemplateError(
      'CW-CFN-001',
      `invalid YAML: ${firstLine(first.message)}`,
      pos.line,
      pos.col,
    );
  }
  const warnings = doc.warnings.map((w) => ({
    message: firstLine(w.message),
    line: lineCounter.linePos(w.pos[0]).line,
  }));

  // Offsets to lines; an end offset points just past the value, so step back over spaces.
  const lines = (start: number, end: number): Lines => {
    let last = Math.max(start, end - 1);
    while (last > start && /\s/.test(text[last] ?? '')) last--;
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(last);
    return { startLine: a.line, startColumn: a.col, endLine: b.line, endColumn: b.col + 1 };
  };

  let budget = MAX_NODES;
  const resolved = new WeakMap<object, YamlNode>();
  let aliasBudget = MAX_ALIAS_NODES;
  // `forced`: inside an alias expansion every node is placed where the alias is written.
  const convert = (node: unknown, depth: number, fallback: Lines, forced?: Lines): CfnNode => {
    if (--budget < 0) throw tooLarge();
    if (forced && --aliasBudget < 0) throw tooLarge();
    if (depth > MAX_DEPTH) throw tooDeep(fallback.startLine);
    if (isAlias(node)) {
      // Alias.resolve searches the whole document: look each alias up once.
      let target = resolved.get(node);
      if (!target) {
        target = node.resolve(doc) ?? undefined;
        if (target) resolved.set(node, target);
      }
      if (!target)
        throw new TemplateError('CW-CFN-001', `unknown alias *${node.source}`, fallback.startLine);
      // The expansion is placed where the alias is written.
      const at = forced ?? (node.range ? lines(node.range[0], node.range[1]) : fallback);
      return convert(target, depth + 1, at, at);
    }
    const yamlNode = node as YamlNode | null;
    const at = forced ?? (yamlNode?.range ? lines(yamlNode.range[0], yamlNode.range[1]) : fallback);
    let out: CfnNode;
    if (isMap(yamlNode)) {
      const entries: CfnEntry[] = [];
      for (const pair of yamlNode.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyStart = (pair.key as YamlNode | null)?.range?.[0] ?? yamlNode.range?.[0] ?? 0;
        const valueNode = pair.value as YamlNode | null;
        const valueEnd =
          valueNode?.range?.[1] ?? (pair.key as YamlNode | null)?.range?.[1] ?? keyStart;
        const entryLines = forced ?? lines(keyStart, valueEnd);
        entries.push({
          key,
          value: convert(pair.value, depth + 1, entryLines, forced),
          lines: entryLines,
        });
      }
      out = { kind: 'map', entries, lines: at };
    } else if (isSeq(yamlNode)) {
      out = {
        kind: 'seq',
        items: yamlNode.items.map((item) => convert(item, depth + 1, at, forced)),
        lines: at,
      };
    } else if (isScalar(yamlNode)) {
      const v = yamlNode.value;
      const value: Scalar =
        v === null || v === undefined
          ? null
          : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
            ? v
            : typeof v === 'bigint'
              ? Number(v)
              : String(v);
      out = { kind: 'scalar', value, lines: at };
    } else {
      out = { kind: 'scalar', value: null, lines: at };
    }
    const tag = yamlNode && !isAlias(yamlNode) ? (yamlNode as { tag?: string }).tag : undefined;
    const long = tag ? LONG_FORM.get(tag) : undefined;
    if (long) {
      // `!GetAZs` with nothing after it means the empty string, as in the long form.
      const arg = out.kind === 'scalar' && out.value === null ? { ...out, value: '' } : out;
      return { kind: 'map', entries: [{ key: long, value: arg, lines: at }], lines: at };
    }
    return out;
  };
  const root = convert(doc.contents, 0, { startLine: 1, endLine: 1 });
  return { root, warnings };
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function tooDeep(line?: number): TemplateError {
  return new TemplateError(
    'CW-CFN-003',
    `the document nests deeper than ${MAX_DEPTH} levels; refused`,
    line,
  );
}

function tooLarge(): TemplateError {
  return new TemplateError(
    'CW-CFN-003',
    `the document expands to more than ${MAX_NODES} nodes (alias bomb?); refused`,
  );
}

/** The entry of a map node with the given key. */
export function entry(node: CfnNode | undefined, key: string): CfnEntry | undefined {
  return node?.kind === 'map' ? node.entries.find((e) => e.key === key) : undefined;
}
