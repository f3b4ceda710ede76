import t from 'tap';
import { DateTime } from 'luxon';
import {
  decide,
  foldEvents,
  type Command,
  type DomainEvent,
  type FoldableEvent,
} from '@kawasan/domain';
import { createReadModel } from './readModel.js';
import { foldProject } from './projectModel.js';
import type { LogEntry } from './historyEntry.js';
import { listProjects, milestonesDue, portfolioSummary, decodeCursor } from './queries.js';
import { projectView } from './views.js';

/** A tiny command path: decide against the folded stream, then log with ids and recordedAt. */
function logbook() {
  const log: LogEntry[] = [];
  const streams = new Map<string, FoldableEvent[]>();
  let n = 0;
  return {
    log,
    run(command: Command, recordedAt: string, sources: unknown[] = []): DomainEvent[] {
      const stream = `project-${command.projectId}`;
      const past = streams.get(stream) ?? [];
      const events = decide(command, foldEvents(past), { newId: (k) => `${k}-${n + 1}` });
      for (const event of events) {
        n++;
        const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
        past.push({ ...event, eventId: id });
        log.push({
          stream,
          revision: BigInt(past.length - 1),
          position: BigInt(n),
          id,
          type: event.type,
          data: event.data,
          metadata: { schemaVersion: 1, actor: 'tester', recordedAt, sources },
        });
      }
      streams.set(stream, past);
      return events;
    },
  };
}

const asOf = DateTime.fromISO('2026-11-22T00:00:00Z');
const book = logbook();
const ksb = 'ksb-ki';
book.run(
  {
    type: 'RegisterProject',
    projectId: ksb,
    name: 'KI Sumbawa Barat',
    kind: 'industrial_estate',
    location: { province: 'Nusa Tenggara Barat' },
    sectors: ['smelter'],
  },
  '2024-01-01T00:00:00Z',
  [{ outlet: 'Suara NTB' }],
);
book.run(
  {
    type: 'PlanMilestone',
    projectId: ksb,
    milestoneId: 'smelter-cc',
    milestoneType: 'construction_completed',
    phase: 'complete',
    scope: 'anchor:smelter',
    target: '2022',
  },
  '2024-01-02T00:00:00Z',
);
book.run(
  {
    type: 'RescheduleMilestone',
    projectId: ksb,
    milestoneId: 'smelter-cc',
    target: '2023',
    reasonCode: 'force_majeure',
    reason: 'pandemic',
  },
  '2024-01-03T00:00:00Z',
);
book.run(
  {
    type: 'RescheduleMilestone',
    projectId: ksb,
    milestoneId: 'smelter-cc',
    target: '2024',
    reasonCode: 'unstated',
  },
  '2024-08-01T00:00:00Z',
);
book.run(
  {
    type: 'PlanMilestone',
    projectId: ksb,
    milestoneId: 'ksb-np',
    milestoneType: 'national_plan_listed',
    achievedOn: '2020',
  },
  '2024-01-04T00:00:00Z',
);
book.run(
  {
    type: 'StateFact',
    projectId: ksb,
    fact: { fact: 'investment', kind: 'committed', amount: '1000000.5', currency: 'USD' },
  },
  '2024-01-05T00:00:00Z',
);

const btg = 'btg-acemed';
book.run(
  {
    type: 'RegisterProject',
    projectId: btg,
    name: 'Pabrik Ace Medical',
    kind: 'plant',
    location: { province: 'Jawa Tengah' },
  },
  '2025-04-16T00:00:00Z',
);
book.run(
  {
    type: 'PlanMilestone',
    projectId: btg,
    milestoneId: 'ace-cod',
    milestoneType: 'commercial_operation',
    target: 'April 2026',
  },
  '2025-06-13T00:00:00Z',
);
book.run(
  {
    type: 'PlanMilestone',
    projectId: btg,
    milestoneId: 'ace-ppti',
    milestoneType: 'tenant_land_agreement',
    achievedOn: '17 Desember 2024',
  },
  '2025-04-16T00:00:00Z',
);
book.run(
  {
    type: 'PlanMilestone',
    projectId: btg,
    milestoneId: 'kek-pp',
    milestoneType: 'kek_designated',
    scope: 'estate',
    achievedOn: '2025-03-19',
  },
  '2025-04-16T00:00:00Z',
);
book.run(
  {
    type: 'StateFact',
    projectId: btg,
    fact: { fact: 'investment', kind: 'committed', amount: '100000000', currency: 'USD' },
  },
  '2025-04-16T00:00:00Z',
);
book.run(
  {
    type: 'StateFact',
    projectId: btg,
    fact: {
      fact: 'investment',
      kind: 'committed',
      low: '1600000000000',
      high: '1700000000000',
      currency: 'IDR',
    },
  },
  '2025-04-16T00:00:00Z',
);
book.run(
  {
    type: 'StateFact',
    projectId: btg,
    fact: { fact: 'jobs', kind: 'projected', count: 3500, comparator: '>' },
  },
  '2025-04-16T00:00:00Z',
);

