import t from 'tap';
import { DateTime } from 'luxon';
import { nextTimeChange } from '@kawasan/domain';
import { createReadModel, memoryHistory } from './readModel.js';
import { logbook } from './testLogbook.js';
import { listProjects } from './queries.js';
import { projectRow } from './projectRow.js';
import { projectView } from './views.js';
import { ViewCache } from './viewCache.js';
import type { ProjectModel } from './projectModel.js';

// Given projects with targets of every precision, some rescheduled, one long without news.
const book = logbook();
const targets = ['12/3/2026', 'Maret 2026', 'triwulan ketiga 2026', 'semester II 2026', '2027'];
for (let p = 0; p < 4; p++) {
  const projectId = `cache-${p}`;
  book.run(
    {
      type: 'RegisterProject',
      projectId,
      name: `Cache ${p}`,
      kind: 'plant',
      location: { province: ['Bali', 'Jawa Tengah', 'Papua', 'Jawa Barat'][p]! },
    },
    `2025-0${p + 1}-01T07:00:00Z`,
  );
  targets.forEach((target, k) =>
    book.run(
      {
        type: 'PlanMilestone',
        projectId,
        milestoneId: `m-${k}`,
        milestoneType: 'masterplan',
        scope: `zone-${k}`,
        target,
      },
      `2025-0${p + 1}-02T07:00:00Z`,
    ),
  );
}
const model = createReadModel(memoryHistory());
for (const entry of book.log) model.apply(entry);
const projects = [...model.projects()];
const json = (m: ProjectModel, at: DateTime) => JSON.stringify(projectView(m, at));
const untilOf = (m: ProjectModel, at: DateTime) =>
  nextTimeChange(
    { status: m.status, milestones: [...m.milestones.values()], lastEventAt: m.lastEventAt },
    at,
  );

t.test('a view holds until the next time change and no longer need hold after it', async (t) => {
  // When asOf walks through 2025–2028 in uneven steps…
  let changes = 0;
  let past = 0;
  for (const m of projects) {
    for (let at = DateTime.fromISO('2025-06-01T00:00:00Z'); at.year < 2028;) {
      const until = untilOf(m, at);
      if (until < at.toMillis()) past++;
      if (until === Infinity) break;
      // …then the view is the same anywhere in [asOf, until)…
      const here = json(m, at);
      for (const s of [at.toMillis() + 1, (at.toMillis() + until) / 2, until - 1])
        if (s < until && here !== json(m, DateTime.fromMillis(Math.floor(s), { zone: 'utc' }))) {
          t.fail(`${m.projectId} changed before ${new Date(until).toISOString()}`);
          return;
        }
      // …and boundaries are real: the view differs somewhere shortly after most of them.
      const after = DateTime.fromMillis(until + 1, { zone: 'utc' });
      if (json(m, after) !== here) changes++;
      // Stalled counts change daily: walk on by days of varying length to sample the rest.
      at = DateTime.fromMillis(until + 1 + 3_600_000 * (7 + 24 * (changes % 9)), { zone: 'utc' });
    }
  }
  t.equal(past, 0, 'never a change in the past');
  t.ok(changes > 30, `the view changed at ${changes} boundaries`);
});

t.test('the cache serves a kept view only while it still holds', async (t) => {
  const cache = new ViewCache(2);
  const m = projects[0]!;
  const at = DateTime.fromISO('2025-06-01T00:00:00Z', { zone: 'utc' });
  const first = cache.view(m, at);
  t.equal(first.json, json(m, at));
  t.same(first.body, Buffer.from(json(m, at)), 'kept as the UTF-8 bytes a read sends');
  t.equal(cache.view(m, at.plus({ minutes: 5 })), first, 'same instant range: kept');
  t.equal(cache.hits, 1);
  const until = untilOf(m, at);
  const later = DateTime.fromMillis(until, { zone: 'utc' });
  t.equal(cache.view(m, later).json, json(m, later), 'past a boundary: rebuilt');
  t.not(cache.view(m, later).json, first.json);
  t.equal(
    cache.view(m, at.minus({ days: 1 })).json,
    json(m, at.minus({ days: 1 })),
    'earlier asOf',
  );
  // A new entry moves the model's position: the kept view is dropped.
  book.run(
    {
      type: 'ReportProgress',
      projectId: m.projectId,
      milestoneId: 'm-4',
      percent: 10,
      asOf: '1/6/2025',
    },
    '2025-06-01T00:00:00Z',
  );
  model.apply(book.log.at(-1)!);
  const moved = model.project(m.projectId)!;
  t.equal(cache.view(moved, at).json, json(moved, at));
  t.match(cache.view(moved, at).view.milestones.at(-1), { progress: { percent: 10 } });
  // Capacity 2: the least recently used view is forgotten.
  for (const p of projects.slice(1)) cache.view(p, at);
  const misses = cache.misses;
  cache.view(moved, at);
  t.equal(cache.misses, misses + 1, 'evicted, rebuilt');
  t.same(cache.row(moved, at), cache.row(moved, at));
  cache.forget(moved.projectId);
});

t.test(
  'lists from cached rows equal lists built afresh, and the province index agrees',
  async (t) => {
    const cache = new ViewCache();
    const at = DateTime.fromISO('2026-02-20T00:00:00Z', { zone: 'utc' });
    for (const sort of ['name', 'attention', '-lastEventAt'] as const)
      for (const [offset, limit] of [
        [0, 2],
        [1, 2],
        [0, 50],
      ] as const) {
        const options = { filter: {}, sort, limit, offset, asOf: at };
        t.same(
          listProjects(model.projects(), { ...options, rowOf: (m) => cache.row(m, at) }),
          listProjects(model.projects(), options),
          `${sort} ${offset}+${limit}`,
        );
      }
    t.same(
      [...model.projects('jawa barat')].map((p) => p.projectId),
      ['cache-3'],
      'folded province names find the index',
    );
    t.same([...model.projects('Atlantis')], []);
  },
);

t.test(
  'a view cached between a retraction and its refold is not served after the refold',
  async (t) => {
    const cache = new ViewCache();
    const at = DateTime.fromISO('2025-06-01T00:00:00Z', { zone: 'utc' });
    const projectId = 'cache-2';
    const planned = book.log.find(
      (e) => e.stream === `project-${projectId}` && e.type === 'MilestonePlanned',
    )!;
    // Given a retraction applied but not yet folded in (settle reads the history)…
    book.run(
      { type: 'RetractEntry', projectId, eventId: planned.id, reason: 'misread' },
      '2025-06-01T00:00:00Z',
    );
    model.apply(book.log.at(-1)!);
    const during = model.project(projectId)!;
    const before = cache.view(during, at);
    t.equal(before.view.milestones.length, targets.length, 'read meanwhile: it still counts');
    const row = cache.row(during, at);
    // …once the refold is in, at the same position, neither the view nor the row is the old one.
    t.same(await model.settle(), [projectId]);
    const after = model.project(projectId)!;
    t.equal(after.position, during.position, 'the refold keeps the position');
    t.equal(cache.view(after, at).view.milestones.length, targets.length - 1, 'the view is new');
    t.not(cache.row(after, at), row, 'and so is the row');
    t.same(cache.row(after, at), projectRow(after, at));
  },
);
