/**
 * Export bundles: a .tar.gz an auditor can check offline. Contents:
 * - `records.jsonl`: every record in seq order, one JSON object a line (tombstones included);
 * - `artifacts/<sha256>`: the files live records point to;
 * - `verification.json`: the store's verify result at export time;
 * - `manifest.json`: SHA-256 of every other file, the head and the record count.
 */
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { create, extract } from 'tar';
import { recordToRow, sha256Hex } from './canonical.js';
import { ChainVerifier, type PrunePayload } from './chain.js';
import type { EvidenceRecord, EvidenceStore, VerifyOptions, VerifyResult } from './types.js';

export const BUNDLE_FORMAT = 'crosswalk-evidence-bundle/1';

export interface BundleManifest {
  readonly format: string;
  readonly createdAt: string;
  readonly engine: string;
  readonly count: number;
  readonly head?: { readonly seq: number; readonly hash: string };
  /** Path inside the bundle → SHA-256 (hex). */
  readonly files: Readonly<Record<string, string>>;
}

export interface ExportResult {
  readonly file: string;
  readonly count: number;
  readonly artifacts: number;
  readonly verification: VerifyResult;
}

export async function exportBundle(
  store: EvidenceStore,
  outFile: string,
  options: VerifyOptions = {},
): Promise<ExportResult> {
  const staging = mkdtempSync(join(tmpdir(), 'crosswalk-bundle-'));
  try {
    const verification = await store.verify(options);
    const files: Record<string, string> = {};
    const out = createWriteStream(join(staging, 'records.jsonl'));
    const shas = new Set<string>();
    let count = 0;
    let head: { seq: number; hash: string } | undefined;
    for await (const record of store.records()) {
      const line = `${JSON.stringify(record)}\n`;
      if (!out.write(line)) await once(out, 'drain');
      count++;
      head = { seq: record.seq, hash: record.hash };
      if (record.artifactSha256 && record.prunedBy === undefined) shas.add(record.artifactSha256);
    }
    out.end();
    await once(out, 'finish');
    files['records.jsonl'] = sha256Hex(readFileSync(join(staging, 'records.jsonl')));
    mkdirSync(join(staging, 'artifacts'));
    let artifacts = 0;
    for (const sha of shas) {
      const content = await store.getArtifact(sha);
      if (!content) continue; // verifyBundle reports it missing
      writeFileSync(join(staging, 'artifacts', sha), content);
      files[`artifacts/${sha}`] = sha256Hex(content);
      artifacts++;
    }
    const verificationText = `${JSON.stringify(verification, null, 2)}\n`;
    writeFileSync(join(staging, 'verification.json'), verificationText);
    files['verification.json'] = sha256Hex(verificationText);
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      createdAt: new Date().toISOString(),
      engine: store.engine,
      count,
      ...(head ? { head } : {}),
      files,
    };
    writeFileSync(join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const file = resolve(outFile);
    await create({ gzip: true, file, cwd: staging, portable: true }, [
      'manifest.json',
      'records.jsonl',
      'verification.json',
      'artifacts',
    ]);
    return { file, count, artifacts, verification };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export interface BundleVerifyResult {
  readonly ok: boolean;
  /** The chain recomputed from records.jsonl. */
  readonly chain?: VerifyResult;
  /** Every problem found, in the order found (files first, then the chain). */
  readonly problems: readonly string[];
}

export async function verifyBundle(
  file: string,
  options: VerifyOptions = {},
): Promise<BundleVerifyResult> {
  const dir = mkdtempSync(join(tmpdir(), 'crosswalk-verify-'));
  const problems: string[] = [];
  try {
    try {
      await extract({ file, cwd: dir, strict: true });
    } catch (e) {
      return { ok: false, problems: [`cannot read the bundle: ${(e as Error).message}`] };
    }
    const manifestPath = join(dir, 'manifest.json');
    if (!existsSync(manifestPath)) return { ok: false, problems: ['manifest.json is missing'] };
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BundleManifest;
    if (manifest.format !== BUNDLE_FORMAT)
      problems.push(`unknown bundle format "${manifest.format}"`);

    const present = new Set<string>();
    for (const name of ['records.jsonl', 'verification.json'])
      if (existsSync(join(dir, name))) present.add(name);
    if (existsSync(join(dir, 'artifacts'))) {
      for (const name of readdirSync(join(dir, 'artifacts'))) present.add(`artifacts/${name}`);
    }
    for (const [path, sha] of Object.entries(manifest.files ?? {})) {
      if (!present.has(path)) problems.push(`${path}: listed in the manifest but missing`);
      else if (sha256Hex(readFileSync(join(dir, path))) !== sha)
        problems.push(`${path}: content does not match the manifest`);
    }
    for (const path of present)
      if (!(path in (manifest.files ?? {}))) problems.push(`${path}: not listed in the manifest`);
    for (const path of present) {
      const m = /^artifacts\/([0-9a-f]{64})$/.exec(path);
      if (m && sha256Hex(readFileSync(join(dir, path))) !== m[1])
        problems.push(`${path}: content does not match its name`);
    }

    if (!present.has('records.jsonl'))
      return { ok: false, problems: [...problems, 'records.jsonl is missing'] };
    const records = readFileSync(join(dir, 'records.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as EvidenceRecord);
    const byHash = new Map(records.map((r) => [r.hash, r.seq]));
    const prunes = new Map<number, PrunePayload>();
    for (const r of records)
      if (r.kind === 'prune' && r.prunedBy === undefined)
        prunes.set(r.seq, r.payload as unknown as PrunePayload);
    const verifier = new ChainVerifier({ prunes, findByHash: async (h) => byHash.get(h) }, options);
    for (const r of records) if (!verifier.push(recordToRow(r))) break;
    const chain = await verifier.finish();
    if (!chain.ok && chain.firstBad) {
      const b = chain.firstBad;
      problems.push(`record ${b.seq} (${b.id}): ${b.problem}: ${b.detail}`);
    }
    if (chain.count !== manifest.count)
      problems.push(`manifest says ${manifest.count} records, bundle has ${chain.count}`);
    if (manifest.head && chain.head && chain.ok && manifest.head.hash !== chain.head.hash) {
      problems.push('the head hash differs from the manifest');
    }
    for (const r of records) {
      if (
        r.artifactSha256 &&
        r.prunedBy === undefined &&
        !present.has(`artifacts/${r.artifactSha256}`)
      ) {
        problems.push(`record ${r.seq}: artifact ${r.artifactSha256} is missing`);
      }
    }
    return { ok: problems.length === 0, chain, problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
