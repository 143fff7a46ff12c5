/** String builtins. Positions and lengths count runes (code points), as OPA does. */
import type { RegoValue } from '../value.js';
import {
  arr,
  builtinError,
  def,
  elements,
  num,
  obj,
  str,
  T,
  typeError,
  type BuiltinDecl,
} from './spec.js';
import { sprintf } from './sprintf.js';

const S = T.string;
const STRS = T.union(T.set(S), T.array(S));
const STR_OR_STRS = T.union(S, T.set(S), T.array(S));

const runes = (s: string): string[] => [...s];

/** Go's unicode.IsSpace, used by strings.TrimSpace. */
const SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

function trimSet(s: string, cutset: string, left: boolean, right: boolean): string {
  const cut = new Set(runes(cutset));
  const r = runes(s);
  let a = 0;
  let b = r.length;
  if (left) while (a < b && cut.has(r[a]!)) a++;
  if (right) while (b > a && cut.has(r[b - 1]!)) b--;
  return r.slice(a, b).join('');
}

function trimSpace(s: string): string {
  const r = runes(s);
  let a = 0;
  let b = r.length;
  while (a < b && SPACE.test(r[a]!)) a++;
  while (b > a && SPACE.test(r[b - 1]!)) b--;
  return r.slice(a, b).join('');
}

/**
 * Go's strings.Replacer: scanning left to right, at each position the first pattern (in
 * argument order) that matches is replaced; output is never re-scanned. An empty pattern
 * matches between characters, but not twice in a row at the same position.
 */
export function replaceAll(s: string, pairs: readonly (readonly [string, string])[]): string {
  let out = '';
  let i = 0;
  let prevEmpty = false;
  while (i <= s.length) {
    let hit: readonly [string, string] | undefined;
    for (const p of pairs) {
      if (p[0] === '' && prevEmpty) continue;
      if (s.startsWith(p[0], i)) {
        hit = p;
        break;
      }
    }
    if (hit) {
      out += hit[1];
      prevEmpty = hit[0] === '';
      i += hit[0].length;
      continue;
    }
    prevEmpty = false;
    if (i === s.length) break;
    const cp = s.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    out += ch;
    i += ch.length;
  }
  return out;
}

function indexOfRunes(base: string[], search: string[], from: number): number {
  outer: for (let i = from; i + search.length <= base.length; i++) {
    for (let j = 0; j < search.length; j++) if (base[i + j] !== search[j]) continue outer;
    return i;
  }
  return -1;
}

/** Go's strings.Split: an empty separator splits into runes. */
function split(s: string, sep: string): string[] {
  if (sep === '') return runes(s);
  return s.split(sep);
}

function strList(v: RegoValue): string[] {
  return typeof v === 'string' ? [v] : (elements(v) as string[]);
}

function formatInt(n: number, base: number): string {
  const v = BigInt(Math.trunc(n));
  const neg = v < 0n;
  return (neg ? '-' : '') + (neg ? -v : v).toString(base);
}

