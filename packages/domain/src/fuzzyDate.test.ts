import t from 'tap';
import {
  acceptedFormsMessage,
  daysBetween,
  deadlineOf,
  describeFuzzyDate,
  fuzzyInterval,
  parseFuzzyDate,
  precisions,
  tryParseFuzzyDate,
  withTimeZone,
} from './fuzzyDate.js';
import type { FuzzyDate } from './fuzzyDate.js';
import { DomainError } from './errors.js';
import { WIB, WIT, WITA } from './provinces.js';

type Expected = [value: string | null, precision: string, start: string | null, end: string | null];

const accepted: [input: string, expected: Expected][] = [
  // canonical
  ['2025-12-04', ['2025-12-04', 'day', '2025-12-04', '2025-12-05']],
  ['2026-04', ['2026-04', 'month', '2026-04-01', '2026-05-01']],
  ['2026-Q1', ['2026-Q1', 'quarter', '2026-01-01', '2026-04-01']],
  ['2026-q4', ['2026-Q4', 'quarter', '2026-10-01', '2027-01-01']],
  ['2026-H2', ['2026-H2', 'half', '2026-07-01', '2027-01-01']],
  ['2026-H1', ['2026-H1', 'half', '2026-01-01', '2026-07-01']],
  ['2026', ['2026', 'year', '2026-01-01', '2027-01-01']],
  ['unknown', [null, 'unknown', null, null]],
  ['Belum ditentukan', [null, 'unknown', null, null]],
  ['tidak diketahui', [null, 'unknown', null, null]],
  ['TBD', [null, 'unknown', null, null]],
  // day, always day/month/year
  ['4/12/2025', ['2025-12-04', 'day', '2025-12-04', '2025-12-05']],
  ['04/12/2025', ['2025-12-04', 'day', '2025-12-04', '2025-12-05']],
  ['4-12-2025', ['2025-12-04', 'day', '2025-12-04', '2025-12-05']],
  ['4.12.2025.', ['2025-12-04', 'day', '2025-12-04', '2025-12-05']],
  ['31/12/2025', ['2025-12-31', 'day', '2025-12-31', '2026-01-01']],
  ['29/2/2024', ['2024-02-29', 'day', '2024-02-29', '2024-03-01']],
  ['Kamis (4/12/2025)', ['2025-12-04', 'day', '2025-12-04', '2025-12-05']],
  ['Kamis, 4/12/2025', ['2025-12-04', 'day', '2025-12-04', '2025-12-05']],
  ['Kamis 4 Desember 2025', ['2025-12-04', 'day', '2025-12-04', '2025-12-05']],
  ['Thursday, December 4, 2025', ['2025-12-04', 'day', '2025-12-04', '2025-12-05']],
  ['thu 4 dec 2025', ['2025-12-04', 'day', '2025-12-04', '2025-12-05']],
  ["Jum'at (5/12/2025)", ['2025-12-05', 'day', '2025-12-05', '2025-12-06']],
  ['Jum’at, 5 Des 2025', ['2025-12-05', 'day', '2025-12-05', '2025-12-06']],
  ['Ahad (7/12/2025)', ['2025-12-07', 'day', '2025-12-07', '2025-12-08']],
  ['4 Desember 2025', ['2025-12-04', 'day', '2025-12-04', '2025-12-05']],
  ['4 Des 2025', ['2025-12-04', 'day', '2025-12-04', '2025-12-05']],
  ['  4   DES.  2025 ', ['2025-12-04', 'day', '2025-12-04', '2025-12-05']],
  ['December 4, 2025', ['2025-12-04', 'day', '2025-12-04', '2025-12-05']],
  ['4 December 2025', ['2025-12-04', 'day', '2025-12-04', '2025-12-05']],
  ['Dec 4 2025', ['2025-12-04', 'day', '2025-12-04', '2025-12-05']],
  ['Aug 17th, 2025', ['2025-08-17', 'day', '2025-08-17', '2025-08-18']],
  ['17 Agt 2025', ['2025-08-17', 'day', '2025-08-17', '2025-08-18']],
  ['17 Ags 2025', ['2025-08-17', 'day', '2025-08-17', '2025-08-18']],
  ['1 Sept 2025', ['2025-09-01', 'day', '2025-09-01', '2025-09-02']],
  // month
  ['April 2026', ['2026-04', 'month', '2026-04-01', '2026-05-01']],
  ['Mei 2024', ['2024-05', 'month', '2024-05-01', '2024-06-01']],
  ['bulan Mei 2024', ['2024-05', 'month', '2024-05-01', '2024-06-01']],
  ['Apr 2026', ['2026-04', 'month', '2026-04-01', '2026-05-01']],
  ['Februari tahun 2026', ['2026-02', 'month', '2026-02-01', '2026-03-01']],
  // quarter
  ['Q1 2026', ['2026-Q1', 'quarter', '2026-01-01', '2026-04-01']],
  ['Q1-2026', ['2026-Q1', 'quarter', '2026-01-01', '2026-04-01']],
  ['triwulan pertama 2026', ['2026-Q1', 'quarter', '2026-01-01', '2026-04-01']],
  ['triwulan I 2026', ['2026-Q1', 'quarter', '2026-01-01', '2026-04-01']],
  ['triwulan 1 2026', ['2026-Q1', 'quarter', '2026-01-01', '2026-04-01']],
  ['triwulan ke-1 2026', ['2026-Q1', 'quarter', '2026-01-01', '2026-04-01']],
  ['triwulan kesatu 2026', ['2026-Q1', 'quarter', '2026-01-01', '2026-04-01']],
  ['Triwulan Pertama Tahun 2026.', ['2026-Q1', 'quarter', '2026-01-01', '2026-04-01']],
  ['triwulan kedua 2026', ['2026-Q2', 'quarter', '2026-04-01', '2026-07-01']],
  ['triwulan III 2026', ['2026-Q3', 'quarter', '2026-07-01', '2026-10-01']],
  ['kuartal IV-2024', ['2024-Q4', 'quarter', '2024-10-01', '2025-01-01']],
  ['kuartal IV 2024', ['2024-Q4', 'quarter', '2024-10-01', '2025-01-01']],
  ['kuartal keempat 2024', ['2024-Q4', 'quarter', '2024-10-01', '2025-01-01']],
  ['kuartal ketiga 2024', ['2024-Q3', 'quarter', '2024-07-01', '2024-10-01']],
  ['TW I 2026', ['2026-Q1', 'quarter', '2026-01-01', '2026-04-01']],
  // half
  ['semester II 2025', ['2025-H2', 'half', '2025-07-01', '2026-01-01']],
  ['semester 2 2025', ['2025-H2', 'half', '2025-07-01', '2026-01-01']],
  ['semester kedua 2025', ['2025-H2', 'half', '2025-07-01', '2026-01-01']],
  ['H1 2026', ['2026-H1', 'half', '2026-01-01', '2026-07-01']],
  ['H1-2026', ['2026-H1', 'half', '2026-01-01', '2026-07-01']],
  ['paruh pertama 2026', ['2026-H1', 'half', '2026-01-01', '2026-07-01']],
  // year
  ['tahun 2026', ['2026', 'year', '2026-01-01', '2027-01-01']],
  ['1900', ['1900', 'year', '1900-01-01', '1901-01-01']],
  ['2200', ['2200', 'year', '2200-01-01', '2201-01-01']],
];

