#!/usr/bin/env node
// Times `crosswalk scan` on the synthetic tree beside a parse-only baseline (read every
// file and run a regex tokenizer over it), and reports peak memory of the scan.
// Usage: npm run build && node bench/generate.mjs && node bench/scan-bench.mjs [dir]
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'bench/out/tree';
const runs = Number(process.env.RUNS ?? 5);

function listFiles(root) {
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.tf')) files.push(p);
    }
  };
  walk(root);
  return files;
}

const TOKEN =
  /"(?:[^"\\\n]|\\.)*"|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\/|<<-?[A-Za-z_]\w*|[A-Za-z_][\w-]*|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\$\{|%\{|==|!=|<=|>=|&&|\|\||=>|\.\.\.|\S/g;

function baseline() {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  let tokens = 0;
  let bytes = 0;
  for (const file of listFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    bytes += text.length;
    TOKEN.lastIndex = 0;
    while (TOKEN.exec(text) !== null) tokens++;
  }
  const used = process.cpuUsage(cpu);
  return {
    ms: Number(process.hrtime.bigint() - start) / 1e6,
    cpuMs: (used.user + used.system) / 1000,
    tokens,
    bytes,
  };
}

function scanOnce() {
  const start = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    [
      '-e',
      `import('./dist/index.js').then(({ scan }) => {
        const t = process.hrtime.bigint();
        const c = process.cpuUsage();
        const r = scan([${JSON.stringify(dir)}]);
        const ms = Number(process.hrtime.bigint() - t) / 1e6;
        const used = process.cpuUsage(c);
        const cpuMs = (used.user + used.system) / 1000;
        console.log(JSON.stringify({ ms, cpuMs, rssMb: process.resourceUsage().maxRSS / 1024, resources: r.summary.resources, findings: r.summary.findings, failed: r.summary.failed, diagnostics: r.diagnostics.length }));
      })`,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(child.stderr);
  return { ...JSON.parse(child.stdout.trim().split('\n').pop()), wallMs: wall };
}

function cliOnce() {
  const start = process.hrtime.bigint();
  const child = spawnSync(
    process.execPath,
    ['bin/crosswalk.js', 'scan', dir, '--format', 'json', '--output', '/dev/null'],
    {
      encoding: 'utf8',
    },
  );
  if (child.status !== 0 && child.status !== 1) throw new Error(child.stderr);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const files = listFiles(dir);
const totalBytes = files.reduce((n, f) => n + statSync(f).size, 0);
baseline(); // warm the page cache
const base = Array.from({ length: runs }, baseline);
const scans = Array.from({ length: runs }, scanOnce);
const cli = Array.from({ length: runs }, cliOnce);

const baseMs = median(base.map((b) => b.ms));
const scanMs = median(scans.map((s) => s.ms));
// CPU time (user + system) is what to compare across runs on a shared, loaded machine
const baseCpuMs = median(base.map((b) => b.cpuMs));
const scanCpuMs = median(scans.map((s) => s.cpuMs));
const report = {
  files: files.length,
  megabytes: +(totalBytes / 1e6).toFixed(2),
  resources: scans[0].resources,
  findings: scans[0].findings,
  failed: scans[0].failed,
  diagnostics: scans[0].diagnostics,
  baselineMs: +baseMs.toFixed(1),
  baselineMBps: +(totalBytes / 1e6 / (baseMs / 1000)).toFixed(1),
  scanMs: +scanMs.toFixed(1),
  scanOverBaseline: +(scanMs / baseMs).toFixed(2),
  baselineCpuMs: +baseCpuMs.toFixed(1),
  scanCpuMs: +scanCpuMs.toFixed(1),
  scanCpuOverBaselineCpu: +(scanCpuMs / baseCpuMs).toFixed(2),
  cliWallMs: +median(cli).toFixed(1),
  peakRssMb: +Math.max(...scans.map((s) => s.rssMb)).toFixed(1),
  runs,
};
console.log(JSON.stringify(report, null, 2));
