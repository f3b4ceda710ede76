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
      t.equal(stream.events.length, 3, 'no event added twice by concurrent reads');
      t.equal(stream.lastHash, 'h2');
      t.equal(stream.state.entries.size, 3);
    }
  },
);

t.test('the cache forgets the least recently used stream', async (t) => {
  const cache = new StreamCache(2);
  const x = cache.take('x');
  x.events.push({} as never);
  cache.take('y');
  cache.take('x');
  cache.take('z');
  t.equal(cache.take('x').events.length, 1, 'x was used recently and kept');
  t.equal(cache.take('y').events.length, 0, 'y was forgotten');
});
