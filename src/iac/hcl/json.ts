/**
 * HCL JSON syntax (`.tf.json`) into the same Body shape as the native parser.
 * Terraform's schema decides blocks versus attributes: the top-level keys below are blocks
 * with their label depth; everything inside a block body is an attribute (an object value
 * stays an object expression). Strings are templates (`"${var.x}"` is interpolated).
 */
import type { Diagnostic, SourceComment } from '../types.js';
import type {
  Attribute,
  Block,
  Body,
  Expression,
  ObjectItem,
  ParseResult,
  Pos,
  Range,
} from './ast.js';
import { parseTemplateText } from './parser.js';
import { LineTable, SpanRange } from './positions.js';

/** Top-level Terraform block types and how many labels each takes. */
const BLOCK_LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  module: 1,
  provider: 1,
  variable: 1,
  output: 1,
  locals: 0,
  terraform: 0,
  moved: 0,
  import: 0,
  removed: 0,
  check: 1,
};

type JNode =
  | { t: 'object'; props: JProp[]; start: number; end: number }
  | { t: 'array'; items: JNode[]; start: number; end: number }
  | { t: 'string'; value: string; raw: boolean; start: number; end: number }
  | { t: 'number'; value: number; start: number; end: number }
  | { t: 'bool'; value: boolean; start: number; end: number }
  | { t: 'null'; start: number; end: number };

interface JProp {
  key: string;
  keyStart: number;
  keyEnd: number;
  /** True when the key string had no escapes (offsets map one to one). */
  keyRaw: boolean;
  value: JNode;
}

class JsonFailure extends Error {}

const MAX_DEPTH = 512;

class JsonReader {
  pos = 0;
  readonly diagnostics: Diagnostic[] = [];
  private depth = 0;
  private readonly table: LineTable;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    this.table = new LineTable(text);
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  posAt(offset: number): Pos {
    return this.table.pos(offset);
  }

  range(start: number, end: number): Range {
    return new SpanRange(this.file, this.table, start, end);
  }

  diag(code: string, message: string, offset: number): void {
    const p = this.posAt(offset);
    this.diagnostics.push({
      code,
      severity: 'error',
      message,
      file: this.file,
      line: p.line,
      column: p.column,
    });
  }

  fail(message: string, offset: number): never {
    this.diag('CW-HCL-040', message, offset);
    throw new JsonFailure(message);
  }

