import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toJS } from '../../src/rego/value.js';
import { call, callIn, context, expectError, js, obj } from './helpers.js';

// RFC 7515 appendix A.1 (HS256)
const A1_HEADER = '{"typ":"JWT",\r\n "alg":"HS256"}';
const A1_PAYLOAD = '{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}';
const A1_KEY =
  '{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}';
const A1_TOKEN =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

describe('io.jwt', () => {
  it('encode_sign_raw reproduces RFC 7515 A.1', () => {
    expect(call('io.jwt.encode_sign_raw', A1_HEADER, A1_PAYLOAD, A1_KEY)).toBe(A1_TOKEN);
    expectError(
      'eval_builtin_error',
      'io.jwt.encode_sign_raw: unknown JWS algorithm: dummy',
      'io.jwt.encode_sign_raw',
      '{"alg":"dummy"}',
      A1_PAYLOAD,
      A1_KEY,
    );
  });
  it('decode returns header, payload and the signature in hex', () => {
    const [header, payload, sig] = js('io.jwt.decode', A1_TOKEN) as [unknown, unknown, string];
    expect(header).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(payload).toEqual({ iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
    expect(sig).toBe(
      Buffer.from('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'base64url').toString('hex'),
    );
    expectError('eval_builtin_error', /^io\.jwt\.decode: /, 'io.jwt.decode', 'not-a-token');
  });
  it('verifies HMAC signatures', () => {
    const token = call(
      'io.jwt.encode_sign',
      obj({ alg: 'HS256' }),
      obj({ sub: 'x' }),
      obj({ kty: 'oct', k: Buffer.from('secret').toString('base64url') }),
    ) as string;
    expect(call('io.jwt.verify_hs256', token, 'secret')).toBe(true);
    expect(call('io.jwt.verify_hs256', token, 'wrong')).toBe(false);
  });
  it('verifies RSA, PSS and ECDSA signatures with PEM and JWK keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const rsaJwk = JSON.stringify(rsa.privateKey.export({ format: 'jwk' }));
    const ecJwk = JSON.stringify(ec.privateKey.export({ format: 'jwk' }));
    const rsaPem = rsa.publicKey.export({ format: 'pem', type: 'spki' }) as string;
    const ecPublicJwk = JSON.stringify({ keys: [ec.publicKey.export({ format: 'jwk' })] });
    const rs = call('io.jwt.encode_sign_raw', '{"alg":"RS256"}', '{"a":1}', rsaJwk) as string;
    const ps = call('io.jwt.encode_sign_raw', '{"alg":"PS384"}', '{"a":1}', rsaJwk) as string;
    const es = call('io.jwt.encode_sign_raw', '{"alg":"ES256"}', '{"a":1}', ecJwk) as string;
    expect(call('io.jwt.verify_rs256', rs, rsaPem)).toBe(true);
    expect(call('io.jwt.verify_ps384', ps, rsaPem)).toBe(true);
    expect(call('io.jwt.verify_es256', es, ecPublicJwk)).toBe(true);
    expect(call('io.jwt.verify_rs256', es, rsaPem)).toBe(false);
    const tampered =
      rs.slice(0, rs.lastIndexOf('.') + 1) + 'AAAA' + rs.slice(rs.lastIndexOf('.') + 5);
    expect(call('io.jwt.verify_rs256', tampered, rsaPem)).toBe(false);
  });
  it('decode_verify checks signature, alg, exp/nbf, iss and aud', () => {
    const k = obj({ kty: 'oct', k: Buffer.from('s3cret').toString('base64url') });
    const mk = (claims: Record<string, unknown>) =>
      call('io.jwt.encode_sign', obj({ alg: 'HS256', typ: 'JWT' }), obj(claims), k) as string;
    const ctx = context(1_700_000_000_000_000_000n);
    const dv = (tok: string, c: Record<string, unknown>) =>
      toJS(callIn(ctx, 'io.jwt.decode_verify', tok, obj(c))!) as [boolean, unknown, unknown];
    const good = mk({ iss: 'me', aud: ['x', 'y'], exp: 1_800_000_000, nbf: 1_600_000_000 });
    expect(dv(good, { secret: 's3cret', iss: 'me', aud: 'y' })).toEqual([
      true,
      { alg: 'HS256', typ: 'JWT' },
      { iss: 'me', aud: ['x', 'y'], exp: 1_800_000_000, nbf: 1_600_000_000 },
    ]);
    expect(dv(good, { secret: 's3cret', aud: 'y' })[0]).toBe(true);
    expect(dv(good, { secret: 'wrong', aud: 'y' })).toEqual([false, {}, {}]);
    expect(dv(good, { secret: 's3cret' })[0]).toBe(false); // aud claim but no aud constraint
    expect(dv(good, { secret: 's3cret', aud: 'y', alg: 'RS256' })[0]).toBe(false);
    expect(dv(good, { secret: 's3cret', aud: 'y', iss: 'you' })[0]).toBe(false);
    expect(dv(good, { secret: 's3cret', aud: 'y', time: 1_900_000_000 * 1e9 })[0]).toBe(false);
    expect(dv(mk({ exp: 1_600_000_000 }), { secret: 's3cret' })[0]).toBe(false);
    expect(dv(mk({ nbf: 1_800_000_000 }), { secret: 's3cret' })[0]).toBe(false);
    expectError(
      'eval_builtin_error',
      'io.jwt.decode_verify: unknown token validation constraint: foo',
      'io.jwt.decode_verify',
      good,
      obj({ secret: 'x', foo: 1 }),
    );
  });
});
