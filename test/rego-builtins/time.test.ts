import { describe, expect, it } from 'vitest';
import { call, callIn, context, expectError, js } from './helpers.js';

const T0 = 1703444325734390000; // 2023-12-24T18:58:45.73439Z
const T1 = 1257894000000000000; // 2009-11-10T23:00:00Z

describe('time parsing', () => {
  it('parse_rfc3339_ns, including the int64 edges', () => {
    expect(call('time.parse_rfc3339_ns', '1985-04-12T23:20:50.52Z')).toBe(482196050520000000);
    expect(call('time.parse_rfc3339_ns', '1996-12-19T16:39:57-08:00')).toBe(851042397000000000);
    expect(call('time.parse_rfc3339_ns', '2017-06-02T19:00:00-07:00')).toBe(1496455200000000000);
    expect(call('time.parse_rfc3339_ns', '1970-01-01T00:00:00-00:00')).toBe(0);
    // int64 max; as a double it is 2^63 (numbers are JS doubles)
    expect(call('time.parse_rfc3339_ns', '2262-04-11T23:47:16.854775807-00:00')).toBe(2 ** 63);
    expectError(
      'eval_builtin_error',
      'time.parse_rfc3339_ns: time outside of valid range',
      'time.parse_rfc3339_ns',
      '2262-04-11T23:47:16.854775808-00:00',
    );
    expectError(
      'eval_builtin_error',
      'time.parse_rfc3339_ns: time outside of valid range',
      'time.parse_rfc3339_ns',
      '1677-09-21T00:12:43.145224191-00:00',
    );
    expectError(
      'eval_builtin_error',
      'time.parse_rfc3339_ns: parsing time "2020-13-01T00:00:00Z": month out of range',
      'time.parse_rfc3339_ns',
      '2020-13-01T00:00:00Z',
    );
    expectError('eval_builtin_error', /cannot parse "x" as "-"/, 'time.parse_rfc3339_ns', '2020x');
  });
  it('parse_ns with Go layouts and named layouts', () => {
    expect(call('time.parse_ns', '2006-01-02T15:04:05', '2016-05-10T19:06:42')).toBe(
      1462907202000000000,
    );
    expect(call('time.parse_ns', '2006-01-02 15:04:05', '2015-09-05 23:56:04')).toBe(
      1441497364000000000,
    );
    expect(call('time.parse_ns', 'RFC822Z', '02 Jan 06 15:04 -0700')).toBe(1136239440000000000);
    expect(call('time.parse_ns', 'Jan _2 2006 3:04PM', 'Feb  3 2013 1:05PM')).toBe(
      1359896700000000000,
    );
    expect(call('time.parse_ns', '2006-01-02', '2020-02-29')).toBe(1582934400000000000);
    expectError(
      'eval_builtin_error',
      'time.parse_ns: parsing time "2019-02-29": day out of range',
      'time.parse_ns',
      '2006-01-02',
      '2019-02-29',
    );
  });
  it('parse_duration_ns is exact', () => {
    expect(call('time.parse_duration_ns', '1h')).toBe(3600000000000);
    expect(call('time.parse_duration_ns', '1h6m13.3s20ms15µs1ns')).toBe(3973320015001);
    expect(call('time.parse_duration_ns', '1.2h20.2ms15µs56ns')).toBe(4320020215056);
    expect(call('time.parse_duration_ns', '15.000001ms')).toBe(15000001);
    expect(call('time.parse_duration_ns', '-1.5s')).toBe(-1500000000);
    expectError(
      'eval_builtin_error',
      'time.parse_duration_ns: time: unknown unit "d" in duration "1d"',
      'time.parse_duration_ns',
      '1d',
    );
    expectError(
      'eval_builtin_error',
      'time.parse_duration_ns: time: missing unit in duration "10"',
      'time.parse_duration_ns',
      '10',
    );
  });
});

