import t from 'tap';
import type { Fact, FuzzyDate } from '@kawasan/domain';
import { internDate, internFact } from './interning.js';

const date = (over: Partial<FuzzyDate> = {}): FuzzyDate => ({
  value: '2026-Q1',
  precision: 'quarter',
  start: '2026-01-01',
  end: '2026-04-01',
  timeZone: 'Asia/Jakarta',
  text: 'triwulan pertama 2026',
  ...over,
});

t.test('equal dates share one copy; any difference in a field keeps them apart', (t) => {
  const shared = internDate(date());
  t.equal(internDate(date()), shared, 'an equal date gets the shared copy');
  t.same(shared, date());
  for (const [field, other] of [
    ['precision', { precision: 'month' }],
    ['start', { start: '2026-01-02' }],
    ['end', { end: '2026-03-31' }],
    ['timeZone', { timeZone: 'Asia/Makassar' }],
    ['text', { text: 'Q1 2026' }],
  ] as const) {
    const apart = internDate(date(other));
    t.not(apart, shared, field);
    t.same(apart, date(other), `${field}: the date as given`);
  }
  const { text: _, ...withoutText } = date();
  t.notOk('text' in internDate(withoutText), 'no text: none added');
  t.equal(internDate(null), null);
  t.end();
});

t.test('a date with its keys in another order is copied, not shared', (t) => {
  const d = date();
  const reordered = { text: d.text, ...d } as FuzzyDate;
  const copy = internDate(reordered);
  t.not(copy, internDate(d));
  t.equal(JSON.stringify(copy), JSON.stringify(reordered), 'it serialises as given');
  t.end();
});

t.test('facts share their words and keep their shape', (t) => {
  const a = internFact({ fact: 'investment', kind: 'committed', amount: '5', currency: 'USD' });
  const b = internFact(
    JSON.parse('{"fact":"investment","kind":"committed","amount":"7","currency":"USD"}') as Fact,
  );
  t.same(b, { fact: 'investment', kind: 'committed', amount: '7', currency: 'USD' });
  t.same(Object.keys(b), ['fact', 'kind', 'amount', 'currency'], 'keys in their order');
  t.equal(
    JSON.stringify(a),
    '{"fact":"investment","kind":"committed","amount":"5","currency":"USD"}',
  );
  t.end();
});
