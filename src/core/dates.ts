// Strict date parsing (ISO 8601, YAML timestamps, RFC 2822, epoch numbers), durations and relative times.
import path from 'node:path';

const MAX_TIME_MS = 8.64e15;
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// ISO 8601 extended format and YAML 1.1 timestamps: `T`/`t`/spaces between date and time, optional
// seconds and fraction, optional zone `Z`/`z`, `±H`, `±HH`, `±HHMM`, `±HH:MM` (spaces allowed before it).
const ISO_RE =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?[ \t]*(?:([Zz])|([+-])(\d{1,2})(?::?(\d{2}))?|([A-Za-z]{2,3}))?)?$/;

// RFC 2822 / RFC 1123: optional weekday, day, month name, year, optional time, optional zone.
const RFC_RE =
  /^(?:([A-Za-z]{3,9})(?:\s*,\s*|\s+))?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4}|\d{2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([+-])(\d{2}):?(\d{2})|\s*([A-Za-z]{1,3}))?)?$/;

const WEEKDAYS = new Set([
  'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];
// Offsets of the RFC 2822 named zones, in minutes east of UTC.
const ZONES: Record<string, number> = {
  gmt: 0, ut: 0, utc: 0, z: 0,
  est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  offsetMinutes: number;
}

/** True for a leap year of the proleptic Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/**
 * The ISO text of a time in years 0000–9999; null outside them (`-000001-…` and `+010000-…`
 * are ISO's extended years, which few readers of a record read back).
 */
function isoOf(t: number): string | null {
  if (Math.abs(t) > MAX_TIME_MS) return null;
  const iso = new Date(t).toISOString();
  return iso.length === 24 ? iso : null;
}

// Builds the UTC ISO string after range-checking every component; null when any is out of range.
// Second 60 is a leap second (RFC 3339), only at 23:59:60 UTC: it is read as the next day's first second.
function toIso(p: Parts): string | null {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > daysInMonth(p.year, p.month)) return null;
  if (p.hour > 23 || p.minute > 59 || p.second > 60) return null;
  // In UTC with a four-digit year the ISO text can be written out directly: the fields are valid.
  if (p.offsetMinutes === 0 && p.year >= 0 && p.year <= 9999 && p.second < 60) {
    return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}T${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}.${pad(p.ms, 3)}Z`;
  }
  let local: number;
  if (p.year >= 100) {
    local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms);
  } else {
    // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes them as written.
    const d = new Date(0);
    d.setUTCFullYear(p.year, p.month - 1, p.day);
    d.setUTCHours(p.hour, p.minute, p.second, p.ms);
    local = d.getTime();
  }
  const iso = isoOf(local - p.offsetMinutes * MINUTE);
  // Leap seconds are inserted only at the end of a UTC day: `12:00:60Z` is no time at all.
  if (iso !== null && p.second === 60 && iso.slice(11, 19) !== '00:00:00') return null;
  return iso;
}

function offsetOf(sign: string | undefined, hours: string | undefined, minutes: string | undefined): number | null {
  if (sign === undefined) return 0;
  const h = Number(hours);
  const m = minutes === undefined ? 0 : Number(minutes);
  if (h > 23 || m > 59) return null;
  return (sign === '-' ? -1 : 1) * (h * 60 + m);
}

function parseIso(s: string): string | null {
  const m = ISO_RE.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, frac, z, sign, oh, om, zoneName] = m;
  // A zone named as RFC 2822 names it (`14:57:00 UTC`, `09:00 EST`), as feeds write it after an ISO time too.
  const offsetMinutes = zoneName !== undefined ? (ZONES[zoneName.toLowerCase()] ?? null) : z === undefined ? offsetOf(sign, oh, om) : 0;
  if (offsetMinutes === null) return null;
  return toIso({
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: h === undefined ? 0 : Number(h),
    minute: mi === undefined ? 0 : Number(mi),
    second: sec === undefined ? 0 : Number(sec),
    ms: frac === undefined ? 0 : Number(frac.slice(0, 3).padEnd(3, '0')),
    offsetMinutes,
  });
}

function monthIndex(name: string): number {
  const n = name.toLowerCase();
  const short = MONTHS.indexOf(n);
  if (short !== -1) return short + 1;
  if (n === 'sept') return 9;
  return MONTH_NAMES.indexOf(n) + 1;
}

// An RFC 2822 comment, `(UTC)` in `… +0000 (UTC)`: free text in parentheses, which may nest.
const RFC_COMMENT = /\([^()]*\)/g;
// Comments nested deeper than this are not read as comments (the date is then no date).
const MAX_COMMENT_DEPTH = 4;

// The date without its comments (each read as the space it stands for), or as it is.
function withoutComments(s: string): string {
  if (!s.includes('(')) return s;
  let text = s;
  for (let depth = 0; depth < MAX_COMMENT_DEPTH && text.includes('('); depth++) text = text.replace(RFC_COMMENT, ' ');
  return text.trim().replace(/\s+/g, ' ');
}

function parseRfc2822(date: string): string | null {
  const s = withoutComments(date);
  const m = RFC_RE.exec(s);
  if (!m) return null;
  const [, weekday, d, monthName, y, h, mi, sec, sign, oh, om, zoneName] = m;
  // A date whose only zone was in a comment (`09:00 (EST)`) is not read as UTC: the zone matters.
  if (s !== date && sign === undefined && zoneName === undefined) return null;
  if (weekday !== undefined && !WEEKDAYS.has(weekday.toLowerCase())) return null;
  const month = monthIndex(monthName ?? '');
  if (month === 0) return null;
  let year = Number(y);
  if (y?.length === 2) year += year < 50 ? 2000 : 1900;
  let offsetMinutes: number | null = offsetOf(sign, oh, om);
  if (zoneName !== undefined) offsetMinutes = ZONES[zoneName.toLowerCase()] ?? null;
  if (offsetMinutes === null) return null;
  return toIso({
    year,
    month,
    day: Number(d),
    hour: h === undefined ? 0 : Number(h),
    minute: mi === undefined ? 0 : Number(mi),
    second: sec === undefined ? 0 : Number(sec),
    ms: 0,
    offsetMinutes,
  });
}

// Whole numbers below this are years (`2023`) or compact dates (`20231016`), not epoch seconds.
const MIN_EPOCH_SECONDS = 1e8;
// Epoch numbers from this on are milliseconds, below it seconds.
const MIN_EPOCH_MILLISECONDS = 1e11;

/** Epoch seconds or milliseconds (`text`: the digits it was read from, when it was text) as ISO. */
function fromEpoch(n: number, text?: string): string | null {
  if (!Number.isFinite(n)) return null;
  if (Math.abs(n) < MIN_EPOCH_SECONDS) {
    const compact = Number.isInteger(n) ? /^(\d{4})(\d{2})(\d{2})$/.exec(String(n)) : null;
    return compact ? parseIso(`${compact[1]}-${compact[2]}-${compact[3]}`) : null;
  }
  // Digits past the millisecond are cut, as in an ISO time (`.9999` is `.999`), not rounded up.
  return isoOf(Math.abs(n) < MIN_EPOCH_MILLISECONDS ? epochSecondsToMs(n, text) : Math.floor(n));
}

// Epoch seconds in whole milliseconds, worked out on the number's digits (`1696375800.123` times
// 1000 is `…122.99999` in a double), the rest of the millisecond cut towards the earlier time.
function epochSecondsToMs(n: number, text = String(n)): number {
  const parts = /^([+-]?)(\d+)\.(\d+)$/.exec(text);
  if (!parts && Number.isInteger(n)) return n * 1000;
  if (!parts) return Math.floor(n * 1000);
  const [, minus, whole, fraction] = parts;
  const { ms, finer } = secondsToMs(whole!, fraction!);
  return minus !== '-' ? ms : -ms - (finer ? 1 : 0);
}

// `whole.fraction` seconds as whole milliseconds worked out on the digits, the rest cut; and
// whether the digits past the millisecond are not all zero.
function secondsToMs(whole: string, fraction: string): { ms: number; finer: boolean } {
  return { ms: Number(whole) * 1000 + Number(fraction.slice(0, 3).padEnd(3, '0')), finer: /[1-9]/.test(fraction.slice(3)) };
}

const EPOCH_FRACTION = /^\s*(\d+)\.(\d+)\s*$/;

/**
 * A fractional epoch number as parseDate reads it, in whole milliseconds worked out on its digits
 * (a double cannot hold `1697446799.9999999`), and whether digits past the millisecond are not all
 * zero; null for any other text.
 */
export function fractionalEpochMs(text: string): { ms: number; finer: boolean } | null {
  const match = EPOCH_FRACTION.exec(text);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = match[2]!;
  if (whole < MIN_EPOCH_SECONDS) return null;
  if (whole >= MIN_EPOCH_MILLISECONDS) return { ms: whole, finer: /[1-9]/.test(fraction) };
  return secondsToMs(match[1]!, fraction);
}

// Accepts valid Dates, epoch seconds or milliseconds (|n| < 1e11 means seconds; below 1e8 only an
// 8-digit compact date `YYYYMMDD` is read, since `2023` is a year, not 1970) as numbers or numeric
// strings, ISO 8601 and YAML timestamps, RFC 2822 dates. A time without zone is UTC. Out-of-range fields
// (month 13, Feb 30, hour 24, second 61) are rejected, never rolled over; a leap second (second 60,
// only at 23:59:60 UTC) is read as the next day's first second. Times outside the years 0000–9999 (in UTC) are rejected. An
// RFC 2822 weekday must be a weekday name but is not checked against the date, as feeds often get it wrong.
/** Parses a date value to a UTC ISO string, or null when it is not a strictly valid date. */
export function parseDate(value: unknown): string | null {
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isNaN(t) ? null : isoOf(t);
  }
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value !== 'string') return null;
  // Several validate rules (and normalisation, for list) read the same date text in turn: remember recent answers.
  const known = recentDates.get(value);
  if (known !== undefined) return known;
  const parsed = parseDateText(value);
  if (recentDates.size >= RECENT_DATES) recentDates.clear();
  recentDates.set(value, parsed);
  return parsed;
}

const RECENT_DATES = 512;
const recentDates = new Map<string, string | null>();

function parseDateText(value: string): string | null {
  const s = value.trim();
  if (s === '') return null;
  if (/^[+-]?\d+(?:\.\d+)?$/.test(s)) return fromEpoch(Number(s), s);
  return parseIso(s) ?? parseRfc2822(s);
}

/** Reads a strictly valid `YYYY-MM-DD-` prefix of a file's base name as midnight UTC, or null. */
export function dateFromFileName(fileName: string): string | null {
  const base = path.basename(fileName);
  const m = /^(\d{4})-(\d{2})-(\d{2})-/.exec(base);
  if (!m) return null;
  return toIso({
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: 0,
    minute: 0,
    second: 0,
    ms: 0,
    offsetMinutes: 0,
  });
}

const DURATION_UNITS: Record<string, number> = {
  s: SECOND,
  m: MINUTE,
  h: HOUR,
  d: DAY,
  w: 7 * DAY,
  y: 365 * DAY,
};

/** Converts a duration such as `30s`, `15m`, `12h`, `7d`, `2w`, `1y` or `1d12h` to milliseconds, or null. */
export function parseDuration(s: string): number | null {
  const text = s.trim();
  if (!/^(?:\d+[smhdwy])+$/.test(text)) return null;
  const seen = new Set<string>();
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([smhdwy])/g)) {
    if (unit === undefined || seen.has(unit)) return null;
    seen.add(unit);
    total += Number(amount) * (DURATION_UNITS[unit] ?? 0);
  }
  return Number.isSafeInteger(total) ? total : null;
}

/**
 * True for text written as a duration (`7d`, `1d12h`: digits and a unit, each unit once), also
 * one too long for parseDuration to measure (`99999999999999y`).
 */
export function isDurationShape(s: string): boolean {
  const text = s.trim();
  if (!/^(?:\d+[smhdwy])+$/.test(text)) return false;
  const units = text.replace(/\d+/g, '');
  return new Set(units).size === units.length;
}

/** Resolves a CLI time argument: `now`, a duration before `now` (`7d`), or any date parseDate accepts. */
export function parseTimeArgument(s: string, now: Date): Date | null {
  const text = s.trim();
  if (text.toLowerCase() === 'now') return new Date(now.getTime());
  const duration = parseDuration(text);
  if (duration !== null) {
    // Within the years 0000–9999, as every date read: `100000000d` back is no time to compare with.
    const iso = isoOf(now.getTime() - duration);
    return iso === null ? null : new Date(iso);
  }
  const iso = parseDate(text);
  return iso === null ? null : new Date(iso);
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * Describes an ISO time relative to `now` by the time elapsed, rounded down (`just now`, `5
 * minutes ago`, `1 day ago`, `in 2 days`; months and years as whole calendar months in UTC):
 * never `yesterday`, which depends on a time zone; unparsable input is returned as is.
 */
export function relativeTime(iso: string, now: Date): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const diff = now.getTime() - t;
  const past = diff >= 0;
  const abs = Math.abs(diff);
  if (abs < 45 * SECOND) return 'just now';
  const days = Math.floor(abs / DAY);
  let phrase: string;
  if (abs < HOUR) phrase = plural(Math.max(1, Math.floor(abs / MINUTE)), 'minute');
  else if (abs < DAY) phrase = plural(Math.floor(abs / HOUR), 'hour');
  else if (days < 30) phrase = plural(days, 'day');
  else {
    // Whole calendar months (in UTC) from the earlier time to the later: 1 year is 12 of them.
    const months = Math.max(1, wholeMonths(new Date(Math.min(t, now.getTime())), new Date(Math.max(t, now.getTime()))));
    phrase = months < 12 ? plural(months, 'month') : plural(Math.floor(months / 12), 'year');
  }
  return past ? `${phrase} ago` : `in ${phrase}`;
}

// The whole calendar months from `from` to `to` (not before it), counted in UTC.
function wholeMonths(from: Date, to: Date): number {
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  const timeOfMonth = (date: Date) => date.getTime() - Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  return timeOfMonth(to) < timeOfMonth(from) ? months - 1 : months;
}
