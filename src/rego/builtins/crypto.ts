/** Digests and HMACs (node:crypto). Certificate and key parsing are not provided. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { RegoValue } from '../value.js';
import { builtinError, def, str, T, type BuiltinDecl, type TypeSpec } from './spec.js';

const S = T.string;

const digest = (alg: string) => (a: RegoValue[]) =>
  createHash(alg).update(str(a[0]), 'utf8').digest('hex');

const hmac = (alg: string) => (a: RegoValue[]) =>
  createHmac(alg, Buffer.from(str(a[1]), 'utf8'))
    .update(str(a[0]), 'utf8')
    .digest('hex');

const unavailable = (name: string) => () => {
  throw builtinError(name, 'not available in crosswalk');
};

/** Certificate and key parsing, with their arities. */
const X509: [string, number][] = [
  ['crypto.x509.parse_certificates', 1],
  ['crypto.x509.parse_and_verify_certificates', 1],
  ['crypto.x509.parse_and_verify_certificates_with_options', 2],
  ['crypto.x509.parse_certificate_request', 1],
  ['crypto.x509.parse_keypair', 2],
  ['crypto.x509.parse_rsa_private_key', 1],
  ['crypto.parse_private_keys', 1],
];

export const decls: BuiltinDecl[] = [
  def('crypto.md5', [S], S, 'crypto', digest('md5')),
  def('crypto.sha1', [S], S, 'crypto', digest('sha1')),
  def('crypto.sha256', [S], S, 'crypto', digest('sha256')),
  def('crypto.hmac.md5', [S, S], S, 'crypto', hmac('md5')),
  def('crypto.hmac.sha1', [S, S], S, 'crypto', hmac('sha1')),
  def('crypto.hmac.sha256', [S, S], S, 'crypto', hmac('sha256')),
  def('crypto.hmac.sha512', [S, S], S, 'crypto', hmac('sha512')),
  def('crypto.hmac.equal', [S, S], T.boolean, 'crypto', (a) => {
    const [x, y] = [Buffer.from(str(a[0])), Buffer.from(str(a[1]))];
    return x.length === y.length && timingSafeEqual(x, y);
  }),
  ...X509.map(([name, n]) =>
    def(name, Array<TypeSpec>(n).fill(T.any), T.any, 'crypto', unavailable(name)),
  ),
];
