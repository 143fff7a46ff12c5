/**
 * Translates Go (RE2) regular expression syntax into an equivalent JavaScript RegExp with
 * the `u` flag, and implements Go's match iteration (FindAll, Split, ReplaceAll, Expand).
 * RE2 has no backreferences or lookaround, so patterns using them are rejected, as in Go.
 */

export class Re2Error extends Error {}

const JS_SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const PERL_CLASS = new Set([...'dDwWsS']);

/** `\pL`, `\p{Greek}`, `\PN` as JS property escapes. */
function unicodeClass(neg: boolean, name: string): string {
  const isCategory = /^[A-Z][a-z]?$/.test(name) || name === 'Any';
  const prop = name === 'Any' ? 'Any' : isCategory ? name : 'Script=' + name;
  return (neg ? '\\P{' : '\\p{') + prop + '}';
}

interface Translated {
  source: string;
  flags: string;
}

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
}

export function translate(pattern: string): Translated {
  const src = [...pattern];
  let i = 0;
  let out = '';
  const fail = (msg: string): never => {
    throw new Re2Error(`error parsing regexp: ${msg}: \`${pattern}\``);
  };

  // Flags are scoped to groups in RE2. A leading (?i) maps to the JS `i` flag; other
  // flags are emulated: `s` and `m` through `.`, `^` and `$`, scoped `i` by case folding.
  const lead = /^\(\?([imsU]+)\)/.exec(pattern);
  // (?-i) later on needs the emulation throughout, so then the JS flag is not used
  const globalI = !!lead && lead[1]!.includes('i') && !/\(\?[ims]*-[ims]*[:)]/.test(pattern);
  let cur: Flags = { i: globalI, s: false, m: false };
  const stack: Flags[] = [];
  const applyFlags = (spec: string, base: Flags): Flags => {
    const f = { ...base };
    let on = true;
    for (const ch of spec) {
      if (ch === '-' && on) on = false;
      else if (ch === 'i' || ch === 's' || ch === 'm') f[ch] = on;
      else fail('invalid or unsupported Perl syntax');
    }
    if (globalI && !f.i) fail('case-sensitive groups inside a (?i) pattern are not supported');
    return f;
  };
  if (lead) {
    cur = applyFlags(lead[1]!, cur);
    i = [...lead[0]].length;
  }
  const folds = (ch: string): boolean =>
    cur.i &&
    !globalI &&
    ch.toLowerCase() !== ch.toUpperCase() &&
    [...ch.toUpperCase()].length === 1;

  /** Reads one escape (after the backslash); returns JS text. */
  const escape = (inClass: boolean): string => {
    const c = src[i++];
    if (c === undefined) return fail('trailing backslash at end of expression');
    // RE2's \s is ASCII whitespace without \v; JS's would also match Unicode spaces
    if (c === 's') return inClass ? '\\t\\n\\f\\r ' : '[\\t\\n\\f\\r ]';
    if (c === 'S' && !inClass) return '[^\\t\\n\\f\\r ]';
    if (PERL_CLASS.has(c)) return '\\' + c;
    if (!inClass && (c === 'b' || c === 'B')) return '\\' + c;
    if (!inClass && c === 'A') return '(?<![\\s\\S])';
    if (!inClass && c === 'z') return '(?![\\s\\S])';
    if ('ftnrv'.includes(c)) return '\\' + c;
    if (c === 'a') return '\\x07';
    if (c === 'x') {
      if (src[i] === '{') {
        const close = src.indexOf('}', i);
        if (close < 0) fail('invalid escape sequence');
        const hex = src.slice(i + 1, close).join('');
        if (!/^[0-9a-fA-F]{1,6}$/.test(hex)) fail('invalid escape sequence');
        i = close + 1;
        return '\\u{' + hex + '}';
      }
      const hex = src.slice(i, i + 2).join('');
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) fail('invalid escape sequence');
      i += 2;
      return '\\x' + hex;
    }
    if (c === 'p' || c === 'P') {
      let name: string;
      if (src[i] === '{') {
        const close = src.indexOf('}', i);
        if (close < 0) fail('invalid character class range');
        name = src.slice(i + 1, close).join('');
        i = close + 1;
      } else {
        name = src[i++] ?? fail('invalid character class range');
      }
      let neg = c === 'P';
      if (name.startsWith('^')) {
        neg = !neg;
        name = name.slice(1);
      }
      return unicodeClass(neg, name);
    }
    if (c === 'Q' && !inClass) {
      let lit = '';
      while (i < src.length && !(src[i] === '\\' && src[i + 1] === 'E')) lit += src[i++];
      if (i < src.length) i += 2;
      return [...lit].map((ch) => (JS_SYNTAX.has(ch) ? '\\' + ch : ch)).join('');
    }
    if (/[0-9A-Za-z]/.test(c)) return fail(`invalid escape sequence: \`\\${c}\``);
    // escaped punctuation is a literal
    if (JS_SYNTAX.has(c) || (inClass && c === '-')) return '\\' + c;
    return c;
  };

  while (i < src.length) {
    const c = src[i++]!;
    if (c === '\\') {
      out += escape(false);
    } else if (c === '[') {
      out += '[';
      if (src[i] === '^') {
        out += '^';
        i++;
      }
      let first = true;
      for (;;) {
        const d = src[i] ?? fail('missing closing ]');
        if (d === ']' && !first) {
          i++;
          break;
        }
        first = false;
        if (d === '[' && src[i + 1] === ':') {
          const end = src.indexOf(']', i);
          const m = /^\[:(\^?)([a-z]+):\]$/.exec(src.slice(i, end + 1).join(''));
          if (m && POSIX[m[2]!]) {
            if (m[1]) fail('negated POSIX classes are not supported');
            out += POSIX[m[2]!];
            i = end + 1;
            continue;
          }
        }
        i++;
        if (d === '\\') out += escape(true);
        else if (d === '[' || d === ']') out += '\\' + d;
        else if (folds(d) && src[i] === '-' && /^[A-Za-z]$/.test(src[i + 1] ?? '')) {
          // a letter range under scoped (?i): add the other case's range too
          const hi = src[i + 1]!;
          i += 2;
          out += d + '-' + hi;
          const flip = (x: string) => (x === x.toLowerCase() ? x.toUpperCase() : x.toLowerCase());
          if ((d === d.toLowerCase()) === (hi === hi.toLowerCase()))
            out += flip(d) + '-' + flip(hi);
        } else if (folds(d)) out += d.toLowerCase() + d.toUpperCase();
        else out += d;
      }
      out += ']';
    } else if (c === '(') {
      const rest = src.slice(i).join('');
      const named = /^\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      const flagged = /^\?([imsU-]+)([:)])/.exec(rest);
      if (flagged && flagged[2] === ')') {
        // (?flags) changes the flags up to the end of the enclosing group
        cur = applyFlags(flagged[1]!, cur);
        i += flagged[0].length;
        continue;
      }
      stack.push({ ...cur });
      if (src[i] !== '?') {
        out += '(';
      } else if (named) {
        out += '(?<' + named[1] + '>';
        i += named[0].length;
      } else if (rest.startsWith('?:')) {
        out += '(?:';
        i += 2;
      } else if (flagged) {
        cur = applyFlags(flagged[1]!, cur);
        out += '(?:';
        i += flagged[0].length;
      } else {
        fail('invalid or unsupported Perl syntax');
      }
    } else if (c === ')') {
      const prev = stack.pop();
      if (!prev) fail('unexpected )');
      cur = prev!;
      out += ')';
    } else if (c === '{') {
      const rest = src.slice(i).join('');
      const rep = /^(\d+)(,(\d*))?\}/.exec(rest);
      if (rep) {
        if (Number(rep[1]) > 1000 || (rep[3] && Number(rep[3]) > 1000)) {
          fail('invalid repeat count');
        }
        out += '{' + rep[0];
        i += rep[0].length;
      } else out += '\\{';
    } else if (c === '.') {
      // Go's dot excludes only \n (JS's also \r, U+2028, U+2029); with s it matches all
      out += cur.s ? '[\\s\\S]' : '[^\\n]';
    } else if (c === '^') {
      out += cur.m ? '(?<![^\\n])' : '^';
    } else if (c === '$') {
      out += cur.m ? '(?![^\\n])' : '$';
    } else if (c === '}' || c === ']') {
      out += '\\' + c;
    } else if (folds(c)) {
      out += '[' + c.toLowerCase() + c.toUpperCase() + ']';
    } else {
      out += c;
    }
  }
  if (stack.length > 0) fail('missing closing )');
  return { source: out, flags: globalI ? 'ui' : 'u' };
}

