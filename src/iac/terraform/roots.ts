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
  return rootModules(withFiles).sort();
}

/**
 * Blanks out comments (`#`, `//`, `/* *\/`) so that a commented-out module call is not
 * taken for a real one. Strings are kept as they are; heredocs are left alone, which at
 * worst keeps an extra directory as a root.
 */
export function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      out += text.slice(start, ++i);
    } else if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * Directories used as local modules by other discovered directories are not root
 * modules: they are evaluated through their callers, with the callers' inputs. This is a
 * textual pre-pass (comments removed), cheap and good enough to pick roots; the Terraform
 * loader does the real module resolution. A directory is dropped only when a root
 * reaches it: modules that only call each other stay roots, so that nothing is lost.
 */
export function rootModules(dirs: readonly string[]): string[] {
  const known = new Set(dirs);
  const calls = new Map<string, Set<string>>();
  const called = new Set<string>();
  for (const dir of dirs) {
    const targets = new Set<string>();
    for (const file of terraformFiles(dir)) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      for (const match of stripComments(text).matchAll(LOCAL_SOURCE)) {
        const target = resolve(dir, match[1]!);
        if (target !== dir && known.has(target)) {
          targets.add(target);
          called.add(target);
        }
      }
    }
    calls.set(dir, targets);
  }
  const roots = dirs.filter((dir) => !called.has(dir));
  const reached = new Set<string>(roots);
  const queue = [...roots];
  while (queue.length > 0) {
    for (const next of calls.get(queue.pop()!) ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        queue.push(next);
      }
    }
  }
  return dirs.filter((dir) => !called.has(dir) || !reached.has(dir));
}
