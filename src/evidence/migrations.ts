/**
 * Schema migrations, numbered and recorded in `schema_migrations`. One logical schema on both
 * engines: timestamps and dates are ISO text (so the hashed text round-trips exactly) and the
 * payload is its canonical JSON text. PostgreSQL adds triggers that refuse edits.
 */

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sqlite: string;
  readonly postgres: string;
}

const RECORDS_COLUMNS = (int: string) => `
  seq ${int} PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  control TEXT,
  source TEXT NOT NULL,
  collected_at TEXT NOT NULL,
  status TEXT NOT NULL,
  payload TEXT,
  artifact_sha256 TEXT,
  retain_until TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL,
  pruned_by ${int}`;

/**
 * Updates are refused except the one the prune path makes: clearing a payload and setting
 * `pruned_by` to the prune record announced in the transaction-local setting
 * `crosswalk.prune_seq`, for a record past the prune's `asOf`. Deletes are always refused.
 * A superuser can still drop the triggers; the hash chain is what catches that.
 */
const PG_GUARDS = `
CREATE OR REPLACE FUNCTION crosswalk_records_guard() RETURNS trigger AS $$
DECLARE
  prune_seq TEXT := current_setting('crosswalk.prune_seq', true);
  prune_as_of TEXT;
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION 'crosswalk evidence records are append-only: % refused', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF prune_seq IS NULL OR prune_seq = '' THEN
    RAISE EXCEPTION 'crosswalk evidence records are append-only: UPDATE refused'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  SELECT payload::json->>'asOf' INTO prune_as_of FROM records
    WHERE seq = prune_seq::bigint AND kind = 'prune';
  IF prune_as_of IS NULL
     OR OLD.pruned_by IS NOT NULL
     OR NEW.pruned_by IS DISTINCT FROM prune_seq::bigint
     OR NEW.payload IS NOT NULL
     OR OLD.retain_until >= prune_as_of
     OR NEW.seq <> OLD.seq OR NEW.id <> OLD.id OR NEW.kind <> OLD.kind
     OR NEW.control IS DISTINCT FROM OLD.control OR NEW.source <> OLD.source
     OR NEW.collected_at <> OLD.collected_at OR NEW.status <> OLD.status
     OR NEW.artifact_sha256 IS DISTINCT FROM OLD.artifact_sha256
     OR NEW.retain_until <> OLD.retain_until
     OR NEW.prev_hash <> OLD.prev_hash OR NEW.hash <> OLD.hash THEN
    RAISE EXCEPTION 'crosswalk evidence records are append-only: only pruning may clear a payload'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql SET search_path FROM CURRENT;

CREATE TRIGGER records_no_update BEFORE UPDATE ON records
  FOR EACH ROW EXECUTE FUNCTION crosswalk_records_guard();
CREATE TRIGGER records_no_delete BEFORE DELETE ON records
  FOR EACH ROW EXECUTE FUNCTION crosswalk_records_guard();
CREATE TRIGGER records_no_truncate BEFORE TRUNCATE ON records
  FOR EACH STATEMENT EXECUTE FUNCTION crosswalk_records_guard();
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records and artifacts',
    sqlite: `
CREATE TABLE records (${RECORDS_COLUMNS('INTEGER')});
CREATE INDEX records_collected_at ON records (collected_at);
CREATE INDEX records_control ON records (control, collected_at);
-- SQLite keeps artifact bytes in files beside the database; this table lists them.
CREATE TABLE artifacts (sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, content BLOB);
`,
    postgres: `
CREATE TABLE records (${RECORDS_COLUMNS('BIGINT')});
CREATE INDEX records_collected_at ON records (collected_at);
CREATE INDEX records_control ON records (control, collected_at);
CREATE TABLE artifacts (sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, content BYTEA);
${PG_GUARDS}
`,
  },
  {
    version: 2,
    name: 'index pruned records',
    // Lets verify find the prune records that tombstones point to without a full scan.
    sqlite: 'CREATE INDEX records_pruned_by ON records (pruned_by) WHERE pruned_by IS NOT NULL;',
    postgres: 'CREATE INDEX records_pruned_by ON records (pruned_by) WHERE pruned_by IS NOT NULL;',
  },
];

export const MIGRATIONS_TABLE_SQL = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;
