import canonicalizeModule from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalBody, canonicalJson, type StoredRow } from '../../src/evidence/canonical.js';
import {
  addPeriod,
  DEFAULT_RETENTION,
  parsePeriod,
  retainUntilFor,
} from '../../src/evidence/retention.js';

const reference = canonicalizeModule as unknown as (v: unknown) => string;

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and formats numbers like ECMAScript', () => {
    expect(canonicalJson({ b: 1, a: [1e21, 0.1, -0, 1.5e-7], é: 'x', Z: null })).toBe(
      '{"Z":null,"a":[1e+21,0.1,0,1.5e-7],"b":1,"é":"x"}',
    );
    // RFC 8785 §3.2.3 example: keys ordered by UTF-16 code units, not code points.
    expect(
      canonicalJson({ '\u20ac': 1, '\r': 2, '\ud83d\ude00': 3, '\u0080': 4, '1': 5, '\u00f6': 6 }),
    ).toBe('{"\\r":2,"1":5,"\u0080":4,"\u00f6":6,"\u20ac":1,"\ud83d\ude00":3}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
  });

  it('the record body built around stored payload text equals canonical JSON of the record', () => {
    const row: Omit<StoredRow, 'hash' | 'prunedBy'> = {
      seq: 42,
      id: '5f0c7a4e-0000-4000-8000-000000000000',
      kind: 'import',
      control: 'encryption-at-rest',
      source: 'trivy/0.50 "quoted" \u2028',
      collectedAt: '2026-12-03T10:00:00.000Z',
      status: 'failed',
      payloadText: canonicalJson({ z: [1, { y: 2, x: 'é' }], a: true }),
      artifactSha256: 'f'.repeat(64),
      retainUntil: '2032-12-03',
      prevHash: 'e'.repeat(64),
    };
    const { payloadText, ...rest } = row;
    const expected = reference({ ...rest, payload: JSON.parse(payloadText ?? 'null') });
    expect(canonicalBody(row, payloadText ?? '')).toBe(expected);
    const noOptional = { ...row, control: null, artifactSha256: null };
    const { payloadText: p2, control: _c, artifactSha256: _a, ...rest2 } = noOptional;
    expect(canonicalBody(noOptional, p2 ?? '')).toBe(
      reference({ ...rest2, payload: JSON.parse(p2 ?? 'null') }),
    );
  });
});

describe('retention (regulatory.md §4)', () => {
  it('parses periods and does calendar arithmetic', () => {
    expect(parsePeriod('1y6m')).toEqual({ years: 1, months: 6, days: 0 });
    expect(() => parsePeriod('7 years')).toThrow(/bad period/);
    expect(addPeriod(new Date('2024-02-29T12:00:00Z'), '12m').toISOString().slice(0, 10)).toBe(
      '2025-02-28',
    );
    expect(addPeriod(new Date('2026-01-31T00:00:00Z'), '1m').toISOString().slice(0, 10)).toBe(
      '2026-02-28',
    );
    expect(addPeriod(new Date('2026-01-01T00:00:00Z'), '400d').toISOString().slice(0, 10)).toBe(
      '2027-02-05',
    );
  });

  it('defaults: PCI 12 months, HIPAA 6 years, no fixed period elsewhere (1 year)', () => {
    expect(DEFAULT_RETENTION.periods).toMatchObject({
      'pci-dss': '12m',
      hipaa: '6y',
      soc2: '1y',
      gdpr: '1y',
      iso27001: '1y',
    });
    expect(Object.values(DEFAULT_RETENTION.periods)).not.toContain('7y');
  });

  it('takes the longest period among the in-scope frameworks the controls map to', () => {
    const at = '2026-03-15T08:00:00Z';
    expect(retainUntilFor([], at)).toBe('2027-03-15');
    expect(retainUntilFor(['audit-logging'], at)).toBe('2032-03-15');
    const pciOnly = { ...DEFAULT_RETENTION, frameworks: ['pci-dss'] };
    expect(retainUntilFor(['audit-logging'], at, pciOnly)).toBe('2027-03-15');
    const soc2Only = {
      ...DEFAULT_RETENTION,
      frameworks: ['soc2'],
      periods: { ...DEFAULT_RETENTION.periods, soc2: '18m' },
    };
    expect(retainUntilFor(['audit-logging'], at, soc2Only)).toBe('2027-09-15');
    expect(retainUntilFor(['audit-logging'], at, pciOnly, '2026-12-31')).toBe('2027-12-31');
  });
});

describe('canonical JSON against the reference implementation', () => {
  it('agrees with the canonicalize package on varied random data', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const strings = [
      '',
      'a',
      'é',
      '\u2028',
      '"q"',
      '\\',
      '\ud83d\ude00',
      'Z',
      'aa',
      '\u0000',
      '10',
      '9',
    ];
    const gen = (depth: number): unknown => {
      const r = rand();
      if (depth > 3 || r < 0.3) {
        const k = Math.floor(rand() * 6);
        if (k === 0) return strings[Math.floor(rand() * strings.length)];
        if (k === 1) return (rand() - 0.5) * 10 ** Math.floor(rand() * 40 - 20);
        if (k === 2) return Math.floor(rand() * 1000);
        if (k === 3) return rand() < 0.5;
        if (k === 4) return null;
        return undefined;
      }
      if (r < 0.6) return Array.from({ length: Math.floor(rand() * 4) }, () => gen(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(rand() * 5); i > 0; i--)
        o[strings[Math.floor(rand() * strings.length)] ?? 'k'] = gen(depth + 1);
      return o;
    };
    for (let i = 0; i < 500; i++) {
      const value = { v: gen(0), d: new Date(Date.UTC(2026, 0, i + 1)) };
      expect(canonicalJson(value)).toBe(reference(value));
    }
  });

  it('refuses cycles and BigInt', () => {
    const a: Record<string, unknown> = {};
    a['self'] = a;
    expect(() => canonicalJson(a)).toThrow(/cyclic/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/BigInt/);
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });
});