t.test('accepted inputs', async (t) => {
  for (const [input, [value, precision, start, end]] of accepted) {
    const d = parseFuzzyDate(input, WIB);
    t.same({ value: d.value, precision: d.precision, start: d.start, end: d.end }, { value, precision, start, end }, input); // prettier-ignore
    t.equal(d.timeZone, WIB, `${input}: zone`);
  }
});

const rejected: [input: string, fragment: string][] = [
  ['', 'empty'],
  ['   ', 'empty'],
  ['4/12', 'no year'],
  ['Senin (4/12)', 'no year'],
  ['4 Desember', 'no year'],
  ['December 4', 'no year'],
  ['4/12/25', 'four digits'],
  ['Q5 2026', 'quarter 5 does not exist'],
  ['2026-Q0', 'quarter 0 does not exist'],
  ['H3 2026', 'half 3 does not exist'],
  ['semester III 2025', 'half 3 does not exist'],
  ['triwulan kelima 2026', '"kelima" is not a quarter number'],
  ['13/13/2025', 'month 13 does not exist (dates are day/month/year)'],
  ['12/25/2025', 'month 25 does not exist'],
  ['2026-13', 'month 13 does not exist'],
  ['2026-00', 'month 0 does not exist'],
  ['31 April 2026', 'day 31 does not exist in April 2026'],
  ['29 Feb 2025', 'day 29 does not exist in February 2025'],
  ['2025-02-29', 'day 29 does not exist'],
  ['0/1/2025', 'day 0 does not exist'],
  ['1899', 'year 1899 is outside 1900–2200'],
  ['2201', 'year 2201 is outside'],
  ['Q1 1850', 'year 1850 is outside'],
  ['Mei 202', 'four digits'],
  ['next year', 'not a recognised date'],
  ['2026/04', 'not a recognised date'],
  ['Kamis', 'not a recognised date'],
  ['Kamis (4/12/2025', 'unbalanced parentheses'],
  ['Kamis 4/12/2025)', 'unbalanced parentheses'],
  ['Kamis (April 2026)', 'a weekday must be followed by one day'],
  ['Minggu depan', 'a weekday must be followed by one day'],
];

