/**
 * Text forms of Rego values the way OPA writes them: the Rego literal form (used by
 * sprintf's %v and in messages) and Go's encoding/json form (json.marshal).
 */
import { RegoObject, RegoSet, type RegoValue } from '../value.js';

/** Integers print as plain digits (never 1e+21); other numbers in JS shortest form. */
export function formatNumber(n: number): string {
  if (Object.is(n, -0)) return '0';
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  return String(n);
}

const SHORT_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Go's strconv.Quote: printable characters stay, the rest is escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (SHORT_ESCAPES[ch]) out += SHORT_ESCAPES[ch];
    else if (c < 0x20 || c === 0x7f) out += '\\x' + hex(c, 2);
    else if ((c >= 0x80 && c < 0xa0) || c === 0xad || c === 0x2028 || c === 0x2029) {
      out += '\\u' + hex(c, 4);
    } else out += ch;
  }
  return out + '"';
}

/** The Rego literal form of a value, as OPA's Value.String() prints it. */
export function regoString(v: RegoValue): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return String(v);
    case 'number':
      return formatNumber(v);
    case 'string':
      return goQuote(v);
  }
  if (Array.isArray(v)) return '[' + v.map(regoString).join(', ') + ']';
  if (v instanceof RegoObject) {
    return (
      '{' +
      v
        .sorted()
        .map(([k, x]) => regoString(k) + ': ' + regoString(x))
        .join(', ') +
      '}'
    );
  }
  const s = v as RegoSet;
  if (s.size === 0) return 'set()';
  return '{' + s.sorted().map(regoString).join(', ') + '}';
}

/** A Go encoding/json string literal (HTML-safe, like json.Marshal). */
export function jsonQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += '\\u' + hex(c, 4);
    } else out += ch;
  }
  return out + '"';
}

/** Object keys as JSON sees them: strings as-is, anything else as its JSON text. */
export function jsonKey(k: RegoValue): string {
  return typeof k === 'string' ? k : jsonMarshal(k);
}

export interface MarshalOptions {
  indent?: string;
  prefix?: string;
}

/** Go json.Marshal (or MarshalIndent when indent/prefix are given); keys sorted. */
export function jsonMarshal(v: RegoValue, opts: MarshalOptions = {}): string {
  const pretty = opts.indent !== undefined || opts.prefix !== undefined;
  const indent = opts.indent ?? '';
  const prefix = opts.prefix ?? '';
  const write = (x: RegoValue, depth: number): string => {
    if (x === null) return 'null';
    if (typeof x === 'boolean') return String(x);
    if (typeof x === 'number') return formatNumber(x);
    if (typeof x === 'string') return jsonQuote(x);
    let items: string[];
    let open: string;
    let close: string;
    if (x instanceof RegoObject) {
      const pairs = x.entries.size
        ? [...x.entries.values()].map(([k, val]) => [jsonKey(k), val] as const)
        : [];
      pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      items = pairs.map(([k, val]) => jsonQuote(k) + (pretty ? ': ' : ':') + write(val, depth + 1));
      [open, close] = ['{', '}'];
    } else {
      const elems = Array.isArray(x) ? (x as readonly RegoValue[]) : (x as RegoSet).sorted();
      items = elems.map((e) => write(e, depth + 1));
      [open, close] = ['[', ']'];
    }
    if (items.length === 0) return open + close;
    if (!pretty) return open + items.join(',') + close;
    const inner = '\n' + prefix + indent.repeat(depth + 1);
    return open + inner + items.join(',' + inner) + '\n' + prefix + indent.repeat(depth) + close;
  };
  return write(v, 0);
}
