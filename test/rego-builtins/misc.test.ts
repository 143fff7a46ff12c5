import { describe, expect, it } from 'vitest';
import { RegoObject } from '../../src/rego/value.js';
import { call, callIn, context, expectError, js, obj, set } from './helpers.js';

describe('net', () => {
  it('cidr_contains / intersects / is_valid', () => {
    expect(call('net.cidr_contains', '10.0.0.0/8', '10.1.0.0/24')).toBe(true);
    expect(call('net.cidr_contains', '10.0.0.0/8', '10.1.2.3')).toBe(true);
    expect(call('net.cidr_contains', '10.0.0.0/8', '11.1.2.3')).toBe(false);
    expect(call('net.cidr_contains', '10.0.0.0/24', '10.0.0.0/16')).toBe(false);
    expect(call('net.cidr_contains', '0.0.0.0/0', '203.0.113.7')).toBe(true);
    expect(call('net.cidr_contains', '2001:db8::/32', '2001:db8:1::1')).toBe(true);
    expect(call('net.cidr_contains', '::/0', '10.0.0.1')).toBe(false);
    expect(call('net.cidr_contains', '::ffff:10.0.0.0/104', '10.1.2.3')).toBe(true);
    expect(call('net.cidr_contains', '10.0.0.0/8', '::ffff:10.1.2.3')).toBe(true);
    expect(call('net.cidr_intersects', '192.168.0.0/16', '192.168.1.0/24')).toBe(true);
    expect(call('net.cidr_intersects', '192.168.0.0/24', '192.168.1.0/24')).toBe(false);
    expect(call('net.cidr_is_valid', '10.0.0.0/8')).toBe(true);
    expect(call('net.cidr_is_valid', '10.0.0.0/33')).toBe(false);
    expect(call('net.cidr_is_valid', '10.0.0.1')).toBe(false);
    expect(call('net.cidr_is_valid', '2001:db8::/129')).toBe(false);
    expectError(
      'eval_builtin_error',
      'net.cidr_contains: invalid CIDR address: nope',
      'net.cidr_contains',
      'nope',
      '10.0.0.1',
    );
  });
  it('cidr_expand and cidr_contains_matches', () => {
    expect(call('net.cidr_expand', '192.168.1.1/30')).toEqual(
      set('192.168.1.0', '192.168.1.1', '192.168.1.2', '192.168.1.3'),
    );
    expect(call('net.cidr_expand', '2001:db8::/127')).toEqual(set('2001:db8::', '2001:db8::1'));
    expectError(
      'eval_builtin_error',
      'net.cidr_expand: invalid CIDR address: 192.168.1.1/33',
      'net.cidr_expand',
      '192.168.1.1/33',
    );
    expect(
      call('net.cidr_contains_matches', ['1.1.2.0/24', '1.1.1.0/24'], ['1.1.1.1', '1.1.2.1']),
    ).toEqual(set([0, 1], [1, 0]));
    expect(
      call('net.cidr_contains_matches', obj({ x: '10.0.0.0/8' }), set('10.1.1.1', '11.0.0.1')),
    ).toEqual(set(['x', '10.1.1.1']));
    expect(call('net.cidr_contains_matches', '10.0.0.0/8', [['10.0.0.1', 'meta']])).toEqual(
      set(['10.0.0.0/8', 0]),
    );
  });
  it('cidr_merge', () => {
    expect(call('net.cidr_merge', ['192.0.128.0/24', '192.0.129.0/24'])).toEqual(
      set('192.0.128.0/23'),
    );
    expect(call('net.cidr_merge', ['10.0.0.0/8', '10.1.0.0/16', '192.168.0.1'])).toEqual(
      set('10.0.0.0/8', '192.168.0.1/32'),
    );
    expect(
      call('net.cidr_merge', [
        '2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64',
        '2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128',
      ]),
    ).toEqual(set('2601:600:8a80:207e::/64'));
    expectError(
      'eval_builtin_error',
      'net.cidr_merge: IPv6 invalid: needs prefix length',
      'net.cidr_merge',
      ['2601:600:8a80:207e:a57d:7567:e2c9:e7b3'],
    );
  });
  it('lookups are not available offline', () => {
    expectError(
      'eval_builtin_error',
      'net.lookup_ip_addr: not available in crosswalk',
      'net.lookup_ip_addr',
      'example.com',
    );
    expectError(
      'eval_builtin_error',
      'http.send: not available in crosswalk',
      'http.send',
      obj({}),
    );
  });
});