t.test('rejected inputs', async (t) => {
  for (const [input, fragment] of rejected) {
    t.throws(() => parseFuzzyDate(input, WIB), { code: 'invalid_date' }, input);
    const r = tryParseFuzzyDate(input, WIB);
    t.equal(r.ok, false, input);
    if (!r.ok) {
      t.match(r.message, fragment, input);
      t.ok(r.message.includes(acceptedFormsMessage), `${input}: lists accepted forms`);
    }
  }
});

t.test('weekday is checked against the date', async (t) => {
  t.equal(parseFuzzyDate('Kamis (4/12/2025)', WIB).value, '2025-12-04');
  const err = t.throws(() => parseFuzzyDate('Jumat (4/12/2025)', WIB)) as DomainError;
  t.ok(err instanceof DomainError);
  t.equal(err.code, 'invalid_date');
  t.match(err.message, /Jumat/);
  t.match(err.message, '4 Dec 2025 is a Thursday (Kamis)');
  t.match(tryParseFuzzyDate('Friday, December 4, 2025', WIB), {
    ok: false,
    message: /says Friday but 4 Dec 2025 is a Thursday \(Kamis\)/,
  });
});

t.test('time zones', async (t) => {
  t.throws(() => parseFuzzyDate('2026', 'Mars/Olympus'), {
    code: 'invalid_date',
    message: /unknown time zone "Mars\/Olympus"/,
  });
  t.match(tryParseFuzzyDate('2026', ''), { ok: false, message: /unknown time zone/ });

  // A WITA May 2024 target is due at local midnight on 1 June, i.e. 16:00 UTC on 31 May.
  const may = parseFuzzyDate('2024-05', WITA);
  const deadline = deadlineOf(may);
  t.equal(deadline?.toUTC().toISO(), '2024-05-31T16:00:00.000Z');
  t.equal(deadline?.toISO(), '2024-06-01T00:00:00.000+08:00');
  const justBefore = deadline!.minus({ seconds: 1 });
  t.ok(justBefore < deadline!, 'one second before is before the deadline');
  t.equal(justBefore.toUTC().toISO(), '2024-05-31T15:59:59.000Z');

  const interval = fuzzyInterval(parseFuzzyDate('2026-Q1', WIB));
  t.equal(interval?.start.toISO(), '2026-01-01T00:00:00.000+07:00');
  t.equal(interval?.end.toISO(), '2026-04-01T00:00:00.000+07:00');
  t.equal(deadlineOf(parseFuzzyDate('2026-H2', WIT))?.toISO(), '2027-01-01T00:00:00.000+09:00');
  t.equal(deadlineOf(parseFuzzyDate('2026', WIB))?.toISODate(), '2027-01-01');

  const undated = parseFuzzyDate('unknown', WIB);
  t.equal(fuzzyInterval(undated), null);
  t.equal(deadlineOf(undated), null);

  const broken: FuzzyDate = { ...may, start: '2024-13-01' };
  t.throws(() => fuzzyInterval(broken), { code: 'invalid_date', message: /is invalid/ });
});

t.test('withTimeZone keeps value and local days, changes only the zone', async (t) => {
  const wib = parseFuzzyDate('triwulan pertama 2026', WIB);
  const wit = withTimeZone(wib, WIT);
  t.same(wit, { ...wib, timeZone: WIT });
  t.same(Object.keys(wit), ['value', 'precision', 'start', 'end', 'timeZone', 'text']);
  t.equal(deadlineOf(wit)?.toUTC().toISO(), '2026-03-31T15:00:00.000Z');
  t.equal(deadlineOf(wib)?.toUTC().toISO(), '2026-03-31T17:00:00.000Z');
  const plain = withTimeZone(parseFuzzyDate('2026', WIB), WITA);
  t.same(Object.keys(plain), ['value', 'precision', 'start', 'end', 'timeZone']);
  t.throws(() => withTimeZone(wib, 'Nowhere/Else'), { code: 'invalid_date', message: /Nowhere/ });
  t.throws(() => withTimeZone(parseFuzzyDate('2026', WIB), 'x'), { message: /"2026"/ });
  t.throws(() => withTimeZone(parseFuzzyDate('unknown', WIB), 'x'), { message: /"unknown"/ });
});

