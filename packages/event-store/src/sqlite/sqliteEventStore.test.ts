import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import t from 'tap';
import { chainEvents, verifyStreamChain } from '../hashChain.js';
import { openEventStore } from '../openEventStore.js';
import {
  collect,
  makeTestEvents,
  runEventStoreContract,
  SubscriptionReader,
  uniqueStream,
} from '../testing/index.js';
import { subscribeContract } from '../testing/contractSubscribe.js';
import { openSqliteEventStore } from './sqliteEventStore.js';

const contractFile = join(t.testdir(), 'contract', 'events.db');

runEventStoreContract(t, {
  name: 'sqlite',
  open: () => openEventStore({ kind: 'sqlite', file: contractFile }),
  childConfig: { kind: 'sqlite', file: contractFile },
});

const freshFile = (name: string): string => join(t.testdir(), 'sqlite', `${name}.db`);

t.test('every connection runs WAL with synchronous FULL', async (t) => {
  const file = freshFile('pragmas');
  const store = await openSqliteEventStore({ file, busyTimeoutMs: 1234 });
  t.teardown(() => store.close());
  t.same(await store.connectionSettings(), {
    journalMode: 'wal',
    synchronous: 2,
    busyTimeoutMs: 1234,
    cacheSizeMiB: 64,
    walAutoCheckpointPages: 1000,
  });
  const reader = await openSqliteEventStore({ file, readonly: true, cacheSizeMiB: 8 });
  t.teardown(() => reader.close());
  t.same(await reader.connectionSettings(), {
    journalMode: 'wal',
    synchronous: 2,
    busyTimeoutMs: 5000,
    cacheSizeMiB: 8,
    walAutoCheckpointPages: 1000,
  });
  const raw = new Database(file, { readonly: true });
  t.teardown(() => raw.close());
  t.equal(raw.pragma('journal_mode', { simple: true }), 'wal', 'WAL is persistent in the file');
  t.equal(raw.pragma('user_version', { simple: true }), 1, 'schema version recorded');
});

t.test('same-process appends wake a subscription without waiting for the poll', async (t) => {
  const file = freshFile('wake');
  const store = await openSqliteEventStore({ file, pollIntervalMs: 60_000 });
  const sibling = await openSqliteEventStore({ file, pollIntervalMs: 60_000 });
  t.teardown(async () => {
    await store.close();
    await sibling.close();
  });
  await store.append(uniqueStream('seed'), makeTestEvents(1), { expectedRevision: 'any' });
  const reader = new SubscriptionReader(
    store.subscribeToAll({ fromPosition: await store.headPosition() }),
  );
  t.equal(await reader.next(50), 'timeout', 'caught up and idle');
  const started = Date.now();
  await store.append(uniqueStream('wake'), makeTestEvents(1), { expectedRevision: 'any' });
  await reader.take(1, 2000);
  await sibling.append(uniqueStream('wake'), makeTestEvents(1), { expectedRevision: 'any' });
  await reader.take(1, 2000);
  t.ok(Date.now() - started < 2000, 'both arrived long before the 60 s poll');
});

t.test('reopening keeps the log; a newer schema is refused', async (t) => {
  const file = freshFile('reopen');
  const stream = uniqueStream('keep');
  const first = await openSqliteEventStore({ file });
  await first.append(stream, makeTestEvents(2), { expectedRevision: 'no_stream' });
  await first.close();
  const second = await openSqliteEventStore({ file });
  t.equal((await collect(second.readStream(stream))).length, 2);
  await second.close();
  const raw = new Database(file);
  raw.pragma('user_version = 99');
  raw.close();
  await t.rejects(openSqliteEventStore({ file }), { code: 'store_unavailable', message: /newer/ });
});

