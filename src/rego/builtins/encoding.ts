/** base64, hex, urlquery, JSON and YAML encodings. */
import { parse as parseYaml, parseAllDocuments, stringify as stringifyYaml } from 'yaml';
import { fromJS, RegoObject, toJS, typeName, type RegoValue } from '../value.js';
import { jsonMarshal } from './format.js';
import { builtinError, def, elements, obj, str, T, typeError, type BuiltinDecl } from './spec.js';

const S = T.string;

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

/**
 * Go's base64 decoding with padding: strict alphabet, length a multiple of 4 after newlines
 * are dropped. Returns the offending byte offset on failure.
 */
function decodeBase64(s: string, url: boolean): Buffer | number {
  const clean = s.replace(/[\r\n]/g, '');
  const alpha = url ? /^[A-Za-z0-9_-]$/ : /^[A-Za-z0-9+/]$/;
  let i = 0;
  while (i < clean.length && alpha.test(clean[i]!)) i++;
  const data = i;
  while (i < clean.length && clean[i] === '=' && i - data < 2) i++;
  if (i < clean.length) return i;
  // an incomplete final quantum is reported at its start
  if (clean.length % 4 !== 0 || data % 4 === 1) return clean.length - (clean.length % 4 || 4);
  return Buffer.from(clean, url ? 'base64url' : 'base64');
}

