/**
 * Parsing half of the fuzzy-date module: turns what a user typed (canonical or natural English /
 * Indonesian) into calendar parts. Interval arithmetic and rendering live in fuzzyDate.ts.
 */
import { DateTime } from 'luxon';
import { DomainError } from './errors.js';

export const acceptedFormsMessage =
  'accepted forms: 2025-12-04, 4/12/2025 (day/month/year), Kamis (4/12/2025), 4 Desember 2025, ' +
  'December 4, 2025, 2026-04, April 2026, Mei 2024, 2026-Q1, Q1 2026, triwulan pertama 2026, ' +
  'kuartal IV-2024, 2026-H2, semester II 2025, H1 2026, 2026, tahun 2026, unknown';

export type Parts =
  | { precision: 'unknown' }
  | { precision: 'day'; year: number; month: number; day: number }
  | { precision: 'month'; year: number; month: number }
  | { precision: 'quarter' | 'half'; year: number; part: number }
  | { precision: 'year'; year: number };

export function invalidDate(input: string, reason: string): DomainError {
  return new DomainError(
    'invalid_date',
    `Invalid date "${input}": ${reason}; ${acceptedFormsMessage}`,
  );
}

/** Internal signal: the input was recognised as a form but is wrong; parseParts adds context. */
class Rejection extends Error {}
const reject = (reason: string): never => {
  throw new Rejection(reason);
};

export const englishMonths = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
]; // prettier-ignore

const monthWords = new Map<string, number>();
[
  'januari jan january',
  'februari pebruari feb february',
  'maret mar march',
  'april apr',
  'mei may',
  'juni jun june',
  'juli jul july',
  'agustus agu agt ags aug august',
  'september sep sept',
  'oktober okt oct october',
  'november nopember nov',
  'desember des dec december',
].forEach((words, i) => words.split(' ').forEach((w) => monthWords.set(w, i + 1)));

const idWeekdays = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
const enWeekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
/** alias -> luxon weekday (1 = Monday) and the label to quote back in a mismatch message. */
const weekdayWords = new Map<string, { weekday: number; label: string }>();
['senin', 'selasa', 'rabu', 'kamis', "jumat jum'at", 'sabtu', 'minggu ahad'].forEach((words, i) =>
  words.split(' ').forEach((w) => weekdayWords.set(w, { weekday: i + 1, label: idWeekdays[i]! })),
);
['mon', 'tue tues', 'wed', 'thu thur thurs', 'fri', 'sat', 'sun'].forEach((words, i) =>
  `${enWeekdays[i]!.toLowerCase()} ${words}`
    .split(' ')
    .forEach((w) => weekdayWords.set(w, { weekday: i + 1, label: enWeekdays[i]! })),
);

/** Quarter/half numbers: digits, roman numerals and Indonesian/English ordinals. */
const partWords = new Map<string, number>();
['i pertama kesatu satu first', 'ii kedua dua second', 'iii ketiga tiga third', 'iv keempat empat fourth']
  .forEach((words, i) => `${i + 1} ${words}`.split(' ').forEach((w) => partWords.set(w, i + 1))); // prettier-ignore

const unknownWords = new Set(['unknown', 'belum ditentukan', 'tidak diketahui', 'tbd']);

/** Lower-cases, unifies dashes/apostrophes and whitespace, drops surrounding punctuation. */
export function normalise(input: string): string {
  return input
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.,;:!?"']+|[\s.,;:!?"']+$/g, '');
}

function checkYear(text: string): number {
  if (text.length !== 4) reject(`the year "${text}" must have four digits`);
  const year = Number(text);
  if (year < 1900 || year > 2200) reject(`year ${year} is outside 1900–2200`);
  return year;
}

function checkMonth(month: number, dayFirst: boolean): void {
  if (month < 1 || month > 12) {
    reject(`month ${month} does not exist${dayFirst ? ' (dates are day/month/year)' : ''}`);
  }
}

function day(yearText: string, month: number, dayOfMonth: number, dayFirst = false): Parts {
  const year = checkYear(yearText);
  checkMonth(month, dayFirst);
  const length = DateTime.utc(year, month, 1).daysInMonth ?? 0;
  if (dayOfMonth < 1 || dayOfMonth > length) {
    const name = `${englishMonths[month - 1]} ${year}`;
    reject(`day ${dayOfMonth} does not exist in ${name} (it has ${length} days)`);
  }
  return { precision: 'day', year, month, day: dayOfMonth };
}

function part(kind: 'quarter' | 'half', token: string, yearText: string): Parts {
  const max = kind === 'quarter' ? 4 : 2;
  const n = partWords.get(token) ?? (/^\d+$/.test(token) ? Number(token) : undefined);
  if (n === undefined) return reject(`"${token}" is not a ${kind} number`);
  if (n < 1 || n > max) reject(`${kind} ${n} does not exist (numbered 1–${max})`);
  return { precision: kind, year: checkYear(yearText), part: n };
}

