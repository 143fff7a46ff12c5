/**
 * A small JSON parser that remembers where each value was written, so that resources read
 * from a plan file can point at their place. `JSON.parse` gives no positions. Columns
 * matter: `terraform show -json` writes the whole plan on one line.
 */

export interface Span {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  /** Column just after the value's last character. */
  readonly endColumn: number;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface PositionedJson {
  readonly value: Json;
  /** Span of an object or array value. */
  spanOf(container: object): Span | undefined;
  /** Span of the value held under `key` of an object, or at `index` of an array. */
  memberSpan(container: object, key: string | number): Span | undefined;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** Parses `text` as JSON (RFC 8259) in linear time. Throws JsonSyntaxError. */
export function parseJsonWithPositions(text: string): PositionedJson {
  // Spans are kept as four numbers each in one flat array (far fewer objects on big plans);
  // containers and members refer to them by index.
  const flat: number[] = [];
  const spans = new WeakMap<object, number>();
  const members = new WeakMap<object, Map<string | number, number>>();
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = 0;
  /** Index in `flat` of the span of the value parseValue returned last. */
  let last = 0;

  const fail = (message: string): never => {
    throw new JsonSyntaxError(message, line, pos - lineStart + 1);
  };
  const skipWs = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      if (c === 0x0a) {
        line++;
        lineStart = pos + 1;
      }
      pos++;
    }
  };
  const expect = (code: number, ch: string): void => {
    if (text.charCodeAt(pos) !== code) fail(`expected '${ch}'`);
    pos++;
  };

  const parseString = (): string => {
    expect(0x22, '"');
    let out = '';
    let chunk = pos;
    for (;;) {
      if (pos >= text.length) fail('unterminated string');
      const c = text.charCodeAt(pos);
      if (c === 0x22) break;
      if (c === 0x0a) fail('newline in string');
      if (c === 0x5c) {
        out += text.slice(chunk, pos);
        const e = text[pos + 1];
        pos += 2;
        if (e === 'u') {
          const hex = text.slice(pos, pos + 4);
          if (!HEX4.test(hex)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 4;
        } else {
          const s = e === undefined ? undefined : ESCAPES[e];
          if (s === undefined) fail('bad escape');
          out += s;
        }
        chunk = pos;
        continue;
      }
      pos++;
    }
    out += text.slice(chunk, pos);
    pos++;
    return out;
  };

  const parseValue = (): Json => {
    skipWs();
    const startLine = line;
    const startColumn = pos - lineStart + 1;
    const c = text.charCodeAt(pos);
    let value: Json;
    if (c === 0x7b) {
      pos++;
      const obj: { [key: string]: Json } = {};
      const map = new Map<string | number, number>();
      skipWs();
      if (text.charCodeAt(pos) === 0x7d) pos++;
      else {
        for (;;) {
          skipWs();
          const key = parseString();
          skipWs();
          expect(0x3a, ':');
          obj[key] = parseValue();
          map.set(key, last);
          skipWs();
          const next = text.charCodeAt(pos++);
          if (next === 0x7d) break;
          if (next !== 0x2c) fail("expected ',' or '}'");
        }
      }
      members.set(obj, map);
      value = obj;
    } else if (c === 0x5b) {
      pos++;
      const arr: Json[] = [];
      const map = new Map<string | number, number>();
      skipWs();
      if (text.charCodeAt(pos) === 0x5d) pos++;
      else {
        for (;;) {
          const item = parseValue();
          map.set(arr.length, last);
          arr.push(item);
          skipWs();
          const next = text.charCodeAt(pos++);
          if (next === 0x5d) break;
          if (next !== 0x2c) fail("expected ',' or ']'");
        }
      }
      members.set(arr, map);
      value = arr;
    } else if (c === 0x22) {
      value = parseString();
    } else if (text.startsWith('true', pos)) {
      pos += 4;
      value = true;
    } else if (text.startsWith('false', pos)) {
      pos += 5;
      value = false;
    } else if (text.startsWith('null', pos)) {
      pos += 4;
      value = null;
    } else {
      NUMBER.lastIndex = pos;
      const found = NUMBER.exec(text);
      if (!found) return fail('unexpected character');
      pos += found[0].length;
      value = Number(found[0]);
    }
    last = flat.length;
    flat.push(startLine, startColumn, line, pos - lineStart + 1);
    if (value !== null && typeof value === 'object') spans.set(value, last);
    return value;
  };

  const spanAt = (i: number | undefined): Span | undefined =>
    i === undefined
      ? undefined
      : {
          startLine: flat[i] ?? 0,
          startColumn: flat[i + 1] ?? 0,
          endLine: flat[i + 2] ?? 0,
          endColumn: flat[i + 3] ?? 0,
        };

  const value = parseValue();
  skipWs();
  if (pos < text.length) fail('unexpected text after the JSON value');
  return {
    value,
    spanOf: (container) => spanAt(spans.get(container)),
    memberSpan: (container, key) => spanAt(members.get(container)?.get(key)),
  };
}
