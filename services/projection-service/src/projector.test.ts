import t from 'tap';
import { join } from 'node:path';
import { openSqliteEventStore, type EventStore } from '@kawasan/event-store';
import { Projector } from './projector.js';

const registered = (projectId: string) => ({
  id: crypto.randomUUID(),
  type: 'ProjectRegistered',
  data: {
    projectId,
    name: `Project ${projectId}`,
    kind: 'plant',
    location: { province: 'Jawa Tengah' },
    timeZone: 'Asia/Jakarta',
    sectors: [],
    parties: [],
  },
  metadata: {
    schemaVersion: 1,
    actor: 'tester',
    recordedAt: new Date().toISOString(),
    sources: [],
  },
});

async function append(store: EventStore, projectId: string) {
  return store.append(`project-${projectId}`, [registered(projectId)], {
    expectedRevision: 'no_stream',
  });
}

t.test('catches up, goes live, checkpoints, and resumes from the checkpoint', async (t) => {
  const dir = t.testdir();
  const store = await openSqliteEventStore({ file: join(dir, 'events.sqlite') });
  t.teardown(() => store.close());
  await append(store, 'aaa-1');
  await store.append(
    'audit-other',
    [{ id: crypto.randomUUID(), type: 'Other', data: {}, metadata: {} }],
    { expectedRevision: 'any' },
  );
  const snapshotFile = join(dir, 'projection-checkpoint.json');
  const first = new Projector({ store, snapshotFile, snapshotDelayMs: 10 });
  const changes: string[] = [];
  first.on('change', (id) => changes.push(id));
  await first.start();
  const live = await append(store, 'bbb-2');
  t.equal(await first.waitFor(live.position, 5000), true, 'a live append becomes visible');
  t.same(changes, ['aaa-1', 'bbb-2']);
  t.equal(first.status().caughtUp, true);
  t.equal(
    await first.waitFor(live.position + 100n, 50),
    false,
    'a position never reached times out',
  );
  await first.stop();

  await append(store, 'ccc-3');
  const second = new Projector({ store, snapshotFile });
  const replayed: string[] = [];
  second.on('change', (id) => replayed.push(id));
  await second.start();
  t.equal(await second.waitFor(await store.headPosition(), 5000), true);
  t.same(replayed, ['ccc-3'], 'resumed after the checkpoint: no event delivered twice');
  t.same([...second.model.projects()].map((p) => p.projectId).sort(), ['aaa-1', 'bbb-2', 'ccc-3']);
  await second.stop();
});

t.test('a replay from zero gives the same views as a resumed projection', async (t) => {
  const dir = t.testdir();
  const store = await openSqliteEventStore({ file: join(dir, 'events.sqlite') });
  t.teardown(() => store.close());
  for (const id of ['p-one', 'p-two', 'p-three']) await append(store, id);
  const resumed = new Projector({ store, snapshotFile: join(dir, 'a.json'), snapshotDelayMs: 1 });
  await resumed.start();
  await resumed.waitFor(await store.headPosition(), 5000);
  await resumed.stop();
  await append(store, 'p-four');
  const again = new Projector({ store, snapshotFile: join(dir, 'a.json') });
  const fresh = new Projector({ store, snapshotFile: join(dir, 'none.json') });
  await again.start();
  await fresh.start();
  const head = await store.headPosition();
  await again.waitFor(head, 5000);
  await fresh.waitFor(head, 5000);
  const shape = (p: Projector) =>
    JSON.stringify(
      [...p.model.projects()].sort((a, b) => a.projectId.localeCompare(b.projectId)),
      (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Map ? [...v] : v),
    );
  t.equal(shape(again), shape(fresh));
  await again.stop();
  await fresh.stop();
});

t.test(
  'after a restart the folds load in the background, or when an event needs one',
  async (t) => {
    const dir = t.testdir();
    const store = await openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    t.teardown(() => store.close());
    const ids = Array.from({ length: 200 }, (_, i) => `p-${i}`);
    for (const id of ids) await append(store, id);
    const snapshotFile = join(dir, 'snapshot.sqlite');
    const first = new Projector({ store, snapshotFile });
    await first.start();
    await first.waitFor(await store.headPosition(), 5000);
    await first.stop();

    // Given a restart that does not warm up: every fold waits in the snapshot…
    const cold = new Projector({ store, snapshotFile, warmUp: false });
    await cold.start();
    t.equal(cold.model.coldCount, 200);
    t.equal(cold.model.projectCount, 200, 'counted without loading');
    // …when an event arrives for one, its fold is loaded and carries on.
    const status = await store.append(
      'project-p-7',
      [
        {
          id: crypto.randomUUID(),
          type: 'ProjectStatusChanged',
          data: { projectId: 'p-7', from: 'active', to: 'on_hold', reason: 'funding' },
          metadata: registered('p-7').metadata,
        },
      ],
      { expectedRevision: 0n },
    );
    t.equal(await cold.waitFor(status.position, 5000), true);
    t.equal(cold.model.project('p-7')?.status, 'on_hold');
    t.equal(cold.model.project('p-7')?.name, 'Project p-7');
    t.equal(cold.model.coldCount, 199);
    await cold.stop();

    // A restart that warms up loads them all between requests.
    const warm = new Projector({ store, snapshotFile });
    await warm.start();
    while (warm.model.coldCount > 0) await new Promise((r) => setTimeout(r, 5));
    t.equal(warm.model.project('p-7')?.status, 'on_hold', 'the saved change came back');
    t.same([...warm.model.projects()].map((p) => p.projectId).sort(), [...ids].sort());
    // (stopped straight after starting: before its subscription even opened)
    await warm.stop();
  },
);

