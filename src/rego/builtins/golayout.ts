/**
 * Go's reference-time layouts ("2006-01-02T15:04:05Z07:00"): tokenising, formatting and
 * parsing civil times, plus time zones through Intl. Instants are BigInt nanoseconds.
 */
import { goQuote } from './format.js';

export class TimeError extends Error {}

// ---------------------------------------------------------------------------------------
// Civil calendar arithmetic (proleptic Gregorian), exact for any year.

const NS_PER_SEC = 1_000_000_000n;
const SEC_PER_DAY = 86_400n;

/** Days since 1970-01-01 of a civil date; month and day may overflow (Go normalises). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y0 = year + Math.floor((month - 1) / 12);
  const m0 = ((((month - 1) % 12) + 12) % 12) + 1;
  const y = m0 <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m0 + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + (day - 1);
}

export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nsec: number;
  /** 0 = Sunday */
  weekday: number;
  /** 1-based day of the year */
  yday: number;
}

function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));

/** Civil fields of an instant seen at a fixed UTC offset (seconds). */
export function civil(ns: bigint, offsetSec: number): Civil {
  const local = ns + BigInt(offsetSec) * NS_PER_SEC;
  const secs = floorDiv(local, NS_PER_SEC);
  const nsec = Number(local - secs * NS_PER_SEC);
  const days = floorDiv(secs, SEC_PER_DAY);
  const sod = Number(secs - days * SEC_PER_DAY);
  const [year, month, day] = civilFromDays(Number(days));
  return {
    year,
    month,
    day,
    hour: Math.floor(sod / 3600),
    minute: Math.floor((sod % 3600) / 60),
    second: sod % 60,
    nsec,
    weekday: (((Number(days) + 4) % 7) + 7) % 7,
    yday: Number(days) - daysFromCivil(year, 1, 1) + 1,
  };
}

// ---------------------------------------------------------------------------------------
// Zones

export interface Zone {
  name: string;
  /** Offset east of UTC in seconds at an instant, and the zone abbreviation then. */
  at(ns: bigint): { offset: number; abbrev: string };
}

export const UTC: Zone = { name: 'UTC', at: () => ({ offset: 0, abbrev: 'UTC' }) };

export function fixedZone(name: string, offset: number): Zone {
  return { name, at: () => ({ offset, abbrev: name }) };
}

const zoneCache = new Map<string, Zone>();

/** An IANA zone via Intl; throws TimeError("unknown time zone X") like Go. */
export function loadZone(name: string): Zone {
  if (name === '' || name === 'UTC') return UTC;
  const iana = name === 'Local' ? Intl.DateTimeFormat().resolvedOptions().timeZone : name;
  const hit = zoneCache.get(iana);
  if (hit) return hit;
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: iana,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
      timeZoneName: 'short',
    });
  } catch {
    throw new TimeError(`unknown time zone ${name}`);
  }
  const zone: Zone = {
    name,
    at(ns) {
      // Intl works in milliseconds; clamp to its supported range
      const ms = Number(floorDiv(ns, 1_000_000n));
      const safe = Math.max(-8.64e15, Math.min(8.64e15, ms));
      const parts = Object.fromEntries(fmt.formatToParts(safe).map((p) => [p.type, p.value]));
      let year = Number(parts.year);
      if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
      const localDays = daysFromCivil(year, Number(parts.month), Number(parts.day));
      const localSec =
        localDays * 86400 +
        Number(parts.hour) * 3600 +
        Number(parts.minute) * 60 +
        Number(parts.second);
      const offset = localSec - Math.floor(safe / 1000);
      let abbrev = parts.timeZoneName ?? '';
      if (/^GMT[+-]/.test(abbrev) || abbrev === 'GMT' || abbrev === 'UTC') {
        abbrev = offset === 0 ? (abbrev === 'GMT' ? 'GMT' : 'UTC') : offsetName(offset);
      }
      return { offset, abbrev };
    },
  };
  zoneCache.set(iana, zone);
  return zone;
}

