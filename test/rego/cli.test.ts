import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  formatCheck,
  formatTestReport,
  regoCheck,
  regoEval,
  regoTest,
} from '../../src/rego/index.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crosswalk-rego-'));
  mkdirSync(join(dir, 'policy'));
  mkdirSync(join(dir, 'policy', 'limits'));
  writeFileSync(
    join(dir, 'policy', 'main.rego'),
    `package main

deny contains msg if {
  some b in input.buckets
  b.public
  msg := sprintf("bucket %s is public", [b.name])
}

max_ok if count(input.buckets) <= data.limits.max
`,
  );
  writeFileSync(join(dir, 'policy', 'limits', 'data.json'), JSON.stringify({ max: 2 }));
  writeFileSync(
    join(dir, 'policy', 'main_test.rego'),
    `package main_test

import data.main

test_public_denied if {
  main.deny == {"bucket a is public"} with input as {"buckets": [{"name": "a", "public": true}]}
}

test_wrong if {
  print("checking")
  count(main.deny) == 5 with input as {"buckets": []}
}

test_uses_data if main.max_ok with input as {"buckets": [1]}

todo_test_later if false
`,
  );
  writeFileSync(join(dir, 'bad.rego'), 'package bad\np if {\n  x > 1\n}\n');
});

describe('regoEval', () => {
  test('evaluates a query with input and data from files, in OPA JSON shape', () => {
    const out = regoEval({
      query: 'data.main.deny',
      paths: [join(dir, 'policy')],
      input: {
        buckets: [
          { name: 'x', public: true },
          { name: 'y', public: false },
        ],
      },
    });
    expect(out.exitCode).toBe(0);
    const json = JSON.parse(out.stdout) as {
      result: { expressions: { value: unknown; text: string }[] }[];
    };
    expect(json.result[0]!.expressions[0]).toMatchObject({
      value: ['bucket x is public'],
      text: 'data.main.deny',
    });
  });

  test('data files are placed under their directory path', () => {
    const out = regoEval({
      query: 'x := data.limits.max',
      paths: [join(dir, 'policy')],
      format: 'bindings',
    });
    expect(JSON.parse(out.stdout)).toEqual([{ x: 2 }]);
  });

  test('undefined is an empty object, and --fail makes it exit 1', () => {
    const q = { query: 'data.main.nothing', paths: [join(dir, 'policy')] };
    expect(regoEval(q).stdout.trim()).toBe('{}');
    expect(regoEval({ ...q, fail: true }).exitCode).toBe(1);
  });

  test('errors are printed as file:row:col: code: message', () => {
    const out = regoEval({ query: 'data.bad.p', paths: [join(dir, 'bad.rego')] });
    expect(out.exitCode).toBe(2);
    expect(out.stderr).toMatch(/bad\.rego:3:3: rego_unsafe_var_error: var x is unsafe/);
  });
});

describe('regoTest', () => {
  test('runs test_ rules and reports pass, fail and skip', () => {
    const report = regoTest([join(dir, 'policy')]);
    const byName = Object.fromEntries(report.results.map((r) => [r.name, r.status]));
    expect(byName).toEqual({
      'data.main_test.test_public_denied': 'pass',
      'data.main_test.test_wrong': 'fail',
      'data.main_test.test_uses_data': 'pass',
      'data.main_test.todo_test_later': 'skip',
    });
    const wrong = report.results.find((r) => r.name.endsWith('test_wrong'))!;
    expect(wrong.output).toEqual(['checking']);
    expect(wrong.location.row).toBe(9);
    const text = formatTestReport(report);
    expect(text.exitCode).toBe(1);
    expect(text.stdout).toContain('data.main_test.test_wrong: FAIL');
    expect(text.stdout).toContain('PASS: 2/4');
  });

  test('run filter selects tests by name', () => {
    const report = regoTest([join(dir, 'policy')], { run: /public/ });
    expect(report.results.map((r) => r.name)).toEqual(['data.main_test.test_public_denied']);
    expect(formatTestReport(report).exitCode).toBe(0);
  });
});

describe('regoCheck', () => {
  test('reports all errors with locations', () => {
    const errs = regoCheck([dir]);
    expect(errs.map((e) => e.toString())).toEqual([
      `${join(dir, 'bad.rego')}:3:3: rego_unsafe_var_error: var x is unsafe`,
    ]);
    expect(formatCheck(errs).exitCode).toBe(1);
    expect(regoCheck([join(dir, 'policy')])).toEqual([]);
  });
});