  private ws(): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === 10 || c === 13 || c === 9) p++;
      else break;
    }
    this.pos = p;
  }

  value(): JNode {
    this.ws();
    const t = this.text;
    const start = this.pos;
    const c = t.charCodeAt(start);
    if (c === 123) return this.object();
    if (c === 91) return this.array();
    if (c === 34) {
      const s = this.string();
      return { t: 'string', value: s.value, raw: s.raw, start, end: this.pos };
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      let p = start + 1;
      while (p < t.length && /[0-9eE+\-.]/.test(t[p] as string)) p++;
      const text = t.slice(start, p);
      const value = Number(text);
      if (!/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text) || Number.isNaN(value)) {
        this.fail(`Invalid JSON number "${text}"`, start);
      }
      this.pos = p;
      return { t: 'number', value, start, end: p };
    }
    for (const [word, node] of [
      ['true', { t: 'bool', value: true }],
      ['false', { t: 'bool', value: false }],
      ['null', { t: 'null' }],
    ] as const) {
      if (t.startsWith(word, start)) {
        this.pos = start + word.length;
        return { ...node, start, end: this.pos } as JNode;
      }
    }
    if (start >= t.length) this.fail('Unexpected end of JSON input', start);
    return this.fail(`Unexpected character "${t[start]}" in JSON`, start);
  }

  private enter(at: number): void {
    if (++this.depth > MAX_DEPTH) this.fail('JSON nested too deeply', at);
  }

  private object(): JNode {
    const start = this.pos;
    this.enter(start);
    this.pos++;
    const props: JProp[] = [];
    this.ws();
    if (this.text.charCodeAt(this.pos) === 125) {
      this.pos++;
      this.depth--;
      return { t: 'object', props, start, end: this.pos };
    }
    for (;;) {
      this.ws();
      const keyStart = this.pos;
      if (this.text.charCodeAt(keyStart) !== 34)
        this.fail('Expected a string key in JSON object', keyStart);
      const key = this.string();
      const keyEnd = this.pos;
      this.ws();
      if (this.text.charCodeAt(this.pos) !== 58)
        this.fail('Expected ":" after JSON object key', this.pos);
      this.pos++;
      const value = this.value();
      props.push({ key: key.value, keyStart, keyEnd, keyRaw: key.raw, value });
      this.ws();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c === 125) {
        this.pos++;
        break;
      }
      this.fail('Expected "," or "}" in JSON object', this.pos);
    }
    this.depth--;
    return { t: 'object', props, start, end: this.pos };
  }

  private array(): JNode {
    const start = this.pos;
    this.enter(start);
    this.pos++;
    const items: JNode[] = [];
    this.ws();
    if (this.text.charCodeAt(this.pos) === 93) {
      this.pos++;
      this.depth--;
      return { t: 'array', items, start, end: this.pos };
    }
    for (;;) {
      items.push(this.value());
      this.ws();
      const c = this.text.charCodeAt(this.pos);
      if (c === 44) {
        this.pos++;
        continue;
      }
      if (c === 93) {
        this.pos++;
        break;
      }
      this.fail('Expected "," or "]" in JSON array', this.pos);
    }
    this.depth--;
    return { t: 'array', items, start, end: this.pos };
  }

  private string(): { value: string; raw: boolean } {
    const t = this.text;
    const start = this.pos;
    let p = start + 1;
    let out = '';
    let raw = true;
    for (;;) {
      let q = p;
      while (q < t.length) {
        const c = t.charCodeAt(q);
        if (c === 34 || c === 92 || c < 32) break;
        q++;
      }
      out += t.slice(p, q);
      p = q;
      if (p >= t.length) this.fail('Unterminated JSON string', start);
      const c = t.charCodeAt(p);
      if (c === 34) {
        p++;
        break;
      }
      if (c < 32) this.fail('Unescaped control character in JSON string', p);
      raw = false;
      const e = t[p + 1];
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (e !== undefined && simple[e] !== undefined) {
        out += simple[e];
        p += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(p + 2, p + 6))) {
        out += String.fromCharCode(parseInt(t.slice(p + 2, p + 6), 16));
        p += 6;
      } else {
        this.fail(`Invalid escape in JSON string`, p);
      }
    }
    this.pos = p;
    return { value: out, raw };
  }

  finish(): void {
    this.ws();
    if (this.pos < this.text.length) this.fail('Unexpected content after the JSON value', this.pos);
  }
}

class JsonConverter {
  readonly comments: SourceComment[] = [];

  constructor(private readonly r: JsonReader) {}

  /** A JSON string as a standalone template, positions mapped back into the file. */
  private template(value: string, start: number, end: number, raw: boolean): Expression {
    const r = this.r;
    const base = r.posAt(start + 1);
    const mapper = raw
      ? (o: number): Pos => ({
          line: base.line,
          column: base.column + o,
          offset: base.offset + o,
        })
      : (): Pos => r.posAt(start);
    const parsed = parseTemplateText(value, r.file, mapper);
    for (const d of parsed.diagnostics) r.diagnostics.push(d);
    if (parsed.expr) return parsed.expr;
    return { kind: 'literal', value, range: r.range(start, end) };
  }

  expression(node: JNode): Expression {
    const range = this.r.range(node.start, node.end);
    switch (node.t) {
      case 'string':
        return this.template(node.value, node.start, node.end, node.raw);
      case 'number':
      case 'bool':
        return { kind: 'literal', value: node.value, range };
      case 'null':
        return { kind: 'literal', value: null, range };
      case 'array':
        return { kind: 'tuple', items: node.items.map((i) => this.expression(i)), range };
      case 'object': {
        const items: ObjectItem[] = node.props.map((p) => ({
          key: this.template(p.key, p.keyStart, p.keyEnd, p.keyRaw),
          bareKey: false,
          value: this.expression(p.value),
        }));
        return { kind: 'object', items, range };
      }
    }
  }

