import { join } from 'node:path';
import t from 'tap';
import { WrongExpectedRevisionError } from '../errors.js';
import { collect, makeTestEvents, uniqueStream } from '../testing/index.js';
import { openSqliteEventStore } from './sqliteEventStore.js';

t.test('appends made in one turn share one durable transaction', async (t) => {
  const store = await openSqliteEventStore({ file: join(t.testdir(), 'events.db') });
  t.teardown(() => store.close());
  const streams = Array.from({ length: 50 }, () => uniqueStream('group'));
  const results = await Promise.all(
    streams.map((s) => store.append(s, makeTestEvents(2), { expectedRevision: 'no_stream' })),
  );
  t.same(store.commitStats(), { appends: 50, commits: 1 });
  t.same(
    results.map((r) => r.position),
    results.map((_, i) => BigInt(2 * i + 2)),
    'positions follow the order the appends were made',
  );
  const alone = await store.append(uniqueStream('idle'), makeTestEvents(1), {
    expectedRevision: 'any',
  });
  t.equal(alone.position, 101n);
  t.same(
    store.commitStats(),
    { appends: 51, commits: 2 },
    'an append on an idle store commits at once',
  );
});

t.test('per-stream expected revisions still hold inside a batch', async (t) => {
  const store = await openSqliteEventStore({ file: join(t.testdir(), 'events.db') });
  t.teardown(() => store.close());
  const contested = uniqueStream('contested');
  const other = uniqueStream('other');
  const outcomes = await Promise.allSettled([
    store.append(contested, makeTestEvents(1), { expectedRevision: 'no_stream' }),
    store.append(contested, makeTestEvents(1), { expectedRevision: 'no_stream' }),
    store.append(other, makeTestEvents(3), { expectedRevision: 'no_stream' }),
    store.append(contested, makeTestEvents(1), { expectedRevision: 0n }),
  ]);
  t.same(
    outcomes.map((o) => o.status),
    ['fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
  );
  const loser = outcomes[1] as PromiseRejectedResult;
  t.ok(loser.reason instanceof WrongExpectedRevisionError);
  t.equal(
    (loser.reason as WrongExpectedRevisionError).actual,
    0n,
    'it saw the winner of its own batch',
  );
  t.same(store.commitStats(), { appends: 4, commits: 1 });
  t.equal((await collect(store.readStream(contested))).length, 2, 'the conflict rolled back alone');
  t.equal((await collect(store.readStream(other))).length, 3);
});

t.test('appends pending when the store closes are committed first', async (t) => {
  const file = join(t.testdir(), 'events.db');
  const store = await openSqliteEventStore({ file });
  const pending = store.append(uniqueStream('late'), makeTestEvents(1), {
    expectedRevision: 'any',
  });
  await store.close();
  t.match(await pending, { nextExpectedRevision: 0n });
  await t.rejects(store.append(uniqueStream('x'), makeTestEvents(1), { expectedRevision: 'any' }), {
    code: 'store_unavailable',
  });
  const reopened = await openSqliteEventStore({ file });
  t.teardown(() => reopened.close());
  t.equal(await reopened.headPosition(), 1n);
});
