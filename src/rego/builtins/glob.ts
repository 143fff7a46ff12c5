/**
 * glob.match and glob.quote_meta with the semantics of the gobwas/glob library OPA uses:
 * `*` any run of non-delimiter characters, `**` any run, `?` one non-delimiter character,
 * `[a-z]` / `[!a-z]` character ranges, `{a,b}` alternatives, `\` escapes.
 */
import { typeName, type RegoValue } from '../value.js';
import { arr, builtinError, def, str, T, typeError, type BuiltinDecl } from './spec.js';

const escapeRe = (s: string): string => s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');

function compileGlob(pattern: string, delimiters: string[]): RegExp {
  const chars = [...pattern];
  let i = 0;
  const notDelim = delimiters.length ? '[^' + delimiters.map(escapeRe).join('') + ']' : '[\\s\\S]';
  const fail = (msg: string): never => {
    throw builtinError('glob.match', msg);
  };

  // Parses until one of the stop characters (used inside {...}); returns JS source.
  const parse = (inTerms: boolean): string => {
    let out = '';
    while (i < chars.length) {
      const c = chars[i]!;
      if (inTerms && (c === ',' || c === '}')) return out;
      i++;
      if (c === '\\') {
        if (i >= chars.length) fail('unexpected end of input');
        out += escapeRe(chars[i++]!);
      } else if (c === '*') {
        if (chars[i] === '*') {
          i++;
          out += '[\\s\\S]*';
        } else out += notDelim + '*';
      } else if (c === '?') {
        out += notDelim;
      } else if (c === '[') {
        let neg = false;
        if (chars[i] === '!') {
          neg = true;
          i++;
        }
        let cls = '';
        while (i < chars.length && chars[i] !== ']') {
          const lo = chars[i++]!;
          if (chars[i] === '-' && chars[i + 1] !== undefined && chars[i + 1] !== ']') {
            const hi = chars[i + 1]!;
            i += 2;
            cls += escapeRe(lo) + '-' + escapeRe(hi);
          } else cls += escapeRe(lo);
        }
        if (chars[i] !== ']') fail('unexpected end of input');
        i++;
        if (cls === '') fail('empty range');
        out += (neg ? '[^' : '[') + cls + ']';
      } else if (c === '{') {
        const alts: string[] = [];
        for (;;) {
          alts.push(parse(true));
          const d = chars[i++];
          if (d === '}') break;
          if (d !== ',') fail('unexpected end of input');
        }
        out += '(?:' + alts.join('|') + ')';
      } else {
        out += escapeRe(c);
      }
    }
    if (inTerms) fail('unexpected end of input');
    return out;
  };
  return new RegExp('^(?:' + parse(false) + ')$', 'u');
}

const cache = new Map<string, RegExp>();

function delimitersOf(v: RegoValue): string[] {
  if (v === null) return [];
  if (!Array.isArray(v)) {
    throw typeError('glob.match', `operand 2 must be one of {array, null} but got ${typeName(v)}`);
  }
  const ds = arr(v).map((d) => {
    if (typeof d !== 'string' || [...d].length !== 1) {
      throw typeError('glob.match', 'operand 2 must be array of runes');
    }
    return d;
  });
  // an empty list means the default delimiter; null means none
  return ds.length === 0 ? ['.'] : ds;
}

export function globMatch(pattern: string, delimiters: string[], value: string): boolean {
  const key = JSON.stringify([pattern, delimiters]);
  let re = cache.get(key);
  if (!re) {
    re = compileGlob(pattern, delimiters);
    if (cache.size > 500) cache.clear();
    cache.set(key, re);
  }
  return re.test(value);
}

export const decls: BuiltinDecl[] = [
  def(
    'glob.match',
    [T.string, T.union(T.array(T.string), T.null), T.string],
    T.boolean,
    'glob',
    (a) => globMatch(str(a[0]), delimitersOf(a[1]!), str(a[2])),
  ),
  def('glob.quote_meta', [T.string], T.string, 'glob', (a) =>
    str(a[0]).replace(/[*?\\[\]{}]/g, '\\$&'),
  ),
];