/** tzdata's numeric abbreviation, e.g. "+03" or "-0930". */
function offsetName(offset: number): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const hh = String(Math.floor(a / 3600)).padStart(2, '0');
  const mm = Math.floor((a % 3600) / 60);
  return sign + hh + (mm ? String(mm).padStart(2, '0') : '');
}

/** Unix nanoseconds of a civil time in a zone (Go's time.Date), with normalisation. */
export function fromCivil(
  zone: Zone,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  nsec: number,
): bigint {
  const days = BigInt(daysFromCivil(year, month, day));
  const local =
    (days * SEC_PER_DAY + BigInt(hour * 3600 + minute * 60 + second)) * NS_PER_SEC + BigInt(nsec);
  // guess with the offset at the local time read as UTC, then correct once
  const guess = local - BigInt(zone.at(local).offset) * NS_PER_SEC;
  return local - BigInt(zone.at(guess).offset) * NS_PER_SEC;
}

// ---------------------------------------------------------------------------------------
// Layout tokens

type Std =
  | 'LongMonth'
  | 'Month'
  | 'NumMonth'
  | 'ZeroMonth'
  | 'LongWeekDay'
  | 'WeekDay'
  | 'Day'
  | 'UnderDay'
  | 'ZeroDay'
  | 'UnderYearDay'
  | 'ZeroYearDay'
  | 'Hour'
  | 'Hour12'
  | 'ZeroHour12'
  | 'Minute'
  | 'ZeroMinute'
  | 'Second'
  | 'ZeroSecond'
  | 'LongYear'
  | 'Year'
  | 'PM'
  | 'pm'
  | 'TZ'
  | 'ISO8601TZ'
  | 'ISO8601SecondsTZ'
  | 'ISO8601ShortTZ'
  | 'ISO8601ColonTZ'
  | 'ISO8601ColonSecondsTZ'
  | 'NumTZ'
  | 'NumSecondsTz'
  | 'NumShortTZ'
  | 'NumColonTZ'
  | 'NumColonSecondsTZ'
  | 'Frac0'
  | 'Frac9';

export interface Token {
  std?: Std;
  text: string;
  /** digits of a fractional-second token */
  digits?: number;
}

const PREFIXES: [string, Std][] = [
  ['January', 'LongMonth'],
  ['Jan', 'Month'],
  ['Monday', 'LongWeekDay'],
  ['Mon', 'WeekDay'],
  ['MST', 'TZ'],
  ['2006', 'LongYear'],
  ['__2', 'UnderYearDay'],
  ['_2', 'UnderDay'],
  ['002', 'ZeroYearDay'],
  ['01', 'ZeroMonth'],
  ['02', 'ZeroDay'],
  ['03', 'ZeroHour12'],
  ['04', 'ZeroMinute'],
  ['05', 'ZeroSecond'],
  ['06', 'Year'],
  ['15', 'Hour'],
  ['1', 'NumMonth'],
  ['2', 'Day'],
  ['3', 'Hour12'],
  ['4', 'Minute'],
  ['5', 'Second'],
  ['PM', 'PM'],
  ['pm', 'pm'],
  ['Z070000', 'ISO8601SecondsTZ'],
  ['Z07:00:00', 'ISO8601ColonSecondsTZ'],
  ['Z0700', 'ISO8601TZ'],
  ['Z07:00', 'ISO8601ColonTZ'],
  ['Z07', 'ISO8601ShortTZ'],
  ['-070000', 'NumSecondsTz'],
  ['-07:00:00', 'NumColonSecondsTZ'],
  ['-0700', 'NumTZ'],
  ['-07:00', 'NumColonTZ'],
  ['-07', 'NumShortTZ'],
];

const layoutCache = new Map<string, Token[]>();