describe('units', () => {
  it('units.parse with SI and binary suffixes, exact', () => {
    expect(call('units.parse', '500m')).toBe(0.5);
    expect(call('units.parse', '0.0005K')).toBe(0.5);
    expect(call('units.parse', '0.0000005M')).toBe(0.5);
    expect(call('units.parse', '1G')).toBe(1e9);
    expect(call('units.parse', '10Ki')).toBe(10240);
    expect(call('units.parse', '"1Mi"')).toBe(1048576);
    expect(call('units.parse', '1m')).toBe(0.001);
    for (const [s, msg] of [
      ['', 'no amount provided'],
      ['G', 'no amount provided'],
      ['0.0.0', 'could not parse amount to a number'],
      ['.5.2', 'could not parse amount to a number'],
      ['100 k', 'spaces not allowed in resource strings'],
      ['10e10000000Ei', 'exponent too large'],
      ['10Q', 'unit Q not recognized'],
    ] as const) {
      expectError('eval_builtin_error', `units.parse: ${msg}`, 'units.parse', s);
    }
  });
  it('units.parse_bytes', () => {
    expect(call('units.parse_bytes', '"100TIB"')).toBe(109951162777600);
    expect(call('units.parse_bytes', '.0')).toBe(0);
    expect(call('units.parse_bytes', '10KB')).toBe(10000);
    expect(call('units.parse_bytes', '10Kib')).toBe(10240);
    expect(call('units.parse_bytes', '1.1KiB')).toBe(1126);
    expect(call('units.parse_bytes', '1e3KB')).toBe(1000000);
    expect(call('units.parse_bytes', '3.2E2MiB')).toBe(335544320);
    expect(call('units.parse_bytes', '1e-2KB')).toBe(10);
    expect(call('units.parse_bytes', '5E')).toBe(5e18);
    expect(call('units.parse_bytes', '10ei')).toBe(11529215046068469760);
    expectError(
      'eval_builtin_error',
      'units.parse_bytes: byte unit xb not recognized',
      'units.parse_bytes',
      '1xb',
    );
  });
});

describe('semver', () => {
  it('is_valid is strict SemVer 2.0.0', () => {
    for (const v of ['0.0.0', '1.2.3-0', '1.2.3-0a', '1.2.3+01', '1.0.0-alpha.1+build.5']) {
      expect(call('semver.is_valid', v)).toBe(true);
    }
    for (const v of [
      '01.2.3',
      '1.02.3',
      '1.2.03',
      '1.2.3-01',
      '1.2.3-alpha.01',
      '1.2.3-',
      '1.2.3+',
      'v1.2.3',
    ]) {
      expect(call('semver.is_valid', v)).toBe(false);
    }
    expect(call('semver.is_valid', 1)).toBe(false);
  });
  it('compare orders by precedence', () => {
    expect(call('semver.compare', '1.0.0', '2.0.0')).toBe(-1);
    expect(call('semver.compare', '1.10.0', '1.9.0')).toBe(1);
    expect(call('semver.compare', '1.0.0-alpha', '1.0.0')).toBe(-1);
    expect(call('semver.compare', '1.0.0-alpha.1', '1.0.0-alpha.beta')).toBe(-1);
    expect(call('semver.compare', '1.0.0-beta.11', '1.0.0-beta.2')).toBe(1);
    expect(call('semver.compare', '1.0.0+a', '1.0.0+b')).toBe(0);
    expectError(
      'eval_builtin_error',
      'semver.compare: operand 1: string 1.0 is not a valid SemVer',
      'semver.compare',
      '1.0',
      '1.0.0',
    );
  });
});

