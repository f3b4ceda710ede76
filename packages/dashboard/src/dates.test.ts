import t from 'tap';
import type { FuzzyDate } from '@kawasan/domain';
import { fuzzyRange, fuzzyShort, instantToZoned, lastDay, zonedToInstant } from './dates.js';

const date = (value: string, precision: FuzzyDate['precision'], start: string, end: string) =>
  ({ value, precision, start, end, timeZone: 'Asia/Jakarta' }) satisfies FuzzyDate;
const q1 = date('2026-Q1', 'quarter', '2026-01-01', '2026-04-01');
const h2 = date('2025-H2', 'half', '2025-07-01', '2026-01-01');

t.test('a fuzzy date as people say it, in both languages', async (t) => {
  t.equal(fuzzyShort(q1, 'en'), 'Q1 2026');
  t.equal(fuzzyShort(q1, 'id'), 'Triwulan I 2026');
  t.equal(fuzzyShort(h2, 'id'), 'Semester II 2025');
  t.equal(fuzzyShort(date('2024-05', 'month', '2024-05-01', '2024-06-01'), 'id'), 'Mei 2024');
  t.equal(fuzzyShort(date('2025-12-04', 'day', '2025-12-04', '2025-12-05'), 'id'), '4 Des 2025');
  t.equal(fuzzyShort(date('2024', 'year', '2024-01-01', '2025-01-01'), 'en'), '2024');
  t.equal(fuzzyShort(null, 'id'), 'belum bertanggal');
});

t.test('its interval shows the last day included', async (t) => {
  t.equal(fuzzyRange(q1, 'en'), '1 Jan – 31 Mar 2026');
  t.equal(fuzzyRange(h2, 'en'), '1 Jul – 31 Dec 2025');
  t.equal(
    fuzzyRange(date('2024', 'year', '2024-01-01', '2025-01-01'), 'id'),
    '1 Jan – 31 Des 2024',
  );
  t.equal(fuzzyRange(date('2025-12-31', 'day', '2025-12-31', '2026-01-01'), 'en'), '31 Dec 2025');
  t.equal(lastDay(date('2024-02', 'month', '2024-02-01', '2024-03-01'), 'en'), '29 Feb 2024');
});

t.test('a wall-clock time in an Indonesian zone is a fixed offset from UTC', async (t) => {
  t.equal(zonedToInstant('2026-01-15T09:30', 'Asia/Jakarta'), '2026-01-15T02:30:00.000Z');
  t.equal(zonedToInstant('2026-01-01T00:00:05', 'Asia/Jayapura'), '2025-12-31T15:00:05.000Z');
  t.equal(zonedToInstant('15/1/2026', 'Asia/Jakarta'), null);
  t.equal(instantToZoned('2024-05-31T16:00:00.000Z', 'Asia/Makassar'), '2024-06-01T00:00:00');
});
