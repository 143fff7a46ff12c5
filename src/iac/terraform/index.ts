/**
 * Loads Terraform root modules (directories of `.tf` / `.tf.json` files) into raw resources,
 * evaluated as Terraform would before apply: variables with their precedence, locals,
 * count / for_each, dynamic blocks, local modules, references between resources. What
 * cannot be known before apply becomes `Unknown`, with a `ref` when it reads another
 * resource's attribute, so split resources can be linked to their owner.
 *
 * Diagnostic codes (stable):
 * | code      | severity | meaning                                                          |
 * |-----------|----------|------------------------------------------------------------------|
 * | CW-TF-001 | error    | a file could not be read                                         |
 * | CW-TF-002 | error    | duplicate declaration (variable, local, resource, module, output)|
 * | CW-TF-003 | error    | a constant (tfvars value, default, type) could not be evaluated  |
 * | CW-TF-004 | error    | a variable value is invalid for its type or cannot be parsed     |
 * | CW-TF-005 | error    | a local value refers to itself (cycle)                           |
 * | CW-TF-006 | error    | a resource refers to itself (cycle)                              |
 * | CW-TF-010 | warning  | an expression could not be evaluated; its value is unknown       |
 * | CW-TF-012 | info     | an override file is present but not applied                      |
 * | CW-TF-013 | warning  | a resource block with syntax errors is left out (not checked)    |
 * | CW-TF-020 | error    | a malformed dynamic block                                        |
 * | CW-TF-030 | info     | count / for_each not known before apply: one instance `[*]`      |
 * | CW-TF-031 | error    | count / for_each has a value of the wrong type                   |
 * | CW-TF-040 | error    | a module block without a literal source                          |
 * | CW-TF-041 | info     | a remote module (registry, git, ...) not installed by init       |
 * | CW-TF-042 | error    | a module calls itself, directly or through others; not followed  |
 * | CW-TF-043 | error    | a local module directory holds no Terraform files                |
 * | CW-TF-044 | warning  | a module call sets a variable the module does not declare        |
 * | CW-TF-045 | warning  | a module call leaves a required variable unset                   |
 * | CW-TF-099 | error    | internal error while loading a module (a crosswalk bug)          |
 *
 * The HCL parser and evaluator report their own `CW-HCL-xxx` codes (see ../hcl/index.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileFunctions } from '../hcl/index.js';
import type { Diagnostic, LoadResult, RawResource } from '../types.js';
import { readModule, type ModuleConfig } from './files.js';
import { ModuleInstance, type Loader } from './module.js';
import { rootInputs, type VariableOptions } from './variables.js';

export { terraformFiles } from './files.js';
export { findRootModules, rootModules, stripComments } from './roots.js';
export { toHcl2Json } from './hcl2json.js';

export type TerraformOptions = VariableOptions;

/**
 * Loads each directory as a root module. A directory without Terraform files gives nothing;
 * problems in one file or module become diagnostics and never stop the others.
 */
export function loadTerraform(dirs: readonly string[], options: TerraformOptions = {}): LoadResult {
  const resources: RawResource[] = [];
  const diagnostics: Diagnostic[] = [];
  const files = new Set<string>();
  const seen = new Set<string>();

  for (const given of dirs) {
    const rootDir = resolve(given);
    const configs = new Map<string, ModuleConfig>();
    const loader: Loader = {
      rootDir,
      functions: fileFunctions(rootDir),
      installedModule: installedModules(rootDir),
      readModule(dir) {
        let config = configs.get(dir);
        if (!config) {
          const found: Diagnostic[] = [];
          config = readModule(dir, found);
          configs.set(dir, config);
          for (const f of config.files) files.add(f);
          for (const d of found) this.report(d);
        }
        return config;
      },
      report(d) {
        const key = `${d.code}\u0000${d.file}\u0000${d.line}\u0000${d.message}`;
        if (seen.has(key)) return;
        seen.add(key);
        diagnostics.push(d);
      },
    };
    const root = loader.readModule(rootDir);
    if (root.files.length === 0) continue;
    const inputFiles: string[] = [];
    const inputs = rootInputs(rootDir, options, diagnostics, inputFiles);
    for (const f of inputFiles) files.add(f);
    try {
      const instance = new ModuleInstance(loader, root, '', [rootDir], (name) => inputs.get(name));
      instance.collect(resources);
    } catch (err) {
      loader.report({
        code: 'CW-TF-099',
        severity: 'error',
        message: `internal error while loading ${given}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
        file: root.files[0],
      });
    }
  }
  return { resources, diagnostics, files: [...files] };
}

/**
 * Remote modules are never fetched, but when `terraform init` has run they sit in
 * `.terraform/modules`, listed in modules.json by key (`outer.inner`), and are scanned.
 */
function installedModules(rootDir: string): (key: string) => string | undefined {
  let dirs: Map<string, string> | undefined;
  return (key) => {
    if (!dirs) {
      dirs = new Map();
      try {
        const text = readFileSync(resolve(rootDir, '.terraform/modules/modules.json'), 'utf8');
        const parsed = JSON.parse(text) as { Modules?: { Key?: unknown; Dir?: unknown }[] };
        for (const m of parsed.Modules ?? []) {
          if (typeof m.Key === 'string' && m.Key !== '' && typeof m.Dir === 'string') {
            dirs.set(m.Key, resolve(rootDir, m.Dir));
          }
        }
      } catch {
        // No init has run, or the file is unreadable: remote modules stay unscanned.
      }
    }
    return dirs.get(key);
  };
}
