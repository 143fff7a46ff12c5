/**
 * How `crosswalk rego test` picks and names tests, checked against `opa test` behaviour that
 * real suites rely on: every definition of a test rule runs on its own, and packages whose
 * path needs brackets still have runnable tests.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatTestReport, regoTest } from '../../src/rego/index.js';

function suite(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'crosswalk-test-runner-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function statuses(dir: string, v0Compatible = false): Record<string, string> {
  const report = regoTest([dir], { v0Compatible });
  expect(report.errors).toEqual([]);
  return Object.fromEntries(report.results.map((r) => [r.name, r.status]));
}

describe('test rules sharing a name', () => {
  test('each definition is its own test, so a failing one is not hidden by a passing one', () => {
    const dir = suite({
      'p_test.rego': `package limits

test_small if 1 < 2

test_small if 3 < 2

test_small if 5 > 4

test_other if true
`,
    });
    expect(statuses(dir)).toEqual({
      'data.limits.test_small': 'pass',
      'data.limits["test_small#01"]': 'fail',
      'data.limits["test_small#02"]': 'pass',
      'data.limits.test_other': 'pass',
    });
    const out = formatTestReport(regoTest([dir])).stdout;
    expect(out).toContain('PASS: 3/4');
    expect(out).toContain('FAIL: 1/4');
  });

  test('the same name in two files of one package counts twice (v0 syntax)', () => {
    const dir = suite({
      'a_test.rego': `package names

test_upper {
  upper("a") == "A"
}
`,
      'b_test.rego': `package names

test_upper {
  upper("b") == "b"
}
`,
    });
    expect(statuses(dir, true)).toEqual({
      'data.names.test_upper': 'pass',
      'data.names["test_upper#01"]': 'fail',
    });
  });

  test('the same name in different packages is not a duplicate', () => {
    const dir = suite({
      'a_test.rego': 'package one\n\ntest_x if true\n',
      'b_test.rego': 'package two\n\ntest_x if false\n',
    });
    expect(statuses(dir)).toEqual({ 'data.one.test_x': 'pass', 'data.two.test_x': 'fail' });
  });
});

describe('packages whose path needs brackets', () => {
  test('tests in package a["b-c"] run and are named like OPA names them', () => {
    const dir = suite({
      'rule.rego': `package rules["no-latest"]

bad contains img if {
  some img in input.images
  endswith(img, ":latest")
}
`,
      'rule_test.rego': `package rules["no-latest"]

test_flags_latest if bad == {"a:latest"} with input as {"images": ["a:latest", "b:1"]}

test_ignores_pinned if count(bad) == 0 with input as {"images": ["b:1"]}
`,
    });
    expect(statuses(dir)).toEqual({
      'data.rules["no-latest"].test_flags_latest': 'pass',
      'data.rules["no-latest"].test_ignores_pinned': 'pass',
    });
  });
});

describe('what counts as a pass', () => {
  test('only the value true passes; other defined values fail as in opa test', () => {
    const dir = suite({
      'values_test.rego': `package values

test_true := true

test_set := {"a", "b"}

test_number := 1

test_false := false

test_undefined if input.missing
`,
    });
    expect(statuses(dir)).toEqual({
      'data.values.test_true': 'pass',
      'data.values.test_set': 'fail',
      'data.values.test_number': 'fail',
      'data.values.test_false': 'fail',
      'data.values.test_undefined': 'fail',
    });
  });
});

describe('parameterised tests (a test rule with a variable in its head)', () => {
  const policy = `package text

shout(s) := concat("", [upper(s), "!"])
`;

  test('every case is reported; a case whose body fails after its name is bound fails', () => {
    const dir = suite({
      'text.rego': policy,
      'text_test.rego': `package text

test_shout[word] if {
  some [word, want] in [["hi", "HI!"], ["yo", "YO!"], ["no", "NO?"]]
  shout(word) == want
}

test_named[sprintf("%d-%s", [n, w])] if {
  some n, w in ["a", "b"]
  shout(w) == concat("", [upper(w), "!"])
}
`,
    });
    const report = regoTest([dir]);
    expect(report.errors).toEqual([]);
    const byName = Object.fromEntries(report.results.map((r) => [r.name, r]));
    expect(byName['data.text.test_shout']?.status).toBe('fail');
    expect(byName['data.text.test_shout']?.cases).toEqual([
      { path: ['hi'], status: 'pass' },
      { path: ['no'], status: 'fail' },
      { path: ['yo'], status: 'pass' },
    ]);
    expect(byName['data.text.test_named']?.status).toBe('pass');
    expect(byName['data.text.test_named']?.cases).toEqual([
      { path: ['0-a'], status: 'pass' },
      { path: ['1-b'], status: 'pass' },
    ]);
    const out = formatTestReport(report, true).stdout;
    expect(out).toContain('  no: FAIL');
    expect(out).toContain('PASS: 4/5');
    expect(out).toContain('FAIL: 1/5');
  });

  test('a v0 partial set named test_ is not parameterised and fails, as in opa test', () => {
    const dir = suite({
      'set_test.rego': `package sets

test_members[x] {
  x := [1, 2][_]
}
`,
    });
    const report = regoTest([dir], { v0Compatible: true });
    expect(report.results.map((r) => [r.name, r.status, r.cases])).toEqual([
      ['data.sets.test_members', 'fail', undefined],
    ]);
  });
});