const noYear = 'no year given, so the date is ambiguous';
const SEP = '(?: ?- ?| )'; // "Q1 2026", "Q1-2026", "IV - 2024"
const PART = '(?:ke(?:-| ))?([a-z0-9]+)'; // "ke-1", "ke 1", "pertama", "IV"
const quarterWords = new RegExp(
  `^(?:triwulan|kuartal|kwartal|tw|quarter) ${PART}${SEP}(?:tahun )?(\\d+)$`,
);
const halfWords = new RegExp(`^(?:semester|smt|paruh) ${PART}${SEP}(?:tahun )?(\\d+)$`);
const shortPart = new RegExp(`^([qh])(\\d+)${SEP}(\\d+)$`);

type Matcher = (s: string) => Parts | null;

/** Each matcher returns null when the form does not apply and rejects when it applies but is wrong. */
const matchers: Matcher[] = [
  (s) => (unknownWords.has(s) ? { precision: 'unknown' } : null),
  (s) => {
    const m = /^([a-z']+)(, ?| ?\( ?| )(.+?)( ?\))?$/.exec(s);
    const weekday = m && weekdayWords.get(m[1]!);
    if (!m || !weekday) return null;
    if (m[2]!.includes('(') !== (m[4] !== undefined)) reject('unbalanced parentheses');
    const parsed = parseWith(m[3]!, matchers.slice(2));
    if (parsed?.precision !== 'day') {
      return reject('a weekday must be followed by one day with its year, e.g. Kamis (4/12/2025)');
    }
    const actual = DateTime.utc(parsed.year, parsed.month, parsed.day).weekday - 1;
    if (actual + 1 !== weekday.weekday) {
      const shown = `${parsed.day} ${englishMonths[parsed.month - 1]!.slice(0, 3)} ${parsed.year}`;
      reject(
        `the input says ${weekday.label} but ${shown} is a ${enWeekdays[actual]} (${idWeekdays[actual]})`,
      );
    }
    return parsed;
  },
  (s) => {
    const m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(s);
    if (!m) return null;
    if (m[3] !== undefined) return day(m[1]!, Number(m[2]), Number(m[3]));
    checkMonth(Number(m[2]), false);
    return { precision: 'month', year: checkYear(m[1]!), month: Number(m[2]) };
  },
  (s) => {
    const m = /^(\d{4}) ?- ?([qh])(\d+)$/.exec(s);
    return m ? part(m[2] === 'q' ? 'quarter' : 'half', m[3]!, m[1]!) : null;
  },
  (s) => {
    const m = /^(?:tahun )?(\d+)$/.exec(s);
    return m ? { precision: 'year', year: checkYear(m[1]!) } : null;
  },
  (s) => {
    const m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d+)$/.exec(s);
    if (/^\d{1,2}[/.-]\d{1,2}$/.test(s)) reject(noYear);
    return m ? day(m[4]!, Number(m[3]), Number(m[1]), true) : null;
  },
  (s) => {
    // "4 Desember 2025", "4 Des. 2025", "December 4, 2025", "Dec 4th 2025"
    const dm = /^(\d{1,2}) ([a-z]+)\.?(?:,? (\d+))?$/.exec(s);
    const md = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?(?:,? (\d+))?$/.exec(s);
    const [dayText, monthText, yearText] = dm ? [dm[1], dm[2], dm[3]] : [md?.[2], md?.[1], md?.[3]];
    const month = monthWords.get(monthText ?? '');
    if (month === undefined) return null;
    if (yearText === undefined) return reject(noYear);
    return day(yearText, month, Number(dayText), false);
  },
  (s) => {
    const m = /^(?:bulan )?([a-z]+)\.?,? (?:tahun )?(\d+)$/.exec(s);
    const month = m && monthWords.get(m[1]!);
    return m && month ? { precision: 'month', year: checkYear(m[2]!), month } : null;
  },
  (s) => {
    const quarter = quarterWords.exec(s);
    if (quarter) return part('quarter', quarter[1]!, quarter[2]!);
    const half = halfWords.exec(s);
    if (half) return part('half', half[1]!, half[2]!);
    const m = shortPart.exec(s);
    return m ? part(m[1] === 'q' ? 'quarter' : 'half', m[2]!, m[3]!) : null;
  },
];

function parseWith(s: string, list: readonly Matcher[]): Parts | null {
  for (const match of list) {
    const parts = match(s);
    if (parts) return parts;
  }
  return null;
}

/** Parses trimmed user input into calendar parts; throws DomainError('invalid_date'). */
export function parseParts(input: string): Parts {
  const s = normalise(input);
  try {
    if (s === '') reject('the date is empty');
    const parts = parseWith(s, matchers);
    return parts ?? reject('not a recognised date');
  } catch (e) {
    throw e instanceof Rejection ? invalidDate(input, e.message) : e;
  }
}
