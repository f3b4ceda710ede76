import type { Test } from 'tap';
import type { EventStore } from '../eventStore.js';
import { expectStoreError } from './contractAssertions.js';
import { collect, makeTestEvents, SubscriptionReader, uniqueStream } from './contractHelpers.js';

export function lifecycleContract(t: Test, open: () => Promise<EventStore>): void {
  t.test('ping, and a closed store is unavailable', async (t) => {
    const s = await open();
    await s.ping();
    t.pass('ping resolves on an open store');
    const stream = uniqueStream('closed');
    await s.close();
    await s.close();
    t.pass('close is idempotent');
    await expectStoreError(t, s.ping(), 'store_unavailable', 'ping');
    await expectStoreError(t, s.headPosition(), 'store_unavailable', 'headPosition');
    await expectStoreError(
      t,
      s.append(stream, makeTestEvents(1), { expectedRevision: 'any' }),
      'store_unavailable',
      'append',
    );
    await expectStoreError(t, collect(s.readStream(stream)), 'store_unavailable', 'readStream');
    await expectStoreError(t, collect(s.readAll()), 'store_unavailable', 'readAll');
    await expectStoreError(t, collect(s.subscribeToAll()), 'store_unavailable', 'subscribeToAll');
  });

  t.test('closing the store ends its live subscriptions cleanly', async (t) => {
    const s = await open();
    const subscription = s.subscribeToAll({ fromPosition: await s.headPosition() });
    const reader = new SubscriptionReader(subscription);
    t.equal(await reader.next(50), 'timeout', 'waiting for live events');
    await s.close();
    t.same(await reader.next(2000), { done: true, value: undefined });
  });
}
