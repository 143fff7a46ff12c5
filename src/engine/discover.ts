/**
 * Finds the files a scan reads: Terraform root modules (directories of .tf / .tf.json)
 * and Terraform plan JSON files. Skips tool caches and VCS folders.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { looksLikeCloudFormation } from '../iac/cloudformation/index.js';
import { looksLikeKubernetes } from '../iac/kubernetes/index.js';
import { readSource } from '../iac/source.js';
import type { Diagnostic } from '../iac/types.js';

export const SKIPPED_DIRECTORIES = new Set(['.terraform', '.git', 'node_modules', '.crosswalk']);

export type DocumentFormat = 'plan' | 'cloudformation' | 'kubernetes';

export interface DiscoveredDocument {
  readonly file: string;
  readonly format: DocumentFormat;
  readonly text: string;
}

export interface Discovered {
  /** Directories holding .tf / .tf.json files, in sorted order. */
  readonly terraformDirs: string[];
  /** JSON files that look like `terraform show -json` output. */
  readonly planFiles: string[];
  /**
   * CloudFormation templates and Kubernetes manifests, recognised by content, with the text
   * read for that, so that loading them does not read them again.
   */
  readonly documents: DiscoveredDocument[];
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
  const documents: DiscoveredDocument[] = [];
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
        const source = readSource(file);
        if ('diagnostic' in source) {
          // a binary or oversized JSON/YAML file among others is reported only when it was
          // named, or when it starts like a template or manifest
          if (explicit || /AWSTemplateFormatVersion|apiVersion/.test(head)) {
            diagnostics.push(source.diagnostic);
          }
          return;
        }
        const format = sniffFormat(source.text);
        if (format) documents.push({ file, format, text: source.text });
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
