import t, { type Test } from 'tap';
import { DateTime } from 'luxon';
import { healthStates } from '@kawasan/domain';
import { createReadModel } from './readModel.js';
import { ProjectLists } from './projectLists.js';
import { listProjects, projectSorts, type ProjectFilter } from './queries.js';
import { ViewCache } from './viewCache.js';
import { portfolio } from './testPortfolio.js';

// Given a portfolio with names that tie, kept lists over it, and lists built afresh to compare…
const book = portfolio();
const model = createReadModel();
for (const entry of book.log) model.apply(entry);
const lists = new ProjectLists(model, new ViewCache());

const filters: ProjectFilter[] = [
  {},
  { province: 'Jawa Barat' },
  { province: 'jawa barat' },
  { province: 'Bali', health: 'overdue' },
  { province: 'Papua', kind: 'plant' },
  { sector: 'Nickel' },
  { q: 'timur' },
  { province: 'Atlantis' },
  ...healthStates.map((health) => ({ health })),
];

/** Every filter, sort and page: the kept list equals the one built afresh. */
function compareAll(t: Test, at: DateTime, what: string) {
  let pages = 0;
  for (const filter of filters)
    for (const sort of projectSorts)
      for (const [offset, limit] of [
        [0, 3],
        [2, 3],
        [0, 50],
        [7, 4],
      ] as const) {
        const options = { filter, sort, limit, offset, asOf: at };
        const fresh = listProjects(model.projects(), options);
        const kept = lists.list(options);
        if (JSON.stringify(kept) !== JSON.stringify(fresh))
          t.same(kept, fresh, `${what}: ${JSON.stringify(filter)} ${sort} ${offset}+${limit}`);
        pages++;
      }
  t.pass(`${what}: ${pages} pages compared`);
}

t.test('kept lists equal fresh ones as time passes and projects change', async (t) => {
  // …when time walks past due dates and stalls, the lists agree at every step…
  for (
    let at = DateTime.fromISO('2025-06-01T00:00:00Z');
    at.year < 2028;
    at = at.plus({ days: 61 })
  )
    compareAll(t, at, at.toISODate()!);
  const at = DateTime.fromISO('2026-02-20T00:00:00Z', { zone: 'utc' });
  compareAll(t, at, 'before the changes');
  // …and after a registration, a rename (the name order changes) and a move to another
  // province, each seen by the next list without anything being told to the lists.
  book.run(
    {
      type: 'RegisterProject',
      projectId: 'pf-new',
      name: 'Aaa First',
      kind: 'plant',
      location: { province: 'Jawa Barat' },
    },
    '2026-02-01T00:00:00Z',
  );
  book.run(
    { type: 'ReviseProjectDetails', projectId: 'pf-03', name: 'Zzz Last' },
    '2026-02-02T00:00:00Z',
  );
  book.run(
    { type: 'ReviseProjectDetails', projectId: 'pf-04', location: { province: 'Papua' } },
    '2026-02-03T00:00:00Z',
  );
  for (const entry of book.log.slice(-3)) {
    model.apply(entry);
    compareAll(t, at, `after ${entry.type}`);
  }
  t.equal(
    lists.list({ filter: {}, sort: 'name', limit: 1, offset: 0, asOf: at }).items[0]!.name,
    'Aaa First',
  );
});
