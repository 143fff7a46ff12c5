/**
 * Scan runs as evidence: one `scan-run` record per `crosswalk scan`, holding what was scanned
 * (paths, a hash of every input file, commit and branch), the tool and rule-pack version, the
 * findings, and the waivers in force with their reasons, owners and expiries.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ScanResult } from '../engine/types.js';
import { retainUntilFor } from './retention.js';
import { openStore } from './store.js';
import type { EvidenceRecord, EvidenceStatus, EvidenceStore, StoreOptions } from './types.js';

export interface ScanContext {
  readonly paths: readonly string[];
  /** Identity of what was scanned (absolute paths); defaults to the sorted paths. */
  readonly scope?: string;
  /** File path → SHA-256 (hex) of its content. */
  readonly inputHashes: Readonly<Record<string, string>>;
  readonly commit?: string;
  readonly branch?: string;
  readonly rulePackVersion: string;
}

/** failed when anything failed; unknown when something could not be decided; else passed. */
export function scanStatus(result: ScanResult): EvidenceStatus {
  if (result.summary.failed > 0) return 'failed';
  if (result.summary.unknown > 0 || result.summary.error > 0) return 'unknown';
  return 'passed';
}

export function scanPayload(result: ScanResult, context: ScanContext): Record<string, unknown> {
  const waivers = result.findings
    .filter((f) => f.waiver && !f.waiver.expired)
    .map((f) => ({
      ruleId: f.ruleId,
      resource: f.resource.address,
      reason: f.waiver?.reason,
      owner: f.waiver?.owner,
      expires: f.waiver?.expires,
      source: f.waiver?.source,
    }));
  return {
    schemaVersion: result.schemaVersion,
    tool: result.tool,
    rulePackVersion: context.rulePackVersion,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    paths: context.paths,
    // what was scanned, as absolute paths: posture keeps the latest scan of each scope, so
    // that scans of different stacks sharing one ledger do not replace each other
    scope: context.scope ?? [...context.paths].sort().join('\n'),
    inputHashes: context.inputHashes,
    commit: context.commit,
    branch: context.branch,
    summary: result.summary,
    findings: result.findings.map((f) => ({
      ruleId: f.ruleId,
      status: f.status,
      severity: f.severity,
      resource: f.resource.address,
      file: f.location.file,
      line: f.location.startLine,
      controls: f.controls,
      message: f.message,
    })),
    waivers,
  };
}

/** Appends the scan-run record (and a signed checkpoint when the store signs). */
export async function appendScan(
  store: EvidenceStore,
  result: ScanResult,
  context: ScanContext,
): Promise<EvidenceRecord> {
  const controls = [...new Set(result.findings.flatMap((f) => f.controls))];
  const collectedAt = result.startedAt;
  const record = await store.append({
    kind: 'scan-run',
    source: `${result.tool.name}/${result.tool.version}`,
    status: scanStatus(result),
    collectedAt,
    payload: scanPayload(result, context),
    retainUntil: retainUntilFor(controls, collectedAt, store.retention),
  });
  await store.checkpoint();
  return record;
}

export function hashFiles(files: readonly string[], cwd: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of files) {
    try {
      out[file] = createHash('sha256')
        .update(readFileSync(resolve(cwd, file)))
        .digest('hex');
    } catch {
      // A file that vanished since the scan is recorded without a hash rather than guessed.
    }
  }
  return out;
}

function git(args: readonly string[], cwd: string): string | undefined {
  try {
    const out = execFileSync('git', args, {
      cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 5000,
    });
    return out.toString().trim() || undefined;
  } catch {
    return undefined;
  }
}

export interface RecordScanOptions extends StoreOptions {
  /** Store URL or path; default `$CROSSWALK_STORE` then `.crosswalk/evidence.db` under `cwd`. */
  readonly store?: string;
  readonly cwd?: string;
  readonly rulePackVersion?: string;
}

/** What the scan command calls unless `--no-evidence`: opens the store, appends, closes. */
export async function recordScan(
  result: ScanResult,
  options: RecordScanOptions = {},
): Promise<EvidenceRecord> {
  const cwd = options.cwd ?? process.cwd();
  const url =
    options.store ?? process.env['CROSSWALK_STORE'] ?? resolve(cwd, '.crosswalk/evidence.db');
  const commit = git(['rev-parse', 'HEAD'], cwd);
  const branch = git(['rev-parse', '--abbrev-ref', 'HEAD'], cwd);
  const context: ScanContext = {
    paths: result.paths,
    scope: result.paths
      .map((p) => resolve(cwd, p))
      .sort()
      .join('\n'),
    inputHashes: hashFiles(result.files, cwd),
    ...(commit !== undefined ? { commit } : {}),
    ...(branch !== undefined && branch !== 'HEAD' ? { branch } : {}),
    rulePackVersion: options.rulePackVersion ?? result.tool.version,
  };
  const store = await openStore(url, options);
  try {
    return await appendScan(store, result, context);
  } finally {
    await store.close();
  }
}