const cache = new Map<string, RegExp>();

/** A compiled, global (`g`) RegExp for a Go pattern; throws Re2Error when invalid. */
export function compile(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const t = translate(pattern);
    try {
      re = new RegExp(t.source, t.flags + 'g');
    } catch (e) {
      throw new Re2Error(`error parsing regexp: ${(e as Error).message}`);
    }
    if (cache.size > 500) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

export function isMatch(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  return re.test(s);
}

/** Go's FindAll...Index iteration: empty matches right after a match are skipped. */
export function findAll(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let pos = 0;
  let prevEnd = -1;
  while ((n < 0 || out.length < n) && pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    const end = m.index + m[0].length;
    let accept = true;
    if (end === pos) {
      if (m.index === prevEnd) accept = false;
      pos += pos < s.length ? (s.codePointAt(pos)! > 0xffff ? 2 : 1) : 1;
    } else {
      pos = end;
    }
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

/** Go's Regexp.Split(s, -1). */
export function split(re: RegExp, s: string): string[] {
  if (re.source !== '(?:)' && s === '') return [''];
  const parts: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of findAll(re, s, -1)) {
    end = m.index;
    if (m.index + m[0].length !== 0) parts.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) parts.push(s.slice(beg));
  return parts;
}

/** Go's Regexp.Expand of `$1`, `${1}`, `$name`, `${name}` and `$$`. */
function expand(template: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    const rest = template.slice(i + 1);
    const ref = /^\{([A-Za-z0-9_]+)\}/.exec(rest) ?? /^([A-Za-z0-9_]+)/.exec(rest);
    if (!ref) {
      out += '$';
      continue;
    }
    const name = ref[1]!;
    out += (/^\d+$/.test(name) ? m[Number(name)] : m.groups?.[name]) ?? '';
    i += ref[0].length;
  }
  return out;
}

/** Go's Regexp.ReplaceAllString. */
export function replaceAll(re: RegExp, s: string, template: string): string {
  let out = '';
  let last = 0;
  for (const m of findAll(re, s, -1)) {
    out += s.slice(last, m.index) + expand(template, m);
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

/** Go's regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
