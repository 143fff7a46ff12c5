/**
 * Hand-written parser for the HCL native syntax. Tokens are scanned on demand from char
 * codes; templates (quoted strings, heredocs) are read char by char and recurse into the
 * expression parser for `${ }` and `%{ }`. Errors throw a ParseFailure that the body loop
 * catches; it then skips to the end of the broken item, so the other items survive.
 */
import type { Diagnostic, SourceComment } from '../types.js';
import type {
  Attribute,
  BinaryOp,
  Block,
  Body,
  Expression,
  ObjectItem,
  ParseResult,
  Pos,
  Range,
  TemplatePart,
} from './ast.js';
import { LineTable, SpanRange, endOffset, startOffset } from './positions.js';

// Token kinds.
const EOF = 0;
const NEWLINE = 1;
const IDENT = 2;
const NUMBER = 3;
const OQUOTE = 4;
const HEREDOC = 5;
const PUNCT = 6;
const INVALID = 7;

interface Token {
  type: number;
  start: number;
  end: number;
  /** Identifier name, number text, punctuation text, or heredoc marker. */
  text: string;
  /** For heredocs: `<<-` form. */
  flush?: boolean;
}

/** Thrown to abandon a broken item. Not an Error: no stack trace to capture. */
class ParseFailure {
  constructor(readonly message: string) {}
}

/** Diagnostics kept per file; later ones are counted, not listed. */
const MAX_DIAGNOSTICS = 100;

/** Deepest nesting of expressions/templates before we give up (keeps recursion bounded). */
const MAX_DEPTH = 256;

const BINARY_LEVEL: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /[\p{ID_Continue}-]/u;
const NON_ASCII = /[\u0080-\uFFFF]/;

function isIdentStartCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isIdentContCode(c: number): boolean {
  return isIdentStartCode(c) || (c >= 48 && c <= 57) || c === 45;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Maps offsets in a (sub-)text to positions in the real file. */
export interface PosMapper {
  (offset: number): Pos;
}

export interface TemplateItemFlat {
  type: 'literal' | 'interp' | 'if' | 'else' | 'endif' | 'for' | 'endfor';
  start: number;
  end: number;
  value?: string;
  /** True when the literal begins at the start of a source line (heredoc indent). */
  lineStart?: boolean;
  expr?: Expression;
  keyVar?: string;
  valueVar?: string;
  stripLeft?: boolean;
  stripRight?: boolean;
}

export class Parser {
  readonly text: string;
  readonly file: string;
  readonly diagnostics: Diagnostic[] = [];
  readonly comments: SourceComment[] = [];
  pos = 0;
  end: number;
  private nlIgnore = 0;
  private depth = 0;
  private lastComment = -1;
  /** Errors beyond MAX_DIAGNOSTICS. */
  suppressed = 0;
  /** Items an unclosed block handed back to its enclosing body. */
  private hoisted: (Attribute | Block)[] = [];
  /** Offset of the last failure, where recovery starts looking for the item's end. */
  private failAt = 0;
  private readonly table: LineTable;
  private cache: Token | undefined;
  private cachePos = -1;
  private cacheNl = -1;
  private cacheEnd = -1;

  constructor(text: string, file: string, mapper?: PosMapper) {
    this.text = text;
    this.file = file;
    this.end = text.length;
    this.table = new LineTable(text, mapper);
    if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
  }

  // ---- positions and diagnostics -------------------------------------------------------

  posAt(offset: number): Pos {
    return this.table.pos(offset);
  }

  range(start: number, end: number): Range {
    return new SpanRange(this.file, this.table, start, end);
  }

  /** From the start of `a` to the end of `b`. */
  private join(a: Range, b: Range): Range {
    return new SpanRange(this.file, this.table, startOffset(a), endOffset(b));
  }

  /** From the start of `a` to `end`. */
  private spanTo(a: Range, end: number): Range {
    return new SpanRange(this.file, this.table, startOffset(a), end);
  }

  error(code: string, message: string, offset: number): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS) {
      this.suppressed++;
      return;
    }
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

  fail(code: string, message: string, offset: number): never {
    this.failAt = offset;
    this.error(code, message, offset);
    throw new ParseFailure(message);
  }

  // ---- scanner ---------------------------------------------------------------------------

  private recordComment(start: number, end: number): void {
    if (start <= this.lastComment) return;
    this.lastComment = start;
    let e = end;
    while (e > start && (this.text.charCodeAt(e - 1) === 13 || this.text.charCodeAt(e - 1) === 32))
      e--;
    this.comments.push({ text: this.text.slice(start, e), line: this.posAt(start).line });
  }

  /** Skips spaces, tabs, comments, and (when ignored) newlines. */
  private skipTrivia(): void {
    const t = this.text;
    const end = this.end;
    let p = this.pos;
    while (p < end) {
      const c = t.charCodeAt(p);
      if (c === 32 || c === 9) {
        p++;
      } else if (c === 10) {
        if (this.nlIgnore > 0) p++;
        else break;
      } else if (c === 13) {
        if (t.charCodeAt(p + 1) === 10 && this.nlIgnore === 0) break;
        p++;
      } else if (c === 35 || (c === 47 && t.charCodeAt(p + 1) === 47)) {
        let e = t.indexOf('\n', p);
        if (e === -1 || e > end) e = end;
        this.recordComment(p, e);
        p = e;
      } else if (c === 47 && t.charCodeAt(p + 1) === 42) {
        const e = t.indexOf('*/', p + 2);
        if (e === -1 || e + 2 > end) {
          this.recordComment(p, end);
          this.pos = end;
          this.fail('CW-HCL-005', 'Unterminated block comment', p);
        }
        this.recordComment(p, e + 2);
        p = e + 2;
      } else {
        break;
      }
    }
    this.pos = p;
  }

  private scan(): Token {
    this.skipTrivia();
    const t = this.text;
    const start = this.pos;
    if (start >= this.end) return { type: EOF, start, end: start, text: '' };
    const c = t.charCodeAt(start);
    let p = start + 1;
    if (c === 10) {
      this.pos = p;
      return { type: NEWLINE, start, end: p, text: '\n' };
    }
    if (c === 13) {
      this.pos = p + 1;
      return { type: NEWLINE, start, end: p + 1, text: '\n' };
    }
    if (
      isIdentStartCode(c) ||
      (c > 127 && ID_START.test(String.fromCodePoint(t.codePointAt(start) ?? 0)))
    ) {
      if ((t.codePointAt(start) ?? 0) > 0xffff) p++;
      while (p < this.end) {
        const d = t.charCodeAt(p);
        if (isIdentContCode(d)) p++;
        else if (d > 127) {
          const cp = t.codePointAt(p) ?? 0;
          if (!ID_CONTINUE.test(String.fromCodePoint(cp))) break;
          p += cp > 0xffff ? 2 : 1;
        } else break;
      }
      this.pos = p;
      return { type: IDENT, start, end: p, text: this.intern(t.slice(start, p)) };
    }
    if (isDigit(c)) {
      while (isDigit(t.charCodeAt(p))) p++;
      if (t.charCodeAt(p) === 46 && isDigit(t.charCodeAt(p + 1))) {
        p += 2;
        while (isDigit(t.charCodeAt(p))) p++;
      }
      const e = t.charCodeAt(p);
      if (e === 101 || e === 69) {
        let q = p + 1;
        const s = t.charCodeAt(q);
        if (s === 43 || s === 45) q++;
        if (isDigit(t.charCodeAt(q))) {
          while (isDigit(t.charCodeAt(q))) q++;
          p = q;
        }
      }
      if (p > this.end) p = this.end;
      this.pos = p;
      return { type: NUMBER, start, end: p, text: t.slice(start, p) };
    }
    if (c === 34) {
      this.pos = p;
      return { type: OQUOTE, start, end: p, text: '"' };
    }
    const c2 = t.charCodeAt(p);
    if (c === 60 && c2 === 60) {
      // heredoc intro: << or <<- then identifier
      let q = p + 1;
      let flush = false;
      if (t.charCodeAt(q) === 45) {
        flush = true;
        q++;
      }
      const idStart = q;
      while (q < this.end && isIdentContCode(t.charCodeAt(q))) q++;
      if (q > idStart && isIdentStartCode(t.charCodeAt(idStart))) {
        this.pos = q;
        return { type: HEREDOC, start, end: q, text: t.slice(idStart, q), flush };
      }
      this.pos = p;
      return { type: INVALID, start, end: p, text: '<<' };
    }
    let op: string;
    switch (c) {
      case 61: // =
        op = c2 === 61 ? '==' : c2 === 62 ? '=>' : '=';
        break;
      case 33: // !
        op = c2 === 61 ? '!=' : '!';
        break;
      case 60: // <
        op = c2 === 61 ? '<=' : '<';
        break;
      case 62: // >
        op = c2 === 61 ? '>=' : '>';
        break;
      case 38: // &
        op = c2 === 38 ? '&&' : '';
        break;
      case 124: // |
        op = c2 === 124 ? '||' : '';
        break;
      case 46: // .
        op = c2 === 46 && t.charCodeAt(p + 1) === 46 ? '...' : '.';
        break;
      case 126: // ~
        op = c2 === 125 ? '~}' : '';
        break;
      case 43:
      case 45:
      case 42:
      case 47:
      case 37:
      case 123:
      case 125:
      case 91:
      case 93:
      case 40:
      case 41:
      case 44:
      case 58:
      case 63:
        op = t[start] as string;
        break;
      default:
        op = '';
    }
    if (op === '') {
      const cp = t.codePointAt(start) ?? 0;
      this.pos = start + (cp > 0xffff ? 2 : 1);
      return { type: INVALID, start, end: this.pos, text: String.fromCodePoint(cp) };
    }
    this.pos = start + op.length;
    return { type: PUNCT, start, end: this.pos, text: op };
  }

  /** One copy of each identifier, so a big tree does not hold thousands of "var"s. */
  private intern(s: string): string {
    const found = this.names.get(s);
    if (found !== undefined) return found;
    this.names.set(s, s);
    return s;
  }

  private readonly names = new Map<string, string>();

  peek(): Token {
    if (
      this.cache &&
      this.cachePos === this.pos &&
      this.cacheNl === this.nlIgnore &&
      this.cacheEnd === this.end
    ) {
      return this.cache;
    }
    const save = this.pos;
    const tok = this.scan();
    this.pos = save;
    this.cache = tok;
    this.cachePos = save;
    this.cacheNl = this.nlIgnore;
    this.cacheEnd = this.end;
    return tok;
  }

  next(): Token {
    const tok = this.peek();
    this.pos = tok.end;
    return tok;
  }

  /** The token after the next one. */
  peek2(): Token {
    const save = this.pos;
    this.next();
    const tok = this.peek();
    this.pos = save;
    return tok;
  }

  private isPunct(tok: Token, text: string): boolean {
    return tok.type === PUNCT && tok.text === text;
  }

  private expectPunct(text: string, what: string): Token {
    const tok = this.next();
    if (!this.isPunct(tok, text)) {
      this.fail('CW-HCL-020', `Expected ${what}, found ${describe(tok)}`, tok.start);
    }
    return tok;
  }

  private skipNewlines(): void {
    while (this.peek().type === NEWLINE) this.next();
  }

  // ---- structure -------------------------------------------------------------------------

  parseFile(): Body {
    const start = this.pos;
    const { attributes, blocks } = this.parseBodyItems(true);
    if (this.suppressed > 0) {
      this.diagnostics.push({
        code: 'CW-HCL-014',
        severity: 'error',
        message: `${this.suppressed} more syntax errors not shown`,
        file: this.file,
      });
    }
    return { attributes, blocks, range: this.range(start, this.end) };
  }

  /** Parses items until EOF (top level) or an unmatched `}` (left unconsumed). */
  private parseBodyItems(topLevel: boolean): { attributes: Attribute[]; blocks: Block[] } {
    const attributes: Attribute[] = [];
    const blocks: Block[] = [];
    const seen = new Set<string>();
    for (;;) {
      let tok: Token;
      try {
        this.skipNewlines();
        tok = this.peek();
      } catch (e) {
        if (!(e instanceof ParseFailure)) throw e;
        break; // unterminated comment: nothing more to read
      }
      if (tok.type === EOF) break;
      if (this.isPunct(tok, '}')) {
        if (!topLevel) break;
        this.error('CW-HCL-014', 'Unexpected "}": no block to close', tok.start);
        this.next();
        continue;
      }
      const before = tok.start;
      try {
        const item = this.parseItem(false);
        if ('expr' in item) {
          if (seen.has(item.name)) {
            this.error(
              'CW-HCL-030',
              `Duplicate argument "${item.name}": already defined in this body`,
              item.nameRange.start.offset,
            );
          }
          seen.add(item.name);
          attributes.push(item);
        } else {
          blocks.push(item);
        }
        if (this.hoisted.length > 0) {
          // items that an unclosed block gave back belong to this body
          for (const h of this.hoisted.splice(0)) {
            if ('expr' in h) attributes.push(h);
            else blocks.push(h);
          }
        }
        this.endOfItem();
      } catch (e) {
        if (!(e instanceof ParseFailure)) throw e;
        this.recover(before, topLevel);
        if (this.pos === before) this.pos = Math.min(this.end, this.pos + 1);
      }
    }
    return { attributes: exact(attributes), blocks: exact(blocks) };
  }

  /** After an item: a newline, EOF, or (leniently) the `}` closing the enclosing block. */
  private endOfItem(): void {
    const tok = this.peek();
    if (tok.type === NEWLINE) {
      this.next();
      return;
    }
    if (tok.type === EOF || this.isPunct(tok, '}')) return;
    this.fail(
      'CW-HCL-010',
      `Missing newline after argument or block definition, found ${describe(tok)}`,
      tok.start,
    );
  }

  /** An attribute or block, starting at an identifier. */
  private parseItem(oneLine: boolean): Attribute | Block {
    const nameTok = this.next();
    if (nameTok.type !== IDENT) {
      this.fail(
        nameTok.type === INVALID ? 'CW-HCL-001' : 'CW-HCL-014',
        `An argument or block definition is required here, found ${describe(nameTok)}`,
        nameTok.start,
      );
    }
    const after = this.peek();
    if (this.isPunct(after, '=')) {
      this.next();
      const nameRange = this.range(nameTok.start, nameTok.end);
      const expr = this.parseExpression();
      return { name: nameTok.text, nameRange, expr, range: this.join(nameRange, expr.range) };
    }
    if (oneLine) {
      this.fail(
        'CW-HCL-012',
        'A single-line block definition cannot contain another block definition',
        nameTok.start,
      );
    }
    const typeRange = this.range(nameTok.start, nameTok.end);
    const labels: string[] = [];
    const labelRanges: Range[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.type === IDENT) {
        this.next();
        labels.push(tok.text);
        labelRanges.push(this.range(tok.start, tok.end));
      } else if (tok.type === OQUOTE) {
        this.next();
        const expr = this.parseQuoted(tok.start);
        if (expr.kind !== 'literal' || typeof expr.value !== 'string') {
          this.fail('CW-HCL-023', 'Block labels cannot contain template sequences', tok.start);
        }
        labels.push(expr.value);
        labelRanges.push(expr.range);
      } else if (this.isPunct(tok, '{')) {
        break;
      } else {
        this.fail(
          'CW-HCL-011',
          `Invalid block definition: expected "=", a label or "{" after "${nameTok.text}", found ${describe(tok)}`,
          tok.start,
        );
      }
    }
    const open = this.next();
    const bodyStart = open.start;
    let attributes: Attribute[] = [];
    let blocks: Block[] = [];
    const first = this.peek();
    if (first.type === NEWLINE) {
      ({ attributes, blocks } = this.parseBodyItems(false));
      const close = this.peek();
      if (!this.isPunct(close, '}')) {
        // keep what was read; items indented no deeper than this block's own line were
        // most likely meant to follow it, so hand them back to the enclosing body
        this.error('CW-HCL-013', `Unclosed block "${nameTok.text}": missing "}"`, open.start);
        const column = this.posAt(nameTok.start).column;
        const cut = [...attributes.map((a) => a.range), ...blocks.map((b) => b.range)]
          .map((r) => r.start)
          .filter((p) => p.column <= column)
          .reduce((m, p) => Math.min(m, p.offset), Infinity);
        const keep = (r: Range): boolean => startOffset(r) < cut;
        this.hoisted.push(
          ...attributes.filter((a) => !keep(a.range)),
          ...blocks.filter((b) => !keep(b.range)),
        );
        const kept = {
          attributes: attributes.filter((a) => keep(a.range)),
          blocks: blocks.filter((b) => keep(b.range)),
        };
        const end = cut === Infinity ? close.start : cut;
        return {
          type: nameTok.text,
          labels: exact(labels),
          labelRanges: exact(labelRanges),
          body: { ...kept, range: this.range(bodyStart, end) },
          range: this.spanTo(typeRange, end),
          typeRange,
        };
      }
    } else if (!this.isPunct(first, '}')) {
      // one-line block: at most one attribute, closing brace on the same line
      try {
        const inner = this.parseItem(true) as Attribute;
        attributes.push(inner);
        const close = this.peek();
        if (close.type === NEWLINE || close.type === EOF) {
          this.fail(
            'CW-HCL-012',
            'The closing brace for a single-line block definition must be on the same line',
            close.start,
          );
        }
        if (!this.isPunct(close, '}')) {
          this.fail(
            'CW-HCL-012',
            'Only one argument is allowed in a single-line block definition',
            close.start,
          );
        }
      } catch (e) {
        if (!(e instanceof ParseFailure)) throw e;
        // keep the block; resume at its closing brace
        if (!this.skipToCloseBrace()) throw e;
      }
    }
    const close = this.next(); // the '}'
    return {
      type: nameTok.text,
      labels: exact(labels),
      labelRanges: exact(labelRanges),
      body: { attributes, blocks, range: this.range(bodyStart, close.end) },
      range: this.spanTo(typeRange, close.end),
      typeRange,
    };
  }

  // ---- error recovery --------------------------------------------------------------------

  /**
   * Skips to the end of a broken item: a newline outside brackets, or an unmatched `}`
   * (left for the enclosing block). At top level a line starting with an identifier in
   * column 1 also ends the skip, so one bad block cannot swallow the next.
   */
  private recover(itemStart: number, topLevel: boolean): void {
    const t = this.text;
    const errorAt = Math.min(this.failAt, this.pos);
    const indent = itemStart - (t.lastIndexOf('\n', itemStart - 1) + 1);
    let p = itemStart;
    let depth = 0;
    while (p < this.end) {
      const c = t.charCodeAt(p);
      if (c === 10) {
        p++;
        if (p <= errorAt) continue;
        if (depth <= 0) break;
        if (topLevel && isIdentStartCode(t.charCodeAt(p))) break;
        if (this.looksLikeItemStart(p, indent)) break;
      } else if (c === 123 || c === 91 || c === 40) {
        depth++;
        p++;
      } else if (c === 125 || c === 93 || c === 41) {
        if (depth === 0 && c === 125) break;
        depth--;
        p++;
      } else if (c === 34) {
        p = this.skipQuotedRaw(p + 1);
      } else if (c === 35 || (c === 47 && t.charCodeAt(p + 1) === 47)) {
        let e = t.indexOf('\n', p);
        if (e === -1) e = this.end;
        this.recordComment(p, e);
        p = e;
      } else if (c === 47 && t.charCodeAt(p + 1) === 42) {
        const e = t.indexOf('*/', p + 2);
        this.recordComment(p, e === -1 ? this.end : e + 2);
        p = e === -1 ? this.end : e + 2;
      } else if (c === 60 && t.charCodeAt(p + 1) === 60) {
        p = this.skipHeredocRaw(p);
      } else {
        p++;
      }
    }
    this.pos = Math.min(p, this.end);
  }

  /**
   * Whether the line at `p` starts a new item of the body being recovered: an argument or
   * block at no deeper indentation, or a `}` that closes the enclosing block.
   */
  private looksLikeItemStart(p: number, indent: number): boolean {
    const t = this.text;
    let q = p;
    while (t.charCodeAt(q) === 32 || t.charCodeAt(q) === 9) q++;
    const col = q - p;
    const c = t.charCodeAt(q);
    if (c === 125) return col < indent;
    if (col > indent || !isIdentStartCode(c)) return false;
    while (q < this.end && isIdentContCode(t.charCodeAt(q))) q++;
    while (t.charCodeAt(q) === 32 || t.charCodeAt(q) === 9) q++;
    const d = t.charCodeAt(q);
    if (d === 61) return t.charCodeAt(q + 1) !== 61 && t.charCodeAt(q + 1) !== 62; // = but not == =>
    return d === 123 || d === 34 || isIdentStartCode(d);
  }

  /** After an error inside a one-line block: move to its closing `}`; false if none. */
  private skipToCloseBrace(): boolean {
    const t = this.text;
    let p = this.pos;
    let depth = 0;
    while (p < this.end) {
      const c = t.charCodeAt(p);
      if (c === 34) {
        p = this.skipQuotedRaw(p + 1);
        continue;
      }
      if (c === 123) depth++;
      else if (c === 125) {
        if (depth === 0) break;
        depth--;
      }
      p++;
    }
    this.pos = p;
    return p < this.end;
  }

  /** Skips a quoted string body for recovery: to the closing quote or end of line. */
  private skipQuotedRaw(p: number): number {
    const t = this.text;
    while (p < this.end) {
      const c = t.charCodeAt(p);
      if (c === 92) p += 2;
      else if (c === 34) return p + 1;
      else if (c === 10) return p;
      else p++;
    }
    return this.end;
  }

  private skipHeredocRaw(p: number): number {
    const t = this.text;
    let q = p + 2;
    if (t.charCodeAt(q) === 45) q++;
    const idStart = q;
    while (q < this.end && isIdentContCode(t.charCodeAt(q))) q++;
    if (q === idStart) return p + 2;
    const marker = t.slice(idStart, q);
    const found = this.findHeredocEnd(q, marker);
    return found ? found.after : q;
  }

  // ---- expressions -----------------------------------------------------------------------

  parseExpression(): Expression {
    if (++this.depth > MAX_DEPTH) {
      this.fail('CW-HCL-021', 'Expression nested too deeply', this.pos);
    }
    try {
      const cond = this.parseBinary(1);
      const q = this.peek();
      if (!this.isPunct(q, '?')) return cond;
      this.next();
      const trueExpr = this.parseExpression();
      this.expectPunct(':', '":" in conditional expression');
      const falseExpr = this.parseExpression();
      return {
        kind: 'conditional',
        condition: cond,
        trueExpr,
        falseExpr,
        range: this.join(cond.range, falseExpr.range),
      };
    } finally {
      this.depth--;
    }
  }

  /** Precedence climbing: operators of `minLevel` or tighter, left-associative. */
  private parseBinary(minLevel: number): Expression {
    let left = this.parseUnary();
    for (;;) {
      const tok = this.peek();
      if (tok.type !== PUNCT) return left;
      const level = BINARY_LEVEL[tok.text];
      if (level === undefined || level < minLevel) return left;
      this.next();
      const right = this.parseBinary(level + 1);
      left = {
        kind: 'binary',
        op: tok.text as BinaryOp,
        left,
        right,
        range: this.join(left.range, right.range),
      };
    }
  }

  private parseUnary(): Expression {
    const tok = this.peek();
    if (this.isPunct(tok, '-') || this.isPunct(tok, '!')) {
      this.next();
      if (++this.depth > MAX_DEPTH)
        this.fail('CW-HCL-021', 'Expression nested too deeply', tok.start);
      try {
        const operand = this.parseUnary();
        const range = this.range(tok.start, endOffset(operand.range));
        if (tok.text === '-' && operand.kind === 'literal' && typeof operand.value === 'number') {
          return { kind: 'literal', value: -operand.value, range };
        }
        return { kind: 'unary', op: tok.text as '-' | '!', operand, range };
      } finally {
        this.depth--;
      }
    }
    return this.parseTerm();
  }

  private parseTerm(): Expression {
    let expr = this.parsePrimary();
    for (;;) {
      const tok = this.peek();
      if (tok.type !== PUNCT) return expr;
      if (tok.text === '.') {
        const save = this.pos;
        this.next();
        const nt = this.peek();
        if (nt.type === IDENT) {
          this.next();
          expr = {
            kind: 'getAttr',
            object: expr,
            name: nt.text,
            range: this.spanTo(expr.range, nt.end),
          };
        } else if (nt.type === NUMBER) {
          this.next();
          expr = this.legacyIndex(expr, nt);
        } else if (this.isPunct(nt, '*')) {
          this.next();
          expr = this.parseSplat(expr, false, nt.end);
        } else {
          this.pos = save;
          this.fail(
            'CW-HCL-020',
            `Expected an attribute name after ".", found ${describe(nt)}`,
            nt.start,
          );
        }
      } else if (tok.text === '[') {
        this.next();
        this.nlIgnore++;
        try {
          const star = this.peek();
          if (this.isPunct(star, '*')) {
            this.next();
            const close = this.expectPunct(']', '"]" after "[*"');
            this.nlIgnore--;
            expr = this.parseSplat(expr, true, close.end);
            this.nlIgnore++;
          } else {
            const key = this.parseExpression();
            const close = this.expectPunct(']', '"]" to close the index');
            expr = {
              kind: 'index',
              object: expr,
              key,
              legacy: false,
              range: this.spanTo(expr.range, close.end),
            };
          }
        } finally {
          this.nlIgnore--;
        }
      } else {
        return expr;
      }
    }
  }

  private legacyIndex(expr: Expression, nt: Token): Expression {
    // `foo.0.1` scans as the number "0.1": split it into two indexes
    let offset = nt.start;
    for (const part of nt.text.split('.')) {
      if (!/^\d+$/.test(part)) {
        this.fail('CW-HCL-020', `Invalid legacy index "${nt.text}"`, nt.start);
      }
      const end = offset + part.length;
      expr = {
        kind: 'index',
        object: expr,
        key: { kind: 'literal', value: Number(part), range: this.range(offset, end) },
        legacy: true,
        range: this.spanTo(expr.range, end),
      };
      offset = end + 1;
    }
    return expr;
  }

  /** Parses the traversal applied to each element after `.*` or `[*]`. */
  private parseSplat(source: Expression, full: boolean, starEnd: number): Expression {
    let each: Expression = { kind: 'splatItem', range: this.range(starEnd, starEnd) };
    for (;;) {
      const tok = this.peek();
      if (this.isPunct(tok, '.')) {
        const save = this.pos;
        this.next();
        const nt = this.peek();
        if (nt.type === IDENT) {
          this.next();
          each = {
            kind: 'getAttr',
            object: each,
            name: nt.text,
            range: this.spanTo(each.range, nt.end),
          };
          continue;
        }
        if (nt.type === NUMBER && full) {
          this.next();
          each = this.legacyIndex(each, nt);
          continue;
        }
        this.pos = save;
        break;
      }
      if (full && this.isPunct(tok, '[')) {
        const save = this.pos;
        this.next();
        this.nlIgnore++;
        try {
          if (this.isPunct(this.peek(), '*')) {
            this.pos = save;
            break;
          }
          const key = this.parseExpression();
          const close = this.expectPunct(']', '"]" to close the index');
          each = {
            kind: 'index',
            object: each,
            key,
            legacy: false,
            range: this.spanTo(each.range, close.end),
          };
        } finally {
          this.nlIgnore--;
        }
        continue;
      }
      break;
    }
    return {
      kind: 'splat',
      source,
      each,
      full,
      range:
        endOffset(each.range) >= starEnd
          ? this.join(source.range, each.range)
          : this.spanTo(source.range, starEnd),
    };
  }

  private parsePrimary(): Expression {
    const tok = this.next();
    switch (tok.type) {
      case NUMBER:
        return { kind: 'literal', value: Number(tok.text), range: this.range(tok.start, tok.end) };
      case IDENT:
        return this.parseIdentTerm(tok);
      case OQUOTE:
        return this.parseQuoted(tok.start);
      case HEREDOC:
        return this.parseHeredoc(tok);
      case PUNCT:
        if (tok.text === '(') {
          this.nlIgnore++;
          try {
            const inner = this.parseExpression();
            const close = this.expectPunct(')', '")" to close the parentheses');
            return { kind: 'parens', expr: inner, range: this.range(tok.start, close.end) };
          } finally {
            this.nlIgnore--;
          }
        }
        if (tok.text === '[') return this.parseTuple(tok);
        if (tok.text === '{') return this.parseObject(tok);
        break;
      case INVALID:
        return this.fail(
          'CW-HCL-001',
          `Invalid character ${describe(tok)} in expression`,
          tok.start,
        );
      default:
        break;
    }
    return this.fail('CW-HCL-020', `Expected an expression, found ${describe(tok)}`, tok.start);
  }

  private parseIdentTerm(tok: Token): Expression {
    const range = this.range(tok.start, tok.end);
    switch (tok.text) {
      case 'true':
        return { kind: 'literal', value: true, range };
      case 'false':
        return { kind: 'literal', value: false, range };
      case 'null':
        return { kind: 'literal', value: null, range };
    }
    let name = tok.text;
    let nameEnd = tok.end;
    // provider-defined functions: provider::aws::arn_parse(...)
    while (this.text.charCodeAt(this.pos) === 58 && this.text.charCodeAt(this.pos + 1) === 58) {
      const save = this.pos;
      this.pos += 2;
      const part = this.peek();
      if (part.type !== IDENT || part.start !== save + 2) {
        this.pos = save;
        break;
      }
      this.next();
      name += '::' + part.text;
      nameEnd = part.end;
    }
    const open = this.peek();
    if (this.isPunct(open, '(') && open.start === nameEnd) {
      this.next();
      return this.parseCall(name, tok.start, nameEnd);
    }
    if (name !== tok.text) {
      this.fail('CW-HCL-020', `Expected "(" after function name "${name}"`, nameEnd);
    }
    return { kind: 'variable', name, range };
  }

  private parseCall(name: string, start: number, nameEnd: number): Expression {
    this.nlIgnore++;
    try {
      const args: Expression[] = [];
      let expandFinal = false;
      for (;;) {
        const tok = this.peek();
        if (this.isPunct(tok, ')')) break;
        args.push(this.parseExpression());
        const sep = this.peek();
        if (this.isPunct(sep, '...')) {
          this.next();
          expandFinal = true;
          if (!this.isPunct(this.peek(), ')')) {
            this.fail('CW-HCL-020', 'Expected ")" after "..." in function call', this.peek().start);
          }
          break;
        }
        if (this.isPunct(sep, ',')) {
          this.next();
          continue;
        }
        if (!this.isPunct(sep, ')')) {
          this.fail(
            'CW-HCL-020',
            `Expected "," or ")" in call to "${name}", found ${describe(sep)}`,
            sep.start,
          );
        }
      }
      const close = this.next();
      return {
        kind: 'call',
        name,
        nameRange: this.range(start, nameEnd),
        args: exact(args),
        expandFinal,
        range: this.range(start, close.end),
      };
    } finally {
      this.nlIgnore--;
    }
  }

  private isForIntro(): boolean {
    const tok = this.peek();
    if (tok.type !== IDENT || tok.text !== 'for') return false;
    const nt = this.peek2();
    return nt.type === IDENT;
  }

  private parseTuple(open: Token): Expression {
    this.nlIgnore++;
    try {
      if (this.isForIntro()) return this.parseFor(open, false);
      const items: Expression[] = [];
      for (;;) {
        if (this.isPunct(this.peek(), ']')) break;
        items.push(this.parseExpression());
        const sep = this.peek();
        if (this.isPunct(sep, ',')) {
          this.next();
          continue;
        }
        if (!this.isPunct(sep, ']')) {
          this.fail(
            'CW-HCL-020',
            `Expected "," or "]" in tuple, found ${describe(sep)}`,
            sep.start,
          );
        }
      }
      const close = this.next();
      return { kind: 'tuple', items: exact(items), range: this.range(open.start, close.end) };
    } finally {
      this.nlIgnore--;
    }
  }

  private parseObject(open: Token): Expression {
    // Newlines separate items, so they stay significant at this level.
    const savedNl = this.nlIgnore;
    this.nlIgnore = 0;
    try {
      this.nlIgnore = 1;
      const isFor = this.isForIntro();
      this.nlIgnore = 0;
      if (isFor) {
        this.nlIgnore = 1;
        return this.parseFor(open, true);
      }
      const items: ObjectItem[] = [];
      for (;;) {
        this.skipNewlines();
        if (this.isPunct(this.peek(), '}')) break;
        items.push(this.parseObjectItem());
        const sep = this.peek();
        if (this.isPunct(sep, ',') || sep.type === NEWLINE) {
          this.next();
          continue;
        }
        if (!this.isPunct(sep, '}')) {
          this.fail(
            'CW-HCL-020',
            `Expected ",", a newline or "}" after an object item, found ${describe(sep)}`,
            sep.start,
          );
        }
      }
      const close = this.next();
      return { kind: 'object', items: exact(items), range: this.range(open.start, close.end) };
    } finally {
      this.nlIgnore = savedNl;
    }
  }

  private parseObjectItem(): ObjectItem {
    const tok = this.peek();
    let key: Expression;
    let bareKey = false;
    const after = tok.type === IDENT ? this.peek2() : undefined;
    if (after && (this.isPunct(after, '=') || this.isPunct(after, ':'))) {
      this.next();
      key = { kind: 'literal', value: tok.text, range: this.range(tok.start, tok.end) };
      bareKey = true;
    } else {
      this.nlIgnore++;
      try {
        key = this.parseExpression();
      } finally {
        this.nlIgnore--;
      }
      if (key.kind === 'variable') {
        key = { kind: 'literal', value: key.name, range: key.range };
        bareKey = true;
      }
    }
    const eq = this.next();
    if (!this.isPunct(eq, '=') && !this.isPunct(eq, ':')) {
      this.fail(
        'CW-HCL-020',
        `Expected "=" or ":" after object key, found ${describe(eq)}`,
        eq.start,
      );
    }
    const value = this.parseExpression();
    return { key, bareKey, value };
  }

  private parseFor(open: Token, isObject: boolean): Expression {
    this.next(); // 'for'
    const first = this.next();
    if (first.type !== IDENT)
      this.fail('CW-HCL-020', 'Expected a variable name after "for"', first.start);
    let keyVar: string | undefined;
    let valueVar = first.text;
    if (this.isPunct(this.peek(), ',')) {
      this.next();
      const second = this.next();
      if (second.type !== IDENT) {
        this.fail('CW-HCL-020', 'Expected a second variable name after ","', second.start);
      }
      keyVar = first.text;
      valueVar = second.text;
    }
    const inTok = this.next();
    if (inTok.type !== IDENT || inTok.text !== 'in') {
      this.fail(
        'CW-HCL-020',
        `Expected "in" in for expression, found ${describe(inTok)}`,
        inTok.start,
      );
    }
    const collection = this.parseExpression();
    this.expectPunct(':', '":" after the for expression collection');
    let keyExpr: Expression | undefined;
    let valueExpr = this.parseExpression();
    let grouped = false;
    if (isObject) {
      this.expectPunct('=>', '"=>" in object for expression');
      keyExpr = valueExpr;
      valueExpr = this.parseExpression();
      if (this.isPunct(this.peek(), '...')) {
        this.next();
        grouped = true;
      }
    }
    let condition: Expression | undefined;
    const ifTok = this.peek();
    if (ifTok.type === IDENT && ifTok.text === 'if') {
      this.next();
      condition = this.parseExpression();
    }
    const close = this.expectPunct(isObject ? '}' : ']', isObject ? '"}"' : '"]"');
    return {
      kind: 'for',
      ...(keyVar !== undefined ? { keyVar } : {}),
      valueVar,
      collection,
      ...(keyExpr ? { keyExpr } : {}),
      valueExpr,
      ...(condition ? { condition } : {}),
      grouped,
      range: this.range(open.start, close.end),
    };
  }

  // ---- templates -------------------------------------------------------------------------

  /** A quoted template; `this.pos` is just after the opening quote. */
  parseQuoted(quoteStart: number): Expression {
    // fast path: no escapes, sequences or non-ASCII before the closing quote
    const t = this.text;
    for (let p = this.pos; p < this.end; p++) {
      const c = t.charCodeAt(p);
      if (c === 34) {
        const value = t.slice(this.pos, p);
        this.pos = p + 1;
        return { kind: 'literal', value, range: this.range(quoteStart, p + 1) };
      }
      if (c === 92 || c === 36 || c === 37 || c === 10 || c === 13 || c > 127) break;
    }
    const items = this.scanTemplate('quoted', this.end);
    return this.finishTemplate(items, quoteStart, this.pos);
  }

  /** A standalone template over the whole text (JSON strings). */
  parseStandaloneTemplate(): Expression {
    const start = this.pos;
    const items = this.scanTemplate('standalone', this.end);
    return this.finishTemplate(items, start, this.pos);
  }

  private findHeredocEnd(
    from: number,
    marker: string,
  ): { bodyEnd: number; after: number } | undefined {
    const t = this.text;
    let lineStart = t.indexOf('\n', from);
    while (lineStart !== -1 && lineStart < this.end) {
      lineStart++;
      let p = lineStart;
      while (t.charCodeAt(p) === 32 || t.charCodeAt(p) === 9) p++;
      if (t.startsWith(marker, p)) {
        let q = p + marker.length;
        if (t.charCodeAt(q) === 13) q++;
        if (q >= this.end || t.charCodeAt(q) === 10) {
          return { bodyEnd: lineStart, after: p + marker.length };
        }
      }
      lineStart = t.indexOf('\n', lineStart);
    }
    return undefined;
  }

  private parseHeredoc(tok: Token): Expression {
    const t = this.text;
    let p = tok.end;
    while (t.charCodeAt(p) === 32 || t.charCodeAt(p) === 9 || t.charCodeAt(p) === 13) p++;
    if (t.charCodeAt(p) !== 10) {
      this.fail('CW-HCL-004', 'A heredoc marker must be followed by a newline', p);
    }
    const found = this.findHeredocEnd(tok.end, tok.text);
    if (!found) {
      this.fail('CW-HCL-004', `Unterminated heredoc: no closing "${tok.text}" line`, tok.start);
    }
    const savedEnd = this.end;
    this.pos = p + 1;
    this.end = found.bodyEnd;
    let items: TemplateItemFlat[];
    try {
      items = this.scanTemplate('heredoc', found.bodyEnd);
    } finally {
      this.end = savedEnd;
    }
    if (tok.flush) flushIndent(items);
    this.pos = found.after;
    return this.finishTemplate(items, tok.start, found.after);
  }

  /**
   * Reads template items until the closing quote (quoted), or the end (heredoc,
   * standalone). Leaves `this.pos` after the closing quote.
   */
  private scanTemplate(mode: 'quoted' | 'heredoc' | 'standalone', end: number): TemplateItemFlat[] {
    if (++this.depth > MAX_DEPTH) this.fail('CW-HCL-021', 'Template nested too deeply', this.pos);
    const t = this.text;
    const items: TemplateItemFlat[] = [];
    const quoted = mode === 'quoted';
    let lit = '';
    let litStart = this.pos;
    let litLineStart = mode === 'heredoc';
    let p = this.pos;
    const flushLit = (at: number): void => {
      if (at > litStart || lit !== '') {
        items.push({
          type: 'literal',
          start: litStart,
          end: at,
          value: lit,
          lineStart: litLineStart,
        });
      }
      lit = '';
    };
    try {
      for (;;) {
        if (p >= end) {
          if (quoted) {
            this.pos = p;
            this.fail('CW-HCL-002', 'Unterminated string: missing closing quote', litStart);
          }
          flushLit(p);
          break;
        }
        const c = t.charCodeAt(p);
        if (quoted && c === 34) {
          flushLit(p);
          p++;
          break;
        }
        if (quoted && (c === 10 || (c === 13 && t.charCodeAt(p + 1) === 10))) {
          this.pos = p;
          this.fail('CW-HCL-002', 'Unterminated string: a quoted string cannot span lines', p);
        }
        if (c === 36 || c === 37) {
          const n1 = t.charCodeAt(p + 1);
          if (n1 === 123) {
            flushLit(p);
            p = this.scanSequence(p, c === 36, items);
            litStart = p;
            litLineStart = false;
            continue;
          }
          if (n1 === c && t.charCodeAt(p + 2) === 123) {
            lit += c === 36 ? '${' : '%{';
            p += 3;
            continue;
          }
          lit += t[p];
          p++;
          continue;
        }
        if (quoted && c === 92) {
          p = this.scanEscape(p, (s) => (lit += s));
          continue;
        }
        if (c === 13 && t.charCodeAt(p + 1) === 10 && !quoted) {
          lit += '\n';
          p += 2;
          continue;
        }
        // fast path: a run of ordinary characters
        let q = p + 1;
        while (q < end) {
          const d = t.charCodeAt(q);
          if (d === 36 || d === 37 || d === 34 || d === 92 || d === 10 || d === 13) break;
          q++;
        }
        if (!quoted) {
          // in heredocs and standalone templates, quotes and backslashes are ordinary
          while (q < end) {
            const d = t.charCodeAt(q);
            if (d === 36 || d === 37 || d === 13) break;
            q++;
          }
        }
        lit += t.slice(p, q);
        p = q;
      }
    } finally {
      this.depth--;
    }
    this.pos = p;
    return items;
  }

  private scanEscape(p: number, out: (s: string) => void): number {
    const t = this.text;
    const e = t.charCodeAt(p + 1);
    switch (e) {
      case 110:
        out('\n');
        return p + 2;
      case 114:
        out('\r');
        return p + 2;
      case 116:
        out('\t');
        return p + 2;
      case 34:
        out('"');
        return p + 2;
      case 92:
        out('\\');
        return p + 2;
      case 117:
      case 85: {
        const n = e === 117 ? 4 : 8;
        const hex = t.slice(p + 2, p + 2 + n);
        if (hex.length === n && /^[0-9a-fA-F]+$/.test(hex)) {
          const cp = parseInt(hex, 16);
          if (cp <= 0x10ffff) {
            out(String.fromCodePoint(cp));
            return p + 2 + n;
          }
        }
        this.error('CW-HCL-006', `Invalid unicode escape "\\${t[p + 1]}${hex}"`, p);
        out('');
        return p + 2;
      }
      default:
        this.error('CW-HCL-006', `Invalid escape sequence "\\${t[p + 1] ?? ''}"`, p);
        return p + 2;
    }
  }

  /** `${ expr }` or `%{ directive }` at p; returns the offset after the closing brace. */
  private scanSequence(p: number, interp: boolean, items: TemplateItemFlat[]): number {
    const start = p;
    p += 2;
    let stripLeft = false;
    if (this.text.charCodeAt(p) === 126) {
      stripLeft = true;
      p++;
    }
    this.pos = p;
    const savedNl = this.nlIgnore;
    this.nlIgnore = 1; // newlines are insignificant inside ${ } and %{ }
    try {
      let item: TemplateItemFlat;
      if (interp) {
        const expr = this.parseExpression();
        item = { type: 'interp', start, end: 0, expr, stripLeft };
      } else {
        const kw = this.next();
        const name = kw.type === IDENT ? kw.text : '';
        if (name === 'if') {
          item = { type: 'if', start, end: 0, expr: this.parseExpression(), stripLeft };
        } else if (name === 'for') {
          const a = this.next();
          if (a.type !== IDENT)
            this.fail('CW-HCL-020', 'Expected a variable name after "for"', a.start);
          let valueVar = a.text;
          let keyVar: string | undefined;
          if (this.isPunct(this.peek(), ',')) {
            this.next();
            const b = this.next();
            if (b.type !== IDENT) this.fail('CW-HCL-020', 'Expected a variable name', b.start);
            keyVar = a.text;
            valueVar = b.text;
          }
          const inTok = this.next();
          if (inTok.type !== IDENT || inTok.text !== 'in') {
            this.fail('CW-HCL-020', 'Expected "in" in template for directive', inTok.start);
          }
          const expr = this.parseExpression();
          item = { type: 'for', start, end: 0, expr, valueVar, stripLeft };
          if (keyVar !== undefined) item.keyVar = keyVar;
        } else if (name === 'else' || name === 'endif' || name === 'endfor') {
          item = { type: name, start, end: 0, stripLeft };
        } else {
          this.fail(
            'CW-HCL-022',
            `Expected a template directive (if, else, endif, for, endfor), found ${describe(kw)}`,
            kw.start,
          );
        }
      }
      const close = this.next();
      if (this.isPunct(close, '~}')) item.stripRight = true;
      else if (!this.isPunct(close, '}')) {
        this.fail(
          'CW-HCL-003',
          `Unterminated template sequence: expected "}", found ${describe(close)}`,
          close.type === EOF ? start : close.start,
        );
      }
      item.end = close.end;
      items.push(item);
      return close.end;
    } finally {
      this.nlIgnore = savedNl;
    }
  }

  private finishTemplate(items: TemplateItemFlat[], start: number, end: number): Expression {
    const range = this.range(start, end);
    applyStrip(items);
    const parts = this.buildParts(items, { i: 0 }, []);
    const nonEmpty = parts.filter((p) => !(p.kind === 'literal' && p.value === ''));
    if (nonEmpty.length === 0) return { kind: 'literal', value: '', range };
    if (nonEmpty.length === 1 && nonEmpty[0]?.kind === 'literal') {
      return { kind: 'literal', value: nonEmpty[0].value, range };
    }
    return { kind: 'template', parts: exact(nonEmpty), range };
  }

  private buildParts(
    items: TemplateItemFlat[],
    at: { i: number },
    stops: string[],
  ): TemplatePart[] {
    const parts: TemplatePart[] = [];
    while (at.i < items.length) {
      const item = items[at.i] as TemplateItemFlat;
      if (stops.includes(item.type)) return exact(parts);
      at.i++;
      const range = this.range(item.start, item.end);
      switch (item.type) {
        case 'literal': {
          let v = item.value ?? '';
          if (NON_ASCII.test(v)) v = v.normalize('NFC');
          parts.push({ kind: 'literal', value: v, range });
          break;
        }
        case 'interp':
          parts.push({ kind: 'interp', expr: item.expr as Expression, range });
          break;
        case 'if': {
          const then = this.buildParts(items, at, ['else', 'endif']);
          let els: TemplatePart[] = [];
          if (items[at.i]?.type === 'else') {
            at.i++;
            els = this.buildParts(items, at, ['endif']);
          }
          const endTok = items[at.i];
          if (endTok?.type !== 'endif') {
            this.fail(
              'CW-HCL-022',
              'Template "if" directive without a matching "endif"',
              item.start,
            );
          }
          at.i++;
          parts.push({
            kind: 'if',
            condition: item.expr as Expression,
            then,
            else: els,
            range: this.range(item.start, endTok.end),
          });
          break;
        }
        case 'for': {
          const body = this.buildParts(items, at, ['endfor']);
          const endTok = items[at.i];
          if (endTok?.type !== 'endfor') {
            this.fail(
              'CW-HCL-022',
              'Template "for" directive without a matching "endfor"',
              item.start,
            );
          }
          at.i++;
          parts.push({
            kind: 'for',
            ...(item.keyVar !== undefined ? { keyVar: item.keyVar } : {}),
            valueVar: item.valueVar as string,
            collection: item.expr as Expression,
            body,
            range: this.range(item.start, endTok.end),
          });
          break;
        }
        default:
          this.fail('CW-HCL-022', `Unexpected "${item.type}" directive`, item.start);
      }
    }
    return exact(parts);
  }
}

