/**
 * One instance of a module (the root, or `module.a["k"]`): its scope for expressions and the
 * resources it declares, expanded by count / for_each. Everything is lazy, so locals,
 * resources and module outputs may refer to each other in any order.
 */
import { relative } from 'node:path';
import {
  evaluateSafe,
  expressionText,
  type Block,
  type Expression,
  type HclFunction,
  type Range,
} from '../hcl/index.js';
import {
  Unknown,
  isUnknown,
  type Diagnostic,
  type RawResource,
  type SourceComment,
  type Value,
} from '../types.js';
import type { Bindings, BodyEvaluator } from './body.js';
import { NO_BINDINGS } from './expand.js';
import type { ModuleConfig } from './files.js';
import { lazyObject, once } from './lazy.js';
import { CallNode, ResourceNode } from './nodes.js';
import { variableValue, type InputValue } from './variables.js';

/** Shared state of one `loadTerraform` run. */
export interface Loader {
  readonly rootDir: string;
  readonly functions: Record<string, HclFunction>;
  readModule(dir: string): ModuleConfig;
  /** Directory of a remote module that `terraform init` installed, by module key. */
  installedModule(key: string): string | undefined;
  report(diagnostic: Diagnostic): void;
}

export class ModuleInstance implements BodyEvaluator {
  private readonly resources = new Map<string, ResourceNode>();
  private readonly calls = new Map<string, CallNode>();
  private readonly vars: { [key: string]: Value };
  private readonly locals: { [key: string]: Value };
  private readonly outputsValue: { [key: string]: Value };

  constructor(
    readonly loader: Loader,
    readonly config: ModuleConfig,
    /** Module path, e.g. `module.a["k"]`; empty for the root. */
    readonly prefix: string,
    /** Directories of the modules from the root down to this one, for cycle detection. */
    readonly chain: readonly string[],
    inputs: (name: string) => InputValue | undefined,
  ) {
    this.vars = lazyObject(
      [...config.variables].map(([name, block]) => [
        name,
        once(
          () => {
            const found: Diagnostic[] = [];
            const value = variableValue(name, block, inputs(name), found);
            for (const d of found) loader.report(d);
            return value;
          },
          () => new Unknown(`variable ${name} refers to itself`),
        ),
      ]),
    );
    this.locals = lazyObject(
      [...config.locals].map(([name, attr]) => [
        name,
        once(
          () => this.evaluate(attr.expr, NO_BINDINGS),
          () => {
            this.report('CW-TF-005', 'error', `local.${name} refers to itself`, attr.range);
            return new Unknown(`local.${name} is part of a reference cycle`);
          },
        ),
      ]),
    );
    this.outputsValue = lazyObject(
      [...config.outputs].map(([name, block]) => {
        const value = block.body.attributes.find((a) => a.name === 'value');
        return [
          name,
          once(
            () => (value ? this.evaluate(value.expr, NO_BINDINGS) : null),
            () => new Unknown(`output ${name} is part of a reference cycle`),
          ),
        ];
      }),
    );
    for (const decl of config.resources)
      this.resources.set(decl.local, new ResourceNode(this, decl));
    for (const [name, block] of config.moduleCalls)
      this.calls.set(name, new CallNode(this, name, block));
  }

  get outputs(): { [key: string]: Value } {
    return this.outputsValue;
  }

  /** Evaluates an expression in this module with extra names bound; errors become Unknown. */
  evaluate(expr: Expression, bindings: Bindings): Value {
    const result = evaluateSafe(expr, {
      lookup: (name: string) => this.lookup(name, bindings),
      functions: this.loader.functions,
    });
    if ('value' in result) return dataReason(result.value);
    const at = result.error.range ?? expr.range;
    this.report(
      'CW-TF-010',
      'warning',
      `cannot evaluate ${shorten(expressionText(expr))}: ${result.error.message}`,
      at,
    );
    return new Unknown(`cannot evaluate: ${result.error.message}`);
  }

