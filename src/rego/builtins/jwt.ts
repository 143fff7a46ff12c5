/**
 * io.jwt.*: decoding, signature verification (HMAC, RSA, RSA-PSS, ECDSA, EdDSA through
 * node:crypto) and signing. Keys are PEM certificates / public keys or JWK (sets).
 */
import {
  constants,
  createHmac,
  createPrivateKey,
  createPublicKey,
  sign as cryptoSign,
  timingSafeEqual,
  verify as cryptoVerify,
  type KeyObject,
} from 'node:crypto';
import { equal, fromJS, RegoObject, typeName, type RegoValue } from '../value.js';
import { jsonMarshal } from './format.js';
import { builtinError, def, obj, str, T, typeError, type BuiltinDecl } from './spec.js';

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

interface Decoded {
  header: RegoObject;
  payload: RegoValue;
  signature: Buffer;
  signingInput: string;
}

function decodeJSON(name: string, part: string, what: string): RegoValue {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(part))
    throw builtinError(name, `JWT ${what} had invalid encoding`);
  try {
    return fromJS(JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  } catch {
    throw builtinError(name, `JWT ${what} had invalid encoding: not valid JSON`);
  }
}

function decode(name: string, token: string): Decoded {
  const parts = token.split('.');
  if (parts.length === 5) throw builtinError(name, 'JWT is a JWE object, which is not supported');
  if (parts.length !== 3)
    throw builtinError(name, 'encoded JWT must have 3 sections, found ' + parts.length);
  const [h, p, s] = parts as [string, string, string];
  const header = decodeJSON(name, h, 'header');
  if (!(header instanceof RegoObject)) throw builtinError(name, 'JWT header must be an object');
  let payload = decodeJSON(name, p, 'payload');
  // a nested token ("cty": "JWT") carries the real claims
  if (header.get('cty') === 'JWT' && typeof payload === 'string') {
    payload = decode(name, payload).payload;
  }
  return { header, payload, signature: Buffer.from(s, 'base64url'), signingInput: h + '.' + p };
}

type Family = 'HS' | 'RS' | 'PS' | 'ES' | 'EdDSA';

const ALGS: Record<string, [Family, string]> = {
  HS256: ['HS', 'sha256'],
  HS384: ['HS', 'sha384'],
  HS512: ['HS', 'sha512'],
  RS256: ['RS', 'sha256'],
  RS384: ['RS', 'sha384'],
  RS512: ['RS', 'sha512'],
  PS256: ['PS', 'sha256'],
  PS384: ['PS', 'sha384'],
  PS512: ['PS', 'sha512'],
  ES256: ['ES', 'sha256'],
  ES384: ['ES', 'sha384'],
  ES512: ['ES', 'sha512'],
  EdDSA: ['EdDSA', ''],
};

/** Public keys from a PEM certificate/key or a JWK / JWK set. */
function publicKeys(name: string, text: string): KeyObject[] {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('{')) {
      const jwk = JSON.parse(trimmed) as { keys?: unknown[] };
      const list = Array.isArray(jwk.keys) ? jwk.keys : [jwk];
      return list.map((k) => createPublicKey({ key: k as never, format: 'jwk' }));
    }
    return [createPublicKey(trimmed)];
  } catch (e) {
    throw builtinError(name, `failed to parse a JWK key (set) or PEM: ${(e as Error).message}`);
  }
}

function hmac(hash: string, key: Buffer, input: string): Buffer {
  return createHmac(hash, key).update(input).digest();
}

function verifyWith(alg: string, d: Decoded, keys: KeyObject[] | Buffer): boolean {
  const spec = ALGS[alg];
  if (!spec) return false;
  const [family, hash] = spec;
  const data = Buffer.from(d.signingInput);
  if (family === 'HS') {
    if (!Buffer.isBuffer(keys)) return false;
    const mac = hmac(hash, keys, d.signingInput);
    return mac.length === d.signature.length && timingSafeEqual(mac, d.signature);
  }
  if (Buffer.isBuffer(keys)) return false;
  return keys.some((key) => {
    try {
      if (family === 'EdDSA') return cryptoVerify(null, data, key, d.signature);
      if (family === 'PS') {
        return cryptoVerify(
          hash,
          data,
          {
            key,
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
          },
          d.signature,
        );
      }
      if (family === 'ES')
        return cryptoVerify(hash, data, { key, dsaEncoding: 'ieee-p1363' }, d.signature);
      return cryptoVerify(hash, data, key, d.signature);
    } catch {
      return false;
    }
  });
}

function verifyBuiltin(alg: string): BuiltinDecl {
  const name = 'io.jwt.verify_' + alg.toLowerCase();
  return def(name, [T.string, T.string], T.boolean, 'tokens', (a) => {
    const d = decode(name, str(a[0]));
    const key = alg.startsWith('HS') ? Buffer.from(str(a[1]), 'utf8') : publicKeys(name, str(a[1]));
    return verifyWith(alg, d, key);
  });
}