describe('crypto', () => {
  it('digests and HMACs (hex)', () => {
    expect(call('crypto.md5', 'abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(call('crypto.sha1', 'abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(call('crypto.sha256', 'abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(call('crypto.hmac.sha512', 'foo', 'bar')).toBe(
      '24257d7210582a65c731ec55159c8184cc24c02489453e58587f71f44c23a2d61b4b72154a89d17b2d49448a8452ea066f4fc56a2bcead45c088572ffccdb3d8',
    );
    expect(call('crypto.hmac.sha512', 'åäöçß🥲♙Ω', '秘密の')).toBe(
      '192f5afded233d6e21427aa26ed267ac118cfa2971013d91cbed530c0b208d78138b83dfe1d6cc3553d7bd518f22a481402c723028e1279d1ffbe8f11ea6b125',
    );
    expect(call('crypto.hmac.equal', 'abc', 'abc')).toBe(true);
    expect(call('crypto.hmac.equal', 'abc', 'abd')).toBe(false);
  });
});

describe('graph and walk', () => {
  const g = obj({});
  it('reachable and reachable_paths', () => {
    const graph = RegoObject.from([
      ['a', set('b', 'c')],
      ['b', set('d')],
      ['c', set('d')],
      ['d', set()],
      ['e', set('f')],
      ['f', set('e')],
      ['x', set('x')],
    ]);
    expect(call('graph.reachable', graph, set('b', 'e'))).toEqual(set('b', 'd', 'e', 'f'));
    expect(call('graph.reachable_paths', graph, set('b', 'e'))).toEqual(
      set(['b', 'd'], ['e', 'f']),
    );
    expect(call('graph.reachable_paths', g, set('a'))).toEqual(set());
    const dag = obj({ '1': [], '2': ['1'], '3': ['2'], '4': ['3', '2'], '5': ['4'] });
    expect(call('graph.reachable_paths', dag, ['5'])).toEqual(
      set(['5', '4', '2', '1'], ['5', '4', '3', '2', '1']),
    );
    const broken = obj({ a: ['b'], b: ['nonexistent'] });
    expect(call('graph.reachable_paths', broken, set('a', 'b'))).toEqual(set(['a', 'b'], ['b']));
    expect(call('graph.reachable_paths', obj({ a: null }), ['a'])).toEqual(set(['a']));
    expectError(
      'eval_type_error',
      'graph.reachable_paths: operand 2 must be one of {array, set} but got string',
      'graph.reachable_paths',
      obj({ a: [] }),
      'a',
    );
  });
  it('walk is a relation: an array of [path, value] results', () => {
    expect(js('walk', 1)).toEqual([[[], 1]]);
    expect(js('walk', { v1: 'hello', v2: ['x'] })).toEqual([
      [[], { v1: 'hello', v2: ['x'] }],
      [['v1'], 'hello'],
      [['v2'], ['x']],
      [['v2', 0], 'x'],
    ]);
  });
});

describe('uuid', () => {
  it('rfc4122 is stable per query and key', () => {
    const ctx = context();
    const a = callIn(ctx, 'uuid.rfc4122', 'key');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(callIn(ctx, 'uuid.rfc4122', 'key')).toBe(a);
    expect(callIn(ctx, 'uuid.rfc4122', 'other')).not.toBe(a);
    expect(callIn(context(), 'uuid.rfc4122', 'key')).not.toBe(a);
  });
  it('without ctx.cache, answers are still stable per context object', () => {
    const ctx = { now: () => 0n, print: () => {}, strict: false };
    const a = callIn(ctx, 'uuid.rfc4122', 'k');
    expect(callIn(ctx, 'uuid.rfc4122', 'k')).toBe(a);
    const r = callIn(ctx, 'rand.intn', 'k', 1000) as number;
    expect(r).toBeGreaterThanOrEqual(0);
    expect(r).toBeLessThan(1000);
    expect(callIn(ctx, 'rand.intn', 'k', 1000)).toBe(r);
    expect(callIn(ctx, 'rand.intn', 'k', 0)).toBe(0);
  });
  it('parse', () => {
    expect(js('uuid.parse', '00000000-0000-4000-8000-000000000000')).toEqual({
      variant: 'RFC4122',
      version: 4,
    });
    expect(js('uuid.parse', '000003e8-48b9-21ee-b200-325096b39f47')).toEqual({
      clocksequence: 12800,
      domain: 'Person',
      id: 1000,
      macvariables: 'local:unicast',
      nodeid: '32-50-96-b3-9f-47',
      time: Number(1693566990121469600n),
      variant: 'RFC4122',
      version: 2,
    });
    expect(call('uuid.parse', 'not-a-uuid')).toBeUndefined();
  });
});