/**
 * A copy without spare capacity: `push` grows an array to 17 slots at once, and a kept tree
 * holds tens of thousands of short arrays (labels, items, parts), all copied by the GC.
 */
function exact<T>(items: T[]): T[] {
  return items.length === 0 ? items : items.slice();
}

/** Strip markers (`~`) trim whitespace from the adjacent literal. */
function applyStrip(items: TemplateItemFlat[]): void {
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as TemplateItemFlat;
    if (item.type === 'literal') continue;
    const prev = items[i - 1];
    if (item.stripLeft && prev?.type === 'literal') prev.value = (prev.value ?? '').trimEnd();
    const next = items[i + 1];
    if (item.stripRight && next?.type === 'literal') next.value = (next.value ?? '').trimStart();
  }
}

function leadingSpace(line: string): number {
  let n = 0;
  while (n < line.length) {
    const c = line.charCodeAt(n);
    if (c === 32 || c === 9) n++;
    else if (c > 127 && /\s/u.test(line[n] as string)) n++;
    else break;
  }
  return n;
}

/** `<<-` heredocs: remove the smallest indentation of non-blank lines from every line. */
function flushIndent(items: TemplateItemFlat[]): void {
  let min = Infinity;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as TemplateItemFlat;
    if (item.type !== 'literal') {
      // a sequence at the very start of a line means no indentation
      const prev = items[i - 1];
      if (i === 0 || (prev?.type === 'literal' && (prev.value ?? '').endsWith('\n'))) min = 0;
      continue;
    }
    const lines = (item.value ?? '').split('\n');
    const followed = i + 1 < items.length;
    for (let j = 0; j < lines.length; j++) {
      if (j === 0 && !item.lineStart) continue;
      const line = lines[j] as string;
      const last = j === lines.length - 1;
      if (last && !followed) continue; // text after the final newline: the marker line
      const ws = leadingSpace(line);
      if (ws === line.length && !last) continue; // blank line
      if (ws < min) min = ws;
    }
  }
  if (min === Infinity || min === 0) return;
  for (const item of items) {
    if (item.type !== 'literal') continue;
    const lines = (item.value ?? '').split('\n');
    for (let j = 0; j < lines.length; j++) {
      if (j === 0 && !item.lineStart) continue;
      const line = lines[j] as string;
      lines[j] = line.slice(Math.min(leadingSpace(line), min));
    }
    item.value = lines.join('\n');
  }
}