describe('time fields and arithmetic', () => {
  it('date, clock, weekday in UTC and in zones', () => {
    expect(js('time.date', T0)).toEqual([2023, 12, 24]);
    expect(js('time.clock', T0)).toEqual([18, 58, 45]);
    expect(js('time.clock', [T0, 'CET'])).toEqual([19, 58, 45]);
    expect(js('time.date', [T0, 'Pacific/Kiritimati'])).toEqual([2023, 12, 25]);
    expect(call('time.weekday', T0)).toBe('Sunday');
    expect(call('time.weekday', T1)).toBe('Tuesday');
    expect(call('time.weekday', 1518177600000000000)).toBe('Friday');
    expect(js('time.date', -1)).toEqual([1969, 12, 31]);
    expectError(
      'eval_builtin_error',
      'time.date: timestamp too big',
      'time.date',
      1582977600 * 1000 * 1000 * 1000 * 1000,
    );
    expectError('eval_builtin_error', 'time.date: unknown time zone Mars/Olympus', 'time.date', [
      0,
      'Mars/Olympus',
    ]);
    expectError(
      'eval_type_error',
      'time.date: operand 1 must be one of {number, array} but got string',
      'time.date',
      '1703444325734390000',
    );
  });
  it('add_date normalises like Go', () => {
    expect(call('time.add_date', T0, 1, 0, 0)).toBe(1735066725734390000);
    expect(call('time.add_date', T0, -60, 0, 0)).toBe(-190011674265610000);
    expect(call('time.add_date', T0, 0, 15, 0)).toBe(1742842725734390000);
    expect(call('time.add_date', T0, 0, -19, 0)).toBe(1653418725734390000);
    expect(call('time.add_date', T0, 0, 0, -16)).toBe(1702061925734390000);
    // 31 January + 1 month = 3 March (2021 is not a leap year)
    const jan31 = call('time.parse_ns', '2006-01-02', '2021-01-31') as number;
    expect(js('time.date', call('time.add_date', jan31, 0, 1, 0)!)).toEqual([2021, 3, 3]);
    expectError(
      'eval_builtin_error',
      'time.add_date: time outside of valid range',
      'time.add_date',
      T0,
      300,
      0,
      0,
    );
  });
  it('diff in calendar units', () => {
    expect(js('time.diff', T0, T1)).toEqual([14, 1, 13, 19, 58, 45]);
    expect(js('time.diff', T1, T0)).toEqual([14, 1, 13, 19, 58, 45]);
    const feb2 = call('time.parse_ns', '2006-01-02', '2020-02-02')!;
    const mar1 = call('time.parse_ns', '2006-01-02', '2020-03-01')!;
    expect(js('time.diff', feb2, mar1)).toEqual([0, 0, 28, 0, 0, 0]);
  });
  it('format with default, named and custom layouts', () => {
    expect(call('time.format', T0)).toBe('2023-12-24T18:58:45.73439Z');
    expect(call('time.format', T1)).toBe('2009-11-10T23:00:00Z');
    expect(js('time.format', [T0, 'UTC', '2006-01-02T15:04:05'])).toBe('2023-12-24T18:58:45');
    expect(js('time.format', [T1, '', '02/01/2006 15:04'])).toBe('10/11/2009 23:00');
    expect(js('time.format', [T1, 'America/New_York', 'RFC1123Z'])).toBe(
      'Tue, 10 Nov 2009 18:00:00 -0500',
    );
    expect(js('time.format', [T1, 'UTC', 'Monday January 2 3:04pm .000 002'])).toBe(
      'Tuesday November 10 11:00pm .000 314',
    );
  });
  it('now_ns is the query time from the context', () => {
    const ctx = context(1_600_000_000_000_000_000n);
    expect(callIn(ctx, 'time.now_ns')).toBe(1.6e18);
    expect(callIn(ctx, 'time.now_ns')).toBe(callIn(ctx, 'time.now_ns'));
  });
});
