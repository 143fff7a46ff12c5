/**
 * `crosswalk evidence …` as plain functions; the CLI wires them to commander. Each takes its
 * options and an io object and resolves to an exit code: 0 ok, 1 verification failed,
 * 2 usage or input error.
 */
import { existsSync } from 'node:fs';
import { exportBundle, verifyBundle } from './bundle.js';
import { importResults } from './imports.js';
import { addManual, UnknownControlError } from './manual.js';
import { DEFAULT_STORE, isPostgresUrl, openStore } from './store.js';
import {
  EVIDENCE_KINDS,
  type EvidenceKind,
  type EvidenceRecord,
  type EvidenceStore,
  type VerifyResult,
} from './types.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface StoreFlags {
  /** `--store`: path or postgres:// URL; default `$CROSSWALK_STORE`, then `.crosswalk/evidence.db`. */
  readonly store?: string;
  /** `--sign-key`: Ed25519 private key PEM file; appends signed checkpoints. */
  readonly signKey?: string;
  readonly json?: boolean;
}

async function withStore(
  flags: StoreFlags,
  io: Io,
  fn: (store: EvidenceStore) => Promise<number>,
  readOnly = false,
): Promise<number> {
  // Reading commands must not create an empty ledger where none was.
  const target = flags.store ?? process.env['CROSSWALK_STORE'] ?? DEFAULT_STORE;
  if (readOnly && !isPostgresUrl(target) && !existsSync(target.replace(/^sqlite:(\/\/)?/i, ''))) {
    io.stderr(`evidence: no evidence store at ${target}\n`);
    return 2;
  }
  let store: EvidenceStore;
  try {
    store = await openStore(
      flags.store,
      flags.signKey !== undefined ? { signKey: flags.signKey } : {},
    );
  } catch (e) {
    io.stderr(`evidence: cannot open the store: ${(e as Error).message}\n`);
    return 2;
  }
  try {
    return await fn(store);
  } catch (e) {
    io.stderr(`evidence: ${(e as Error).message}\n`);
    return 2;
  } finally {
    await store.close();
  }
}

function describeVerify(r: VerifyResult): string {
  const lines = [r.ok ? `OK: ${r.count} records, chain intact` : `FAILED after ${r.count} records`];
  if (r.head) lines.push(`head: #${r.head.seq} ${r.head.hash}`);
  if (r.pruned > 0) lines.push(`pruned: ${r.pruned} records (payloads removed under retention)`);
  lines.push(
    `checkpoints: ${r.checkpoints.count}${r.checkpoints.verified ? ', signatures verified' : ' (no public key: signatures not checked)'}`,
  );
  if (r.firstBad) {
    const b = r.firstBad;
    lines.push(`first bad record: #${b.seq} ${b.id}: ${b.problem} (${b.detail})`);
  }
  return `${lines.join('\n')}\n`;
}

