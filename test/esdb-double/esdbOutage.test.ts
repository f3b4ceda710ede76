/**
 * The EventStoreDB adapter when the server goes away: appends fail with StoreUnavailableError and
 * write nothing, subscriptions resume after a dropped connection or an outage with no gap and no
 * duplicate, and answers of older servers (no idempotent position) are handled.
 */
import { randomUUID } from 'node:crypto';
import { openEventStore, type EventStore, type EventToAppend } from '@kawasan/event-store';
import { collect, SubscriptionReader, uniqueStream } from '@kawasan/event-store/testing';
import t, { type Test } from 'tap';
import { startEsdbDouble, type StartedEsdbDouble } from './startEsdbDouble.js';

const unavailable = { name: 'StoreUnavailableError', code: 'store_unavailable' };

const event = (i: number): EventToAppend => ({
  id: randomUUID(),
  type: 'OutageTested',
  data: { i },
  metadata: {},
});

async function openOver(t: Test, double: StartedEsdbDouble): Promise<EventStore> {
  const store = await openEventStore({
    kind: 'esdb',
    connectionString: double.connectionString,
    maxResubscribeDelayMs: 200,
    operationTimeoutMs: 2000,
  });
  t.teardown(() => store.close());
  return store;
}

// One double per append path, started before any test; each test uses streams of its own. The
// node writes statistics every 20 ms, so system events are interleaved with everything written.
const doubles = await Promise.all(
  [true, false].map((batchAppend) => startEsdbDouble({ batchAppend, statsIntervalMs: 20 })),
);
t.teardown(() => Promise.all(doubles.map((d) => d.stop())));

for (const [i, double] of doubles.entries()) {
  const path = i === 0 ? 'BatchAppend' : 'Append';

  t.test(`${path}: an unavailable server`, async (t) => {
    const store = await openOver(t, double);
    const stream = uniqueStream('outage');
    await store.append(stream, [event(0)], { expectedRevision: 'no_stream' });

    await double.setUnavailable(true);
    await t.rejects(
      store.append(stream, [event(1)], { expectedRevision: 0n }),
      unavailable,
      'append fails with StoreUnavailableError',
    );
    await t.rejects(store.ping(), unavailable, 'ping too');
    await t.rejects(store.headPosition(), unavailable, 'headPosition too');
    await t.rejects(collect(store.readStream(stream)), unavailable, 'reads too');

    await double.setUnavailable(false);
    const read = await collect(store.readStream(stream));
    t.same(
      read.map((e) => e.data),
      [{ i: 0 }],
      'the failed append wrote nothing',
    );
    const next = await store.append(stream, [event(2)], { expectedRevision: 0n });
    t.equal(next.nextExpectedRevision, 1n, 'appends work again once the server is back');
  });

  t.test(`${path}: a subscription survives drops and outages`, async (t) => {
    const store = await openOver(t, double);
    const prefix = `${uniqueStream('resubscribe')}-`;
    const appended: string[] = [];
    const appendBatch = async (stream: string, n: number): Promise<void> => {
      const events = Array.from({ length: n }, (_, i) => event(appended.length + i));
      appended.push(...events.map((e) => e.id));
      await store.append(`${prefix}${stream}`, events, { expectedRevision: 'any' });
    };
    const checkpoint = await store.headPosition();
    await appendBatch('a', 150);
    await store.append(uniqueStream('elsewhere'), [event(-1)], { expectedRevision: 'any' });
    await appendBatch('b', 150);
    const { subscriptionsStarted } = await double.stats();
    const reader = new SubscriptionReader(store.subscribeToAll({ streamPrefix: prefix }));
    const unfiltered = new SubscriptionReader(store.subscribeToAll({ fromPosition: checkpoint }));
    const seen = await reader.take(40);
    const seenUnfiltered = await unfiltered.take(40);

    // Dropped while the client still holds events it has received but not handed out.
    await double.dropConnections();
    seen.push(...(await reader.take(260)));
    seenUnfiltered.push(...(await unfiltered.take(261)));

    await double.setUnavailable(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await double.setUnavailable(false);
    await appendBatch('c', 3);
    seen.push(...(await reader.take(3)));
    seenUnfiltered.push(...(await unfiltered.take(3)));
    t.ok(
      (await double.stats()).subscriptionsStarted - subscriptionsStarted >= 4,
      'both subscriptions resubscribed',
    );

    await double.dropConnections();
    t.equal(await reader.next(500), 'timeout', 'no duplicate after resubscribing');
    t.equal(await unfiltered.next(10), 'timeout', 'nor on the unfiltered subscription');
    t.same(
      seen.map((e) => e.id),
      appended,
      'every event exactly once, in order, across two drops and an outage',
    );
    t.same(
      seenUnfiltered.filter((e) => e.stream.startsWith(prefix)).map((e) => e.id),
      appended,
      'the unfiltered subscription too',
    );
    t.equal(seenUnfiltered.length, appended.length + 1, 'plus the one event elsewhere');
    t.ok(
      seenUnfiltered.every((e) => !e.stream.startsWith('$') && !e.type.startsWith('$')),
      'system events ($stats, $metadata) never reach the consumer',
    );
  });

  t.test(`${path}: not the leader`, async (t) => {
    const store = await openOver(t, double);
    const stream = uniqueStream('follower');
    await double.setNotLeader(true);
    await t.rejects(
      store.append(stream, [event(0)], { expectedRevision: 'any' }),
      unavailable,
      'a write to a follower is StoreUnavailableError',
    );
    await double.setNotLeader(false);
    t.same(await collect(store.readStream(stream)), [], 'nothing was written');
    await store.append(stream, [event(1)], { expectedRevision: 'no_stream' });
    t.equal((await collect(store.readStream(stream))).length, 1, 'the client found the leader');
  });
}

t.test('a server that reports no position for an idempotent re-append', async (t) => {
  const double = await startEsdbDouble({ batchAppend: true, idempotentPosition: false });
  t.teardown(() => double.stop());
  const store = await openOver(t, double);
  const stream = uniqueStream('old-server');
  const events = [event(0), event(1)];
  const first = await store.append(stream, events, { expectedRevision: 'no_stream' });
  const again = await store.append(stream, events, { expectedRevision: 'no_stream' });
  t.same(again, first, 'the adapter looks the position up');
});

t.test('headPosition skips the system events a node keeps writing', async (t) => {
  const double = await startEsdbDouble({ batchAppend: true, statsIntervalMs: 10 });
  t.teardown(() => double.stop());
  const store = await openOver(t, double);
  t.equal(await store.headPosition(), 0n, 'only system events: 0n');
  const result = await store.append(uniqueStream('head'), [event(0)], {
    expectedRevision: 'any',
  });
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.equal(await store.headPosition(), result.position, 'the last event of the application');
  const [last] = await collect(store.readAll({ direction: 'backwards', maxCount: 1 }));
  t.equal(last?.position, result.position, 'reads leave the system events out too');
});
