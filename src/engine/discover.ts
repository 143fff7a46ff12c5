/**
 * Finds the files a scan reads: Terraform root modules (directories of .tf / .tf.json)
 * and Terraform plan JSON files. Skips tool caches and VCS folders.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { looksLikeCloudFormation } from '../iac/cloudformation/index.js';
import { looksLikeKubernetes } from '../iac/kubernetes/index.js';
import type { Diagnostic } from '../iac/types.js';

export const SKIPPED_DIRECTORIES = new Set(['.terraform', '.git', 'node_modules', '.crosswalk']);

export type DocumentFormat = 'plan' | 'cloudformation' | 'kubernetes';

export interface Discovered {
  /** Directories holding .tf / .tf.json files, in sorted order. */
  readonly terraformDirs: string[];
  /** JSON files that look like `terraform show -json` output. */
  readonly planFiles: string[];
  /** CloudFormation templates and Kubernetes manifests, recognised by content. */
  readonly documents: { readonly file: string; readonly format: DocumentFormat }[];
  readonly diagnostics: Diagnostic[];
}

/** Extensions of files whose format is told by their content. */
const DOCUMENT_EXTENSIONS = ['.json', '.yaml', '.yml', '.template'];

/** Decides what a YAML or JSON document is from its text. */
export function sniffFormat(text: string): DocumentFormat | undefined {
  const head = text.slice(0, PLAN_SNIFF_BYTES);
  if (looksLikePlan(head)) return 'plan';
  if (looksLikeCloudFormation(text)) return 'cloudformation';
  if (looksLikeKubernetes(text)) return 'kubernetes';
  return undefined;
}

const PLAN_SNIFF_BYTES = 4096;

/** YAML and JSON documents larger than this are refused (plans have their own limit). */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

export function isTerraformFile(name: string): boolean {
  return name.endsWith('.tf') || name.endsWith('.tf.json');
}

/** Plan JSON is recognised by content: `format_version` with planned values or changes. */
export function looksLikePlan(head: string): boolean {
  return (
    /"format_version"\s*:/.test(head) &&
    /"(planned_values|resource_changes|terraform_version)"\s*:/.test(head)
  );
}

function sniff(file: string): string {
  const buffer = Buffer.alloc(PLAN_SNIFF_BYTES);
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, buffer, 0, PLAN_SNIFF_BYTES, 0);
    return buffer.toString('utf8', 0, read);
  } finally {
    closeSync(fd);
  }
}

export function discover(paths: readonly string[]): Discovered {
  const terraformDirs = new Set<string>();
  const planFiles: string[] = [];
  const documents: { file: string; format: DocumentFormat }[] = [];
  const diagnostics: Diagnostic[] = [];
  /** Overlapping paths (`scan . k8s/`) must not scan a file twice. */
  const seen = new Set<string>();

  const visitFile = (file: string, explicit: boolean): void => {
    const name = basename(file);
    if (seen.has(file)) return;
    seen.add(file);
    if (isTerraformFile(name)) {
      terraformDirs.add(dirname(file));
    } else if (DOCUMENT_EXTENSIONS.some((ext) => name.endsWith(ext))) {
      try {
        const head = sniff(file);
        if (looksLikePlan(head)) {
          planFiles.push(file);
          return;
        }
        if (statSync(file).size > MAX_DOCUMENT_BYTES) {
          if (explicit || /AWSTemplateFormatVersion|apiVersion/.test(head)) {
            diagnostics.push({
              code: 'CW-SCAN-004',
              severity: 'error',
              message: `file is too large (limit ${MAX_DOCUMENT_BYTES} bytes); skipped`,
              file,
            });
          }
          return;
        }
        const format = sniffFormat(readFileSync(file, 'utf8'));
        if (format) documents.push({ file, format });
        else if (explicit) {
          diagnostics.push({
            code: 'CW-SCAN-003',
            severity: 'warning',
            message:
              'not a Terraform plan, CloudFormation template or Kubernetes manifest; skipped',
            file,
          });
        }
      } catch (error) {
        diagnostics.push(readError(file, error));
      }
    } else if (explicit) {
      diagnostics.push({
        code: 'CW-SCAN-003',
        severity: 'warning',
        message: 'file type is not supported; skipped',
        file,
      });
    }
  };

  const visitDir = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      diagnostics.push(readError(dir, error));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) visitDir(full);
      } else if (entry.isFile()) {
        visitFile(full, false);
      }
    }
  };

  for (const path of paths) {
    const full = resolve(path);
    let stats;
    try {
      stats = statSync(full);
    } catch {
      diagnostics.push({
        code: 'CW-SCAN-001',
        severity: 'error',
        message: `path does not exist: ${path}`,
        file: path,
      });
      continue;
    }
    if (stats.isDirectory()) visitDir(full);
    else visitFile(full, true);
  }

  return {
    terraformDirs: [...terraformDirs].sort(),
    planFiles: planFiles.sort(),
    documents: documents.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
    diagnostics,
  };
}

function readError(file: string, error: unknown): Diagnostic {
  return {
    code: 'CW-SCAN-002',
    severity: 'error',
    message: `cannot read: ${(error as Error).message}`,
    file,
  };
}

const LOCAL_SOURCE = /"?\bsource"?\s*[=:]\s*"(\.\.?\/[^"]*)"/g;

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
    let names: string[];
    try {
      names = readdirSync(dir).filter(isTerraformFile);
    } catch {
      continue;
    }
    const targets = new Set<string>();
    for (const name of names) {
      let text: string;
      try {
        text = readFileSync(join(dir, name), 'utf8');
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
