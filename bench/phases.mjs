#!/usr/bin/env node
// CPU time per scan phase (user+system, so it is fair under load from other processes):
// parse only, Terraform load (parse + evaluate), adapters, rules + findings, posture,
// and the whole scan(). Usage: node bench/phases.mjs [dir] [distDir]
// distDir defaults to ./dist; each phase runs RUNS times (default 3) and the median is shown.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = resolve(process.argv[2] ?? 'bench/out/tree');
const dist = resolve(process.argv[3] ?? 'dist');
const runs = Number(process.env.RUNS ?? 3);
const load = (p) => import(pathToFileURL(join(dist, p)).href);

const { parseHcl } = await load('iac/hcl/index.js');
const { loadTerraform } = await load('iac/terraform/index.js');
const { adaptTerraform } = await load('iac/aws/index.js');
const { scan } = await load('index.js');
const { loadCatalog } = await load('catalog/index.js');

const files = [];
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.tf')) files.push(p);
  }
};
walk(dir);
const texts = files.map((f) => readFileSync(f, 'utf8'));
const bytes = texts.reduce((n, t) => n + t.length, 0);

const cpu = (fn) => {
  const before = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, value };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const measure = (name, fn) => {
  const times = [];
  let value;
  for (let i = 0; i < runs; i++) {
    const r = cpu(fn);
    times.push(r.ms);
    value = r.value;
  }
  return { name, ms: +median(times).toFixed(0), value };
};

const catalog = loadCatalog();
const rows = [];
const parsed = measure('parse (kept)', () => texts.map((t, i) => parseHcl(t, files[i])));
rows.push(parsed);
parsed.value = undefined;
rows.push(
  measure('parse (dropped)', () => {
    for (let i = 0; i < texts.length; i++) parseHcl(texts[i], files[i]);
  }),
);
const loaded = measure('terraform load', () => loadTerraform([dir]));
rows.push(loaded);
const adapted = measure('adapt', () => adaptTerraform(loaded.value.resources));
rows.push(adapted);
const full = measure('scan() total', () => scan([dir], { catalog }));
rows.push(full);
const rss = process.resourceUsage().maxRSS / 1024;

for (const r of rows) console.log(`${r.name.padEnd(18)} ${String(r.ms).padStart(6)} ms CPU`);
const parseMs = rows[1].ms;
console.log(
  `parse MB/s (dropped, CPU): ${(bytes / 1e6 / (parseMs / 1000)).toFixed(1)}; input ${(bytes / 1e6).toFixed(2)} MB, ${files.length} files`,
);
console.log(`rest of scan (rules, findings, posture) ≈ ${full.ms - loaded.ms - adapted.ms} ms CPU`);
console.log(
  `resources ${loaded.value.resources.length}, entities ${adapted.value.length}, findings ${full.value.summary.findings}, failed ${full.value.summary.failed}, unknown ${full.value.summary.unknown}`,
);
console.log(`peak RSS of this process ${rss.toFixed(0)} MB (not the scan alone)`);
