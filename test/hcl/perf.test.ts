/** Parser speed, and linear-time failure on pathological input. */
import { expect, test } from 'vitest';
import { parseHcl } from '../../src/iac/hcl/index.js';
import { generateTerraform } from './support/generate.js';

/** CPU time of `f` in ms (wall time is meaningless on a shared, loaded machine). */
function cpuMs(f: () => void): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

test('parses 5 MB of Terraform in 100 files quickly', () => {
  const files = Array.from({ length: 100 }, () => generateTerraform(50 * 1024));
  const mb = files.reduce((s, f) => s + f.length, 0) / 1024 / 1024;
  const run = (): number =>
    cpuMs(() => {
      for (const [i, f] of files.entries()) {
        const r = parseHcl(f, `f${i}.tf`);
        if (r.diagnostics.length > 0) throw new Error(`unexpected diagnostics in f${i}.tf`);
      }
    });
  run(); // warm up the JIT
  const best = Math.min(run(), run(), run());
  const rate = mb / (best / 1000);
  console.log(
    `HCL parse: ${mb.toFixed(1)} MB in ${best.toFixed(0)} ms CPU = ${rate.toFixed(1)} MB/s`,
  );
  // generous floor for a loaded CI box; an idle machine does several times better
  expect(rate).toBeGreaterThan(3);
});

test('one 5 MB file parses completely', () => {
  const text = generateTerraform(5 * 1024 * 1024);
  const r = parseHcl(text, 'big.tf');
  expect(r.diagnostics).toEqual([]);
  // 3 top-level blocks per generated chunk
  expect(r.body.blocks.length % 3).toBe(0);
  expect(r.body.blocks.length).toBeGreaterThan(15000);
  expect(r.comments.length).toBe(r.body.blocks.length / 3);
});

const pathological: [string, string][] = [
  ['unterminated ${ nesting', 'a = "' + '${"'.repeat(300_000)],
  ['unterminated ${ with a long expression', 'a = "${' + 'x + '.repeat(250_000)],
  ['unterminated string', 'a = "' + 'x'.repeat(1_000_000)],
  ['unterminated heredoc', 'a = <<EOT\n' + 'line\n'.repeat(200_000)],
  ['deep parentheses', 'a = ' + '('.repeat(500_000)],
  ['deep brackets', 'a = ' + '[{'.repeat(250_000)],
  ['unterminated block comment', 'a = 1\n/*' + ' x'.repeat(500_000)],
  ['many stray braces', '}\n'.repeat(300_000)],
  ['unterminated %{ if', 'a = "' + '%{ if true }'.repeat(80_000)],
];

for (const [name, text] of pathological) {
  test(`fails fast on 1 MB pathological input: ${name}`, () => {
    const t0 = performance.now();
    const r = parseHcl(text, 'bad.tf');
    const ms = performance.now() - t0;
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]?.code).toMatch(/^CW-HCL-0\d\d$/);
    // linear: well under a second on an idle machine; quadratic would take minutes
    expect(ms).toBeLessThan(10_000);
  });
}
