import t from 'tap';
import { DateTime } from 'luxon';
import {
  createReadModel,
  memoryHistory,
  storedProjectOf,
  type ProjectRecord,
} from './readModel.js';
import {
  decodeProjectModel,
  encodeProjectModel,
  type EncodedProjectModel,
} from './projectModelCodec.js';
import { FOLD_METADATA_KEYS, toHistoryEntry, type LogEntry } from './historyEntry.js';
import { foldProject } from './projectModel.js';
import { logbook } from './testLogbook.js';
import { listProjects, milestonesDue, portfolioSummary, decodeCursor } from './queries.js';
import { projectView } from './views.js';

const asOf = DateTime.fromISO('2026-11-22T00:00:00Z');

/** A record with its fold through JSON and back, as the projection's snapshot stores it. */
const throughJson = (r: ProjectRecord): ProjectRecord => ({
  ...r,
  model:
    r.model &&
    decodeProjectModel(
      JSON.parse(JSON.stringify(encodeProjectModel(r.model))) as EncodedProjectModel,
    ),
});
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
  const before = (await model.projectKnownAt(ksb, '2024-07-31T23:59:59.999Z'))!;
  t.equal(
    before.milestones.get('smelter-cc')!.target!.value,
    '2023',
    'one ms before the reschedule: the old target',
  );
  const after = (await model.projectKnownAt(ksb, '2024-08-01T00:00:00Z'))!;
  t.equal(after.milestones.get('smelter-cc')!.target!.value, '2024');
  t.equal(
    await model.projectKnownAt(btg, '2025-01-01T00:00:00Z'),
    null,
    'nothing known yet: no project',
  );
  t.equal((await model.projectsKnownAt('2024-12-31T00:00:00Z')).length, 1);
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
  t.same(await rm.settle(), [ksb], 'the retraction refolds its project');
  const smelter = rm.project(ksb)!.milestones.get('smelter-cc')!;
  t.equal(smelter.target!.value, '2023');
  t.equal(smelter.reschedules.length, 1);
  t.equal(rm.project(ksb)!.retractedBy.get(reschedule.id), book.log.at(-1)!.id);
  t.equal(
    (await rm.projectKnownAt(ksb, '2024-08-15T00:00:00Z'))!.milestones.get('smelter-cc')!.target!
      .value,
    '2024',
    'before the retraction was recorded, it counted',
  );
  t.equal(
    rm.apply({ ...book.log[0]!, stream: 'other-x', position: 10_000n }),
    null,
    'foreign streams are skipped',
  );
  t.equal((await rm.history(ksb))!.length, 7);
});

t.test('retractions read ahead leave their entries out: nothing to refold', async (t) => {
  const json = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'bigint' ? x.toString() : x instanceof Map ? [...x] : x,
    );
  // Given a log with retractions in two projects, folded and settled as a live model does…
  const log = logbook();
  const other = 'other-ki';
  for (const projectId of [ksb, other])
    log.run(
      {
        type: 'RegisterProject',
        projectId,
        name: `KI ${projectId}`,
        kind: 'industrial_estate',
        location: { province: 'Nusa Tenggara Barat' },
      },
      '2024-01-01T00:00:00Z',
    );
  log.run(
    {
      type: 'PlanMilestone',
      projectId: ksb,
      milestoneId: 'smelter-cc',
      milestoneType: 'construction_completed',
      target: '2026',
    },
    '2024-01-02T00:00:00Z',
  );
  /** States an investment; returns the index of its entry in the log. */
  const stateInvestment = (projectId: string, amount: string, at: string) => {
    log.run(
      {
        type: 'StateFact',
        projectId,
        fact: { fact: 'investment', kind: 'committed', amount, currency: 'USD' },
      },
      at,
    );
    return log.log.length - 1;
  };
  const fact = stateInvestment(other, '1000', '2024-01-02T00:00:00Z');
  const reschedule = log.log.length;
  log.run(
    {
      type: 'RescheduleMilestone',
      projectId: ksb,
      milestoneId: 'smelter-cc',
      target: '2027',
      reasonCode: 'unstated',
    },
    '2024-01-03T00:00:00Z',
  );
  const ksbFact = stateInvestment(ksb, '5', '2024-01-03T00:00:00Z');
  // (ksb's retractions in the other order than the entries they retract)
  for (const [projectId, at] of [
    [ksb, ksbFact],
    [ksb, reschedule],
    [other, fact],
  ] as const)
    log.run(
      { type: 'RetractEntry', projectId, eventId: log.log[at]!.id, reason: 'misread' },
      '2024-01-04T00:00:00Z',
    );
  const settled = createReadModel();
  for (const entry of log.log) settled.apply(entry);
  t.same(await settled.settle(), [ksb, other], 'applied one by one, both need refolding');
  // …when the retractions are known before the entries are applied…
  const loads: string[] = [];
  const ahead = createReadModel({
    load: (projectId) => {
      loads.push(projectId);
      return Promise.resolve([]);
    },
  });
  const retractions = log.log.flatMap((e) =>
    e.type === 'EntryRetracted'
      ? [
          {
            projectId: toHistoryEntry(e)!.projectId,
            eventId: (e.data as { eventId: string }).eventId,
            by: e.id,
          },
        ]
      : [],
  );
  ahead.expectRetractions([
    ...retractions,
    // (a retraction from another project's stream takes nothing out of force)
    { projectId: other, eventId: log.log[2]!.id, by: 'elsewhere' },
  ]);
  for (const entry of log.log) ahead.apply(entry);
  // …then nothing is refolded and the folds are those of the settled model.
  t.same(await ahead.settle(), [], 'nothing to refold');
  t.same(loads, [], 'no history read');
  for (const projectId of [ksb, other])
    t.equal(json(ahead.project(projectId)), json(settled.project(projectId)), projectId);
  t.equal(ahead.project(ksb)!.milestones.get('smelter-cc')!.target!.value, '2026');
  t.same(ahead.project(other)!.facts, [], 'the retracted fact is not there');
  t.same(
    [...ahead.project(ksb)!.retractedBy.keys()],
    [log.log[ksbFact]!.id, log.log[reschedule]!.id],
    'retractions listed in the order of the log',
  );
});

