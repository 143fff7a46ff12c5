/**
 * The declarations of a module instance once expanded: a resource with its instances and
 * their evaluated bodies, and a module call with its child module instances.
 */
import { resolve } from 'node:path';
import type { Block } from '../hcl/index.js';
import { COMPUTED, Unknown, type RawResource, type Value } from '../types.js';
import { formatKey, parseSteps, withModule, type InstanceKey } from './address.js';
import {
  META_ATTRIBUTES,
  evaluateResourceBody,
  toLocation,
  type Bindings,
  type EvaluatedBody,
} from './body.js';
import { NO_BINDINGS, expandBlock, type Expansion } from './expand.js';
import type { ResourceDecl } from './files.js';
import { lazyObject, once } from './lazy.js';
import { ModuleInstance } from './module.js';
import type { InputValue } from './variables.js';

const MAX_MODULE_DEPTH = 24;

const isLocal = (source: string): boolean => source.startsWith('./') || source.startsWith('../');

/** The key `terraform init` gives a module call in modules.json: call names joined by dots. */
function moduleKey(address: string): string {
  const steps = parseSteps(address) ?? [];
  return steps
    .filter((_, i) => i % 2 === 1)
    .map((s) => s.name)
    .join('.');
}

export class ResourceNode {
  private readonly expansion: () => Expansion;
  private readonly instances: () => {
    key?: InstanceKey;
    address: string;
    body: () => EvaluatedBody;
    value: () => Value;
  }[];

  constructor(
    private readonly module: ModuleInstance,
    readonly decl: ResourceDecl,
  ) {
    const address = withModule(module.prefix, decl.local);
    this.expansion = once(
      () => expandBlock(module, decl.block, address),
      () => ({ kind: 'unknown', reason: new Unknown(`${address} depends on itself`), keys: [] }),
    );
    this.instances = once(
      () =>
        this.expansion().keys.map((inst) => {
          const instAddress = `${address}${formatKey(inst.key)}`;
          const body = once(
            () => evaluateResourceBody(decl.block.body, module, inst.bindings),
            () => {
              module.report(
                'CW-TF-006',
                'error',
                `${instAddress} refers to itself`,
                decl.block.range,
              );
              return { attributes: {}, locations: new Map() };
            },
          );
          const value = once(
            (): Value => {
              const attrs = body().attributes;
              return Object.assign({ ...attrs }, { [COMPUTED]: { address: instAddress } });
            },
            () => new Unknown(`${instAddress} is part of a reference cycle`),
          );
          return { key: inst.key, address: instAddress, body, value };
        }),
      () => [],
    );
  }

  /** The value an expression sees for `type.name`: one instance, a tuple, or a map. */
  value(): Value {
    if (this.decl.syntaxError) {
      return new Unknown(`${withModule(this.module.prefix, this.decl.local)} has syntax errors`);
    }
    const expansion = this.expansion();
    const instances = this.instances();
    switch (expansion.kind) {
      case 'single':
        return instances[0]?.value() ?? null;
      case 'count':
        return instances.map((i) => i.value());
      case 'for_each':
        return lazyObject(instances.map((i) => [String(i.key), i.value]));
      case 'unknown':
        // Still names the resource, so that `one(aws_s3_bucket.b[*].id)` links to it.
        return new Unknown(expansion.reason.reason, {
          address: withModule(this.module.prefix, this.decl.local),
          attribute: '*',
        });
    }
  }

  collect(out: RawResource[]): void {
    const { decl } = this;
    if (decl.syntaxError) {
      // Half-parsed attributes would give false findings; the parser has reported why.
      this.module.report(
        'CW-TF-013',
        'warning',
        `${withModule(this.module.prefix, decl.local)} is not checked: its block has syntax errors`,
        decl.block.range,
      );
      return;
    }
    const block = ownRange(decl.block);
    const comments = this.module.commentsFor(block);
    for (const inst of this.instances()) {
      const body = inst.body();
      out.push({
        format: 'terraform',
        type: decl.type,
        name: decl.name,
        address: inst.address,
        mode: decl.mode,
        module: this.module.prefix,
        attributes: body.attributes,
        location: toLocation(block.range),
        attributeLocations: body.locations,
        ...(comments.length > 0 ? { comments } : {}),
      });
    }
  }
}

/**
 * In `.tf.json` a block's range starts at its type key (`"resource"`), which every resource of
 * the file shares: the resource itself starts at its last label (`"logs": {`), and only the
 * comments from there on are its own (a waiver must not reach the resources after it).
 */
