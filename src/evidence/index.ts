/**
 * The evidence ledger: an append-only, hash-chained record of what was checked, when, by what,
 * with what result, and of the documents people attested.
 *
 * Store API (both engines, all async):
 * - `openStore(url?, options?)`: `postgres://…[?schema=name]` opens PostgreSQL; a path (or
 *   `sqlite:<path>`) opens SQLite; default `$CROSSWALK_STORE`, then `.crosswalk/evidence.db`.
 *   Options: `retention` (periods per framework), `signKey` (Ed25519 PEM) and
 *   `checkpointEvery` (default 1000).
 * - `store.append(input)` → the record; `store.appendMany(inputs)` → `{ count, firstSeq,
 *   lastSeq, lastHash, ids }`, in one transaction (use it for bulk ingest); `putArtifact`,
 *   `getArtifact`, `list({ from, to, control, kind, limit })` in seq order, `records()` (async
 *   iteration over everything), `get(id)`, `head()`, `verify({ publicKey? })`,
 *   `checkpoint()`, `prune(asOf)`, `close()`.
 *
 * Records (`EvidenceRecord`): `seq` is 1-based and gap-free; `hash = sha256(prevHash +
 * JCS(record without hash and prunedBy))`; the first record's `prevHash` is 64 zeros.
 * What each kind's payload holds, for readers such as posture and reports:
 * - `scan-run` (no `control`): `{ tool, rulePackVersion, startedAt, durationMs, paths,
 *   inputHashes, commit?, branch?, summary, findings: [{ ruleId, status, severity, resource,
 *   file, line, controls, message }], waivers: [{ ruleId, resource, reason, owner?, expires?,
 *   source }] }`; status failed / unknown / passed from the summary.
 * - `manual` (`control` set, status `info`, `artifactSha256` = the document):
 *   `{ fileName, size, expires?, note? }`; stale after `expires`.
 * - `import` (`control` set when mapped; one record per mapped control):
 *   `{ format, file, tool, toolVersion?, ruleId, status, message, severity?, resource?, file?,
 *   line?, controls, mapping: 'mapped' | 'unmapped' }`; `artifactSha256` = the imported file.
 * - `checkpoint`: `{ headSeq, headHash, algorithm: 'ed25519', keyId, signature }`.
 * - `prune`: `{ asOf, count, ranges, digest, artifactsRemoved }`.
 *
 * Pruning keeps a tombstone: the row stays with its hash and links, its payload becomes
 * `null` and `prunedBy` names the prune record, which lists the pruned seqs and a digest of
 * their hashes. So verify still passes after a prune and still catches a payload deleted
 * any other way. Limitation: deleting the newest records (truncating the tail) leaves a
 * valid shorter chain; a signed checkpoint or an exported bundle's head shows it.
 */
export * from './types.js';
export { openStore, DEFAULT_STORE, isPostgresUrl } from './store.js';
export { canonicalJson, GENESIS_HASH } from './canonical.js';
export {
  DEFAULT_RETENTION,
  addPeriod,
  mergeRetention,
  parsePeriod,
  retainUntilFor,
  type Period,
  type RetentionPolicy,
} from './retention.js';
export {
  appendScan,
  recordScan,
  scanPayload,
  scanStatus,
  type RecordScanOptions,
  type ScanContext,
} from './scan.js';
export { addManual, UnknownControlError, type ManualEvidence } from './manual.js';
export {
  importResults,
  ImportMapping,
  detectFormat,
  readForeign,
  type ForeignResult,
  type ImportFormat,
  type ImportOptions,
  type ImportSummary,
} from './imports.js';
export {
  exportBundle,
  verifyBundle,
  type BundleManifest,
  type BundleVerifyResult,
  type ExportResult,
} from './bundle.js';
export {
  signCheckpoint,
  loadPrivateKey,
  loadPublicKey,
  type CheckpointPayload,
} from './signing.js';
export type { PrunePayload } from './chain.js';
export * as cli from './cli.js';