const pgk = 'pgk-kek';
book.run(
  {
    type: 'RegisterProject',
    projectId: pgk,
    name: 'KEK Pangkalpinang',
    kind: 'special_economic_zone',
    location: { province: 'Kepulauan Bangka Belitung' },
  },
  '2025-06-13T00:00:00Z',
);
book.run(
  {
    type: 'PlanMilestone',
    projectId: pgk,
    milestoneId: 'kek-prop',
    milestoneType: 'kek_proposed',
    target: 'unknown',
  },
  '2025-06-13T00:00:00Z',
);

const model = createReadModel();
for (const entry of book.log) model.apply(entry);

t.test(
  'project view: stage, health with reasons, drift of two years with two reschedules',
  async (t) => {
    const view = projectView(model.project(ksb)!, asOf);
    t.equal(view.stage, 'preparation');
    t.equal(view.health, 'overdue');
    t.match(view.healthReasons[0], {
      rule: 'overdue',
      milestoneIds: ['smelter-cc'],
      detail: 'Construction completed was due by 31 Dec 2024.',
    });
    const smelter = view.milestones.find((m) => m.milestoneId === 'smelter-cc')!;
    t.match(smelter, {
      baseline: { value: '2022' },
      target: { value: '2024', timeZone: 'Asia/Makassar' },
      due: 'overdue',
      deadline: '2024-12-31T16:00:00.000Z',
      drift: { days: 731, reschedules: 2, reasonCodes: ['force_majeure', 'unstated'] },
    });
    t.equal(view.revision, '5');
    t.equal(view.position, '6');
    t.same(view.sources, [{ outlet: 'Suara NTB' }]);
  },
);

t.test('out-of-order and slip', async (t) => {
  const view = projectView(model.project(btg)!, asOf);
  t.equal(view.milestones.find((m) => m.milestoneId === 'ace-ppti')!.outOfOrder, true);
  t.equal(view.milestones.find((m) => m.milestoneId === 'kek-pp')!.outOfOrder, false);
  t.match(view.nextMilestone, { milestoneId: 'ace-cod', due: 'overdue' });
  t.same(
    view.milestones.map((m) => m.milestoneId),
    ['ace-ppti', 'kek-pp', 'ace-cod'],
    'timeline in date order',
  );
});

t.test('knownAt: only entries recorded by then count', async (t) => {
  const before = model.project(ksb, '2024-07-31T23:59:59.999Z')!;
  t.equal(
    before.milestones.get('smelter-cc')!.target!.value,
    '2023',
    'one ms before the reschedule: the old target',
  );
  const after = model.project(ksb, '2024-08-01T00:00:00Z')!;
  t.equal(after.milestones.get('smelter-cc')!.target!.value, '2024');
  t.equal(model.project(btg, '2025-01-01T00:00:00Z'), null, 'nothing known yet: no project');
  t.equal([...model.projects('2024-12-31T00:00:00Z')].length, 1);
});

