/**
 * Robustness: mutated inputs must never throw out of the parser or the evaluator, and
 * must finish quickly. A fixed seed keeps the run reproducible.
 */
import { expect, test } from 'vitest';
import { evaluateSafe, parseHcl, parseHclJson, type Body } from '../../src/iac/hcl/index.js';
import { generateTerraform } from './support/generate.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PIECES = [
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '"',
  '${',
  '%{',
  '~}',
  '<<EOT\n',
  '\nEOT\n',
  '#',
  '/*',
  '*/',
  '\n',
  '=',
  ',',
  '...',
  '.*',
  '[*]',
  '?',
  ':',
  '=>',
  'for',
  'if',
  'in',
  '\\',
  '\r\n',
  '\uFEFF',
  'é',
  '0.1.2',
];

function mutate(text: string, rand: () => number): string {
  let out = text;
  const n = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * out.length);
    const r = rand();
    if (r < 0.4) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 5));
    else out = out.slice(0, at) + PIECES[Math.floor(rand() * PIECES.length)] + out.slice(at);
  }
  return out;
}

function evaluateAll(body: Body): number {
  let n = 0;
  const ctx = { lookup: () => ({ a: 1, list: [1, 2] }) };
  for (const a of body.attributes) {
    evaluateSafe(a.expr, ctx);
    n++;
  }
  for (const b of body.blocks) n += evaluateAll(b.body);
  return n;
}

test('mutated native syntax never throws', () => {
  const base = generateTerraform(3000);
  const rand = rng(42);
  let withErrors = 0;
  for (let i = 0; i < 400; i++) {
    const text = mutate(base, rand);
    const r = parseHcl(text, `fuzz${i}.tf`);
    if (r.diagnostics.length > 0) withErrors++;
    for (const d of r.diagnostics) {
      expect(d.code).toMatch(/^CW-HCL-0\d\d$/);
      if (d.line !== undefined) expect(d.line).toBeGreaterThan(0);
    }
    evaluateAll(r.body);
  }
  expect(withErrors).toBeGreaterThan(100);
});

test('mutated JSON syntax never throws', () => {
  const base = JSON.stringify({
    resource: {
      aws_s3_bucket: { b: { bucket: '${var.x}-y', tags: { a: '${1 + 2}' }, n: [1, 2] } },
    },
    locals: { z: '%{ if true }a%{ endif }' },
  });
  const rand = rng(7);
  for (let i = 0; i < 300; i++) {
    const r = parseHclJson(mutate(base, rand), `fuzz${i}.tf.json`);
    evaluateAll(r.body);
  }
});
