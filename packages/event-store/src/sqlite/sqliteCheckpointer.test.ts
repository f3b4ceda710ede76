import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { collect, makeTestEvents, uniqueStream } from '../testing/index.js';
import { SqliteCheckpointer } from './sqliteCheckpointer.js';
import { openSqliteEventStore } from './sqliteEventStore.js';

const dir = t.testdir();
const fileNamed = (name: string): string => {
  mkdirSync(join(dir, name), { recursive: true });
  return join(dir, name, 'events.db');
};

/** The WAL header's checkpoint sequence number: SQLite adds one each time the WAL starts over. */
const walRestarts = (file: string): number => readFileSync(`${file}-wal`).readUInt32BE(12);

/** Polls until `done` holds (the worker runs on its own schedule); fails after a long while. */
async function eventually(done: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 20_000) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

t.test('a busy store checkpoints in a worker, and its WAL still starts over', async (t) => {
  const file = fileNamed('busy');
  const store = await openSqliteEventStore({
    file,
    backgroundCheckpoint: { afterCommits: 3, restartFrames: 40 },
  });
  t.teardown(() => store.close());
  const stream = uniqueStream('busy');
  const append = () => store.append(stream, makeTestEvents(1), { expectedRevision: 'any' });
  // Given a store that has committed less than afterCommits times: SQLite checkpoints as usual.
  await append();
  await append();
  t.same(store.checkpointStats(), { inWorker: false, passes: 0, finished: 0, restarted: 0 });
  t.equal((await store.connectionSettings()).walAutoCheckpointPages, 1000);
  // When it keeps appending, a worker takes the checkpoints over…
  await append();
  t.equal(store.checkpointStats().inWorker, true);
  t.equal((await store.connectionSettings()).walAutoCheckpointPages, 0, 'COMMITs do not');
  await eventually(() => store.checkpointStats().passes > 0, 'a pass of the worker');
  // …and as appends go on (a few WAL pages each), the WAL starts over again and again: its
  // header's checkpoint sequence number, which SQLite bumps at every restart, says so.
  const restartsBefore = walRestarts(file);
  const more = 600;
  for (let i = 0; i < more; i++) await append();
  t.ok(walRestarts(file) - restartsBefore >= 3, 'the WAL started over');
  t.ok(store.checkpointStats().restarted > 0, 'and the worker saw it');
  const appended = 3 + more;
  const events = await collect(store.readStream(stream));
  t.equal(events.length, appended, 'every append is there');
  t.same(
    events.map((e) => e.revision),
    events.map((_, i) => BigInt(i)),
    'in order, none lost',
  );
  await store.close();
  // Reopened from the file alone: everything was committed, whoever checkpointed it.
  const again = await openSqliteEventStore({ file, readonly: true });
  t.teardown(() => again.close());
  t.equal((await collect(again.readStream(stream))).length, appended);
});

t.test('a store told not to checkpoints in its COMMITs as SQLite does', async (t) => {
  const store = await openSqliteEventStore({
    file: fileNamed('off'),
    backgroundCheckpoint: false,
  });
  t.teardown(() => store.close());
  for (let i = 0; i < 70; i++)
    await store.append(uniqueStream('off'), makeTestEvents(1), { expectedRevision: 'any' });
  t.equal(store.checkpointStats().inWorker, false);
  t.equal((await store.connectionSettings()).walAutoCheckpointPages, 1000);
});

t.test('a worker that cannot even be created leaves COMMITs checkpointing', async (t) => {
  const file = fileNamed('unstartable');
  const db = new Database(file);
  t.teardown(() => db.close());
  db.pragma('journal_mode = WAL');
  // A symbol cannot be sent to a worker: new Worker throws at once.
  t.throws(
    () =>
      new SqliteCheckpointer({
        file: Symbol('no') as never,
        busyTimeoutMs: 100,
        db,
        restartFrames: 10,
      }),
  );
  t.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000);
});

t.test('when the worker fails, COMMITs checkpoint again', async (t) => {
  const file = fileNamed('failing');
  const db = new Database(file);
  t.teardown(() => db.close());
  db.pragma('journal_mode = WAL');
  const checkpointer = new SqliteCheckpointer({
    file,
    driver: join(dir, 'no-such-driver.js'),
    busyTimeoutMs: 100,
    db,
    restartFrames: 10,
  });
  t.equal(db.pragma('wal_autocheckpoint', { simple: true }), 0, 'off while the worker starts');
  await eventually(() => !checkpointer.stats.inWorker, 'the worker failing');
  t.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000, 'SQLite checkpoints again');
  checkpointer.committed();
  t.equal(checkpointer.stats.finished, 0, 'and the appender finishes nothing itself');
});

t.test('the appender finishes a checkpoint only once the WAL is long', async (t) => {
  const file = fileNamed('finishing');
  const db = new Database(file);
  // As the store's connection: numbers come back as bigint.
  db.defaultSafeIntegers(true);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE notes (body TEXT)');
  const insert = db.prepare('INSERT INTO notes (body) VALUES (?)');
  const open = (restartFrames: number) => {
    const checkpointer = new SqliteCheckpointer({ file, busyTimeoutMs: 1000, db, restartFrames });
    t.teardown(() => checkpointer.stop());
    return checkpointer;
  };
  // Given a WAL of a few dozen frames (one transaction each) and a worker that has seen them…
  const patient = open(1_000_000);
  for (let i = 0; i < 30; i++) insert.run('x'.repeat(3000));
  await eventually(() => patient.stats.passes > 0, 'a pass');
  // …an appender below restartFrames leaves the checkpoints to the worker…
  patient.committed();
  t.equal(patient.stats.finished, 0);
  patient.stop();
  // …and one past it finishes the checkpoint itself, after a commit.
  const eager = open(5);
  for (let i = 0; i < 30; i++) insert.run('x'.repeat(3000));
  await eventually(() => {
    eager.committed();
    return eager.stats.finished > 0;
  }, 'a finished checkpoint');
  // Every frame copied and no reader in the WAL: the next write starts it over.
  const restarts = walRestarts(file);
  insert.run('y');
  t.equal(walRestarts(file), restarts + 1, 'the next write started the WAL over');
  eager.stop();
  db.close();
});
