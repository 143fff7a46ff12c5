#!/usr/bin/env node
// Summarises a .cpuprofile from `node --cpu-prof`: top functions by self time and by
// inclusive time (each function counted once per stack), summed over the files given.
// Usage: node bench/prof-summary.mjs FILE... [N]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const top = /^\d+$/.test(args.at(-1) ?? '') ? Number(args.pop()) : 40;
const self = new Map();
const incl = new Map();
let total = 0;
for (const file of args) add(JSON.parse(readFileSync(file, 'utf8')));

function add(profile) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const name = (n) => {
    const f = n.callFrame;
    const file = f.url.replace(/^.*\/dist\//, '').replace(/^file:\/\//, '');
    return `${f.functionName || '(anon)'} ${file}:${f.lineNumber + 1}`;
  };
  for (const [id, t] of dt) {
    total += t;
    const n = nodes.get(id);
    self.set(name(n), (self.get(name(n)) ?? 0) + t);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = name(nodes.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + t);
    }
  }
}
const show = (title, m) => {
  console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms)`);
  for (const [k, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(t / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  }
};
show('self', self);
show('inclusive', incl);
