/**
 * The double's reads and subscriptions through `@eventstore/db-client` 6.2.1. Expected behaviour
 * comes from EventStoreDB's source (EventStore/EventStore on GitHub): Services/Transport/Grpc/
 * Streams.Read.cs and Enumerators.*.cs (stream_not_found reply, subscription confirmation, caught
 * up, checkpoints every checkpointIntervalMultiplier x maxSearchWindow events, a subscription from
 * a position reading one event there and continuing after it), Storage/ReaderIndex/AllReader.cs
 * ($all forwards from a position includes it, backwards excludes it) and the client's decoding in
 * dist/utils/convertGrpcEvent.js (u64 strings, `created` in .NET ticks since the Unix epoch).
 */
import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  FORWARDS,
  jsonEvent,
  START,
  streamNameFilter,
  UnavailableError,
  type AllStreamResolvedEvent,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import t from 'tap';
import { startEsdbDouble } from './startEsdbDouble.js';

const double = await startEsdbDouble({ batchAppend: true, statsIntervalMs: 0 });
t.teardown(() => double.stop());
const client = EventStoreDBClient.connectionString(double.connectionString);
t.teardown(() => client.dispose());

const unique = (label: string): string => `${label}-${randomUUID()}`;
const appendN = (stream: string, n: number) =>
  client.appendToStream(
    stream,
    Array.from({ length: n }, (_, i) => jsonEvent({ type: 'Read', data: { i } })),
  );

async function collect<T extends ResolvedEvent | AllStreamResolvedEvent>(
  read: AsyncIterable<T>,
): Promise<NonNullable<T['event']>[]> {
  const out: NonNullable<T['event']>[] = [];
  for await (const resolved of read) if (resolved.event) out.push(resolved.event);
  return out;
}

t.test('stream reads', async (t) => {
  const stream = unique('read');
  const before = Date.now();
  await appendN(stream, 5);
  const revisions = async (options: Parameters<typeof client.readStream>[1]) =>
    (await collect(client.readStream(stream, options))).map((e) => e.revision);
  t.same(await revisions({}), [0n, 1n, 2n, 3n, 4n]);
  t.same(await revisions({ fromRevision: 3n }), [3n, 4n], 'from a revision, inclusive');
  t.same(await revisions({ maxCount: 2 }), [0n, 1n]);
  t.same(await revisions({ direction: BACKWARDS, fromRevision: END, maxCount: 2 }), [4n, 3n]);
  t.same(
    await revisions({ direction: BACKWARDS, fromRevision: 99n }),
    [4n, 3n, 2n, 1n, 0n],
    'clamped',
  );
  t.same(await revisions({ direction: BACKWARDS, fromRevision: START }), [0n]);
  t.same(await revisions({ fromRevision: END }), [], 'forwards from the end');
  const [first] = await collect(client.readStream(stream, { maxCount: 1 }));
  const created = first?.created.getTime() ?? 0;
  t.ok(created >= before - 5 && created <= Date.now() + 5, '`created` converts from ticks');
  t.same(first?.data, { i: 0 }, 'JSON data');
  const missing = await collect(client.readStream(unique('missing'))).then(
    () => null,
    (error: unknown) => error,
  );
  t.match(
    missing,
    { type: 'stream-not-found' },
    'a missing stream: stream_not_found, which the client raises as StreamNotFoundError',
  );
});

t.test('$all reads hold system events; positions bound reads as EventStoreDB does', async (t) => {
  const stream = unique('all');
  await appendN(stream, 3);
  const all = await collect(client.readAll());
  t.ok(
    all.some((e) => e.type === '$metadata' && e.streamId.startsWith('$$')),
    'stream metadata',
  );
  t.ok(
    all.some((e) => e.type === '$statsCollected'),
    'statistics',
  );
  t.ok(
    all.every((e, i) => i === 0 || (all[i - 1]?.position.commit ?? 0n) < e.position.commit),
    'commit positions grow',
  );
  t.ok(
    all.every((e) => e.position.commit === e.position.prepare),
    'commit = prepare',
  );
  const mine = all.filter((e) => e.streamId === stream);
  const middle = mine[1]?.position as Position;
  const forwards = await collect(client.readAll({ fromPosition: middle, maxCount: 2 }));
  t.same(
    forwards.map((e) => e.revision),
    [1n, 2n],
    'forwards from a position includes the event there',
  );
  const backwards = await collect(
    client.readAll({ fromPosition: middle, direction: BACKWARDS, maxCount: 1 }),
  );
  t.same(
    backwards.map((e) => [e.streamId, e.revision]),
    [[stream, 0n]],
    'backwards excludes it',
  );
  const [last] = await collect(
    client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }),
  );
  t.same([last?.streamId, last?.revision], [stream, 2n], 'backwards from the end');
  t.same(await collect(client.readAll({ fromPosition: END, direction: FORWARDS })), []);
});

