/** semver.is_valid and semver.compare (SemVer 2.0.0, strict). */
import { builtinError, def, str, T, type BuiltinDecl } from './spec.js';

const NUM = '0|[1-9]\\d*';
const PRE_ID = `(?:${NUM}|\\d*[A-Za-z-][0-9A-Za-z-]*)`;
const SEMVER = new RegExp(
  `^(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?$`,
);

interface Version {
  core: bigint[];
  pre: string[];
}

function parse(s: string): Version | undefined {
  const m = SEMVER.exec(s);
  if (!m) return undefined;
  return { core: [BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3]!)], pre: m[4] ? m[4].split('.') : [] };
}

const sign = (x: number | bigint): number => (x > 0 ? 1 : x < 0 ? -1 : 0);

function comparePre(a: string[], b: string[]): number {
  // a version without pre-release identifiers ranks higher
  if (a.length === 0 || b.length === 0) return sign(b.length - a.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const [x, y] = [a[i]!, b[i]!];
    const [xn, yn] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    let c: number;
    if (xn && yn) c = sign(BigInt(x) - BigInt(y));
    else if (xn !== yn) c = xn ? -1 : 1;
    else c = x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  return sign(a.length - b.length);
}

export function compareVersions(a: string, b: string): number {
  const va = parse(a);
  if (!va) throw builtinError('semver.compare', `operand 1: string ${a} is not a valid SemVer`);
  const vb = parse(b);
  if (!vb) throw builtinError('semver.compare', `operand 2: string ${b} is not a valid SemVer`);
  for (let i = 0; i < 3; i++) {
    const c = sign(va.core[i]! - vb.core[i]!);
    if (c !== 0) return c;
  }
  return comparePre(va.pre, vb.pre);
}

export const decls: BuiltinDecl[] = [
  def('semver.is_valid', [T.any], T.boolean, 'semver', (a) =>
    typeof a[0] === 'string' ? parse(a[0]) !== undefined : false,
  ),
  def('semver.compare', [T.string, T.string], T.number, 'semver', (a) =>
    compareVersions(str(a[0]), str(a[1])),
  ),
];
