/**
 * Fuzzy dates: a target like "triwulan pertama 2026" is a half-open interval of local calendar days
 * in an IANA zone. Pure: no clock; luxon does all calendar arithmetic.
 */
import { DateTime } from 'luxon';
import type { DurationLikeObject } from 'luxon';
import { DomainError } from './errors.js';
import { acceptedFormsMessage, englishMonths, invalidDate, parseParts } from './fuzzyDateParse.js';
import type { Parts } from './fuzzyDateParse.js';
import { zoneAbbreviations } from './provinces.js';
import { isValidTimeZone } from './timeZone.js';

export { acceptedFormsMessage };

export const precisions = ['day', 'month', 'quarter', 'half', 'year', 'unknown'] as const;
export type Precision = (typeof precisions)[number];

/** Stored form. start/end are local ISO dates (yyyy-MM-dd), end exclusive; null for unknown. */
export interface FuzzyDate {
  value: string | null;
  precision: Precision;
  start: string | null;
  end: string | null;
  timeZone: string;
  text?: string | undefined;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const isoDate = (d: DateTime): string => d.toFormat('yyyy-MM-dd');

function checkZone(timeZone: string, input: string): void {
  if (!isValidTimeZone(timeZone)) {
    throw invalidDate(
      input,
      `unknown time zone "${timeZone}" (expected an IANA zone like Asia/Jakarta)`,
    );
  }
}

/** Canonical value, first day and length of the interval. */
function span(
  parts: Exclude<Parts, { precision: 'unknown' }>,
): [string, DateTime, DurationLikeObject] {
  const { year } = parts;
  switch (parts.precision) {
    case 'day':
      return [
        `${year}-${pad(parts.month)}-${pad(parts.day)}`,
        DateTime.utc(year, parts.month, parts.day),
        { days: 1 },
      ];
    case 'month':
      return [`${year}-${pad(parts.month)}`, DateTime.utc(year, parts.month, 1), { months: 1 }];
    case 'quarter':
      return [`${year}-Q${parts.part}`, DateTime.utc(year, parts.part * 3 - 2, 1), { months: 3 }];
    case 'half':
      return [`${year}-H${parts.part}`, DateTime.utc(year, parts.part * 6 - 5, 1), { months: 6 }];
    case 'year':
      return [String(year), DateTime.utc(year, 1, 1), { years: 1 }];
  }
}

/** Parses any accepted input (canonical or natural) in the given zone; throws invalid_date. */
export function parseFuzzyDate(input: string, timeZone: string): FuzzyDate {
  const text = input.trim();
  checkZone(timeZone, text);
  const parts = parseParts(text);
  let date: FuzzyDate;
  if (parts.precision === 'unknown') {
    date = { value: null, precision: 'unknown', start: null, end: null, timeZone };
  } else {
    const [value, start, length] = span(parts);
    const end = isoDate(start.plus(length));
    date = { value, precision: parts.precision, start: isoDate(start), end, timeZone };
  }
  // 'unknown' is the canonical spelling of an undated target, so it needs no `text`.
  if (text !== (date.value ?? 'unknown')) date.text = text;
  return date;
}

/** Like parseFuzzyDate but returns the message instead of throwing (for zod refinements). */
export function tryParseFuzzyDate(
  input: string,
  timeZone: string,
): { ok: true; value: FuzzyDate } | { ok: false; message: string } {
  try {
    return { ok: true, value: parseFuzzyDate(input, timeZone) };
  } catch (e) {
    if (e instanceof DomainError) return { ok: false, message: e.message };
    throw e;
  }
}

/** Re-expresses a stored FuzzyDate in another zone: same local days, new zone. */
export function withTimeZone(date: FuzzyDate, timeZone: string): FuzzyDate {
  checkZone(timeZone, date.text ?? date.value ?? 'unknown');
  // Rebuilt field by field so the key order (hashed as JSON later) stays fixed.
  const { value, precision, start, end, text } = date;
  return { value, precision, start, end, timeZone, ...(text === undefined ? {} : { text }) };
}

/**
 * Intervals already computed, by start, end and zone: views ask for the same few dates (month
 * and quarter ends) over and over, and each luxon zone conversion costs microseconds.
 */
const intervals = new Map<string, { start: DateTime; end: DateTime }>();

/** Start and end (exclusive) of the interval at local midnight in the date's zone. */
export function fuzzyInterval(date: FuzzyDate): { start: DateTime; end: DateTime } | null {
  if (date.start === null || date.end === null) return null;
  const key = `${date.start}|${date.end}|${date.timeZone}`;
  const known = intervals.get(key);
  if (known) return known;
  const start = DateTime.fromISO(date.start, { zone: date.timeZone });
  const end = DateTime.fromISO(date.end, { zone: date.timeZone });
  if (!start.isValid || !end.isValid) {
    throw invalidDate(
      String(date.value),
      `stored interval ${date.start}/${date.end} in zone "${date.timeZone}" is invalid`,
    );
  }
  if (intervals.size >= 20_000) intervals.clear();
  const interval = { start, end };
  intervals.set(key, interval);
  return interval;
}

/** The deadline: the first instant after the interval (local midnight of `end`). */
export function deadlineOf(date: FuzzyDate): DateTime | null {
  return fuzzyInterval(date)?.end ?? null;
}

/**
 * What rules and views derive from a date's deadline, worked out once per date object. Read
 * models keep one object per distinct date, so across reads each is computed once, however
 * many distinct dates there are (the interval cache above is bounded and may forget).
 */
interface Derived {
  readonly start: string;
  readonly end: string;
  readonly zone: string;
  deadlineMs?: number;
  deadlineIso?: string;
  lastDay?: string;
}
const derivedOfDate = new WeakMap<FuzzyDate, Derived>();

function derived(date: FuzzyDate): Derived | null {
  if (date.start === null || date.end === null) return null;
  const known = derivedOfDate.get(date);
  // A date whose fields were changed since is a different date.
  if (known && known.start === date.start && known.end === date.end && known.zone === date.timeZone)
    return known;
  const fresh: Derived = { start: date.start, end: date.end, zone: date.timeZone };
  derivedOfDate.set(date, fresh);
  return fresh;
}

/**
 * Indonesia's zones keep one offset all year, and have since before 1990 (Pontianak moved from
 * +08 to +07 in 1988). For their dates from then on, local midnight is plain arithmetic: no
 * luxon zone conversion, which costs tens of microseconds per date a view shows the first time.
 */
const fixedOffsetMinutes: Readonly<Record<string, number>> = {
  'Asia/Jakarta': 420,
  'Asia/Pontianak': 420,
  'Asia/Makassar': 480,
  'Asia/Jayapura': 540,
};
const FIXED_FROM = Date.UTC(1990, 0, 1);
/** Each zone's table entry, checked once against the runtime's zone data (null: use luxon). */
const checkedOffsets = new Map<string, number | null>();

function fixedOffsetMs(zone: string): number | null {
  let offset = checkedOffsets.get(zone);
  if (offset === undefined) {
    const minutes = fixedOffsetMinutes[zone];
    offset =
      minutes !== undefined &&
      ['1990-01-01', '2000-07-01', '2026-01-01', '2050-07-01'].every(
        (day) => DateTime.fromISO(day, { zone }).offset === minutes,
      )
        ? minutes * 60_000
        : null;
    checkedOffsets.set(zone, offset);
  }
  return offset;
}

/** Local midnight of the date's `end`, by arithmetic when its zone and days allow (else null). */
function fixedDeadline(date: FuzzyDate): number | null {
  const offset = fixedOffsetMs(date.timeZone);
  if (offset === null) return null;
  const start = dayMillis(date.start!);
  const end = dayMillis(date.end!);
  return start === null || end === null || start < FIXED_FROM ? null : end - offset;
}

const shortMonths = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/** deadlineOf(date).toMillis(); null when undated. */
export function deadlineMillisOf(date: FuzzyDate): number | null {
  const d = derived(date);
  return d && (d.deadlineMs ??= fixedDeadline(date) ?? deadlineOf(date)!.toMillis());
}

/** The deadline as a UTC ISO instant ("2026-03-31T17:00:00.000Z"); null when undated. */
export function deadlineIsoOf(date: FuzzyDate): string | null {
  const d = derived(date);
  if (!d) return null;
  if (d.deadlineIso === undefined) {
    const fixed = fixedDeadline(date);
    d.deadlineIso =
      fixed !== null ? new Date(fixed).toISOString() : deadlineOf(date)!.toUTC().toISO()!;
  }
  return d.deadlineIso;
}

/** The last day included, as people say it ("31 Mar 2026"); null when undated. */
export function lastDayText(date: FuzzyDate): string | null {
  const d = derived(date);
  if (!d) return null;
  if (d.lastDay === undefined) {
    if (fixedDeadline(date) !== null) {
      // The day before `end` in the calendar: the zone plays no part once the days are valid.
      const last = new Date(dayMillis(date.end!)! - 86_400_000);
      d.lastDay = `${last.getUTCDate()} ${shortMonths[last.getUTCMonth()]!} ${last.getUTCFullYear()}`;
    } else d.lastDay = deadlineOf(date)!.minus({ days: 1 }).setLocale('en').toFormat('d LLL yyyy');
  }
  return d.lastDay;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
/** UTC midnight of a real calendar day "yyyy-mm-dd" (Date.parse rolls 30 Feb over: refused). */
function dayMillis(day: string): number | null {
  const known = dayMillisCache.get(day);
  if (known !== undefined) return known;
  let ms: number | null = null;
  if (isoDay.test(day)) {
    const parsed = Date.parse(day);
    ms =
      Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== day ? null : parsed;
  }
  if (dayMillisCache.size >= 20_000) dayMillisCache.clear();
  dayMillisCache.set(day, ms);
  return ms;
}
/** Views ask for the same few days (targets, achievements) over and over. */
const dayMillisCache = new Map<string, number | null>();

/** Whole calendar days from a to b (b - a), both local ISO dates. */
export function daysBetween(a: string, b: string): number {
  // UTC has no DST, so calendar days are exactly 24 h apart here; plain dates skip luxon.
  const from0 = dayMillis(a);
  const to0 = dayMillis(b);
  if (from0 !== null && to0 !== null) return (to0 - from0) / 86_400_000;
  const from = DateTime.fromISO(a, { zone: 'utc' }).startOf('day');
  const to = DateTime.fromISO(b, { zone: 'utc' }).startOf('day');
  if (!from.isValid || !to.isValid) {
    throw new DomainError(
      'invalid_date',
      `daysBetween needs ISO dates, got "${a}" and "${b}"; ${acceptedFormsMessage}`,
    );
  }
  return Math.round(to.diff(from, 'days').days);
}

// Fixed tables rather than Intl so the output does not depend on the runtime's ICU data.
const monthAbbreviations = {
  en: englishMonths.map((m) => m.slice(0, 3)),
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
};

/** "1 Jan – 31 Mar 2026, WIB"; the end shown is the last day included. */
export function describeFuzzyDate(date: FuzzyDate, lang: 'en' | 'id'): string {
  const interval = fuzzyInterval(date);
  if (!interval) return lang === 'en' ? 'undated' : 'belum bertanggal';
  const show = (d: DateTime, withYear: boolean): string =>
    `${d.day} ${monthAbbreviations[lang][d.month - 1]}${withYear ? ` ${d.year}` : ''}`;
  const first = interval.start;
  const last = interval.end.minus({ days: 1 });
  const range =
    date.precision === 'day'
      ? show(first, true)
      : `${show(first, first.year !== last.year)} – ${show(last, true)}`;
  return `${range}, ${zoneAbbreviations[date.timeZone] ?? date.timeZone}`;
}
