#!/usr/bin/env node
// Parses the catalog's YAML once at build time into dist/catalog-snapshot.json, keyed by
// the SHA-256 of each file's text (see readYaml in src/catalog/load.ts).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = new URL('../catalog/', import.meta.url).pathname;
const files = [];
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.yaml')) files.push(path);
  }
};
walk(root);

const snapshot = {};
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  snapshot[createHash('sha256').update(text).digest('hex')] = parse(text);
}
writeFileSync(new URL('../dist/catalog-snapshot.json', import.meta.url), JSON.stringify(snapshot));
console.log(`catalog snapshot: ${files.length} files`);