function base64Decode(name: string, s: string, url: boolean): string {
  const r = decodeBase64(s, url);
  if (typeof r === 'number') throw builtinError(name, `illegal base64 data at input byte ${r}`);
  return r.toString('utf8');
}

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of utf8(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** Go's url.QueryUnescape. */
export function queryUnescape(name: string, s: string): string {
  const bytes: number[] = [];
  const src = utf8(s);
  for (let i = 0; i < src.length; i++) {
    const b = src[i]!;
    if (b === 0x25) {
      const h = src.subarray(i + 1, i + 3).toString('latin1');
      if (!/^[0-9a-fA-F]{2}$/.test(h)) {
        throw builtinError(name, `invalid URL escape "${src.subarray(i, i + 3).toString('utf8')}"`);
      }
      bytes.push(parseInt(h, 16));
      i += 2;
    } else bytes.push(b === 0x2b ? 0x20 : b);
  }
  return Buffer.from(bytes).toString('utf8');
}

function encodeObject(o: RegoObject): string {
  const parts: string[] = [];
  for (const [k, v] of o.sorted()) {
    const key = typeof k === 'string' ? k : jsonMarshal(k);
    const vals =
      typeof v === 'string' ? [v] : Array.isArray(v) || typeName(v) === 'set' ? elements(v) : null;
    if (!vals || vals.some((x) => typeof x !== 'string')) {
      throw typeError(
        'urlquery.encode_object',
        'operand 1 values must be string, array[string], or set[string]',
      );
    }
    for (const x of vals) parts.push(queryEscape(key) + '=' + queryEscape(x as string));
  }
  return parts.join('&');
}

function decodeObject(s: string): RegoObject {
  const out = new RegoObject();
  for (const part of s.split('&')) {
    if (part === '') continue;
    if (part.includes(';'))
      throw builtinError('urlquery.decode_object', 'invalid semicolon separator in query');
    const eq = part.indexOf('=');
    const k = queryUnescape('urlquery.decode_object', eq < 0 ? part : part.slice(0, eq));
    const v = queryUnescape('urlquery.decode_object', eq < 0 ? '' : part.slice(eq + 1));
    const prev = out.get(k);
    out.set(k, [...((prev as RegoValue[] | undefined) ?? []), v]);
  }
  return out;
}

function hexDecode(s: string): string {
  const bad = /[^0-9a-fA-F]/.exec(s);
  if (bad) {
    const c = [...s.slice(bad.index)][0]!;
    const cp = c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw builtinError('hex.decode', `encoding/hex: invalid byte: U+${cp} '${c}'`);
  }
  if (s.length % 2 !== 0) throw builtinError('hex.decode', 'encoding/hex: odd length hex string');
  return Buffer.from(s, 'hex').toString('utf8');
}

function jsonUnmarshal(name: string, s: string): RegoValue {
  try {
    return fromJS(JSON.parse(s));
  } catch (e) {
    throw builtinError(name, (e as Error).message);
  }
}

/** JSON.parse accepts exactly the texts Go's json.Valid accepts, bar lone surrogates. */
function jsonValid(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

function marshalWithOptions(v: RegoValue, opts: RegoObject): string {
  let indent = '\t';
  let prefix = '';
  let implicit = false;
  let explicit: boolean | undefined;
  for (const [k, val] of opts.sorted()) {
    const name = 'json.marshal_with_options';
    if (k === 'prefix' || k === 'indent') {
      if (typeof val !== 'string') {
        throw typeError(name, `operand 2 key ${k} failed cast to string`);
      }
      if (k === 'prefix') prefix = val;
      else indent = val;
      implicit = true;
    } else if (k === 'pretty') {
      if (typeof val !== 'boolean')
        throw typeError(name, 'operand 2 key pretty failed cast to bool');
      explicit = val;
    } else {
      throw typeError(name, `operand 2 object contained unknown key ${String(k)}`);
    }
  }
  if (!(explicit ?? implicit)) return jsonMarshal(v);
  // MarshalIndent does not prefix the first line; OPA adds it
  return prefix + jsonMarshal(v, { indent, prefix });
}

// OPA reads YAML through go-yaml v2, a YAML 1.1 parser: `yes`, `on` and `off` are booleans.
const YAML_VERSION = { version: '1.1' } as const;

function yamlUnmarshal(s: string): RegoValue {
  const docs = parseAllDocuments(s, YAML_VERSION);
  const first = Array.isArray(docs) ? docs[0] : docs;
  if (!first) return null;
  if ('errors' in first && first.errors.length > 0) {
    throw builtinError('yaml.unmarshal', first.errors[0]!.message);
  }
  return fromJS(first.toJS({ maxAliasCount: 100 }));
}

function yamlValid(s: string): boolean {
  try {
    parseYaml(s, { ...YAML_VERSION, maxAliasCount: 100 });
    return true;
  } catch {
    return false;
  }
}

export const decls: BuiltinDecl[] = [
  def('base64.encode', [S], S, 'encoding', (a) => utf8(str(a[0])).toString('base64')),
  def('base64.decode', [S], S, 'encoding', (a) => base64Decode('base64.decode', str(a[0]), false)),
  def('base64.is_valid', [T.any], T.boolean, 'encoding', (a) =>
    typeof a[0] === 'string' ? typeof decodeBase64(a[0], false) !== 'number' : false,
  ),
  def('base64url.encode', [S], S, 'encoding', (a) =>
    utf8(str(a[0])).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'),
  ),
  def('base64url.encode_no_pad', [S], S, 'encoding', (a) => utf8(str(a[0])).toString('base64url')),
  def('base64url.decode', [S], S, 'encoding', (a) => {
    let s = str(a[0]);
    // RFC 7515 appendix C: restore omitted padding
    if (!s.endsWith('=')) {
      const r = s.length % 4;
      if (r === 1) throw builtinError('base64url.decode', `illegal base64url string: ${s}`);
      s += r === 2 ? '==' : r === 3 ? '=' : '';
    }
    return base64Decode('base64url.decode', s, true);
  }),
  def('hex.encode', [S], S, 'encoding', (a) => utf8(str(a[0])).toString('hex')),
  def('hex.decode', [S], S, 'encoding', (a) => hexDecode(str(a[0]))),
  def('urlquery.encode', [S], S, 'encoding', (a) => queryEscape(str(a[0]))),
  def('urlquery.decode', [S], S, 'encoding', (a) => queryUnescape('urlquery.decode', str(a[0]))),
  def('urlquery.encode_object', [T.object(S)], S, 'encoding', (a) => encodeObject(obj(a[0]))),
  def('urlquery.decode_object', [S], T.object(S, T.array(S)), 'encoding', (a) =>
    decodeObject(str(a[0])),
  ),
  def('json.marshal', [T.any], S, 'encoding', (a) => jsonMarshal(a[0]!)),
  def('json.marshal_with_options', [T.any, T.object(S)], S, 'encoding', (a) =>
    marshalWithOptions(a[0]!, obj(a[1])),
  ),
  def('json.unmarshal', [S], T.any, 'encoding', (a) => jsonUnmarshal('json.unmarshal', str(a[0]))),
  def('json.is_valid', [T.any], T.boolean, 'encoding', (a) =>
    typeof a[0] === 'string' ? jsonValid(a[0]) : false,
  ),
  def('yaml.marshal', [T.any], S, 'encoding', (a) =>
    stringifyYaml(toJS(a[0]!), {
      ...YAML_VERSION,
      indentSeq: false,
      sortMapEntries: true,
      lineWidth: 0,
    }),
  ),
  def('yaml.unmarshal', [S], T.any, 'encoding', (a) => yamlUnmarshal(str(a[0]))),
  def('yaml.is_valid', [T.any], T.boolean, 'encoding', (a) =>
    typeof a[0] === 'string' ? yamlValid(a[0]) : false,
  ),
];