export async function evidenceVerify(
  flags: StoreFlags & { readonly bundle?: string; readonly publicKey?: string },
  io: Io,
): Promise<number> {
  const options =
    flags.publicKey !== undefined ? { publicKey: flags.publicKey, requireCheckpoint: true } : {};
  if (flags.bundle !== undefined) {
    if (!existsSync(flags.bundle)) {
      io.stderr(`evidence: bundle not found: ${flags.bundle}\n`);
      return 2;
    }
    const result = await verifyBundle(flags.bundle, options);
    if (flags.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else {
      if (result.chain) io.stdout(describeVerify(result.chain));
      for (const p of result.problems) io.stdout(`problem: ${p}\n`);
      io.stdout(result.ok ? 'bundle OK\n' : 'bundle FAILED\n');
    }
    return result.ok ? 0 : 1;
  }
  return withStore(
    flags,
    io,
    async (store) => {
      const result = await store.verify(options);
      io.stdout(flags.json ? `${JSON.stringify(result, null, 2)}\n` : describeVerify(result));
      return result.ok ? 0 : 1;
    },
    true,
  );
}

export async function evidenceAdd(
  flags: StoreFlags & {
    readonly control: string;
    readonly file: string;
    readonly expires?: string;
    readonly note?: string;
  },
  io: Io,
): Promise<number> {
  if (!existsSync(flags.file)) {
    io.stderr(`evidence: file not found: ${flags.file}\n`);
    return 2;
  }
  return withStore(flags, io, async (store) => {
    try {
      const r = await addManual(store, {
        control: flags.control,
        file: flags.file,
        ...(flags.expires !== undefined ? { expires: flags.expires } : {}),
        ...(flags.note !== undefined ? { note: flags.note } : {}),
      });
      io.stdout(
        flags.json
          ? `${JSON.stringify(r, null, 2)}\n`
          : `added #${r.seq} ${r.id} (${r.control}, artifact ${r.artifactSha256})\n`,
      );
      return 0;
    } catch (e) {
      if (e instanceof UnknownControlError) {
        io.stderr(`evidence: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  });
}

function line(r: EvidenceRecord): string {
  const what = r.control ?? (r.kind === 'scan-run' ? 'scan' : '-');
  const pruned = r.prunedBy !== undefined ? ' [pruned]' : '';
  return `#${r.seq}  ${r.collectedAt}  ${r.kind.padEnd(10)} ${r.status.padEnd(7)} ${what}  ${r.source}  ${r.id}${pruned}\n`;
}

export async function evidenceList(
  flags: StoreFlags & {
    readonly from?: string;
    readonly to?: string;
    readonly control?: string;
    readonly kind?: string;
    readonly limit?: number;
  },
  io: Io,
): Promise<number> {
  if (flags.kind !== undefined && !EVIDENCE_KINDS.includes(flags.kind as EvidenceKind)) {
    io.stderr(`evidence: unknown kind "${flags.kind}" (one of ${EVIDENCE_KINDS.join(', ')})\n`);
    return 2;
  }
  return withStore(
    flags,
    io,
    async (store) => {
      const records = await store.list({
        ...(flags.from !== undefined ? { from: flags.from } : {}),
        ...(flags.to !== undefined ? { to: flags.to } : {}),
        ...(flags.control !== undefined ? { control: flags.control } : {}),
        ...(flags.kind !== undefined ? { kind: flags.kind as EvidenceKind } : {}),
        ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
      });
      if (flags.json) io.stdout(`${JSON.stringify(records, null, 2)}\n`);
      else for (const r of records) io.stdout(line(r));
      return 0;
    },
    true,
  );
}

export async function evidenceShow(id: string, flags: StoreFlags, io: Io): Promise<number> {
  return withStore(
    flags,
    io,
    async (store) => {
      const r = await store.get(id);
      if (!r) {
        io.stderr(`evidence: no record with id ${id}\n`);
        return 2;
      }
      io.stdout(`${JSON.stringify(r, null, 2)}\n`);
      return 0;
    },
    true,
  );
}

export async function evidenceExport(
  flags: StoreFlags & { readonly output: string; readonly publicKey?: string },
  io: Io,
): Promise<number> {
  return withStore(
    flags,
    io,
    async (store) => {
      const r = await exportBundle(
        store,
        flags.output,
        flags.publicKey !== undefined ? { publicKey: flags.publicKey } : {},
      );
      io.stdout(
        `wrote ${r.file}: ${r.count} records, ${r.artifacts} artifacts, chain ${r.verification.ok ? 'intact' : 'BROKEN'}\n`,
      );
      return r.verification.ok ? 0 : 1;
    },
    true,
  );
}

export async function evidencePrune(
  flags: StoreFlags & { readonly asOf?: string },
  io: Io,
): Promise<number> {
  return withStore(
    flags,
    io,
    async (store) => {
      const r = await store.prune(flags.asOf);
      io.stdout(
        r.record
          ? `pruned ${r.pruned} records and ${r.artifactsRemoved} artifacts past retention; recorded as #${r.record.seq}\n`
          : 'nothing is past retention\n',
      );
      return 0;
    },
    true,
  );
}

export async function evidenceImport(file: string, flags: StoreFlags, io: Io): Promise<number> {
  if (!existsSync(file)) {
    io.stderr(`evidence: file not found: ${file}\n`);
    return 2;
  }
  return withStore(flags, io, async (store) => {
    const s = await importResults(store, file);
    io.stdout(
      flags.json
        ? `${JSON.stringify(s, null, 2)}\n`
        : `imported ${s.results} ${s.format} results from ${s.tools.join(', ') || 'no tool'}: ${s.mapped} mapped, ${s.unmapped} unmapped, ${s.records} records\n`,
    );
    return 0;
  });
}
