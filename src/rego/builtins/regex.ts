/** regex.* builtins over Go (RE2) syntax, translated by re2.ts. */
import type { RegoValue } from '../value.js';
import * as re2 from './re2.js';
import { builtinError, def, num, str, T, type BuiltinDecl } from './spec.js';

const S = T.string;

function compile(name: string, pattern: string): RegExp {
  try {
    return re2.compile(pattern);
  } catch (e) {
    throw builtinError(name, (e as Error).message);
  }
}

/**
 * regex.template_match: literal text with regular expressions between delimiters,
 * e.g. "urn:foo:{.*}" with "{" and "}"; the whole value must match.
 */
function templateMatch(template: string, value: string, open: string, close: string): boolean {
  const name = 'regex.template_match';
  if ([...open].length !== 1 || [...close].length !== 1) {
    throw builtinError(name, 'delimiters must be single characters');
  }
  let source = '^';
  let level = 0;
  let start = 0;
  let literalFrom = 0;
  const chars = [...template];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i] === open) {
      if (level++ === 0) {
        source += re2.quoteMeta(chars.slice(literalFrom, i).join(''));
        start = i + 1;
      }
    } else if (chars[i] === close) {
      if (--level === 0) {
        source += '(' + chars.slice(start, i).join('') + ')';
        literalFrom = i + 1;
      } else if (level < 0) {
        throw builtinError(name, `unbalanced braces in "${template}"`);
      }
    }
  }
  if (level !== 0) throw builtinError(name, `unbalanced braces in "${template}"`);
  source += re2.quoteMeta(chars.slice(literalFrom).join('')) + '$';
  return re2.isMatch(compile(name, source), value);
}

const regexMatch = (name: string) => (a: RegoValue[]) =>
  re2.isMatch(compile(name, str(a[0])), str(a[1]));

export const decls: BuiltinDecl[] = [
  def('regex.match', [S, S], T.boolean, 'regex', regexMatch('regex.match')),
  def('re_match', [S, S], T.boolean, 'regex', regexMatch('re_match'), { deprecated: true }),
  def('regex.is_valid', [T.any], T.boolean, 'regex', (a) => {
    if (typeof a[0] !== 'string') return false;
    try {
      re2.compile(a[0]);
      return true;
    } catch {
      return false;
    }
  }),
  def('regex.split', [S, S], T.array(S), 'regex', (a) =>
    re2.split(compile('regex.split', str(a[0])), str(a[1])),
  ),
  def('regex.find_n', [S, S, T.int], T.array(S), 'regex', (a) =>
    re2.findAll(compile('regex.find_n', str(a[0])), str(a[1]), num(a[2])).map((m) => m[0]),
  ),
  def('regex.find_all_string_submatch_n', [S, S, T.int], T.array(T.array(S)), 'regex', (a) =>
    re2
      .findAll(compile('regex.find_all_string_submatch_n', str(a[0])), str(a[1]), num(a[2]))
      .map((m) => [...m].map((g) => g ?? '')),
  ),
  def('regex.replace', [S, S, S], S, 'regex', (a) =>
    re2.replaceAll(compile('regex.replace', str(a[1])), str(a[0]), str(a[2])),
  ),
  def('regex.template_match', [S, S, S, S], T.boolean, 'regex', (a) =>
    templateMatch(str(a[0]), str(a[1]), str(a[2]), str(a[3])),
  ),
  def('regex.globs_match', [S, S], T.boolean, 'regex', () => {
    throw builtinError('regex.globs_match', 'not available in crosswalk');
  }),
];