function ownRange(block: Block): Block {
  const last = block.labelRanges[block.labelRanges.length - 1];
  if (!block.range.file.endsWith('.json') || !last) return block;
  if (last.start.offset <= block.range.start.offset) return block;
  return { ...block, range: { file: block.range.file, start: last.start, end: block.range.end } };
}

export class CallNode {
  readonly children: () => ModuleInstance[];
  private readonly state: () => { expansion?: Expansion; problem?: Unknown };

  constructor(
    private readonly parent: ModuleInstance,
    private readonly name: string,
    private readonly block: Block,
  ) {
    const address = withModule(parent.prefix, `module.${name}`);
    let childDir = '';
    this.state = once(
      () => {
        const problem = this.locate(address);
        if (typeof problem !== 'string') return { problem };
        childDir = problem;
        return { expansion: expandBlock(parent, block, address) };
      },
      () => ({ problem: new Unknown(`${address} depends on itself`) }),
    );
    this.children = once(
      () => {
        const { expansion } = this.state();
        if (!expansion) return [];
        const config = parent.loader.readModule(childDir);
        return expansion.keys.map((inst) => {
          const prefix = `${address}${formatKey(inst.key)}`;
          const inputs = this.inputs(config.variables, inst.bindings, prefix);
          return new ModuleInstance(
            parent.loader,
            config,
            prefix,
            [...parent.chain, childDir],
            inputs,
          );
        });
      },
      () => [],
    );
  }

  /** The directory of a local module, or why it is not followed. */
  private locate(address: string): string | Unknown {
    const { parent, block } = this;
    const sourceAttr = block.body.attributes.find((a) => a.name === 'source');
    const source = sourceAttr ? parent.evaluate(sourceAttr.expr, NO_BINDINGS) : undefined;
    if (typeof source !== 'string') {
      parent.report('CW-TF-040', 'error', `${address} needs a literal source`, block.range);
      return new Unknown(`${address} has no usable source`);
    }
    const local = isLocal(source);
    const installed = local ? undefined : parent.loader.installedModule(moduleKey(address));
    if (!local && !installed) {
      parent.report(
        'CW-TF-041',
        'info',
        `${address} comes from "${source}", which is not installed (run terraform init to scan it); its resources are not scanned`,
        block.range,
      );
      return new Unknown(`${address} comes from a remote source that is not scanned`);
    }
    const dir = installed ?? resolve(parent.config.dir, source);
    if (parent.chain.includes(dir) || parent.chain.length > MAX_MODULE_DEPTH) {
      parent.report(
        'CW-TF-042',
        'error',
        `${address} calls "${source}", which is already being loaded (module cycle); not followed`,
        block.range,
      );
      return new Unknown(`${address} is part of a module cycle`);
    }
    if (parent.loader.readModule(dir).files.length === 0) {
      parent.report(
        'CW-TF-043',
        'error',
        `${address}: no Terraform files in ${source}`,
        block.range,
      );
      return new Unknown(`${address} has no Terraform files`);
    }
    return dir;
  }

  private inputs(
    declared: ReadonlyMap<string, Block>,
    bindings: Bindings,
    prefix: string,
  ): (name: string) => InputValue | undefined {
    const given = new Map(
      this.block.body.attributes
        .filter((a) => !META_ATTRIBUTES.has(a.name) && a.name !== 'source' && a.name !== 'version')
        .map((a) => [a.name, a]),
    );
    for (const [name, attr] of given) {
      if (!declared.has(name)) {
        this.parent.report(
          'CW-TF-044',
          'warning',
          `${prefix} has no variable "${name}"`,
          attr.range,
        );
      }
    }
    for (const [name, block] of declared) {
      const required = !block.body.attributes.some((a) => a.name === 'default');
      if (required && !given.has(name)) {
        this.parent.report(
          'CW-TF-045',
          'warning',
          `${prefix} needs a value for "${name}"`,
          this.block.range,
        );
      }
    }
    return (name) => {
      const attr = given.get(name);
      return attr ? { value: this.parent.evaluate(attr.expr, bindings) } : undefined;
    };
  }

  /** What `module.<name>` evaluates to in the calling module. */
  value(): Value {
    const { expansion, problem } = this.state();
    if (problem) return problem;
    if (!expansion) return null;
    const children = this.children();
    switch (expansion.kind) {
      case 'single':
        return children[0]?.outputs ?? null;
      case 'count':
        return children.map((c) => c.outputs);
      case 'for_each':
        return lazyObject(
          children.map((c, i) => [String(expansion.keys[i]?.key), () => c.outputs]),
        );
      case 'unknown':
        return expansion.reason;
    }
  }
}