t.test('the incremental fold equals a fold of the whole history', async (t) => {
  const rm = createReadModel();
  for (const entry of book.log) rm.apply(entry);
  await rm.settle();
  const json = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'bigint' ? x.toString() : x instanceof Map ? [...x] : x,
    );
  for (const projectId of [ksb, btg, pgk])
    t.equal(
      json(rm.project(projectId)),
      json(foldProject((await rm.history(projectId))!)),
      projectId,
    );
});

t.test(
  'a fold reads no metadata but FOLD_METADATA_KEYS (what its subscription asks for)',
  async (t) => {
    // Given the log with the metadata the command service writes besides the folded keys…
    const full = book.log.map((e, i) => ({
      ...e,
      metadata: {
        ...e.metadata,
        correlationId: `c${i}`,
        causationId: `k${i}`,
        idempotencyKey: `i${i}`,
        requestHash: `r${i}`,
        hash: `h${i}`,
      },
    }));
    const picked = full.map((e) => ({
      ...e,
      metadata: Object.fromEntries(
        Object.entries(e.metadata).filter(([k]) => FOLD_METADATA_KEYS.includes(k)),
      ),
    }));
    t.ok(picked.some((e) => Object.keys(e.metadata).length === FOLD_METADATA_KEYS.length));
    // …each entry decodes the same with the folded keys alone (who, when, sources, the event)…
    const decoded = (e: LogEntry) => ({ ...toHistoryEntry(e), metadata: null });
    t.same(picked.map(decoded), full.map(decoded));
    // …and a model fed only those has the same projects as one fed everything.
    const models = [full, picked].map((log) => {
      const rm = createReadModel();
      for (const entry of log) rm.apply(entry);
      return rm;
    });
    for (const projectId of [ksb, btg, pgk])
      t.same(
        projectView(models[1]!.project(projectId)!, asOf),
        projectView(models[0]!.project(projectId)!, asOf),
        projectId,
      );
  },
);

