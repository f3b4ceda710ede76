import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { ChildAppender, countStream, makeTestEvents, uniqueStream } from '../testing/index.js';
import { openSqliteEventStore } from './sqliteEventStore.js';

const ROUNDS = 3;
const BULK_EVENTS = 20_000;

/**
 * The contract suite cannot see inside an adapter, so it cannot prove its kills hit the write
 * itself. Here we can: the WAL is truncated first, so bytes appearing in it come from the child's
 * still-uncommitted transaction, and the child is killed the moment they do.
 */
t.test('SIGKILL while SQLite is writing a large append leaves none of it', async (t) => {
  const file = join(t.testdir(), 'crash.db');
  const wal = `${file}-wal`;
  const store = await openSqliteEventStore({ file });
  const raw = new Database(file);
  const children = await Promise.all(
    Array.from({ length: ROUNDS }, () => ChildAppender.spawn({ kind: 'sqlite', file })),
  );
  t.teardown(async () => {
    await Promise.all(children.map((c) => c.kill()));
    raw.close();
    await store.close();
  });
  let midWrite = 0;
  const walSeen: number[] = [];
  for (const [round, child] of children.entries()) {
    const stream = uniqueStream('crash');
    const [checkpoint] = raw.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    t.equal(checkpoint?.busy, 0, `round ${round}: WAL checkpointed`);
    t.equal(statSync(wal).size, 0, `round ${round}: WAL empty before the append`);
    child.send({
      cmd: 'appendGenerated',
      stream,
      expectedRevision: 'no_stream',
      count: BULK_EVENTS,
      payloadChars: 64,
    });
    await child.next('starting');
    const deadline = Date.now() + 10_000;
    let walBytes = 0;
    // Spin rather than poll with timers: the window between the first spill and the commit is short.
    while (walBytes === 0 && Date.now() < deadline) walBytes = statSync(wal).size;
    const exit = await child.kill();
    walSeen.push(walBytes);
    const count = await countStream(store, stream);
    t.ok(count === 0 || count === BULK_EVENTS, `round ${round}: ${count} events (0 or all)`);
    if (walBytes > 0 && count === 0 && exit.signal === 'SIGKILL') midWrite++;
    const next = await store.append(stream, makeTestEvents(1), {
      expectedRevision: count === 0 ? 'no_stream' : BigInt(count - 1),
    });
    t.equal(next.nextExpectedRevision, BigInt(count), `round ${round}: still writable`);
  }
  t.comment(
    `WAL bytes written by the killed transactions when the kill was sent: ${walSeen.join(', ')}`,
  );
  t.equal(raw.pragma('integrity_check', { simple: true }), 'ok', 'the file is intact');
  t.ok(midWrite >= 1, `${midWrite} of ${ROUNDS} kills hit a transaction already writing the WAL`);
});