export const decls: BuiltinDecl[] = [
  def('concat', [S, STRS], S, 'strings', (a) => strList(a[1]!).join(str(a[0]))),
  def('contains', [S, S], T.boolean, 'strings', (a) => str(a[0]).includes(str(a[1]))),
  def('startswith', [S, S], T.boolean, 'strings', (a) => str(a[0]).startsWith(str(a[1]))),
  def('endswith', [S, S], T.boolean, 'strings', (a) => str(a[0]).endsWith(str(a[1]))),
  def('strings.count', [S, S], T.number, 'strings', (a) => {
    const [s, sub] = [str(a[0]), str(a[1])];
    if (sub === '') return runes(s).length + 1;
    return s.split(sub).length - 1;
  }),
  def('format_int', [T.number, T.number], S, 'strings', (a) => {
    const base = num(a[1]);
    if (![2, 8, 10, 16].includes(base)) {
      throw typeError('format_int', 'operand 2 must be one of {2, 8, 10, 16}');
    }
    return formatInt(num(a[0]), base);
  }),
  def('indexof', [S, S], T.number, 'strings', (a) => {
    if (str(a[1]) === '') throw builtinError('indexof', 'empty search character');
    return indexOfRunes(runes(str(a[0])), runes(str(a[1])), 0);
  }),
  def('indexof_n', [S, S], T.array(T.number), 'strings', (a) => {
    if (str(a[1]) === '') throw builtinError('indexof_n', 'empty search character');
    const [base, search] = [runes(str(a[0])), runes(str(a[1]))];
    const out: number[] = [];
    for (let i = indexOfRunes(base, search, 0); i >= 0; i = indexOfRunes(base, search, i + 1)) {
      out.push(i);
    }
    return out;
  }),
  def('lower', [S], S, 'strings', (a) => str(a[0]).toLowerCase()),
  def('upper', [S], S, 'strings', (a) => str(a[0]).toUpperCase()),
  def('replace', [S, S, S], S, 'strings', (a) => replaceAll(str(a[0]), [[str(a[1]), str(a[2])]])),
  def('strings.replace_n', [T.object(S, S), S], S, 'strings', (a) => {
    // patterns are tried in key order, as OPA sorts them
    const pairs = obj(a[0]).sorted();
    for (const [k, v] of pairs) {
      if (typeof k !== 'string') {
        throw typeError('strings.replace_n', 'operand 1 non-string key found in pattern object');
      }
      if (typeof v !== 'string') {
        throw typeError('strings.replace_n', 'operand 1 non-string value found in pattern object');
      }
    }
    return replaceAll(str(a[1]), pairs as [string, string][]);
  }),
  def('strings.reverse', [S], S, 'strings', (a) => runes(str(a[0])).reverse().join('')),
  def('strings.any_prefix_match', [STR_OR_STRS, STR_OR_STRS], T.boolean, 'strings', (a) => {
    const prefixes = strList(a[1]!);
    return strList(a[0]!).some((s) => prefixes.some((p) => s.startsWith(p)));
  }),
  def('strings.any_suffix_match', [STR_OR_STRS, STR_OR_STRS], T.boolean, 'strings', (a) => {
    const suffixes = strList(a[1]!);
    return strList(a[0]!).some((s) => suffixes.some((p) => s.endsWith(p)));
  }),
  def('split', [S, S], T.array(S), 'strings', (a) => split(str(a[0]), str(a[1]))),
  def('strings.split_n', [S, S, T.int], T.array(S), 'strings', (a) => {
    // OPA keeps the first n parts (n > 0) or the last -n parts (n < 0)
    const parts = split(str(a[0]), str(a[1]));
    const n = num(a[2]);
    return n >= 0 ? parts.slice(0, n) : parts.slice(Math.max(0, parts.length + n));
  }),
  def('sprintf', [S, T.array()], S, 'strings', (a) => sprintf(str(a[0]), arr(a[1]))),
  def('substring', [S, T.int, T.int], S, 'strings', (a) => {
    const [start, len] = [num(a[1]), num(a[2])];
    if (start < 0) throw builtinError('substring', 'negative offset');
    const r = runes(str(a[0]));
    if (start >= r.length) return '';
    return (len < 0 ? r.slice(start) : r.slice(start, start + len)).join('');
  }),
  def('trim', [S, S], S, 'strings', (a) => trimSet(str(a[0]), str(a[1]), true, true)),
  def('trim_left', [S, S], S, 'strings', (a) => trimSet(str(a[0]), str(a[1]), true, false)),
  def('trim_right', [S, S], S, 'strings', (a) => trimSet(str(a[0]), str(a[1]), false, true)),
  def('trim_prefix', [S, S], S, 'strings', (a) => {
    const [s, p] = [str(a[0]), str(a[1])];
    return s.startsWith(p) ? s.slice(p.length) : s;
  }),
  def('trim_suffix', [S, S], S, 'strings', (a) => {
    const [s, p] = [str(a[0]), str(a[1])];
    return p !== '' && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  }),
  def('trim_space', [S], S, 'strings', (a) => trimSpace(str(a[0]))),
];