export function tokenize(layout: string): Token[] {
  const hit = layoutCache.get(layout);
  if (hit) return hit;
  const out: Token[] = [];
  let lit = '';
  let i = 0;
  const push = (t: Token) => {
    if (lit) out.push({ text: lit });
    lit = '';
    out.push(t);
  };
  outer: while (i < layout.length) {
    const rest = layout.slice(i);
    const c = layout[i]!;
    // "_2006" is a literal underscore before a year
    if (rest.startsWith('_2006')) {
      lit += '_';
      i++;
      continue;
    }
    if ((c === '.' || c === ',') && (layout[i + 1] === '0' || layout[i + 1] === '9')) {
      const d = layout[i + 1]!;
      let j = i + 1;
      while (layout[j] === d) j++;
      if (!/[0-9]/.test(layout[j] ?? '')) {
        push({ std: d === '0' ? 'Frac0' : 'Frac9', text: layout.slice(i, j), digits: j - i - 1 });
        i = j;
        continue;
      }
    }
    for (const [p, std] of PREFIXES) {
      if (rest.startsWith(p)) {
        // "Jan"/"Mon" followed by a lowercase letter are words, not month/day names
        if ((std === 'Month' || std === 'WeekDay') && /^[a-z]/.test(rest.slice(3))) break;
        push({ std, text: p });
        i += p.length;
        continue outer;
      }
    }
    lit += c;
    i++;
  }
  if (lit) out.push({ text: lit });
  layoutCache.set(layout, out);
  return out;
}

// ---------------------------------------------------------------------------------------
// Formatting

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const z2 = (n: number): string => String(n).padStart(2, '0');

function formatOffset(offset: number, colon: boolean, seconds: boolean, short: boolean): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  const hh = z2(Math.floor(a / 3600));
  const mm = z2(Math.floor((a % 3600) / 60));
  const ss = z2(a % 60);
  if (short) return sign + hh;
  const sep = colon ? ':' : '';
  return sign + hh + sep + mm + (seconds ? sep + ss : '');
}

