/** time.* builtins. Instants are nanoseconds since the epoch, computed exactly as BigInt. */
import { typeName, type RegoValue } from '../value.js';
import * as go from './golayout.js';
import { builtinError, def, num, str, T, typeError, type BuiltinDecl } from './spec.js';

const MIN_NS = -(2n ** 63n);
const MAX_NS = 2n ** 63n - 1n;

const LAYOUTS: Record<string, string> = {
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST',
  RFC822Z: '02 Jan 06 15:04 -0700',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00',
};

interface ZonedTime {
  ns: bigint;
  zone: go.Zone;
  layout: string;
}

/** Runs a time computation, turning Go-style failures into builtin errors. */
function guard<R>(name: string, f: () => R): R {
  try {
    return f();
  } catch (e) {
    if (e instanceof go.TimeError) throw builtinError(name, e.message);
    throw e;
  }
}

/** A number of ns, or [ns, zone] or [ns, zone, layout], as OPA's time builtins take. */
function zonedTime(name: string, v: RegoValue): ZonedTime {
  const typeErr = () =>
    typeError(
      name,
      `operand 1 must be either number (ns) or [number (ns), string (tz)] but got ${typeName(v)}`,
    );
  let n: RegoValue | undefined = v;
  let zone = go.UTC;
  let layout = '';
  if (Array.isArray(v)) {
    if (v.length === 0) throw typeErr();
    n = v[0];
    if (v.length > 1) {
      if (typeof v[1] !== 'string')
        throw typeError(name, 'operand 1 must be string but got ' + typeof v[1]);
      zone = guard(name, () => go.loadZone(v[1] as string));
    }
    if (v.length > 2) {
      if (typeof v[2] !== 'string')
        throw typeError(name, 'operand 1 must be string but got ' + typeof v[2]);
      layout = v[2];
    }
    if (typeof n !== 'number')
      throw typeError(name, 'operand 1 must be number but got ' + typeof n);
  } else if (typeof v !== 'number') {
    throw typeErr();
  }
  const x = n as number;
  if (!Number.isInteger(x) || x < -(2 ** 63) || x >= 2 ** 63) {
    throw builtinError(name, 'timestamp too big');
  }
  // Doubles above 2^53 are inexact; their shortest decimal form is the literal the policy
  // author wrote (1703444325734390000, not ...016), so read that back
  return { ns: BigInt(String(x)), zone, layout };
}

function safeNs(name: string, ns: bigint): number {
  if (ns < MIN_NS || ns > MAX_NS) throw builtinError(name, 'time outside of valid range');
  return Number(ns);
}

function civilOf(t: ZonedTime): go.Civil {
  return go.civil(t.ns, t.zone.at(t.ns).offset);
}

/** Calendar difference, as OPA computes it (after icza/gox). */
function diff(a: ZonedTime, b: ZonedTime): number[] {
  // both are read in the first operand's zone, earlier one first
  const [t1, t2] = a.ns <= b.ns ? [a.ns, b.ns] : [b.ns, a.ns];
  const c1 = go.civil(t1, a.zone.at(t1).offset);
  const c2 = go.civil(t2, a.zone.at(t2).offset);
  let year = c2.year - c1.year;
  let month = c2.month - c1.month;
  let day = c2.day - c1.day;
  let hour = c2.hour - c1.hour;
  let min = c2.minute - c1.minute;
  let sec = c2.second - c1.second;
  if (sec < 0) {
    sec += 60;
    min--;
  }
  if (min < 0) {
    min += 60;
    hour--;
  }
  if (hour < 0) {
    hour += 24;
    day--;
  }
  if (day < 0) {
    day += go.daysIn(c1.year, c1.month);
    month--;
  }
  if (month < 0) {
    month += 12;
    year--;
  }
  return [year, month, day, hour, min, sec];
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const TIME = T.union(T.number, T.array(T.any));

export const decls: BuiltinDecl[] = [
  def('time.now_ns', [], T.number, 'time', (_a, ctx) => Number(ctx.now()), {
    nondeterministic: true,
  }),
  def('time.parse_ns', [T.string, T.string], T.number, 'time', (a) => {
    const layout = LAYOUTS[str(a[0])] ?? str(a[0]);
    return safeNs(
      'time.parse_ns',
      guard('time.parse_ns', () => go.parse(layout, str(a[1]))),
    );
  }),
  def('time.parse_rfc3339_ns', [T.string], T.number, 'time', (a) =>
    safeNs(
      'time.parse_rfc3339_ns',
      guard('time.parse_rfc3339_ns', () => go.parse(LAYOUTS.RFC3339!, str(a[0]))),
    ),
  ),
  def('time.parse_duration_ns', [T.string], T.number, 'time', (a) =>
    Number(guard('time.parse_duration_ns', () => go.parseDuration(str(a[0])))),
  ),
  def('time.format', [TIME], T.string, 'time', (a) => {
    const t = zonedTime('time.format', a[0]!);
    const layout = t.layout === '' ? LAYOUTS.RFC3339Nano! : (LAYOUTS[t.layout] ?? t.layout);
    return go.format(t.ns, t.zone, layout);
  }),
  def('time.date', [TIME], T.array(T.number), 'time', (a) => {
    const c = civilOf(zonedTime('time.date', a[0]!));
    return [c.year, c.month, c.day];
  }),
  def('time.clock', [TIME], T.array(T.number), 'time', (a) => {
    const c = civilOf(zonedTime('time.clock', a[0]!));
    return [c.hour, c.minute, c.second];
  }),
  def('time.weekday', [TIME], T.string, 'time', (a) => {
    return WEEKDAYS[civilOf(zonedTime('time.weekday', a[0]!)).weekday]!;
  }),
  def('time.add_date', [TIME, T.int, T.int, T.int], T.number, 'time', (a) => {
    const t = zonedTime('time.add_date', a[0]!);
    const c = civilOf(t);
    const ns = go.fromCivil(
      t.zone,
      c.year + num(a[1]),
      c.month + num(a[2]),
      c.day + num(a[3]),
      c.hour,
      c.minute,
      c.second,
      c.nsec,
    );
    return safeNs('time.add_date', ns);
  }),
  def('time.diff', [TIME, TIME], T.array(T.number), 'time', (a) =>
    diff(zonedTime('time.diff', a[0]!), zonedTime('time.diff', a[1]!)),
  ),
];