t.test('tampering with the file is caught by the hash chain', async (t) => {
  const file = freshFile('tamper');
  const store = await openSqliteEventStore({ file });
  t.teardown(() => store.close());
  const stream = uniqueStream('chained');
  await store.append(stream, chainEvents(stream, null, null, makeTestEvents(3)), {
    expectedRevision: 'no_stream',
  });
  t.equal(await verifyStreamChain(store.readStream(stream)), null, 'intact chain verifies');
  const raw = new Database(file);
  t.teardown(() => raw.close());
  raw.prepare(`UPDATE events SET data = '{"i":99}' WHERE stream = ? AND revision = 1`).run(stream);
  t.match(await verifyStreamChain(store.readStream(stream)), {
    revision: 1n,
    reason: 'hash_mismatch',
  });
  raw.prepare(`UPDATE events SET data = 'not json' WHERE stream = ? AND revision = 2`).run(stream);
  await t.rejects(collect(store.readStream(stream)), /position \d+ has data that is not JSON/);
});

t.test('options are validated', async (t) => {
  const file = freshFile('options');
  await t.rejects(openSqliteEventStore({ file, pollIntervalMs: 0 }), RangeError);
  await t.rejects(openSqliteEventStore({ file, busyTimeoutMs: Number.NaN }), RangeError);
  await t.rejects(openSqliteEventStore({ file: '' }), TypeError);
  await t.rejects(openSqliteEventStore({ file, readAheadFrom: 0 }), RangeError);
  await t.rejects(openSqliteEventStore({ file, cacheSizeMiB: 0.5 }), RangeError);
  const checkpoint = (backgroundCheckpoint: object) =>
    openSqliteEventStore({ file, backgroundCheckpoint });
  await t.rejects(checkpoint({ afterCommits: -1 }), RangeError);
  await t.rejects(checkpoint({ restartFrames: 0 }), RangeError);
  await t.rejects(openEventStore({ kind: 'mystery' } as never), /unknown store kind "mystery"/);
  const store = await openSqliteEventStore({ file });
  t.teardown(() => store.close());
  t.throws(() => store.readAll({ maxCount: -1 }), RangeError);
  t.throws(() => store.readAll({ maxCount: 1.5 }), RangeError);
  t.throws(() => store.readAll({ fromPosition: -1n }), RangeError);
  t.throws(() => store.readStream('s', { direction: 'sideways' as never }), RangeError);
  t.throws(() => store.readStream(7 as never), TypeError);
  t.same(await collect(store.readStream('')), [], 'an impossible stream name is a missing stream');
  const huge = 2n ** 70n;
  t.same(await collect(store.readAll({ fromPosition: huge })), [], 'beyond 64 bits: nothing');
  t.same(await collect(store.readStream('s', { fromRevision: huge, direction: 'backwards' })), []);
  const beyond = new SubscriptionReader(store.subscribeToAll({ fromPosition: huge }));
  t.equal(await beyond.next(50), 'timeout', 'a subscription past the end waits');
  t.throws(() => store.subscribeToAll({ fromPosition: -5n }), RangeError);
  t.throws(() => store.subscribeToAll({ streamPrefix: 7 as never }), RangeError);
  t.throws(() => store.subscribeToAll({ metadataKeys: 'actor' as never }), RangeError);
  t.throws(() => store.subscribeToAll({ metadataKeys: [7] as never }), RangeError);
  t.same(await collect(store.readAll({ maxCount: Number.POSITIVE_INFINITY })), []);
});

t.test('subscriptions catching up through the read-ahead worker keep the contract', async (t) => {
  const file = freshFile('read-ahead-contract');
  // Every subscription with anything to catch up on reads ahead.
  const store = await openSqliteEventStore({ file, readAheadFrom: 1 });
  t.teardown(() => store.close());
  subscribeContract(t, () => store, { kind: 'sqlite', file });
  t.test('and did read ahead', async (t) => {
    t.ok(store.readAheadCount() > 0);
    t.ok(store.readAheadPages() > 0, 'pages came from the workers');
  });
});

