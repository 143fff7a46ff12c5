/**
 * Manual evidence: documents no scanner can see (policies, training records, access-review
 * sign-offs, BAAs/DPAs, risk assessments). The file is stored content-addressed; the record
 * names the control and points to the file by its SHA-256.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { loadCatalog } from '../catalog/index.js';
import { normalizeDate } from './common.js';
import { retainUntilFor } from './retention.js';
import type { EvidenceRecord, EvidenceStore } from './types.js';

export interface ManualEvidence {
  readonly control: string;
  readonly file: string;
  /** ISO date after which the evidence is stale (e.g. a yearly policy review). */
  readonly expires?: string;
  readonly note?: string;
  /** Who attests; default the OS user name. */
  readonly source?: string;
  readonly collectedAt?: string | Date;
}

export class UnknownControlError extends Error {
  constructor(readonly control: string) {
    super(`unknown control "${control}" (see \`crosswalk controls\`)`);
    this.name = 'UnknownControlError';
  }
}

export async function addManual(
  store: EvidenceStore,
  input: ManualEvidence,
): Promise<EvidenceRecord> {
  if (!loadCatalog().control(input.control)) throw new UnknownControlError(input.control);
  const expires = input.expires !== undefined ? normalizeDate(input.expires) : undefined;
  const content = readFileSync(input.file);
  const sha = await store.putArtifact(content);
  const collectedAt = new Date(input.collectedAt ?? Date.now()).toISOString();
  return store.append({
    kind: 'manual',
    control: input.control,
    source: input.source ?? safeUser(),
    status: 'info',
    collectedAt,
    payload: {
      fileName: basename(input.file),
      size: content.byteLength,
      ...(expires !== undefined ? { expires } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
    },
    artifactSha256: sha,
    retainUntil: retainUntilFor([input.control], collectedAt, store.retention, expires),
  });
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
