/**
 * Mutated conformance modules must only ever fail with coded Rego errors (never a
 * TypeError or a stack overflow from the parser, compiler or evaluator).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { compile, RegoError, RegoErrors } from '../../src/rego/index.js';
import { CORPUS } from './conformance-lib.js';

const ROOT = join(CORPUS, 'opa', 'v1');
const INSERTS = [
  '',
  '[',
  ']',
  '{',
  '}',
  '(',
  ')',
  ' ',
  '\n',
  'x',
  '_',
  ',',
  ':=',
  '|',
  '"',
  'not ',
  'some ',
  'in ',
  'every ',
  'with ',
  'else ',
  'if ',
];

describe.skipIf(!existsSync(ROOT))('robustness', () => {
  test('mutated modules fail only with RegoError', () => {
    const mods: string[] = [];
    for (const fam of readdirSync(ROOT)) {
      for (const f of readdirSync(join(ROOT, fam))) {
        const d = parse(readFileSync(join(ROOT, fam, f), 'utf8'), { strict: false }) as {
          cases?: { modules?: string[] }[];
        };
        for (const c of d.cases ?? []) mods.push(...(c.modules ?? []));
      }
    }
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const crashes: string[] = [];
    const guard = (f: () => void, text: string) => {
      try {
        f();
      } catch (e) {
        if (!(e instanceof RegoError) && !(e instanceof RegoErrors))
          crashes.push(`${String(e)}\n${text}`);
      }
    };
    for (let n = 0; n < 800; n++) {
      const m = mods[Math.floor(rnd() * mods.length)]!;
      const i = Math.floor(rnd() * m.length);
      const text =
        m.slice(0, i) +
        INSERTS[Math.floor(rnd() * INSERTS.length)]! +
        m.slice(i + Math.floor(rnd() * 6));
      guard(() => {
        const p = compile([{ file: 'f.rego', text }]);
        for (const pkg of p.packages())
          guard(() => p.eval(`x = ${pkg}`, { maxSteps: 20_000 }), text);
      }, text);
    }
    expect(mods.length).toBeGreaterThan(100);
    expect(crashes).toEqual([]);
  });
});