t.test('list: filters, sort, cursor', async (t) => {
  const all = listProjects(model.projects(), {
    filter: {},
    sort: 'attention',
    limit: 2,
    offset: 0,
    asOf,
  });
  t.equal(all.total, 3);
  t.same(
    all.items.map((p) => p.health),
    ['overdue', 'overdue'],
  );
  t.equal(decodeCursor(all.nextCursor!), 2);
  t.same(all.counts, {
    cancelled: 0,
    on_hold: 0,
    completed: 0,
    overdue: 2,
    at_risk: 1,
    on_track: 0,
  });
  const rest = listProjects(model.projects(), {
    filter: {},
    sort: 'attention',
    limit: 2,
    offset: 2,
    asOf,
  });
  t.same(
    rest.items.map((p) => p.projectId),
    [pgk],
  );
  t.equal(rest.nextCursor, null);
  const byProvince = listProjects(model.projects(), {
    filter: { province: 'jawa tengah' },
    sort: 'name',
    limit: 50,
    offset: 0,
    asOf,
  });
  t.same(
    byProvince.items.map((p) => p.projectId),
    [btg],
  );
  t.equal(
    listProjects(model.projects(), {
      filter: { q: 'sumbawa' },
      sort: 'name',
      limit: 50,
      offset: 0,
      asOf,
    }).total,
    1,
  );
  t.equal(
    listProjects(model.projects(), {
      filter: { sector: 'Smelter' },
      sort: 'name',
      limit: 50,
      offset: 0,
      asOf,
    }).total,
    1,
  );
  t.equal(
    listProjects(model.projects(), {
      filter: { stage: 'idea' },
      sort: 'name',
      limit: 50,
      offset: 0,
      asOf,
    }).items[0]!.projectId,
    pgk,
  );
  t.equal(
    listProjects(model.projects(), {
      filter: { health: 'at_risk', kind: 'special_economic_zone' },
      sort: '-name',
      limit: 50,
      offset: 0,
      asOf,
    }).total,
    1,
  );
  t.equal(decodeCursor('garbage'), null);
});

t.test('milestones due', async (t) => {
  const overdue = milestonesDue(model.projects(), { due: 'overdue', asOf });
  t.same(
    overdue.map((m) => [m.projectId, m.milestoneId]),
    [
      [ksb, 'smelter-cc'],
      [btg, 'ace-cod'],
    ],
  );
  t.same(
    milestonesDue(model.projects(), { due: 'undated', asOf }).map((m) => m.milestoneId),
    ['kek-prop'],
  );
  t.equal(milestonesDue(model.projects(), { province: 'Jawa Tengah', asOf }).length, 1);
  t.equal(milestonesDue(model.projects(), { type: 'kek_proposed', asOf }).length, 1);
});

t.test('portfolio totals per currency and kind, never converted', async (t) => {
  const { groups } = portfolioSummary(model.projects(), { groupBy: 'health', asOf });
  const overdue = groups.find((g) => g.key === 'overdue')!;
  t.equal(overdue.projects, 2);
  t.same(overdue.investment, [
    {
      currency: 'IDR',
      kind: 'committed',
      amount: '0',
      low: '1600000000000',
      high: '1700000000000',
      projects: 1,
    },
    {
      currency: 'USD',
      kind: 'committed',
      amount: '101000000.5',
      low: '101000000.5',
      high: '101000000.5',
      projects: 2,
    },
  ]);
  t.same(overdue.jobs, { projected: 3500, actual: 0 });
  t.same(
    portfolioSummary(model.projects(), { groupBy: 'province', asOf }).groups.map((g) => g.key),
    ['Jawa Tengah', 'Kepulauan Bangka Belitung', 'Nusa Tenggara Barat'],
  );
});

t.test('retractions fold as if absent, and repeats are ignored', async (t) => {
  const rm = createReadModel();
  for (const entry of book.log) rm.apply(entry);
  t.equal(rm.apply(book.log[3]!), null, 'a redelivered event is ignored');
  const reschedule = book.log[3]!;
  book.run(
    { type: 'RetractEntry', projectId: ksb, eventId: reschedule.id, reason: 'misread' },
    '2024-09-01T00:00:00Z',
  );
  rm.apply(book.log.at(-1)!);
  const smelter = rm.project(ksb)!.milestones.get('smelter-cc')!;
  t.equal(smelter.target!.value, '2023');
  t.equal(smelter.reschedules.length, 1);
  t.equal(rm.project(ksb)!.retractedBy.get(reschedule.id), book.log.at(-1)!.id);
  t.equal(
    rm.project(ksb, '2024-08-15T00:00:00Z')!.milestones.get('smelter-cc')!.target!.value,
    '2024',
    'before the retraction was recorded, it counted',
  );
  t.equal(
    rm.apply({ ...book.log[0]!, stream: 'other-x', position: 10_000n }),
    null,
    'foreign streams are skipped',
  );
  t.equal(rm.history(ksb)!.length, 7);
});

t.test('the incremental fold equals a fold of the whole history', async (t) => {
  const rm = createReadModel();
  for (const entry of book.log) rm.apply(entry);
  const json = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'bigint' ? x.toString() : x instanceof Map ? [...x] : x,
    );
  for (const projectId of [ksb, btg, pgk])
    t.equal(json(rm.project(projectId)), json(foldProject(rm.history(projectId)!)), projectId);
});