function describe(tok: Token): string {
  switch (tok.type) {
    case EOF:
      return 'end of file';
    case NEWLINE:
      return 'newline';
    case IDENT:
      return `"${tok.text}"`;
    case NUMBER:
      return `number ${tok.text}`;
    case OQUOTE:
      return 'a quoted string';
    case HEREDOC:
      return 'a heredoc';
    default:
      return `"${tok.text}"`;
  }
}

export function parseHcl(text: string, file: string): ParseResult {
  const parser = new Parser(text, file);
  const body = parser.parseFile();
  return { body, diagnostics: parser.diagnostics, comments: parser.comments };
}

/** Parses one expression (e.g. for tests or for JSON strings used as expressions). */
export function parseExpressionText(
  text: string,
  file: string,
): { expr?: Expression; diagnostics: Diagnostic[] } {
  const parser = new Parser(text, file);
  try {
    parser.pos = 0;
    const expr = parser.parseExpression();
    const rest = parser.peek();
    if (rest.type !== EOF && rest.type !== NEWLINE) {
      parser.error('CW-HCL-020', `Unexpected ${describe(rest)} after expression`, rest.start);
    }
    return { expr, diagnostics: parser.diagnostics };
  } catch (e) {
    if (!(e instanceof ParseFailure)) throw e;
    return { diagnostics: parser.diagnostics };
  }
}

/** Parses `text` as a standalone template; positions go through `mapper`. */
export function parseTemplateText(
  text: string,
  file: string,
  mapper: PosMapper,
): { expr?: Expression; diagnostics: Diagnostic[] } {
  const parser = new Parser(text, file, mapper);
  parser.pos = 0;
  try {
    return { expr: parser.parseStandaloneTemplate(), diagnostics: parser.diagnostics };
  } catch (e) {
    if (!(e instanceof ParseFailure)) throw e;
    return { diagnostics: parser.diagnostics };
  }
}
