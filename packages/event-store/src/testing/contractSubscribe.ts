import type { Test } from 'tap';
import type { EventStore, RecordedEvent } from '../eventStore.js';
import { ChildAppender } from './childAppenderClient.js';
import {
  collect,
  ids,
  makeTestEvent,
  makeTestEvents,
  SubscriptionReader,
  uniqueStream,
} from './contractHelpers.js';

const increasing = (events: RecordedEvent[]): boolean =>
  events.every((e, i) => i === 0 || (events[i - 1]?.position ?? 0n) < e.position);

export function subscribeContract(t: Test, store: () => EventStore, childConfig: unknown): void {
  t.test(
    'subscription catches up, then sees live appends from another process and this one',
    async (t) => {
      const s = store();
      const childStarting = ChildAppender.spawn(childConfig);
      const prefix = `${uniqueStream('sub')}-`;
      const local = `${prefix}local`;
      const elsewhere = uniqueStream('unsubscribed');
      const checkpoint = await s.headPosition();
      const early = makeTestEvents(3);
      await s.append(local, early, { expectedRevision: 'no_stream' });
      await s.append(elsewhere, makeTestEvents(2), { expectedRevision: 'no_stream' });

      const subscription = s.subscribeToAll({ fromPosition: checkpoint, streamPrefix: prefix });
      const reader = new SubscriptionReader(subscription);
      const caughtUp = await reader.take(3);
      t.same(ids(caughtUp), ids(early), 'catch-up delivers what was already there');

      const child = await childStarting;
      t.teardown(() => child.kill());
      const remote = makeTestEvents(2);
      const remoteStream = `${prefix}remote`;
      child.send({
        cmd: 'append',
        stream: remoteStream,
        expectedRevision: 'no_stream',
        events: remote,
      });
      const result = await child.next('result');
      t.ok(result.ok, 'the child appended');
      const fromChild = await reader.take(2);
      t.same(ids(fromChild), ids(remote), 'live events appended by another process arrive');
      t.ok(fromChild.every((e) => e.stream === remoteStream));

      await s.append(elsewhere, makeTestEvents(1), { expectedRevision: 1n });
      const late = makeTestEvents(1);
      await s.append(local, late, { expectedRevision: 2n });
      const fromHere = await reader.take(1);
      t.same(ids(fromHere), ids(late), 'live events appended by this process arrive');

      const all = [...caughtUp, ...fromChild, ...fromHere];
      t.ok(
        all.every((e) => e.stream.startsWith(prefix)),
        'streamPrefix is honoured',
      );
      t.ok(increasing(all), 'delivered in commit order');
      t.equal(await reader.next(100), 'timeout', 'nothing else is delivered');
      await subscription.close();
      t.same(
        await reader.next(2000),
        { done: true, value: undefined },
        'close() ends the iteration',
      );
      await child.exit();
    },
  );

  t.test('a subscription resumes from a checkpoint with no gap and no duplicate', async (t) => {
    const s = store();
    const prefix = `${uniqueStream('resume')}-`;
    const checkpoint = await s.headPosition();
    const appended: string[] = [];
    const appendSome = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const [event] = makeTestEvents(1);
        if (event === undefined) throw new Error('unreachable');
        appended.push(event.id);
        await s.append(`${prefix}${i % 2}`, [event], { expectedRevision: 'any' });
      }
    };
    await appendSome(5);
    const first = s.subscribeToAll({ fromPosition: checkpoint, streamPrefix: prefix });
    const firstPart = await new SubscriptionReader(first).take(3);
    await first.close();
    const resumeAt = firstPart[2]?.position ?? 0n;
    await appendSome(4);
    const second = s.subscribeToAll({ fromPosition: resumeAt, streamPrefix: prefix });
    const reader = new SubscriptionReader(second);
    const secondPart = await reader.take(6);
    t.equal(await reader.next(100), 'timeout', 'no duplicate trails behind');
    await second.close();
    const delivered = [...firstPart, ...secondPart];
    t.same(ids(delivered), appended, 'every event exactly once, in order');
    t.ok(increasing(delivered));
    t.ok((secondPart[0]?.position ?? 0n) > resumeAt, 'fromPosition is exclusive');
  });

  t.test('a subscription from the start begins with the first event of the log', async (t) => {
    const s = store();
    await s.append(uniqueStream('start'), makeTestEvents(1), { expectedRevision: 'any' });
    const [first] = await collect(s.readAll({ maxCount: 1 }));
    const subscription = s.subscribeToAll();
    const [delivered] = await new SubscriptionReader(subscription).take(1);
    await subscription.close();
    t.equal(delivered?.position, first?.position);
    t.equal(delivered?.id, first?.id);
  });

  t.test('a subscription asked for some metadata keys delivers only those', async (t) => {
    const s = store();
    const stream = uniqueStream('keys');
    const checkpoint = await s.headPosition();
    const withMetadata = (i: number) =>
      makeTestEvent({
        data: { i },
        metadata: { actor: 'ana', hash: 'h', sources: [i], nested: {} },
      });
    // Given events already there and one appended once the subscription is live…
    await s.append(stream, [withMetadata(0), withMetadata(1)], { expectedRevision: 'no_stream' });
    const subscription = s.subscribeToAll({
      fromPosition: checkpoint,
      streamPrefix: stream,
      metadataKeys: ['sources', 'actor', 'absent'],
    });
    const reader = new SubscriptionReader(subscription);
    const caughtUp = await reader.take(2);
    await s.append(stream, [withMetadata(2)], { expectedRevision: 1n });
    const live = await reader.take(1);
    await subscription.close();
    // …each carries the keys asked for that it has, in their stored order, and nothing else.
    t.same(
      [...caughtUp, ...live].map((e) => e.metadata),
      [0, 1, 2].map((i) => ({ actor: 'ana', sources: [i] })),
    );
    t.same(
      [...caughtUp, ...live].map((e) => Object.keys(e.metadata)),
      [0, 1, 2].map(() => ['actor', 'sources']),
      'in stored order',
    );
    t.same(
      [...caughtUp, ...live].map((e) => e.data),
      [0, 1, 2].map((i) => ({ i })),
      'the data is whole',
    );
    const [stored] = await collect(s.readStream(stream, { maxCount: 1 }));
    t.same(
      Object.keys(stored?.metadata ?? {}),
      ['actor', 'hash', 'sources', 'nested'],
      'reads keep every key',
    );
    // A stored "__proto__" key asked for is delivered as a key, as a read gives it.
    const odd = makeTestEvent({
      metadata: JSON.parse('{"__proto__":"kept","actor":"ana"}') as Record<string, unknown>,
    });
    const from = await s.headPosition();
    await s.append(stream, [odd], { expectedRevision: 2n });
    const only = s.subscribeToAll({
      fromPosition: from,
      streamPrefix: stream,
      metadataKeys: ['__proto__'],
    });
    const [delivered] = await new SubscriptionReader(only).take(1);
    await only.close();
    t.same(Object.keys(delivered!.metadata), ['__proto__']);
    t.equal(Object.getPrototypeOf(delivered!.metadata), Object.prototype);
  });

  t.test('breaking out of for-await ends a subscription', async (t) => {
    const s = store();
    const stream = uniqueStream('break');
    const checkpoint = await s.headPosition();
    await s.append(stream, makeTestEvents(3), { expectedRevision: 'no_stream' });
    const seen: bigint[] = [];
    for await (const event of s.subscribeToAll({
      fromPosition: checkpoint,
      streamPrefix: stream,
    })) {
      seen.push(event.revision);
      if (seen.length === 2) break;
    }
    t.same(seen, [0n, 1n]);
  });
}