  /** Body of a block: every property is an attribute (`"//"` is a comment). */
  body(node: JNode): Body {
    const attributes: Attribute[] = [];
    const objects = node.t === 'array' ? node.items : [node];
    for (const obj of objects) {
      if (obj.t !== 'object') {
        this.r.diag('CW-HCL-041', 'A block body must be a JSON object', obj.start);
        continue;
      }
      for (const p of obj.props) {
        if (p.key === '//') {
          this.comment(p);
          continue;
        }
        const expr = this.expression(p.value);
        attributes.push({
          name: p.key,
          nameRange: this.r.range(p.keyStart, p.keyEnd),
          expr,
          range: this.r.range(p.keyStart, p.value.end),
        });
      }
    }
    return { attributes, blocks: [], range: this.r.range(node.start, node.end) };
  }

  private comment(p: JProp): void {
    const v = p.value;
    const text = v.t === 'string' ? v.value : this.r.text.slice(v.start, v.end);
    this.comments.push({ text, line: this.r.posAt(p.keyStart).line });
  }

  /** Blocks of `type` from a property value, consuming `depth` label levels. */
  blocks(
    type: string,
    typeStart: number,
    typeEnd: number,
    node: JNode,
    depth: number,
    labels: string[],
    labelRanges: Range[],
    out: Block[],
  ): void {
    if (depth === 0) {
      const bodies = node.t === 'array' ? node.items : [node];
      for (const b of bodies) {
        if (b.t !== 'object') {
          this.r.diag('CW-HCL-041', `A "${type}" block body must be a JSON object`, b.start);
          continue;
        }
        out.push({
          type,
          labels: [...labels],
          labelRanges: [...labelRanges],
          body: this.body(b),
          range: this.r.range(typeStart, b.end),
          typeRange: this.r.range(typeStart, typeEnd),
        });
      }
      return;
    }
    const objects = node.t === 'array' ? node.items : [node];
    for (const obj of objects) {
      if (obj.t !== 'object') {
        this.r.diag('CW-HCL-041', `Expected a JSON object of "${type}" labels`, obj.start);
        continue;
      }
      for (const p of obj.props) {
        if (p.key === '//') {
          this.comment(p);
          continue;
        }
        this.blocks(
          type,
          typeStart,
          typeEnd,
          p.value,
          depth - 1,
          [...labels, p.key],
          [...labelRanges, this.r.range(p.keyStart, p.keyEnd)],
          out,
        );
      }
    }
  }
}

export function parseHclJson(text: string, file: string): ParseResult {
  const reader = new JsonReader(text, file);
  const empty: Body = { attributes: [], blocks: [], range: reader.range(0, text.length) };
  let root: JNode;
  try {
    root = reader.value();
    reader.finish();
  } catch (e) {
    if (!(e instanceof JsonFailure)) throw e;
    return { body: empty, diagnostics: reader.diagnostics, comments: [] };
  }
  const conv = new JsonConverter(reader);
  const attributes: Attribute[] = [];
  const blocks: Block[] = [];
  const objects = root.t === 'array' ? root.items : [root];
  for (const obj of objects) {
    if (obj.t !== 'object') {
      reader.diag('CW-HCL-041', 'The root of a .tf.json file must be a JSON object', obj.start);
      continue;
    }
    for (const p of obj.props) {
      if (p.key === '//') {
        conv.body({ t: 'object', props: [p], start: p.keyStart, end: p.value.end });
        continue;
      }
      const depth = BLOCK_LABELS[p.key];
      if (depth === undefined) {
        attributes.push({
          name: p.key,
          nameRange: reader.range(p.keyStart, p.keyEnd),
          expr: conv.expression(p.value),
          range: reader.range(p.keyStart, p.value.end),
        });
        continue;
      }
      conv.blocks(p.key, p.keyStart, p.keyEnd, p.value, depth, [], [], blocks);
    }
  }
  return {
    body: { attributes, blocks, range: reader.range(root.start, root.end) },
    diagnostics: reader.diagnostics,
    comments: conv.comments,
  };
}
