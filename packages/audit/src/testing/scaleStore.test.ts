import { join } from 'node:path';
import t from 'tap';
import { parseStoredEvent, projectKinds, provinces, type FuzzyDate } from '@kawasan/domain';
import { openSqliteEventStore, type RecordedEvent } from '@kawasan/event-store';
import { createReadModel } from '@kawasan/projections';
import { verifyStore } from '../verifyStore.js';
import { generateScaleStore } from './scaleStore.js';

const PROJECTS = 200;
const EVENTS = 4000;

const java = ['DKI Jakarta', 'Jawa Barat', 'Banten', 'Jawa Tengah', 'Daerah Istimewa Yogyakarta', 'Jawa Timur']; // prettier-ignore
const sumatra = ['Aceh', 'Sumatera Utara', 'Sumatera Barat', 'Riau', 'Kepulauan Riau', 'Jambi', 'Sumatera Selatan', 'Kepulauan Bangka Belitung', 'Bengkulu', 'Lampung']; // prettier-ignore

async function readAll(file: string): Promise<RecordedEvent[]> {
  const store = await openSqliteEventStore({ file });
  try {
    const events: RecordedEvent[] = [];
    for await (const e of store.readAll()) events.push(e);
    return events;
  } finally {
    await store.close();
  }
}

t.test('a small scale store: every claim of the distribution, verified and folded', async (t) => {
  const file = join(t.testdir(), 'events.sqlite');
  const store = await openSqliteEventStore({ file });
  let progressed = 0;
  const summary = await generateScaleStore(store, {
    projects: PROJECTS,
    events: EVENTS,
    onProgress: (n) => (progressed = n),
  });
  t.equal(summary.events, EVENTS, 'exactly the events asked for');
  t.equal(progressed, EVENTS, 'progress reaches the total');
  t.equal(await store.headPosition(), BigInt(EVENTS));

  // Every event is a valid current-schema domain event with the service's metadata.
  const events = await readAll(file);
  t.equal(events.length, EVENTS);
  let invalid = 0;
  for (const e of events) {
    try {
      parseStoredEvent({ type: e.type, data: e.data, schemaVersion: e.metadata['schemaVersion'] as number }); // prettier-ignore
    } catch {
      invalid++;
    }
  }
  t.equal(invalid, 0, 'every event parses with its schema');
  t.match(events[0]!.metadata, {
    schemaVersion: Number,
    actor: String,
    recordedAt: String,
    correlationId: String,
    causationId: String,
    sources: Array,
    prevHash: String,
    hash: String,
  });
  const recorded = events.map((e) => Date.parse(e.metadata['recordedAt'] as string));
  t.ok(
    recorded.every((at, i) => i === 0 || at >= recorded[i - 1]!),
    'recordedAt never goes back (one shard, one clock)',
  );

  const registered = events.filter((e) => e.type === 'ProjectRegistered');
  t.equal(registered.length, PROJECTS, 'one registration per project');
  const data = (e: RecordedEvent) => e.data as Record<string, unknown>;
  const kinds = new Set(registered.map((e) => data(e)['kind']));
  t.strictSame([...kinds].sort(), [...projectKinds].sort(), 'every kind present');
  const provinceOf = (e: RecordedEvent) => (data(e)['location'] as { province: string }).province;
  const seen = new Set(registered.map(provinceOf));
  t.equal(seen.size, provinces.length, 'all 38 provinces appear');
  const heavy = registered.filter((e) => [...java, ...sumatra].includes(provinceOf(e))).length;
  t.ok(heavy / PROJECTS > 0.55, `Java and Sumatra hold most projects (${heavy}/${PROJECTS})`);

  const count = (type: string) => events.filter((e) => e.type === type).length;
  const planned = count('MilestonePlanned');
  const rescheduled = new Set(
    events
      .filter((e) => e.type === 'MilestoneRescheduled')
      .map((e) => `${e.stream}/${String(data(e)['milestoneId'])}`),
  ).size;
  t.equal(summary.rescheduledMilestones, rescheduled, 'the summary counts what is stored');
  t.ok(
    rescheduled / planned >= 0.25 && rescheduled / planned <= 0.35,
    `25–35% of milestones rescheduled (${rescheduled}/${planned})`,
  );
  const reasonCodes = new Set(
    events.filter((e) => e.type === 'MilestoneRescheduled').map((e) => data(e)['reasonCode']),
  );
  t.ok(reasonCodes.size >= 6, `reschedules carry varied reason codes (${[...reasonCodes].join(', ')})`); // prettier-ignore
  const precisions = new Set(
    events
      .filter((e) => e.type === 'MilestonePlanned')
      .map((e) => (data(e)['target'] as FuzzyDate).precision),
  );
  t.strictSame([...precisions].sort(), ['day', 'half', 'month', 'quarter', 'year'], 'fuzzy targets of every precision'); // prettier-ignore
  t.ok(count('MilestoneStarted') > 0 && count('MilestoneAchieved') > 0, 'some milestones started and achieved'); // prettier-ignore
  const facts = new Set(
    events.filter((e) => e.type === 'FactStated').map((e) => (data(e)['fact'] as { fact: string }).fact), // prettier-ignore
  );
  t.ok(facts.has('investment') && facts.has('jobs'), 'investment and jobs facts');
  const statuses = new Set(
    events.filter((e) => e.type === 'ProjectStatusChanged').map((e) => data(e)['to']),
  );
  t.ok(statuses.has('on_hold') && statuses.has('cancelled'), 'some projects on hold, some cancelled'); // prettier-ignore

  const retractions = events.filter((e) => e.type === 'EntryRetracted');
  const share = retractions.length / EVENTS;
  t.ok(share >= 0.005 && share <= 0.02, `about 1% retractions (${retractions.length})`);
  const byId = new Map(events.map((e) => [e.id, e]));
  t.ok(
    retractions.every((r) => {
      const target = byId.get(data(r)['eventId'] as string);
      return target !== undefined && target.stream === r.stream && target.position < r.position;
    }),
    'each retraction names an earlier entry of its own project',
  );

  const switches = events.filter((e, i) => i > 0 && e.stream !== events[i - 1]!.stream).length;
  t.ok(switches > EVENTS / 5, `streams interleave in the log (${switches} switches)`);

  const report = await verifyStore(store);
  t.match(report, { ok: true, streams: PROJECTS, events: EVENTS, failures: [] }, 'chains verify');
  await store.close();

  const model = createReadModel();
  for (const e of events) model.apply(e);
  t.equal([...model.projects()].length, PROJECTS, 'the read model folds every project');
  t.equal(model.eventCount, EVENTS);
});

t.test('refuses a store that already holds events, and impossible budgets', async (t) => {
  const store = await openSqliteEventStore({ file: join(t.testdir(), 'events.sqlite') });
  t.teardown(() => store.close());
  await t.rejects(generateScaleStore(store, { projects: 10, events: 5 }), RangeError);
  await generateScaleStore(store, { projects: 2, events: 4 });
  await t.rejects(generateScaleStore(store, { projects: 2, events: 4 }), /already holds events/);
});

t.test('worker shards write the same kind of store, interleaved by turns', async (t) => {
  const file = join(t.testdir(), 'events.sqlite');
  const store = await openSqliteEventStore({ file });
  t.teardown(() => store.close());
  const summary = await generateScaleStore(store, { projects: 60, events: 1200, workers: 2 });
  t.equal(summary.events, 1200);
  t.equal(summary.byType['ProjectRegistered'], 60);
  t.match(await verifyStore(store), { ok: true, streams: 60, events: 1200 });
});