t.test('a model restored from its records carries on exactly like the original', async (t) => {
  const json = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'bigint' ? x.toString() : x instanceof Map ? [...x] : x,
    );
  // Given a model with a retraction applied but not yet settled…
  const original = createReadModel();
  const log = [...book.log];
  const cut = log.length - 1;
  for (const entry of log.slice(0, cut)) original.apply(entry);
  await original.settle();
  original.apply(log[cut]!);
  // …when its records go through JSON (as a snapshot does) into a new model…
  const records = [...original.records()].map(throughJson);
  t.ok(
    records.some((r) => r.stale),
    'the unsettled project is marked',
  );
  // (a snapshot lists the projects and hands each fold over only when asked)
  const stored = records.map(storedProjectOf);
  const loads: string[] = [];
  const loader = (id: string) => {
    loads.push(id);
    return records.find((r) => r.projectId === id)!.model;
  };
  const fresh = createReadModel();
  fresh.restore(original.position, stored, loader);
  t.equal(fresh.position, original.position);
  t.equal(fresh.eventCount, original.eventCount);
  t.same(loads, [], 'restoring reads no fold');
  t.equal(fresh.coldCount, 3, 'every fold waits in the snapshot');
  t.same(fresh.takeChanged(), new Set(), 'restored projects need no saving');
  // …then redelivered events are skipped, settle refolds the marked project…
  for (const entry of log) t.equal(fresh.apply(entry), null);
  await original.settle();
  const memory = memoryHistory();
  for (const entry of log) memory.record!(toHistoryEntry(entry)!);
  const sourced = createReadModel(memory);
  sourced.restore(original.position, stored, loader);
  t.same(await sourced.settle(), [ksb]);
  t.same(sourced.takeChanged(), new Set([ksb]), 'the refolded project is saved next time');
  t.equal(sourced.coldCount, 2);
  t.equal(sourced.project(btg)!.projectId, btg, 'a cold fold is loaded when asked for');
  t.equal(sourced.coldCount, 1);
  t.equal(sourced.warm(10), 0, 'warming loads the rest');
  t.equal(loads.filter((id) => id === btg).length, 1, 'each fold is loaded once');
  for (const id of [ksb, btg, pgk])
    t.equal(json(sourced.project(id)), json(original.project(id)), `${id} equal after settle`);
  t.equal(sourced.projectCount, 3);
  // …and a record at a later position than the snapshot's skips only what it already has.
  const next = {
    ...log[0]!,
    id: '00000000-0000-4000-8000-00000000ffff',
    revision: 99n,
    position: original.position + 1n,
    type: 'ProjectStatusChanged',
    data: { projectId: ksb, from: 'active', to: 'on_hold', reason: 'funding' },
    metadata: { ...log[0]!.metadata, recordedAt: '2024-10-01T00:00:00Z' },
  };
  t.equal(sourced.apply(next), ksb);
  t.equal(sourced.project(ksb)!.status, 'on_hold');
  t.equal((await sourced.projectKnownAt(ksb, '2024-08-15T00:00:00Z'))!.status, 'active');
});

t.test('a restored fold equals the fold it was saved from, field for field', async (t) => {
  // Given a project with every kind of milestone detail a fold keeps…
  const busy = logbook();
  const id = 'busy-plant';
  const sources = [{ outlet: 'Kontan', url: 'https://example.org/a', publishedOn: '2025-01-02' }];
  busy.run(
    {
      type: 'RegisterProject',
      projectId: id,
      name: 'Busy plant',
      kind: 'plant',
      location: { province: 'Banten', regency: 'Kabupaten Serang' },
      sectors: ['steel'],
    },
    '2025-01-01T00:00:00Z',
    sources,
  );
  const plan = (milestoneId: string, title?: string) =>
    busy.run(
      {
        type: 'PlanMilestone',
        projectId: id,
        milestoneId,
        milestoneType: title ? 'other' : 'groundbreaking',
        ...(title && { title, stage: 'construction' as const }),
        target: 'triwulan pertama 2026',
      },
      '2025-01-02T00:00:00Z',
      sources,
    );
  plan('build');
  plan('extra', 'Jetty');
  plan('dropped');
  busy.run(
    { type: 'StartMilestone', projectId: id, milestoneId: 'build', on: '2025-03' },
    '2025-03-05T00:00:00Z',
  );
  busy.run(
    {
      type: 'ReportProgress',
      projectId: id,
      milestoneId: 'build',
      percent: 40,
      asOf: '2025-06',
      verifiedBy: 'BKPM',
    },
    '2025-06-05T00:00:00Z',
    [{ outlet: 'Tempo', url: 'https://example.org/b' }],
  );
  busy.run(
    {
      type: 'RescheduleMilestone',
      projectId: id,
      milestoneId: 'extra',
      target: '2027',
      reasonCode: 'financing',
      reason: 'loan delayed',
    },
    '2025-07-01T00:00:00Z',
  );
  busy.run(
    { type: 'CancelMilestone', projectId: id, milestoneId: 'dropped', reason: 'merged' },
    '2025-08-01T00:00:00Z',
  );
  const original = createReadModel();
  for (const entry of busy.log) original.apply(entry);
  // …when it goes through JSON into a model restored from it…
  const [record] = [...original.records()].map(throughJson);
  const restored = createReadModel();
  restored.restore(original.position, [storedProjectOf(record!)], () => record!.model);
  // …then it is the same, in the same key order (views serialise what the fold holds).
  const json = (v: unknown) =>
    JSON.stringify(v, (_k, x: unknown) =>
      typeof x === 'bigint' ? x.toString() : x instanceof Map ? [...x] : x,
    );
  const model = restored.project(id)!;
  t.equal(json(model), json(original.project(id)));
  const build = model.milestones.get('build')!;
  t.same(build.progress, { percent: 40, asOf: build.progress!.asOf, verifiedBy: 'BKPM' });
  t.equal(model.milestones.get('extra')!.reschedules[0]!.reason, 'loan delayed');
  t.equal(model.milestones.get('dropped')!.cancelReason, 'merged');
  t.equal(
    projectView(model, asOf).milestones.length,
    3,
    'and its view is built from it like any other',
  );
});
