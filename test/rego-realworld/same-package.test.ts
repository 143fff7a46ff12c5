/**
 * Rules of one package spread over several files see each other by their short names, as in
 * OPA. Real suites rely on this everywhere: conftest's `deny` rules in one file and the tests
 * that read `deny` in another, helper functions in `lib.rego` called from `lib_test.rego`.
 */
import { describe, expect, test } from 'vitest';
import { compile, regoTest, resultSetToJSON } from '../../src/rego/index.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const helpers = {
  file: 'helpers.rego',
  text: `package shop.rules

discount(total) := 10 if total >= 100
discount(total) := 0 if total < 100

blocked contains name if {
  some name in input.customers
  startswith(name, "x-")
}

threshold := 3
`,
};

const checks = {
  file: 'checks.rego',
  text: `package shop.rules

too_many if count(blocked) >= threshold

summary := {"big": discount(250), "small": discount(20), "blocked": count(blocked)}
`,
};

describe('rules of one package across files', () => {
  test('a function, a partial set and a constant from a sibling file resolve', () => {
    const policy = compile([helpers, checks]);
    const input = { customers: ['x-1', 'ann', 'x-2', 'x-3'] };
    const rs = resultSetToJSON(policy.eval('data.shop.rules.summary', { input }));
    expect(rs).toMatchObject([{ expressions: [{ value: { big: 10, small: 0, blocked: 3 } }] }]);
    const tm = policy.eval('data.shop.rules.too_many', { input });
    expect(tm[0]?.expressions[0]?.value).toBe(true);
  });

  test('the order of the files does not matter', () => {
    const policy = compile([checks, helpers]);
    const rs = resultSetToJSON(
      policy.eval('data.shop.rules.summary', { input: { customers: [] } }),
    );
    expect(rs).toMatchObject([{ expressions: [{ value: { big: 10, small: 0, blocked: 0 } }] }]);
  });

  test('v0 modules: a test file calls a function and reads a set defined elsewhere', () => {
    const lib = {
      file: 'lib.rego',
      text: `package util

has_key(obj, k) {
  obj[k]
}

else = false {
  true
}

warn[msg] {
  input.level == "high"
  msg := "level is high"
}
`,
    };
    const tests = {
      file: 'lib_test.rego',
      text: `package util

test_has_key {
  has_key({"a": 1}, "a")
}

test_missing_key_is_false {
  has_key({"a": 1}, "b") == false
}

test_warns {
  warn["level is high"] with input as {"level": "high"}
}

test_quiet {
  count(warn) == 0 with input as {"level": "low"}
}
`,
    };
    const policy = compile([tests, lib], { v0Compatible: true });
    for (const name of ['test_has_key', 'test_missing_key_is_false', 'test_warns', 'test_quiet']) {
      const rs = policy.eval(`data.util.${name}`);
      expect(rs[0]?.expressions[0]?.value, name).toBe(true);
    }
  });

  test('a module of another package still needs an import or a full data reference', () => {
    const other = {
      file: 'other.rego',
      text: `package shop.report

n := count(blocked)
`,
    };
    expect(() => compile([helpers, other])).toThrow(/blocked/);
  });

  test('regoTest runs tests whose subject sits in a sibling file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosswalk-same-pkg-'));
    writeFileSync(join(dir, helpers.file), helpers.text);
    writeFileSync(
      join(dir, 'helpers_test.rego'),
      `package shop.rules

test_discount_big if discount(500) == 10

test_discount_small if discount(1) == 0

test_blocked if blocked == {"x-9"} with input as {"customers": ["x-9", "bo"]}

test_wrong_on_purpose if discount(1) == 10
`,
    );
    const report = regoTest([dir]);
    expect(report.errors).toEqual([]);
    const status = Object.fromEntries(report.results.map((r) => [r.name, r.status]));
    expect(status).toEqual({
      'data.shop.rules.test_discount_big': 'pass',
      'data.shop.rules.test_discount_small': 'pass',
      'data.shop.rules.test_blocked': 'pass',
      'data.shop.rules.test_wrong_on_purpose': 'fail',
    });
  });
});
