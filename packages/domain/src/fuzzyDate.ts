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

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
/** UTC midnight of a real calendar day "yyyy-mm-dd" (Date.parse rolls 30 Feb over: refused). */
function dayMillis(day: string): number | null {
  if (!isoDay.test(day)) return null;
  const ms = Date.parse(day);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day ? null : ms;
}

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
