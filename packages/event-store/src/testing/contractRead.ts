import { randomUUID } from 'node:crypto';
import type { Test } from 'tap';
import type { EventStore, RecordedEvent } from '../eventStore.js';
import { collect, makeTestEvent, makeTestEvents, uniqueStream } from './contractHelpers.js';

const revisions = (events: RecordedEvent[]): bigint[] => events.map((e) => e.revision);
const range = (from: number, to: number, step = 1): bigint[] => {
  const out: bigint[] = [];
  for (let i = from; step > 0 ? i <= to : i >= to; i += step) out.push(BigInt(i));
  return out;
};

export function readContract(t: Test, store: () => EventStore): void {
  t.test('readStream directions, starts and counts', async (t) => {
    const s = store();
    const stream = uniqueStream('read');
    await s.append(stream, makeTestEvents(10), { expectedRevision: 'no_stream' });
    const read = (o?: Parameters<EventStore['readStream']>[1]) =>
      collect(s.readStream(stream, o)).then(revisions);
    t.same(await read(), range(0, 9), 'forwards from the start by default');
    t.same(await read({ fromRevision: 3n }), range(3, 9), 'fromRevision is inclusive');
    t.same(await read({ maxCount: 4 }), range(0, 3));
    t.same(await read({ fromRevision: 8n, maxCount: 4 }), range(8, 9));
    t.same(await read({ direction: 'backwards' }), range(9, 0, -1), 'backwards from the end');
    t.same(await read({ direction: 'backwards', fromRevision: 5n }), range(5, 0, -1));
    t.same(await read({ direction: 'backwards', maxCount: 2 }), [9n, 8n]);
    t.same(await read({ direction: 'backwards', fromRevision: 'end', maxCount: 1 }), [9n]);
    t.same(await read({ direction: 'backwards', fromRevision: 'start' }), [0n]);
    t.same(await read({ direction: 'backwards', fromRevision: 50n, maxCount: 1 }), [9n]);
    t.same(await read({ fromRevision: 'end' }), [], 'forwards from the end is empty');
    t.same(await read({ fromRevision: 10n }), [], 'past the end is empty');
    t.same(await read({ maxCount: 0 }), []);
    t.same(await collect(s.readStream(uniqueStream('missing'))), [], 'a missing stream is empty');
    t.same(await collect(s.readStream(uniqueStream('missing'), { direction: 'backwards' })), []);
  });

  t.test('readStream and readAll across many pages', async (t) => {
    const s = store();
    const stream = uniqueStream('pages');
    const n = 1300;
    const result = await s.append(stream, makeTestEvents(n), { expectedRevision: 'no_stream' });
    t.same(revisions(await collect(s.readStream(stream))), range(0, n - 1));
    t.same(
      revisions(await collect(s.readStream(stream, { direction: 'backwards' }))),
      range(n - 1, 0, -1),
    );
    t.same(
      revisions(
        await collect(
          s.readStream(stream, { direction: 'backwards', fromRevision: 700n, maxCount: 600 }),
        ),
      ),
      range(700, 101, -1),
    );
    const [first] = await collect(s.readStream(stream, { maxCount: 1 }));
    const all = await collect(s.readAll({ fromPosition: first?.position ?? 0n, maxCount: n }));
    t.same(revisions(all), range(0, n - 1), 'one append is contiguous in $all');
    t.ok(all.every((e) => e.stream === stream));
    t.equal(all[n - 1]?.position, result.position);
    const back = await collect(
      s.readAll({ fromPosition: result.position, direction: 'backwards', maxCount: n }),
    );
    t.same(revisions(back), range(n - 1, 0, -1));
  });

  t.test('readAll in commit order, inclusive start, backwards, maxCount', async (t) => {
    const s = store();
    const a = uniqueStream('all-a');
    const b = uniqueStream('all-b');
    const mine = new Set([a, b]);
    const order: [string, bigint][] = [];
    for (const [stream, expected] of [
      [a, 'no_stream'],
      [b, 'no_stream'],
      [a, 0n],
      [b, 0n],
    ] as const) {
      const result = await s.append(stream, [makeTestEvent()], { expectedRevision: expected });
      order.push([stream, result.position]);
    }
    const firstPosition = order[0]?.[1] ?? 0n;
    const lastPosition = order[3]?.[1] ?? 0n;
    const forwards = await collect(s.readAll({ fromPosition: firstPosition }));
    t.equal(forwards[0]?.position, firstPosition, 'fromPosition is inclusive');
    const ours = forwards.filter((e) => mine.has(e.stream));
    t.same(
      ours.map((e) => [e.stream, e.position]),
      order,
      'commit order',
    );
    t.ok(
      forwards.every((e, i) => i === 0 || (forwards[i - 1]?.position ?? 0n) < e.position),
      'positions strictly increase',
    );
    const backwards = await collect(
      s.readAll({ fromPosition: lastPosition, direction: 'backwards' }),
    );
    t.equal(backwards[0]?.position, lastPosition, 'backwards start is inclusive');
    t.same(
      backwards.filter((e) => mine.has(e.stream)).map((e) => e.position),
      order.map(([, p]) => p).reverse(),
    );
    const two = await collect(s.readAll({ fromPosition: firstPosition, maxCount: 2 }));
    t.equal(two.length, 2);
    t.equal(two[0]?.position, firstPosition);
    t.same(await collect(s.readAll({ fromPosition: 'end' })), [], 'forwards from the end is empty');
    const [latest] = await collect(s.readAll({ direction: 'backwards', maxCount: 1 }));
    t.ok((latest?.position ?? 0n) >= lastPosition, 'backwards from the end starts at the head');
    const head = await s.headPosition();
    t.ok(head >= lastPosition, 'headPosition covers the last append');
    t.ok((latest?.position ?? 0n) <= head);
    t.same(await collect(s.readAll({ fromPosition: head + 1_000_000n })), []);
  });

  t.test('readAll of some event types', async (t) => {
    const s = store();
    const stream = uniqueStream('types');
    // Types no other test appends, so a shared server's older events cannot match.
    const kept = `Kept${randomUUID().slice(0, 8)}`;
    const also = `Also${randomUUID().slice(0, 8)}`;
    const events = [kept, 'ContractTested', also, kept, 'ContractTested', kept].map((type, i) =>
      makeTestEvent({ type, data: { i } }),
    );
    await s.append(stream, events, { expectedRevision: 'no_stream' });
    const read = (o: Parameters<EventStore['readAll']>[0]) =>
      collect(s.readAll(o)).then((all) => all.map((e) => [e.type, e.revision]));
    t.same(
      await read({ eventTypes: [kept, also] }),
      [
        [kept, 0n],
        [also, 2n],
        [kept, 3n],
        [kept, 5n],
      ],
      'only those types, in position order',
    );
    t.same(
      await read({ eventTypes: [kept], maxCount: 2 }),
      [
        [kept, 0n],
        [kept, 3n],
      ],
      'maxCount counts the events kept',
    );
    t.same(
      await read({ eventTypes: [kept], direction: 'backwards', maxCount: 2 }),
      [
        [kept, 5n],
        [kept, 3n],
      ],
      'backwards from the end',
    );
    t.same(await read({ eventTypes: [kept], maxCount: 0 }), []);
    t.same(await read({ eventTypes: [] }), [], 'no type: nothing');
    t.throws(
      () => s.readAll({ eventTypes: 'Kept' as unknown as string[] }),
      RangeError,
      'a type list that is not a list',
    );
  });
}

export function emptyStoreContract(t: Test, store: () => EventStore): void {
  t.test('headPosition of an empty store is 0n', async (t) => {
    const s = store();
    const [first] = await collect(s.readAll({ maxCount: 1 }));
    if (first !== undefined) {
      t.pass('the store already holds events (shared server); not checked');
      return;
    }
    t.equal(await s.headPosition(), 0n);
    t.same(await collect(s.readAll({ direction: 'backwards' })), []);
  });
}
