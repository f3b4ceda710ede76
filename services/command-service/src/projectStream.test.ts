import t from 'tap';
import { join } from 'node:path';
import { openEventStore, type EventStore, type ReadStreamOptions } from '@kawasan/event-store';
import { readProjectStream, StreamCache } from './projectStream.js';

const registered = {
  id: '00000000-0000-4000-8000-000000000001',
  type: 'ProjectRegistered',
  data: {
    projectId: 'cache-one',
    name: 'Cache',
    kind: 'plant',
    location: { province: 'Bali' },
    timeZone: 'Asia/Makassar',
    sectors: [],
    parties: [],
  },
  metadata: { schemaVersion: 1, actor: 'a', hash: 'h0' },
};
const fact = (n: number) => ({
  id: `00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`,
  type: 'FactStated',
  data: {
    projectId: 'cache-one',
    factId: `f${n}`,
    fact: { fact: 'jobs', kind: 'projected', count: n },
  },
  metadata: { schemaVersion: 1, actor: 'a', hash: `h${n}` },
});

t.test(
  'a cached stream is read only from where it was left, by one reader at a time',
  async (t) => {
    const store = await openEventStore({
      kind: 'sqlite',
      file: join(t.testdir(), 'events.sqlite'),
    });
    t.teardown(() => store.close());
    const reads: (ReadStreamOptions | undefined)[] = [];
    const spy: EventStore = Object.assign(Object.create(store) as EventStore, {
      readStream: (name: string, options?: ReadStreamOptions) => {
        reads.push(options);
        return store.readStream(name, options);
      },
    });
    const cache = new StreamCache();
    await store.append('project-cache-one', [registered, fact(1)], {
      expectedRevision: 'no_stream',
    });
    const first = await readProjectStream(spy, 'cache-one', cache);
    t.equal(first.revision, 1n);
    await store.append('project-cache-one', [fact(2)], { expectedRevision: 1n });
    const [a, b] = await Promise.all([
      readProjectStream(spy, 'cache-one', cache),
      readProjectStream(spy, 'cache-one', cache),
    ]);
    t.same(
      reads,
      [{}, { fromRevision: 2n }, { fromRevision: 3n }],
      'only the new part is read, once',
    );
    for (const stream of [a, b]) {
      t.equal(stream.revision, 2n);
      t.equal(stream.lastHash, 'h2');
      t.equal(stream.state.entries.size, 3, 'no event added twice by concurrent reads');
    }
  },
);

t.test('the cache forgets the least recently used stream', async (t) => {
  const cache = new StreamCache(2);
  const x = cache.take('x');
  x.keyed.push({} as never);
  cache.take('y');
  cache.take('x');
  cache.take('z');
  t.equal(cache.take('x').keyed.length, 1, 'x was used recently and kept');
  t.equal(cache.take('y').keyed.length, 0, 'y was forgotten');
});

t.test('the state carried forward equals a fold of the whole stream read afresh', async (t) => {
  const store = await openEventStore({ kind: 'sqlite', file: join(t.testdir(), 'events.sqlite') });
  t.teardown(() => store.close());
  const cache = new StreamCache();
  await store.append('project-cache-one', [registered, fact(1)], {
    expectedRevision: 'no_stream',
  });
  await readProjectStream(store, 'cache-one', cache);
  const retraction = {
    id: '00000000-0000-4000-8000-000000000200',
    type: 'EntryRetracted',
    data: { projectId: 'cache-one', eventId: fact(1).id, reason: 'typo' },
    metadata: { schemaVersion: 1, actor: 'a', hash: 'h9' },
  };
  await store.append('project-cache-one', [fact(2), retraction, fact(3)], {
    expectedRevision: 1n,
  });
  // A read that fails after one event: the next read must still fold what it had pushed.
  let failing = true;
  const flaky: EventStore = Object.assign(Object.create(store) as EventStore, {
    readStream: async function* (name: string, options?: ReadStreamOptions) {
      for await (const e of store.readStream(name, options)) {
        yield e;
        if (failing) {
          failing = false;
          throw new Error('store went away');
        }
      }
    },
  });
  await t.rejects(readProjectStream(flaky, 'cache-one', cache), /went away/);
  const carried = await readProjectStream(flaky, 'cache-one', cache);
  const fresh = await readProjectStream(store, 'cache-one');
  t.equal(carried.revision, 4n);
  t.equal(carried.state.entries.size, 5, 'every event folded once');
  t.same(carried.state, fresh.state, 'same decision state');
  t.equal(carried.state.entries.get(fact(1).id)?.retractedBy, retraction.id);
  t.equal(
    carried.state.inForce.some((e) => e.eventId === fact(1).id),
    false,
    'the retracted fact is out of force',
  );
});

t.test('only events written with an Idempotency-Key are kept of the past', async (t) => {
  // Given a stream with one keyed request among plain ones
  const store = await openEventStore({ kind: 'sqlite', file: join(t.testdir(), 'events.sqlite') });
  t.teardown(() => store.close());
  const keyed = { ...fact(2), metadata: { ...fact(2).metadata, idempotencyKey: 'k-1' } };
  await store.append('project-cache-one', [registered, fact(1), keyed, fact(3)], {
    expectedRevision: 'no_stream',
  });
  // When it is read into a cache
  const cache = new StreamCache();
  const stream = await readProjectStream(store, 'cache-one', cache);
  // Then the decision sees every event, and the cache holds only the keyed one
  t.equal(stream.state.entries.size, 4);
  t.equal(stream.revision, 3n);
  t.equal(stream.lastHash, 'h3');
  t.same(
    stream.keyed.map((e) => e.id),
    [keyed.id],
  );
  t.same(
    cache.take('project-cache-one').keyed.map((e) => e.revision),
    [2n],
  );
});