/** Signs with a JWK (oct, RSA, EC, OKP) according to the header's alg. */
function signRaw(name: string, headerText: string, payloadText: string, jwkText: string): string {
  let header: { alg?: unknown };
  let jwk: Record<string, unknown>;
  try {
    header = JSON.parse(headerText) as { alg?: unknown };
    jwk = JSON.parse(jwkText) as Record<string, unknown>;
  } catch (e) {
    throw builtinError(name, (e as Error).message);
  }
  const alg = String(header.alg);
  const spec = ALGS[alg];
  if (!spec) throw builtinError(name, `unknown JWS algorithm: ${alg}`);
  const input = b64url(headerText) + '.' + b64url(payloadText);
  const [family, hash] = spec;
  let sig: Buffer;
  try {
    if (family === 'HS') {
      if (typeof jwk.k !== 'string') throw new Error('HMAC signing needs an "oct" JWK with "k"');
      sig = hmac(hash, Buffer.from(jwk.k, 'base64url'), input);
    } else {
      const key = createPrivateKey({ key: jwk as never, format: 'jwk' });
      const data = Buffer.from(input);
      if (family === 'EdDSA') sig = cryptoSign(null, data, key);
      else if (family === 'PS') {
        sig = cryptoSign(hash, data, {
          key,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
        });
      } else if (family === 'ES') sig = cryptoSign(hash, data, { key, dsaEncoding: 'ieee-p1363' });
      else sig = cryptoSign(hash, data, key);
    }
  } catch (e) {
    throw builtinError(name, (e as Error).message);
  }
  return input + '.' + b64url(sig);
}

const INVALID = (): RegoValue => [false, new RegoObject(), new RegoObject()];

/** io.jwt.decode_verify: signature, alg, exp/nbf against `time`, iss and aud. */
function decodeVerify(token: string, c: RegoObject, nowNs: bigint): RegoValue {
  const name = 'io.jwt.decode_verify';
  const known = new Set(['cert', 'secret', 'alg', 'iss', 'aud', 'time']);
  for (const k of c.keys()) {
    if (typeof k !== 'string' || !known.has(k)) {
      throw builtinError(name, `unknown token validation constraint: ${String(k)}`);
    }
  }
  const cert = c.get('cert');
  const secret = c.get('secret');
  if ((cert === undefined) === (secret === undefined)) {
    throw builtinError(name, 'exactly one of "cert" or "secret" must be given');
  }
  let d: Decoded;
  try {
    d = decode(name, token);
  } catch {
    return INVALID();
  }
  const alg = d.header.get('alg');
  if (typeof alg !== 'string') return INVALID();
  const wantAlg = c.get('alg');
  if (wantAlg !== undefined && wantAlg !== alg) return INVALID();
  const keys =
    secret !== undefined ? Buffer.from(String(secret), 'utf8') : publicKeys(name, String(cert));
  if (!verifyWith(alg, d, keys)) return INVALID();
  const claims = d.payload instanceof RegoObject ? d.payload : new RegoObject();
  const t = c.get('time');
  const now = typeof t === 'number' ? t / 1e9 : Number(nowNs) / 1e9;
  const exp = claims.get('exp');
  if (exp !== undefined && (typeof exp !== 'number' || now >= exp)) return INVALID();
  const nbf = claims.get('nbf');
  if (nbf !== undefined && (typeof nbf !== 'number' || now < nbf)) return INVALID();
  const iss = c.get('iss');
  if (iss !== undefined && !equal(claims.get('iss') ?? null, iss)) return INVALID();
  const aud = claims.get('aud');
  const wantAud = c.get('aud');
  if (aud !== undefined || wantAud !== undefined) {
    if (aud === undefined || wantAud === undefined) return INVALID();
    const list = Array.isArray(aud) ? aud : [aud];
    if (!list.some((x: RegoValue) => equal(x, wantAud))) return INVALID();
  }
  return [true, d.header, d.payload];
}

function asJSONText(name: string, pos: number, v: RegoValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof RegoObject) return jsonMarshal(v);
  throw typeError(name, `operand ${pos} must be object but got ${typeName(v)}`);
}

export const decls: BuiltinDecl[] = [
  def('io.jwt.decode', [T.string], T.array(T.any), 'tokens', (a) => {
    const d = decode('io.jwt.decode', str(a[0]));
    return [d.header, d.payload, d.signature.toString('hex')];
  }),
  ...Object.keys(ALGS)
    .filter((alg) => alg !== 'EdDSA')
    .map(verifyBuiltin),
  def('io.jwt.verify_eddsa', [T.string, T.string], T.boolean, 'tokens', (a) =>
    verifyWith(
      'EdDSA',
      decode('io.jwt.verify_eddsa', str(a[0])),
      publicKeys('io.jwt.verify_eddsa', str(a[1])),
    ),
  ),
  def('io.jwt.decode_verify', [T.string, T.object(T.string)], T.array(T.any), 'tokens', (a, ctx) =>
    decodeVerify(str(a[0]), obj(a[1]), ctx.now()),
  ),
  def('io.jwt.encode_sign_raw', [T.string, T.string, T.string], T.string, 'tokens', (a) =>
    signRaw('io.jwt.encode_sign_raw', str(a[0]), str(a[1]), str(a[2])),
  ),
  def('io.jwt.encode_sign', [T.object(), T.object(), T.object()], T.string, 'tokens', (a) => {
    const name = 'io.jwt.encode_sign';
    return signRaw(
      name,
      asJSONText(name, 1, a[0]!),
      asJSONText(name, 2, a[1]!),
      asJSONText(name, 3, a[2]!),
    );
  }),
];
