import t from 'tap';
import { openEventStore, type RecordedEvent } from '@kawasan/event-store';
import { client } from '../e2e/support/client.js';
import { startStack } from '../e2e/support/stack.js';

// Many clients writing to one project at once: no lost update, every request succeeds or gets
// 409/412, revisions are contiguous, and the final view matches the accepted commands.
const CLIENTS = 24;
const ROUNDS = 5;
const stack = await startStack({ dataDir: t.testdir() });
t.teardown(() => stack.stop());
const api = client(stack);
const registered = await api.post('/projects', {
  projectId: 'busy-one',
  name: 'Busy',
  kind: 'industrial_estate',
  location: { province: 'Jawa Barat' },
});
// The clients with If-Match read the view first: it must know the project (reads lag writes).
await api.get(`/projects/busy-one?minPosition=${registered.body.position}`);

t.test(`${CLIENTS} clients × ${ROUNDS} rounds on one project`, async (t) => {
  const statuses = new Map<number, number>();
  const accepted: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const replies = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, n) => {
        const count = round * 1000 + n;
        // Half send If-Match with the revision they last saw; half rely on the server's retries.
        const headers: Record<string, string> = {};
        if (n % 2 === 0) {
          const view = await api.get('/projects/busy-one');
          headers['if-match'] = `"${view.body.revision}"`;
        }
        const res = await api.post(
          '/projects/busy-one/facts',
          { fact: 'jobs', kind: 'actual', count },
          { headers },
        );
        return { res, count };
      }),
    );
    for (const { res, count } of replies) {
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 201) accepted.push(count);
      else
        t.ok(
          [409, 412].includes(res.status),
          `a refused write says why: ${res.status} ${res.body?.code}`,
        );
    }
  }
  t.comment(`statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
  t.ok(
    accepted.length >= CLIENTS * ROUNDS * 0.5,
    'writers without If-Match get through on retries',
  );

  const store = await openEventStore(stack.storeConfig);
  t.teardown(() => store.close());
  const events: RecordedEvent[] = [];
  for await (const e of store.readStream('project-busy-one')) events.push(e);
  t.same(
    events.map((e) => e.revision),
    events.map((_, i) => BigInt(i)),
    'revisions are contiguous',
  );
  const stored = events
    .filter((e) => e.type === 'FactStated')
    .map((e) => (e.data as { fact: { count: number } }).fact.count);
  t.same(
    [...stored].sort((a, b) => a - b),
    [...accepted].sort((a, b) => a - b),
    'exactly the accepted commands were stored',
  );
  const view = await api.get(`/projects/busy-one?minPosition=${events.at(-1)!.position}`);
  t.equal(view.body.facts.length, accepted.length, 'the final view has every accepted fact');
});
