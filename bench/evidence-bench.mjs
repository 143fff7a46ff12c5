#!/usr/bin/env node
// Evidence ledger benchmark: append N records to SQLite in batches (appendMany, one
// transaction each), then verify the whole chain; the same at smaller scale on PostgreSQL
// when CROSSWALK_BENCH_PG (or CROSSWALK_TEST_PG) names a database.
// Usage: node bench/evidence-bench.mjs [records=1000000] [pgRecords=100000]
// Targets (issue): 1M SQLite appends <= 60 s, verify <= 10 s.
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const total = Number(process.argv[2] ?? 1_000_000);
const pgTotal = Number(process.argv[3] ?? 100_000);
const BATCH = 10_000;

// The store is TypeScript: bundle it with rolldown (installed with vitest) next to
// node_modules so better-sqlite3 and pg resolve as in the project.
async function loadStore() {
  const { build } = await import('rolldown');
  const outDir = join(root, 'node_modules', '.crosswalk-bench');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'store.mjs');
  await build({
    input: join(root, 'src/evidence/store.ts'),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
    output: { file, format: 'esm', codeSplitting: false },
    logLevel: 'silent',
  });
  return import(file);
}

function input(i) {
  return {
    kind: 'import',
    control: i % 3 === 0 ? 'encryption-at-rest' : 'audit-logging',
    source: 'bench/1.0.0',
    status: i % 7 === 0 ? 'failed' : 'passed',
    collectedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    payload: {
      ruleId: `CKV_AWS_${i % 300}`,
      resource: `aws_s3_bucket.b${i}`,
      file: `modules/m${i % 50}/main.tf`,
      line: i % 400,
      message: 'Ensure all data stored in the S3 bucket is securely encrypted at rest',
      mapping: 'mapped',
    },
    retainUntil: '2032-01-01',
  };
}

const cpuSeconds = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

async function run(label, store, count) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let done = 0; done < count;) {
    const n = Math.min(BATCH, count - done);
    const batch = new Array(n);
    for (let k = 0; k < n; k++) batch[k] = input(done + k);
    await store.appendMany(batch);
    done += n;
  }
  const appendS = (performance.now() - t0) / 1000;
  const appendCpu = cpuSeconds(c0);
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  const result = await store.verify();
  const verifyS = (performance.now() - t1) / 1000;
  const verifyCpu = cpuSeconds(c1);
  if (!result.ok || result.count !== count)
    throw new Error(`${label}: verify failed: ${JSON.stringify(result)}`);
  console.log(
    `${label}: append ${count.toLocaleString('en')} records in ${appendS.toFixed(1)} s ` +
      `(${Math.round(count / appendS).toLocaleString('en')}/s); verify in ${verifyS.toFixed(1)} s ` +
      `(${Math.round(count / verifyS).toLocaleString('en')}/s)`,
  );
  // On a shared machine wall time mostly measures the other processes; CPU time does not.
  console.log(
    `${label}: CPU time of this process: append ${appendCpu.toFixed(1)} s, verify ${verifyCpu.toFixed(1)} s; ` +
      `load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
  );
  return { appendS, verifyS };
}

const { openStore } = await loadStore();

const dir = mkdtempSync(join(tmpdir(), 'crosswalk-bench-'));
try {
  const file = join(dir, 'evidence.db');
  const store = await openStore(file);
  const { appendS, verifyS } = await run('sqlite', store, total);
  await store.close();
  const mb = (statSync(file).size / 1024 / 1024).toFixed(0);
  console.log(`sqlite: file ${mb} MiB`);
  if (total === 1_000_000) {
    console.log(
      `targets: append <= 60 s ${appendS <= 60 ? 'met' : 'MISSED'}, verify <= 10 s ${verifyS <= 10 ? 'met' : 'MISSED'}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const pgUrl = process.env.CROSSWALK_BENCH_PG ?? process.env.CROSSWALK_TEST_PG;
if (pgUrl && pgTotal > 0) {
  const u = new URL(pgUrl);
  u.searchParams.set('schema', `bench_${process.pid}`);
  const store = await openStore(u.toString());
  try {
    await run('postgres', store, pgTotal);
  } finally {
    await store.close();
  }
  console.log(
    `postgres: left schema bench_${process.pid} in place (append-only triggers forbid cleanup by row)`,
  );
} else {
  console.log('postgres: skipped (set CROSSWALK_BENCH_PG or CROSSWALK_TEST_PG)');
}
