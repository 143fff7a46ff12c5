/**
 * Finding root modules under a directory: every directory with Terraform files, less those
 * that another directory calls as a local module (`source = "./modules/x"`). Scanning a
 * called module as a root would check it again, with none of its inputs set.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { terraformFiles } from './files.js';

const SKIP = new Set(['.terraform', '.git', 'node_modules', '.terragrunt-cache']);
// Local module sources, in native (`source = "./x"`) and JSON (`"source": "./x"`) syntax.
const LOCAL_SOURCE = /"?\bsource"?\s*[=:]\s*"(\.{1,2}\/[^"]*)"/g;

/** Directories under `dir` (itself included) that are root modules, sorted. */
export function findRootModules(dir: string): string[] {
  const withFiles: string[] = [];
  const walk = (current: string, depth: number): void => {
    if (depth > 32) return;
    if (terraformFiles(current).length > 0) withFiles.push(current);
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory() && !SKIP.has(e.name)) walk(join(current, e.name), depth + 1);
    }
  };
  walk(resolve(dir), 0);

  const called = new Set<string>();
  for (const moduleDir of withFiles) {
    for (const file of terraformFiles(moduleDir)) {
      let text = '';
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      for (const m of text.matchAll(LOCAL_SOURCE)) {
        const target = resolve(moduleDir, m[1] ?? '.');
        if (target !== moduleDir) called.add(target);
      }
    }
  }
  return withFiles.filter((d) => !called.has(d)).sort();
}
