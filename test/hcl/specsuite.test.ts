/**
 * Drives the HCL spec suite (corpora/hcl/specsuite/tests): each .hcl is parsed and decoded
 * with its .hcldec spec; the .t file (itself HCL, read with our parser) says which
 * diagnostics to expect or which result value to produce.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Value } from '../../src/iac/types.js';
import { evaluate, parseHcl, type Body } from '../../src/iac/hcl/index.js';
import { decode, type DecodeError } from './support/hcldec.js';

const ROOT = '/work/shared/corpora/hcl/specsuite/tests';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.hcl') ? [p] : [];
  });
}

const none = { lookup: () => undefined };

function attr(body: Body, name: string): Value | undefined {
  const a = body.attributes.find((x) => x.name === name);
  return a ? evaluate(a.expr, none) : undefined;
}

/** Deep comparison; numbers within a relative 1e-12 (we use float64, the suite uses bignums). */
function close(actual: Value, expected: Value): boolean {
  if (typeof expected === 'number' && typeof actual === 'number') {
    return Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected));
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => close(actual[i] as Value, e))
    );
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const ek = Object.keys(expected).sort();
    const ak = Object.keys(actual).sort();
    return (
      ek.join() === ak.join() &&
      ek.every((k) =>
        close(
          (actual as Record<string, Value>)[k] as Value,
          (expected as Record<string, Value>)[k] as Value,
        ),
      )
    );
  }
  return actual === expected;
}

const files = walk(ROOT).sort();
const counts = { results: 0, diagnostics: 0 };

describe('HCL spec suite', () => {
  test('finds the suite', () => {
    expect(files.length).toBe(15);
  });

  for (const file of files) {
    const name = path.relative(ROOT, file);
    test(name, () => {
      const base = file.slice(0, -'.hcl'.length);
      const t = parseHcl(readFileSync(base + '.t', 'utf8'), base + '.t');
      expect(t.diagnostics).toEqual([]);
      const specFile = parseHcl(readFileSync(base + '.hcldec', 'utf8'), base + '.hcldec');
      expect(specFile.diagnostics).toEqual([]);
      const varsBlock = specFile.body.blocks.find((b) => b.type === 'variables');
      const vars: { [k: string]: Value } = {};
      for (const a of varsBlock?.body.attributes ?? []) vars[a.name] = evaluate(a.expr, none);
      const spec = specFile.body.blocks.find((b) => b.type !== 'variables');
      expect(spec).toBeDefined();

      const parsed = parseHcl(readFileSync(file, 'utf8'), file);
      const errors: DecodeError[] = parsed.diagnostics.map((d) => ({
        message: d.message,
        line: d.line ?? 0,
        column: d.column ?? 0,
      }));
      const result =
        errors.length === 0 && spec ? decode(spec, parsed.body, vars, errors) : undefined;

      const diag = t.body.blocks.find((b) => b.type === 'diagnostics');
      if (diag) {
        const expected = diag.body.blocks.map((e) => {
          const from = e.body.blocks.find((b) => b.type === 'from');
          return {
            line: from ? attr(from.body, 'line') : undefined,
            column: from ? attr(from.body, 'column') : undefined,
          };
        });
        expect(errors.map((e) => ({ line: e.line, column: e.column }))).toEqual(expected);
        counts.diagnostics++;
        return;
      }
      expect(errors).toEqual([]);
      const want = attr(t.body, 'result');
      if (want !== undefined) {
        if (!close(result as Value, want)) expect(result).toEqual(want);
        counts.results++;
      }
    });
  }

  test('compared every expected result and diagnostic set', () => {
    // 4 suites give diagnostics; 9 give a result value (the rest only check a clean parse)
    expect(counts).toEqual({ results: 9, diagnostics: 4 });
  });
});
