import t, { type Test } from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createReadModel, storedProjectOf, type ProjectRecord } from '@kawasan/projections';
import { SnapshotStore } from './snapshot.js';

/** A read model of `n` registered projects, as the projector folds them. */
function modelOf(n: number) {
  const model = createReadModel();
  for (let i = 1; i <= n; i++)
    model.apply({
      stream: `project-p-${i}`,
      revision: 0n,
      position: BigInt(i),
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      type: 'ProjectRegistered',
      data: {
        projectId: `p-${i}`,
        name: `Project ${i}`,
        kind: 'plant',
        location: { province: i % 2 ? 'Jawa Barat' : 'Banten' },
        timeZone: 'Asia/Jakarta',
        sectors: ['steel'],
        parties: [],
      },
      metadata: {
        schemaVersion: 1,
        actor: 'tester',
        recordedAt: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`,
        sources: [{ outlet: 'Kontan', url: `https://example.org/${i}` }],
      },
    });
  return model;
}

/** A snapshot of `n` registered projects saved at position n, closed when the test ends. */
async function savedSnapshot(t: Test, n: number) {
  const store = SnapshotStore.open(join(t.testdir(), 'snap.sqlite'));
  t.teardown(() => store.close());
  const model = modelOf(n);
  await store.save(BigInt(n), model.takeChanged(), (id) => model.record(id));
  return { store, model };
}

const json = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) =>
    typeof x === 'bigint' ? x.toString() : x instanceof Map ? [...x] : x,
  );

t.test(
  'a save of many projects is read back: the list at once, each fold when asked',
  async (t) => {
    const file = join(t.testdir(), 'snap.sqlite');
    const model = modelOf(1234);
    const store = SnapshotStore.open(file);
    t.equal(store.position(), null, 'a new snapshot has no position');
    t.equal(await store.save(model.position, model.takeChanged(), (id) => model.record(id)), 1234);
    store.close();

    const again = SnapshotStore.open(file);
    t.teardown(() => again.close());
    t.equal(again.position(), 1234n);
    const byId = (a: { projectId: string }, b: { projectId: string }) =>
      a.projectId < b.projectId ? -1 : 1;
    t.same([...again.projects()].sort(byId), [...model.records()].map(storedProjectOf).sort(byId));
    t.equal(json(again.load('p-77')), json(model.project('p-77')));
    t.equal(again.load('p-none'), null);
  },
);

t.test('a later save writes only the projects it is given and moves the position', async (t) => {
  const { store, model } = await savedSnapshot(t, 3);
  const renamed: ProjectRecord = {
    ...model.record('p-2')!,
    position: 9n,
    model: { ...model.project('p-2')!, name: 'Renamed', position: 9n },
  };
  const gone: ProjectRecord = { ...model.record('p-3')!, model: null, stale: true };
  const byId = new Map([
    ['p-2', renamed],
    ['p-3', gone],
  ]);
  t.equal(await store.save(9n, ['p-2', 'p-3', 'p-404'], (id) => byId.get(id) ?? null), 2);
  t.equal(store.position(), 9n);
  t.equal(store.load('p-1')?.name, 'Project 1', 'untouched');
  t.equal(store.load('p-2')?.name, 'Renamed');
  t.equal(store.load('p-3'), null, 'a project without a model keeps no fold');
  const listed = new Map([...store.projects()].map((p) => [p.projectId, p]));
  t.equal(listed.get('p-2')?.position, 9n);
  t.same(listed.get('p-3'), storedProjectOf(gone));
  t.equal(listed.get('p-3')?.province, null);
});

t.test('a failed save leaves the previous snapshot in place', async (t) => {
  const { store, model } = await savedSnapshot(t, 2);
  const failing = (id: string) => {
    if (id === 'p-2') throw new Error('model changed under us');
    return { ...model.record(id)!, position: 5n };
  };
  await t.rejects(store.save(5n, ['p-1', 'p-2'], failing), /changed under us/);
  t.equal(store.position(), 2n);
  t.same(
    [...store.projects()].map((p) => p.position),
    [1n, 2n],
  );
});

t.test('a file that is not a snapshot of this format is replaced (the views replay)', async (t) => {
  const dir = t.testdir();
  const garbage = join(dir, 'garbage.sqlite');
  writeFileSync(garbage, '{"format":2,"position":"3"}\n{not json\n');
  const fromGarbage = SnapshotStore.open(garbage);
  t.equal(fromGarbage.position(), null);
  fromGarbage.close();

  const older = join(dir, 'older.sqlite');
  const model = modelOf(1);
  const store = SnapshotStore.open(older);
  await store.save(1n, model.takeChanged(), (id) => model.record(id));
  store.close();
  const db = new Database(older);
  db.prepare(`UPDATE meta SET value = '2' WHERE key = 'format'`).run();
  db.close();
  const reopened = SnapshotStore.open(older);
  t.equal(reopened.position(), null, 'another format');
  t.same([...reopened.projects()], []);
  reopened.close();
});

t.test(
  'the snapshot names its log, and clearing it forgets the projects but not the file',
  async (t) => {
    const { store, model } = await savedSnapshot(t, 2);
    t.equal(store.origin(), null, 'a save alone names no log');
    store.setOrigin('first-event-id');
    t.equal(store.origin(), 'first-event-id');
    store.clear();
    t.equal(store.position(), null);
    t.equal(store.origin(), null);
    t.same([...store.projects()], []);
    t.equal(store.load('p-1'), null);
    await store.save(1n, ['p-1'], (id) => model.record(id));
    t.equal(store.position(), 1n, 'and it takes saves again');
  },
);