export function format(ns: bigint, zone: Zone, layout: string): string {
  const { offset, abbrev } = zone.at(ns);
  const t = civil(ns, offset);
  let out = '';
  for (const tok of tokenize(layout)) {
    switch (tok.std) {
      case undefined:
        out += tok.text;
        break;
      case 'LongMonth':
        out += MONTHS[t.month - 1];
        break;
      case 'Month':
        out += MONTHS[t.month - 1]!.slice(0, 3);
        break;
      case 'NumMonth':
        out += t.month;
        break;
      case 'ZeroMonth':
        out += z2(t.month);
        break;
      case 'LongWeekDay':
        out += DAYS[t.weekday];
        break;
      case 'WeekDay':
        out += DAYS[t.weekday]!.slice(0, 3);
        break;
      case 'Day':
        out += t.day;
        break;
      case 'UnderDay':
        out += String(t.day).padStart(2, ' ');
        break;
      case 'ZeroDay':
        out += z2(t.day);
        break;
      case 'UnderYearDay':
        out += String(t.yday).padStart(3, ' ');
        break;
      case 'ZeroYearDay':
        out += String(t.yday).padStart(3, '0');
        break;
      case 'Hour':
        out += z2(t.hour);
        break;
      case 'Hour12':
        out += t.hour % 12 || 12;
        break;
      case 'ZeroHour12':
        out += z2(t.hour % 12 || 12);
        break;
      case 'Minute':
        out += t.minute;
        break;
      case 'ZeroMinute':
        out += z2(t.minute);
        break;
      case 'Second':
        out += t.second;
        break;
      case 'ZeroSecond':
        out += z2(t.second);
        break;
      case 'LongYear':
        out +=
          t.year < 0 ? '-' + String(-t.year).padStart(4, '0') : String(t.year).padStart(4, '0');
        break;
      case 'Year':
        out += z2(((t.year % 100) + 100) % 100);
        break;
      case 'PM':
        out += t.hour >= 12 ? 'PM' : 'AM';
        break;
      case 'pm':
        out += t.hour >= 12 ? 'pm' : 'am';
        break;
      case 'TZ':
        out += abbrev || formatOffset(offset, false, false, false);
        break;
      case 'Frac0':
        out += tok.text[0] + String(t.nsec).padStart(9, '0').slice(0, tok.digits);
        break;
      case 'Frac9': {
        const digits = String(t.nsec).padStart(9, '0').slice(0, tok.digits).replace(/0+$/, '');
        if (digits) out += tok.text[0] + digits;
        break;
      }
      default: {
        const std = tok.std;
        if (std.startsWith('ISO') && offset === 0) {
          out += 'Z';
          break;
        }
        const colon = std.includes('Colon');
        const seconds = std.includes('Seconds');
        const short = std.includes('Short');
        out += formatOffset(offset, colon, seconds, short);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Parsing (Go's time.Parse)

function lookupName(value: string, names: readonly string[]): [number, string] | undefined {
  for (let i = 0; i < names.length; i++) {
    const n = names[i]!;
    if (value.length >= n.length && value.slice(0, n.length).toLowerCase() === n.toLowerCase()) {
      return [i, value.slice(n.length)];
    }
  }
  return undefined;
}

/** Up to two digits (exactly two when fixed). */
function getNum(value: string, fixed: boolean): [number, string] | undefined {
  if (!/^[0-9]/.test(value)) return undefined;
  if (!/^[0-9]{2}/.test(value)) return fixed ? undefined : [Number(value[0]), value.slice(1)];
  return [Number(value.slice(0, 2)), value.slice(2)];
}

function getNum3(value: string, fixed: boolean): [number, string] | undefined {
  const m = /^[0-9]{1,3}/.exec(value);
  if (!m || (fixed && m[0].length !== 3)) return undefined;
  return [Number(m[0]), value.slice(m[0].length)];
}

export function parse(layout: string, value: string, defaultZone: Zone = UTC): bigint {
  const original = value;
  const err = (rest: string, tok: string): never => {
    throw new TimeError(
      `parsing time ${goQuote(original)} as ${goQuote(layout)}: cannot parse ${goQuote(rest)} as ${goQuote(tok)}`,
    );
  };
  const rangeErr = (what: string): never => {
    throw new TimeError(`parsing time ${goQuote(original)}: ${what} out of range`);
  };
  let year = 1;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let nsec = 0;
  let pmSet = false;
  let amSet = false;
  let offset: number | undefined;
  let zoneName: string | undefined;

  const tokens = tokenize(layout);
  for (let ti = 0; ti < tokens.length; ti++) {
    const tok = tokens[ti]!;
    const hold = value;
    if (!tok.std) {
      // literal text must match; runs of spaces match runs of spaces
      let lit = tok.text;
      while (lit.length > 0) {
        if (lit[0] === ' ') {
          if (value.length > 0 && value[0] !== ' ') err(value, tok.text);
          lit = lit.replace(/^ +/, '');
          value = value.replace(/^ +/, '');
          continue;
        }
        if (value[0] !== lit[0]) err(value, tok.text);
        lit = lit.slice(1);
        value = value.slice(1);
      }
      continue;
    }
    let r: [number, string] | undefined;
    switch (tok.std) {
      case 'Year': {
        if (!/^[0-9]{2}/.test(value)) err(hold, tok.text);
        const y = Number(value.slice(0, 2));
        year = y >= 69 ? 1900 + y : 2000 + y;
        value = value.slice(2);
        break;
      }
      case 'LongYear':
        if (!/^[0-9]{4}/.test(value)) err(hold, tok.text);
        year = Number(value.slice(0, 4));
        value = value.slice(4);
        break;
      case 'Month':
      case 'LongMonth':
        r = lookupName(value, tok.std === 'Month' ? MONTHS.map((m) => m.slice(0, 3)) : MONTHS);
        if (!r) err(hold, tok.text);
        month = r![0] + 1;
        value = r![1];
        break;
      case 'NumMonth':
      case 'ZeroMonth':
        r = getNum(value, tok.std === 'ZeroMonth');
        if (!r) err(hold, tok.text);
        if (r![0] < 1 || r![0] > 12) rangeErr('month');
        [month, value] = r!;
        break;
      case 'WeekDay':
      case 'LongWeekDay':
        r = lookupName(value, tok.std === 'WeekDay' ? DAYS.map((d) => d.slice(0, 3)) : DAYS);
        if (!r) err(hold, tok.text);
        value = r![1];
        break;
      case 'Day':
      case 'UnderDay':
      case 'ZeroDay':
        if (tok.std === 'UnderDay' && value[0] === ' ') value = value.slice(1);
        r = getNum(value, tok.std === 'ZeroDay');
        if (!r) err(hold, tok.text);
        [day, value] = r!;
        break;
      case 'UnderYearDay':
      case 'ZeroYearDay':
        value = tok.std === 'UnderYearDay' ? value.replace(/^ {1,2}/, '') : value;
        r = getNum3(value, tok.std === 'ZeroYearDay');
        if (!r) err(hold, tok.text);
        [yday, value] = r!;
        if (yday < 1 || yday > 366) rangeErr('day-of-year');
        break;
      case 'Hour':
        r = getNum(value, false);
        if (!r) err(hold, tok.text);
        if (r![0] > 23) rangeErr('hour');
        [hour, value] = r!;
        break;
      case 'Hour12':
      case 'ZeroHour12':
        r = getNum(value, tok.std === 'ZeroHour12');
        if (!r) err(hold, tok.text);
        if (r![0] < 0 || r![0] > 12) rangeErr('hour');
        [hour, value] = r!;
        break;
      case 'Minute':
      case 'ZeroMinute':
        r = getNum(value, tok.std === 'ZeroMinute');
        if (!r) err(hold, tok.text);
        if (r![0] > 59) rangeErr('minute');
        [minute, value] = r!;
        break;
      case 'Second':
      case 'ZeroSecond': {
        r = getNum(value, tok.std === 'ZeroSecond');
        if (!r) err(hold, tok.text);
        if (r![0] > 59) rangeErr('second');
        [second, value] = r!;
        // a fraction after the seconds is accepted even when the layout has none
        const next = tokens[ti + 1];
        const m = /^[.,]([0-9]+)/.exec(value);
        if (m && !(next?.std === 'Frac0' || next?.std === 'Frac9')) {
          nsec = Number(m[1]!.slice(0, 9).padEnd(9, '0'));
          value = value.slice(m[0].length);
        }
        break;
      }
      case 'PM':
      case 'pm': {
        const want = tok.std === 'PM' ? ['AM', 'PM'] : ['am', 'pm'];
        const p = value.slice(0, 2);
        if (p === want[0]) amSet = true;
        else if (p === want[1]) pmSet = true;
        else err(hold, tok.text);
        value = value.slice(2);
        break;
      }
      case 'TZ': {
        if (value.startsWith('UTC')) {
          offset = 0;
          zoneName = 'UTC';
          value = value.slice(3);
          break;
        }
        const m = /^[A-Z]{3,5}|^[A-Z]{3}[+-]\d{1,2}/.exec(value);
        if (!m) err(hold, tok.text);
        zoneName = m![0];
        value = value.slice(m![0].length);
        break;
      }
      case 'Frac0': {
        const n = tok.digits!;
        const m = new RegExp(`^[.,]([0-9]{${n}})`).exec(value);
        if (!m) err(hold, tok.text);
        nsec = Number(m![1]!.padEnd(9, '0').slice(0, 9));
        value = value.slice(n + 1);
        break;
      }
      case 'Frac9': {
        const m = /^[.,]([0-9]+)/.exec(value);
        if (!m) break; // the fraction may be omitted
        if (m[1]!.length > 9) err(hold, tok.text);
        nsec = Number(m[1]!.padEnd(9, '0'));
        value = value.slice(m[0].length);
        break;
      }
      default: {
        const std = tok.std;
        if (std.startsWith('ISO') && value[0] === 'Z') {
          offset = 0;
          zoneName = 'UTC';
          value = value.slice(1);
          break;
        }
        const colon = std.includes('Colon');
        const seconds = std.includes('Seconds');
        const short = std.includes('Short');
        const re = short
          ? /^([+-])(\d{2})/
          : seconds
            ? colon
              ? /^([+-])(\d{2}):(\d{2}):(\d{2})/
              : /^([+-])(\d{2})(\d{2})(\d{2})/
            : colon
              ? /^([+-])(\d{2}):(\d{2})/
              : /^([+-])(\d{2})(\d{2})/;
        const m = re.exec(value);
        if (!m) err(hold, tok.text);
        const [hh, mm, ss] = [Number(m![2]), Number(m![3] ?? 0), Number(m![4] ?? 0)];
        if (hh > 24 || mm > 59 || ss > 59) rangeErr('time zone offset');
        offset = (m![1] === '-' ? -1 : 1) * (hh * 3600 + mm * 60 + ss);
        value = value.slice(m![0].length);
      }
    }
  }
  if (value.length > 0) {
    throw new TimeError(`parsing time ${goQuote(original)}: extra text: ${goQuote(value)}`);
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;
  if (yday >= 0) {
    const days = daysFromCivil(year, 1, 1) + yday - 1;
    const [, m, d] = civilFromDays(days);
    if ((month >= 0 && month !== m) || (day >= 0 && day !== d) || civilFromDays(days)[0] !== year) {
      rangeErr('day-of-year');
    }
    month = m;
    day = d;
  }
  if (month < 0) month = 1;
  if (day < 0) day = 1;
  if (day < 1 || day > daysIn(year, month)) rangeErr('day');
  if (offset !== undefined)
    return fromCivil(fixedZone('', offset), year, month, day, hour, minute, second, nsec);
  // a zone abbreviation alone fixes no offset; Go then uses UTC unless it names the default zone
  void zoneName;
  return fromCivil(defaultZone, year, month, day, hour, minute, second, nsec);
}

export function daysIn(year: number, month: number): number {
  return daysFromCivil(year, month + 1, 1) - daysFromCivil(year, month, 1);
}

/** Go's time.ParseDuration, exact in nanoseconds. */
export function parseDuration(s: string): bigint {
  const orig = s;
  const bad = (): never => {
    throw new TimeError(`time: invalid duration ${goQuote(orig)}`);
  };
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') bad();
  const UNITS: Record<string, bigint> = {
    ns: 1n,
    us: 1000n,
    µs: 1000n,
    μs: 1000n,
    ms: 1_000_000n,
    s: NS_PER_SEC,
    m: 60n * NS_PER_SEC,
    h: 3600n * NS_PER_SEC,
  };
  let total = 0n;
  while (s !== '') {
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
    const [whole, frac] = [m[1] ?? '', m[2]];
    if (whole === '' && (frac === undefined || frac === '')) bad();
    s = s.slice(m[0].length);
    const u = /^[^0-9.]+/.exec(s);
    if (!u) throw new TimeError(`time: missing unit in duration ${goQuote(orig)}`);
    const unit = UNITS[u[0]];
    if (unit === undefined) {
      throw new TimeError(`time: unknown unit ${goQuote(u[0])} in duration ${goQuote(orig)}`);
    }
    s = s.slice(u[0].length);
    let v = BigInt(whole || '0') * unit;
    if (frac) v += (BigInt(frac) * unit) / 10n ** BigInt(frac.length);
    total += v;
    if (total > 2n ** 63n - 1n) bad();
  }
  return neg ? -total : total;
}
