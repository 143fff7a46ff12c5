import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJsonWithPositions } from '../../src/iac/plan/json-positions.js';
import { parseResourceAddress } from '../../src/iac/terraform/address.js';

describe('parseJsonWithPositions', () => {
  const text = '{\n  "a": [\n    1,\n    { "b": "x\\"y\\u0041" }\n  ],\n  "c": null\n}\n';
  const doc = parseJsonWithPositions(text);

  it('parses like JSON.parse', () => {
    expect(doc.value).toEqual(JSON.parse(text));
  });

  it('gives the lines of members and containers', () => {
    const root = doc.value as { a: unknown[] };
    expect(doc.spanOf(root)).toEqual({ startLine: 1, startColumn: 1, endLine: 7, endColumn: 2 });
    expect(doc.memberSpan(root, 'a')).toEqual({
      startLine: 2,
      startColumn: 8,
      endLine: 5,
      endColumn: 4,
    });
    expect(doc.memberSpan(root.a, 1)?.startLine).toBe(4);
    expect(doc.memberSpan(root, 'c')).toEqual({
      startLine: 6,
      startColumn: 8,
      endLine: 6,
      endColumn: 12,
    });
  });

  it('gives columns on a one-line document, as terraform show -json writes it', () => {
    const oneLine = parseJsonWithPositions('{"r":[{"a":1},{"b":"x"}]}');
    const r = (oneLine.value as { r: object[] }).r;
    expect(oneLine.memberSpan(r, 1)).toEqual({
      startLine: 1,
      startColumn: 15,
      endLine: 1,
      endColumn: 24,
    });
  });

  it('reports syntax errors with a line', () => {
    expect(() => parseJsonWithPositions('{\n "a": tru }')).toThrow(JsonSyntaxError);
    let caught: unknown;
    try {
      parseJsonWithPositions('{\n "a": 1,\n}');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(JsonSyntaxError);
    expect((caught as JsonSyntaxError).line).toBe(3);
  });
});

describe('parseResourceAddress', () => {
  it('reads module instances, data mode and keys with dots and brackets', () => {
    expect(parseResourceAddress('module.a["k.1]"].module.b[0].data.aws_x.y["z"]')).toEqual({
      modules: [
        { name: 'a', key: 'k.1]' },
        { name: 'b', key: 0 },
      ],
      mode: 'data',
      type: 'aws_x',
      name: 'y',
      key: 'z',
    });
    expect(parseResourceAddress('aws_s3_bucket.logs')).toEqual({
      modules: [],
      mode: 'managed',
      type: 'aws_s3_bucket',
      name: 'logs',
      key: undefined,
    });
    expect(parseResourceAddress('aws_s3_bucket')).toBeUndefined();
  });
});
