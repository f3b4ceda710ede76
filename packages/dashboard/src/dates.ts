/**
 * Showing dates. Fuzzy dates are local calendar days (end exclusive), so they are shown from
 * their ISO fields with fixed month tables; instants go through Intl in the project's zone.
 */
import type { FuzzyDate } from '@kawasan/domain';
import type { Lang } from './i18n.js';

const months: Record<Lang, readonly string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
};
const longMonths: Record<Lang, readonly string[]> = {
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
}; // prettier-ignore
const roman = ['I', 'II', 'III', 'IV'];

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a local ISO date (yyyy-MM-dd). */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y!, (m ?? 1) - 1, d ?? 1) / DAY_MS);
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function showDay(iso: string, lang: Lang, withYear = true): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${months[lang][m! - 1]}${withYear ? ` ${y}` : ''}`;
}

/** "1 Jan – 31 Mar 2026" (the last day included), or one day. */
export function fuzzyRange(date: FuzzyDate, lang: Lang): string {
  if (date.start === null || date.end === null)
    return lang === 'en' ? 'undated' : 'belum bertanggal';
  const last = isoOfDay(dayNumber(date.end) - 1);
  if (date.precision === 'day') return showDay(date.start, lang);
  const sameYear = date.start.slice(0, 4) === last.slice(0, 4);
  return `${showDay(date.start, lang, !sameYear)} – ${showDay(last, lang)}`;
}

/** How people say it: "4 Des 2025", "April 2026", "Q1 2026" / "Triwulan I 2026". */
export function fuzzyShort(date: FuzzyDate | null, lang: Lang): string {
  if (!date || date.start === null) return lang === 'en' ? 'undated' : 'belum bertanggal';
  const year = date.start.slice(0, 4);
  const month = Number(date.start.slice(5, 7));
  switch (date.precision) {
    case 'day':
      return showDay(date.start, lang);
    case 'month':
      return `${longMonths[lang][month - 1]} ${year}`;
    case 'quarter': {
      const q = Math.ceil(month / 3);
      return lang === 'en' ? `Q${q} ${year}` : `Triwulan ${roman[q - 1]} ${year}`;
    }
    case 'half': {
      const half = month > 6 ? 2 : 1;
      return lang === 'en' ? `H${half} ${year}` : `Semester ${roman[half - 1]} ${year}`;
    }
    case 'year':
      return year;
    case 'unknown':
      return lang === 'en' ? 'undated' : 'belum bertanggal';
  }
}

/** The last day of a date's interval, e.g. for "due by 31 Mar 2026". */
export function lastDay(date: FuzzyDate, lang: Lang): string {
  return date.end === null ? '' : showDay(isoOfDay(dayNumber(date.end) - 1), lang);
}

const locale = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'id-ID');

/** An instant in a zone: "22 Nov 2026, 17.58 WIB". */
export function formatInstant(iso: string, zone: string, zoneLabel: string, lang: Lang): string {
  const text = new Intl.DateTimeFormat(locale(lang), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: zone,
  }).format(new Date(iso));
  return `${text} ${zoneLabel}`;
}

/** Offset of `zone` from UTC at an instant, in minutes. */
function offsetMinutes(zone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const local = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((local - Math.floor(at / 1000) * 1000) / 60_000);
}

/** A wall-clock time typed for `zone` ("2026-01-15T09:30") as a UTC ISO instant. */
export function zonedToInstant(local: string, zone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec] = m.map(Number);
  const asUtc = Date.UTC(y!, mo! - 1, d, h, mi, sec || 0);
  // Indonesian zones have no daylight saving, so one correction is exact.
  return new Date(asUtc - offsetMinutes(zone, asUtc) * 60_000).toISOString();
}

/** The inverse, for filling a datetime-local control: "2026-01-15T09:30:00". */
export function instantToZoned(iso: string, zone: string): string {
  const at = new Date(iso).getTime();
  return new Date(at + offsetMinutes(zone, at) * 60_000).toISOString().slice(0, 19);
}
