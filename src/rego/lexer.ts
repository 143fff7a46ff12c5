/** Tokeniser for Rego source text. */
import type { Location } from './ast.js';
import { RegoError } from './errors.js';

export type TokenKind = 'ident' | 'string' | 'number' | 'punct' | 'eof';

export interface Token {
  kind: TokenKind;
  /** identifier name, punctuation, number text, or the decoded string */
  value: string;
  loc: Location;
  /** a newline separates this token from the previous one */
  nl: boolean;
  /** whitespace (or a comment) separates this token from the previous one */
  ws: boolean;
  /** source offsets */
  start: number;
  end: number;
}

export interface Comment {
  text: string;
  loc: Location;
}

const PUNCT3 = new Set<string>([]);
const PUNCT2 = new Set([':=', '==', '!=', '<=', '>=']);
const PUNCT1 = new Set([...'{}[](),.;:=<>+-*/%&|']);

export function tokenize(src: string, file: string): { tokens: Token[]; comments: Comment[] } {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  let i = 0;
  let row = 1;
  let lineStart = 0;
  let nl = false;
  let ws = false;
  const loc = (at: number): Location => ({ file, row, col: at - lineStart + 1 });
  const fail = (msg: string, at: number): never => {
    throw new RegoError('rego_parse_error', msg, loc(at));
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\n') {
      i++;
      row++;
      lineStart = i;
      nl = true;
      ws = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      ws = true;
      continue;
    }
    if (c === '#') {
      const s = i;
      while (i < src.length && src[i] !== '\n') i++;
      comments.push({ text: src.slice(s + 1, i).replace(/\r$/, ''), loc: loc(s) });
      ws = true;
      continue;
    }
    const start = i;
    const l = loc(i);
    const push = (kind: TokenKind, value: string) => {
      tokens.push({ kind, value, loc: l, nl, ws, start, end: i });
      nl = false;
      ws = false;
    };
    if (/[A-Za-z_]/.test(c)) {
      while (i < src.length && /[A-Za-z0-9_]/.test(src[i]!)) i++;
      push('ident', src.slice(start, i));
      continue;
    }
    if (/[0-9]/.test(c)) {
      while (i < src.length && /[0-9]/.test(src[i]!)) i++;
      if (src[i] === '.' && /[0-9]/.test(src[i + 1] ?? '')) {
        i++;
        while (i < src.length && /[0-9]/.test(src[i]!)) i++;
      }
      if (src[i] === 'e' || src[i] === 'E') {
        let j = i + 1;
        if (src[j] === '+' || src[j] === '-') j++;
        if (/[0-9]/.test(src[j] ?? '')) {
          i = j;
          while (i < src.length && /[0-9]/.test(src[i]!)) i++;
        }
      }
      push('number', src.slice(start, i));
      continue;
    }
    if (c === '"') {
      i++;
      let out = '';
      for (;;) {
        if (i >= src.length || src[i] === '\n') fail('non-terminated string', start);
        const d = src[i]!;
        if (d === '"') {
          i++;
          break;
        }
        if (d === '\\') {
          const e = src[i + 1];
          i += 2;
          switch (e) {
            case '"':
            case '\\':
            case '/':
              out += e;
              break;
            case 'b':
              out += '\b';
              break;
            case 'f':
              out += '\f';
              break;
            case 'n':
              out += '\n';
              break;
            case 'r':
              out += '\r';
              break;
            case 't':
              out += '\t';
              break;
            case 'u': {
              const hex = src.slice(i, i + 4);
              if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('illegal escape sequence', i);
              out += String.fromCharCode(parseInt(hex, 16));
              i += 4;
              break;
            }
            default:
              fail('illegal escape sequence', i - 2);
          }
          continue;
        }
        out += d;
        i++;
      }
      push('string', out);
      continue;
    }
    if (c === '`') {
      i++;
      const s = i;
      while (i < src.length && src[i] !== '`') {
        if (src[i] === '\n') {
          row++;
          lineStart = i + 1;
        }
        i++;
      }
      if (i >= src.length) fail('non-terminated raw string', start);
      const v = src.slice(s, i);
      i++;
      push('string', v);
      continue;
    }
    const three = src.slice(i, i + 3);
    if (PUNCT3.has(three)) {
      i += 3;
      push('punct', three);
      continue;
    }
    const two = src.slice(i, i + 2);
    if (PUNCT2.has(two)) {
      i += 2;
      push('punct', two);
      continue;
    }
    if (PUNCT1.has(c)) {
      i++;
      push('punct', c);
      continue;
    }
    fail(`illegal token ${JSON.stringify(c)}`, i);
  }
  tokens.push({ kind: 'eof', value: '', loc: loc(i), nl: true, ws: true, start: i, end: i });
  return { tokens, comments };
}