/** Collects a subscription's events and control messages until `until` says stop. */
async function watch(
  subscription: ReturnType<typeof client.subscribeToAll>,
  until: (events: AllStreamResolvedEvent[]) => boolean,
  checkpoints: bigint[] = [],
): Promise<{ events: AllStreamResolvedEvent[]; log: string[] }> {
  const log: string[] = [];
  const events: AllStreamResolvedEvent[] = [];
  subscription.on('confirmation', () => log.push('confirmation'));
  subscription.on('caughtUp', () => log.push('caughtUp'));
  for await (const resolved of subscription) {
    events.push(resolved);
    log.push(`event ${checkpoints.length}`);
    if (until(events)) break;
  }
  await subscription.unsubscribe();
  return { events, log };
}

t.test('$all subscriptions: start after the position, confirm, catch up, filter', async (t) => {
  const prefix = unique('sub');
  await appendN(`${prefix}-a`, 3);
  const [, second] = await collect(client.readStream(`${prefix}-a`));
  await appendN(unique('other'), 40);
  const checkpoints: bigint[] = [];
  const subscription = client.subscribeToAll({
    fromPosition: second?.position as Position,
    filter: streamNameFilter({
      prefixes: [prefix],
      checkpointInterval: 1,
      checkpointReached: (_, position) => {
        checkpoints.push(position.commit);
      },
    }),
  });
  const live = setTimeout(() => void appendN(`${prefix}-b`, 2), 300);
  const { events, log } = await watch(subscription, (e) => e.length === 3, checkpoints);
  clearTimeout(live);
  t.same(
    events.map((e) => [e.event?.streamId, e.event?.revision]),
    [
      [`${prefix}-a`, 2n],
      [`${prefix}-b`, 0n],
      [`${prefix}-b`, 1n],
    ],
    'after the given position, then live; other streams filtered out on the server',
  );
  t.equal(log[0], 'confirmation', 'confirmed first');
  t.ok(log.indexOf('caughtUp') > log.indexOf('event 0'), 'caught up before the live events');
  t.ok(checkpoints.length >= 1, 'a checkpoint after 32 considered events');
  t.ok(
    checkpoints.every((p) => p > (second?.position?.commit ?? 0n)),
    'checkpoints move on',
  );

  const noSystem = client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() });
  const { events: userEvents } = await watch(noSystem, (e) => e.length === 5);
  t.ok(
    userEvents.every((e) => !(e.event?.type ?? '$').startsWith('$')),
    'excludeSystemEvents filters by event type',
  );
});

t.test('stream subscriptions start after the revision', async (t) => {
  const stream = unique('stream-sub');
  await appendN(stream, 3);
  const subscription = client.subscribeToStream(stream, { fromRevision: 1n });
  const live = setTimeout(() => void appendN(stream, 1), 200);
  const events: bigint[] = [];
  for await (const resolved of subscription) {
    events.push(resolved.event?.revision ?? -1n);
    if (events.length === 2) break;
  }
  clearTimeout(live);
  await subscription.unsubscribe();
  t.same(events, [2n, 3n]);
});

t.test('going unavailable ends a running subscription with UNAVAILABLE', async (t) => {
  const subscription = client.subscribeToAll({ fromPosition: END });
  const failed = new Promise((resolve) => subscription.on('error', resolve));
  await new Promise((resolve) => subscription.once('confirmation', resolve));
  await double.setUnavailable(true);
  t.type(await failed, UnavailableError);
  await double.setUnavailable(false);
});

t.test('dropping connections ends a running subscription', async (t) => {
  const subscription = client.subscribeToAll({ fromPosition: END });
  const failed = new Promise<unknown>((resolve) => subscription.on('error', resolve));
  await new Promise((resolve) => subscription.once('confirmation', resolve));
  await double.dropConnections();
  const error = (await failed) as { type?: string };
  t.ok(['unavailable', 'cancelled'].includes(error.type ?? ''), `the client sees ${error.type}`);
});
