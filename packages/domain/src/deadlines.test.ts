import t from 'tap';
import {
  deadlineIsoOf,
  deadlineMillisOf,
  deadlineOf,
  fuzzyInterval,
  lastDayText,
  parseFuzzyDate,
  type FuzzyDate,
} from './fuzzyDate.js';

// Indonesia's zones take an arithmetic shortcut; a zone with daylight saving and UTC do not.
const zones = [
  'Asia/Jakarta',
  'Asia/Pontianak',
  'Asia/Makassar',
  'Asia/Jayapura',
  'Europe/Berlin',
  'UTC',
];
const inputs = (year: number) => [
  `${year}`,
  `${year}-H1`,
  `${year}-H2`,
  ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`),
  ...Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`),
  `${year}-02-28`,
  `${year}-12-31`,
  `${year}-03-01`,
];

t.test('deadlines worked out once per date equal luxon’s, in every zone and year', async (t) => {
  let compared = 0;
  for (const zone of zones)
    for (const year of [1985, 1988, 1990, 2000, 2024, 2026, 2031])
      for (const input of inputs(year)) {
        // Given a fresh date (nothing remembered for it yet)…
        const date = parseFuzzyDate(input, zone);
        const deadline = deadlineOf(date)!;
        const expected = {
          ms: deadline.toMillis(),
          iso: deadline.toUTC().toISO(),
          lastDay: deadline.minus({ days: 1 }).setLocale('en').toFormat('d LLL yyyy'),
        };
        // …then each derived value is luxon's, the first time and when remembered.
        for (const round of ['first', 'remembered'])
          t.same(
            { ms: deadlineMillisOf(date), iso: deadlineIsoOf(date), lastDay: lastDayText(date) },
            expected,
            `${input} ${zone} (${round})`,
          );
        compared++;
      }
  t.ok(compared > 500);
});

t.test('a date changed after its deadline was worked out gets its own', async (t) => {
  const date: FuzzyDate = parseFuzzyDate('2026-03', 'Asia/Jakarta');
  t.equal(deadlineIsoOf(date), '2026-03-31T17:00:00.000Z');
  // Dates are values and the read models never change them; if one were changed anyway…
  date.end = '2026-05-01';
  date.timeZone = 'Asia/Jayapura';
  // …then nothing remembered for its old fields is served for the new ones.
  t.equal(deadlineIsoOf(date), '2026-04-30T15:00:00.000Z');
  t.equal(lastDayText(date), '30 Apr 2026');
});

t.test('undated and invalid dates behave as fuzzyInterval says', async (t) => {
  const undated = parseFuzzyDate('unknown', 'Asia/Jakarta');
  t.same(
    [deadlineMillisOf(undated), deadlineIsoOf(undated), lastDayText(undated)],
    [null, null, null],
  );
  const broken: FuzzyDate = { ...parseFuzzyDate('2024-02', 'Asia/Jakarta'), end: '2024-02-30' };
  t.throws(() => fuzzyInterval(broken), { code: 'invalid_date' });
  t.throws(() => deadlineMillisOf(broken), { code: 'invalid_date' });
  t.throws(() => lastDayText({ ...broken }), { code: 'invalid_date' });
});