t.test('a long catch-up reads ahead in a worker, then goes live', async (t) => {
  const file = freshFile('read-ahead');
  const store = await openSqliteEventStore({ file, readAheadFrom: 1000 });
  t.teardown(() => store.close());
  const prefix = `${uniqueStream('ahead')}-`;
  // Given 3000 events of two subscribed streams, interleaved with some of another…
  for (let i = 0; i < 30; i++) {
    await store.append(`${prefix}a`, makeTestEvents(50), { expectedRevision: 'any' });
    await store.append(uniqueStream('other'), makeTestEvents(20), { expectedRevision: 'any' });
    await store.append(`${prefix}b`, makeTestEvents(50), { expectedRevision: 'any' });
  }
  const expected = (await collect(store.readAll())).filter((e) => e.stream.startsWith(prefix));
  // …a subscription from the start gets them all in order, through the worker…
  const reader = new SubscriptionReader(store.subscribeToAll({ streamPrefix: prefix }));
  const delivered = await reader.take(3000);
  t.strictSame(delivered, expected, 'every event, as readAll gives it');
  const shape = (e: object) => Object.keys(e).join();
  t.same(new Set(delivered.map(shape)), new Set([shape(expected[0]!)]), 'in one shape');
  t.equal(store.readAheadCount(), 1, 'read ahead');
  // 3,600 rows in pages of 1,024: the worker handed over every page (no silent fallback).
  t.equal(store.readAheadPages(), 4, 'by the worker, page by page');
  // …and then live appends as before.
  const live = await store.append(`${prefix}a`, makeTestEvents(1), { expectedRevision: 'any' });
  const [next] = await reader.take(1);
  t.equal(next?.position, live.position);
  // A subscription near the head reads by itself.
  const near = new SubscriptionReader(
    store.subscribeToAll({ fromPosition: live.position - 1n, streamPrefix: prefix }),
  );
  t.equal((await near.take(1))[0]?.position, live.position);
  t.equal(store.readAheadCount(), 1, 'no worker for a short catch-up');
});

t.test('a read ahead closed half way ends its worker; a bad row is reported as ever', async (t) => {
  const file = freshFile('read-ahead-stop');
  const store = await openSqliteEventStore({ file, readAheadFrom: 1 });
  t.teardown(() => store.close());
  const stream = uniqueStream('bulk');
  await store.append(stream, makeTestEvents(5000), { expectedRevision: 'no_stream' });
  // Closed after a few events: the process would not exit if its worker lived on.
  const subscription = store.subscribeToAll();
  const reader = new SubscriptionReader(subscription);
  t.equal((await reader.take(10)).length, 10);
  await subscription.close();
  t.match(await reader.next(1000), { done: true }, 'the iteration ends');
  // A row that is not JSON fails the worker's page; the subscription reads it again itself.
  const raw = new Database(file);
  t.teardown(() => raw.close());
  raw
    .prepare(`UPDATE events SET data = 'not json' WHERE stream = ? AND revision = 3000`)
    .run(stream);
  const events: bigint[] = [];
  await t.rejects(
    (async () => {
      for await (const event of store.subscribeToAll()) events.push(event.revision);
    })(),
    /position \d+ has data that is not JSON/,
  );
  t.equal(events.length, 3000, 'everything before the bad row was delivered, once');
  t.equal(events.at(-1), 2999n);
});

t.test('a subscription dropped half way through its read ahead lets the process end', async (t) => {
  // (run from .ts under tap: the loader comes along in execArgv, as for the child appender)
  const script = fileURLToPath(
    new URL(
      `../testing/abandonedReadAhead.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`,
      import.meta.url,
    ),
  );
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, script, freshFile('read-ahead-abandoned')],
    { encoding: 'utf8', timeout: 60_000 },
  );
  t.equal(child.signal, null, 'not killed at the timeout: nothing kept it alive');
  t.equal(child.status, 0, child.stderr);
  t.match(child.stdout, /took one, read ahead 1/);
});
