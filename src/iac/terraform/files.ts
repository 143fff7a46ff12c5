/**
 * Reading one module directory: which files make it up, and the declarations in them
 * (variables, locals, resources, data sources, module calls, outputs), parsed but not
 * evaluated.
 */
import { readdirSync } from 'node:fs';
import { readSource } from '../source.js';
import { join } from 'node:path';
import { parseHcl, parseHclJson, type Attribute, type Block, type Body } from '../hcl/index.js';
import type { Diagnostic, SourceComment } from '../types.js';

export interface ResourceDecl {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly block: Block;
  /** Address inside its module: `aws_s3_bucket.logs`, `data.aws_iam_policy_document.p`. */
  readonly local: string;
  /** The parser reported an error inside the block: its attributes cannot be trusted. */
  readonly syntaxError: boolean;
}

export interface ModuleConfig {
  readonly dir: string;
  readonly files: string[];
  readonly variables: Map<string, Block>;
  readonly locals: Map<string, Attribute>;
  readonly resources: ResourceDecl[];
  readonly moduleCalls: Map<string, Block>;
  readonly outputs: Map<string, Block>;
  /** The parsed body of each file, for toHcl2Json. */
  readonly bodies: Map<string, Body>;
  readonly comments: Map<string, readonly SourceComment[]>;
}

const isOverride = (name: string): boolean => /(^|_)override\.tf(\.json)?$/.test(name);

/**
 * The `.tf` and `.tf.json` files of one module directory, sorted, without override files
 * (Terraform merges those into other blocks; crosswalk does not apply them yet).
 */
export function terraformFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && (e.name.endsWith('.tf') || e.name.endsWith('.tf.json')))
      .map((e) => e.name);
  } catch {
    return [];
  }
  return names
    .filter((n) => !isOverride(n))
    .sort()
    .map((n) => join(dir, n));
}

function overrideFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter(isOverride).sort();
  } catch {
    return [];
  }
}

/** Parses every file of a module directory. Problems become diagnostics. */
export function readModule(dir: string, diagnostics: Diagnostic[]): ModuleConfig {
  const config: ModuleConfig = {
    dir,
    files: terraformFiles(dir),
    variables: new Map(),
    locals: new Map(),
    resources: [],
    moduleCalls: new Map(),
    outputs: new Map(),
    bodies: new Map(),
    comments: new Map(),
  };
  for (const name of overrideFiles(dir)) {
    diagnostics.push({
      code: 'CW-TF-012',
      severity: 'info',
      message: `override file ${name} is not applied`,
      file: join(dir, name),
    });
  }
  const seen = new Map<string, Block>();
  for (const file of config.files) {
    const source = readSource(file);
    if ('diagnostic' in source) {
      diagnostics.push(source.diagnostic);
      continue;
    }
    const text = source.text;
    const parsed = file.endsWith('.json') ? parseHclJson(text, file) : parseHcl(text, file);
    diagnostics.push(...parsed.diagnostics);
    config.bodies.set(file, parsed.body);
    config.comments.set(file, parsed.comments);
    const errorLines = parsed.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => d.line ?? 0);
    for (const block of parsed.body.blocks) collect(config, block, seen, diagnostics, errorLines);
  }
  return config;
}

function collect(
  config: ModuleConfig,
  block: Block,
  seen: Map<string, Block>,
  diagnostics: Diagnostic[],
  errorLines: readonly number[],
): void {
  const [first, second] = block.labels;
  const duplicate = (what: string): boolean => {
    const before = seen.get(what);
    if (!before) {
      seen.set(what, block);
      return false;
    }
    diagnostics.push({
      code: 'CW-TF-002',
      severity: 'error',
      message: `duplicate ${what}; first declared at line ${before.range.start.line} of ${before.range.file}`,
      file: block.range.file,
      line: block.range.start.line,
    });
    return true;
  };
  switch (block.type) {
    case 'variable':
      if (first !== undefined && !duplicate(`variable "${first}"`))
        config.variables.set(first, block);
      break;
    case 'locals':
      for (const attr of block.body.attributes) {
        if (!duplicate(`local value "${attr.name}"`)) config.locals.set(attr.name, attr);
      }
      break;
    case 'resource':
    case 'data': {
      if (first === undefined || second === undefined) break;
      const mode = block.type === 'data' ? 'data' : 'managed';
      const local = `${mode === 'data' ? 'data.' : ''}${first}.${second}`;
      let syntaxError = false;
      if (errorLines.length > 0) {
        const { start, end } = block.range;
        syntaxError = errorLines.some((l) => l >= start.line && l <= end.line);
      }
      if (!duplicate(local)) {
        config.resources.push({ mode, type: first, name: second, block, local, syntaxError });
      }
      break;
    }
    case 'module':
      if (first !== undefined && !duplicate(`module "${first}"`))
        config.moduleCalls.set(first, block);
      break;
    case 'output':
      if (first !== undefined && !duplicate(`output "${first}"`)) config.outputs.set(first, block);
      break;
    default:
      // terraform, provider, moved, import, check, removed: nothing to evaluate here.
      break;
  }
}