t.test('text and canonical form', async (t) => {
  t.same(parseFuzzyDate('2026-Q1', WIB), {
    value: '2026-Q1',
    precision: 'quarter',
    start: '2026-01-01',
    end: '2026-04-01',
    timeZone: WIB,
  });
  t.notOk('text' in parseFuzzyDate('  2026-Q1 ', WIB), 'trimmed canonical input has no text');
  t.notOk('text' in parseFuzzyDate('unknown', WIB));
  t.equal(parseFuzzyDate('TBD', WIB).text, 'TBD');
  t.equal(parseFuzzyDate('2026-q1', WIB).text, '2026-q1');
  const natural = parseFuzzyDate(' triwulan pertama 2026 ', WIB);
  t.equal(natural.text, 'triwulan pertama 2026');
  t.same(Object.keys(natural), ['value', 'precision', 'start', 'end', 'timeZone', 'text']);
  t.same(precisions, ['day', 'month', 'quarter', 'half', 'year', 'unknown']);
});

t.test('determinism: same input, same JSON', async (t) => {
  for (const [input] of accepted) {
    const a = JSON.stringify(parseFuzzyDate(input, WITA));
    t.equal(JSON.stringify(parseFuzzyDate(input, WITA)), a, input);
  }
});

t.test('describeFuzzyDate', async (t) => {
  const q1 = parseFuzzyDate('triwulan pertama 2026', WIB);
  t.equal(describeFuzzyDate(q1, 'en'), '1 Jan – 31 Mar 2026, WIB');
  t.equal(describeFuzzyDate(q1, 'id'), '1 Jan – 31 Mar 2026, WIB');
  const day = parseFuzzyDate('Kamis (4/12/2025)', WIB);
  t.equal(describeFuzzyDate(day, 'en'), '4 Dec 2025, WIB');
  t.equal(describeFuzzyDate(day, 'id'), '4 Des 2025, WIB');
  const may = parseFuzzyDate('Mei 2024', WITA);
  t.equal(describeFuzzyDate(may, 'en'), '1 May – 31 May 2024, WITA');
  t.equal(describeFuzzyDate(may, 'id'), '1 Mei – 31 Mei 2024, WITA');
  const h2 = parseFuzzyDate('semester II 2025', WIT);
  t.equal(describeFuzzyDate(h2, 'id'), '1 Jul – 31 Des 2025, WIT');
  t.equal(describeFuzzyDate(parseFuzzyDate('2026', 'Asia/Singapore'), 'en'), '1 Jan – 31 Dec 2026, Asia/Singapore'); // prettier-ignore
  // A hand-built interval spanning a year boundary shows both years.
  const spanning: FuzzyDate = { ...h2, start: '2025-12-01', end: '2026-02-01' };
  t.equal(describeFuzzyDate(spanning, 'en'), '1 Dec 2025 – 31 Jan 2026, WIT');
  const undated = parseFuzzyDate('belum ditentukan', WIB);
  t.equal(describeFuzzyDate(undated, 'en'), 'undated');
  t.equal(describeFuzzyDate(undated, 'id'), 'belum bertanggal');
});

t.test('daysBetween', async (t) => {
  t.equal(daysBetween('2025-12-04', '2025-12-04'), 0);
  t.equal(daysBetween('2025-12-04', '2026-01-01'), 28);
  t.equal(daysBetween('2026-01-01', '2025-12-04'), -28);
  t.equal(daysBetween('2024-02-28', '2024-03-01'), 2, 'leap year');
  t.equal(daysBetween('2026-01-01', '2027-01-01'), 365);
  t.throws(() => daysBetween('2025-12-04', 'soon'), { code: 'invalid_date', message: /soon/ });
  t.throws(() => daysBetween('nope', '2025-12-04'), { code: 'invalid_date' });
});

t.test('non-domain errors are not swallowed', async (t) => {
  // A non-string input is a programming error, not bad user input.
  t.throws(() => tryParseFuzzyDate(42 as unknown as string, WIB), TypeError);
});