t.test('a snapshot folded from another log is cleared and the views replay', async (t) => {
  const dir = t.testdir();
  const snapshotFile = join(dir, 'snapshot.sqlite');
  // Given a snapshot of one log…
  const before = await openSqliteEventStore({ file: join(dir, 'before.sqlite') });
  t.teardown(() => before.close());
  for (const id of ['old-1', 'old-2']) await append(before, id);
  const first = new Projector({ store: before, snapshotFile });
  await first.start();
  await first.waitFor(await before.headPosition(), 5000);
  await first.stop();
  // …when the store is replaced by another (a reset that was seeded again)…
  const after = await openSqliteEventStore({ file: join(dir, 'after.sqlite') });
  t.teardown(() => after.close());
  for (const id of ['new-1', 'new-2', 'new-3']) await append(after, id);
  const warnings: string[] = [];
  const infos: string[] = [];
  const log = {
    info: (_: object, msg: string) => void infos.push(msg),
    warn: (_: object, msg: string) => void warnings.push(msg),
  };
  const second = new Projector({ store: after, snapshotFile, log });
  await second.start();
  await second.waitFor(await after.headPosition(), 5000);
  // …then the views are those of the new log alone, and the operator is told.
  t.same([...second.model.projects()].map((p) => p.projectId).sort(), ['new-1', 'new-2', 'new-3']);
  t.match(warnings, [/another log/]);
  await second.stop();
  // A restart on the same log resumes from the snapshot without a warning.
  const third = new Projector({ store: after, snapshotFile, log });
  infos.length = 0;
  await third.start();
  t.equal(third.model.position, await after.headPosition(), 'restored up to the head');
  t.ok(infos.includes('projection resumed from its snapshot'));
  t.equal(warnings.length, 1);
  await third.stop();
});

t.test('a replay from zero reads the retractions first and refolds no project', async (t) => {
  const dir = t.testdir();
  const store = await openSqliteEventStore({ file: join(dir, 'events.sqlite') });
  t.teardown(() => store.close());
  // Given a log where a fact of one project is stated and then retracted…
  await append(store, 'p-1');
  await append(store, 'p-2');
  const metadata = registered('p-1').metadata;
  const fact = {
    id: crypto.randomUUID(),
    type: 'FactStated',
    data: {
      projectId: 'p-1',
      factId: 'jobs',
      fact: { fact: 'jobs', kind: 'projected', count: 1200 },
    },
    metadata,
  };
  await store.append('project-p-1', [fact], { expectedRevision: 0n });
  const retraction = {
    id: crypto.randomUUID(),
    type: 'EntryRetracted',
    data: { projectId: 'p-1', eventId: fact.id, reason: 'misread' },
    metadata,
  };
  await store.append('project-p-1', [retraction], { expectedRevision: 1n });
  // …when a projection replays it from zero…
  const streamsRead: string[] = [];
  const counting: EventStore = {
    append: (stream, events, options) => store.append(stream, events, options),
    readStream: (stream, options) => {
      streamsRead.push(stream);
      return store.readStream(stream, options);
    },
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    ping: () => store.ping(),
    close: () => store.close(),
  };
  const projector = new Projector({ store: counting, snapshotFile: join(dir, 'snapshot.sqlite') });
  const changes: string[] = [];
  projector.on('change', (id) => changes.push(id));
  await projector.start();
  t.equal(await projector.waitFor(await store.headPosition(), 5000), true);
  // …then the fact is left out as it comes, and no project's stream is read again to refold it.
  t.same(projector.model.project('p-1')?.facts, []);
  t.equal(projector.model.project('p-1')?.retractedBy.get(fact.id), retraction.id);
  t.same(streamsRead, [], 'no refold');
  t.same(changes, ['p-1', 'p-2', 'p-1', 'p-1']);
  // A retraction that arrives live is still refolded from the store.
  const second = { ...fact, id: crypto.randomUUID(), data: { ...fact.data, factId: 'jobs-2' } };
  await store.append('project-p-1', [second], { expectedRevision: 2n });
  const live = await store.append(
    'project-p-1',
    [{ ...retraction, id: crypto.randomUUID(), data: { ...retraction.data, eventId: second.id } }],
    { expectedRevision: 3n },
  );
  t.equal(await projector.waitFor(live.position, 5000), true);
  t.same(projector.model.project('p-1')?.facts, []);
  t.same(streamsRead, ['project-p-1'], 'refolded from its stream');
  await projector.stop();
});