  report(code: string, severity: Diagnostic['severity'], message: string, range: Range): void {
    this.loader.report({
      code,
      severity,
      message,
      file: range.file,
      line: range.start.line,
      column: range.start.column,
    });
  }

  private lookup(name: string, bindings: Bindings): Value | undefined {
    if (bindings.has(name)) return bindings.get(name);
    switch (name) {
      case 'var':
        return this.vars;
      case 'local':
        return this.locals;
      case 'module':
        return this.modulesValue();
      case 'path':
        return {
          module: relative(this.loader.rootDir, this.config.dir) || '.',
          root: '.',
          cwd: process.cwd(),
        };
      case 'terraform':
        return { workspace: 'default' };
      case 'data':
        return this.dataValue();
      case 'count':
      case 'each':
      case 'self':
        return undefined;
      default:
        return this.managedTypes().get(name)?.get();
    }
  }

  private modulesValue = once(
    () => lazyObject([...this.calls].map(([name, call]) => [name, () => call.value()])),
    () => ({}),
  );

  /** `aws_s3_bucket` → { logs: <instance value> }; data sources go under `data`. */
  private managedTypes = once(
    () => this.groupByType('managed'),
    () => new Map(),
  );
  private dataValue = once(
    () => lazyObject([...this.groupByType('data')].map(([t, g]) => [t, () => g.get()])),
    () => ({}),
  );

  /**
   * Each type's object is built on first use: a big root module holds thousands of
   * resources, and most of its types are never referenced by name.
   */
  private groupByType(mode: 'managed' | 'data'): Map<string, TypeGroup> {
    const nodes = new Map<string, ResourceNode[]>();
    for (const node of this.resources.values()) {
      if (node.decl.mode !== mode) continue;
      const group = nodes.get(node.decl.type) ?? [];
      group.push(node);
      nodes.set(node.decl.type, group);
    }
    const groups = new Map<string, TypeGroup>();
    for (const [type, members] of nodes) {
      let value: { [key: string]: Value } | undefined;
      const get = (): { [key: string]: Value } =>
        (value ??= lazyObject(members.map((node) => [node.decl.name, () => node.value()])));
      groups.set(type, { get });
    }
    return groups;
  }

  /** Raw resources of this module instance and of the modules it calls. */
  collect(out: RawResource[]): void {
    for (const node of this.resources.values()) node.collect(out);
    for (const call of this.calls.values()) {
      for (const child of call.children()) child.collect(out);
    }
  }

  /** Comments inside a block, at its line ends, and in the comment lines just above it. */
  commentsFor(block: Block): SourceComment[] {
    const all = this.config.comments.get(block.range.file) ?? [];
    if (all.length === 0) return [];
    const start = block.range.start.line;
    let lines = commentLines.get(all);
    if (!lines) {
      lines = new Set(all.map((c) => c.line));
      commentLines.set(all, lines);
    }
    let top = start;
    while (lines.has(top - 1)) top--;
    const end = block.range.end.line;
    return all.filter((c) => c.line >= top && c.line <= end);
  }
}

/** The object of one resource type (`aws_s3_bucket`), made when first read. */
interface TypeGroup {
  get(): { [key: string]: Value };
}

const commentLines = new WeakMap<readonly SourceComment[], Set<number>>();

/** Says why an attribute read from a data source is unknown, keeping its ref. */
function dataReason(value: Value): Value {
  if (!isUnknown(value) || !value.ref) return value;
  const { address, attribute } = value.ref;
  if (!/(^|\.)data\.[^.]+\.[^.]+$/.test(address.replace(/\[[^\]]*\]$/, ''))) return value;
  return new Unknown(`${address}.${attribute}: data sources are read at apply`, value.ref);
}

/** An expression's text on one line, cut to a readable length for messages. */
function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
}
