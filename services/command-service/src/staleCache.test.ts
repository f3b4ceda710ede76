import t from 'tap';
import { join } from 'node:path';
import {
  openEventStore,
  verifyStreamChain,
  type EventStore,
  type ReadStreamOptions,
} from '@kawasan/event-store';
import { belitung, startTestApp } from './testing/testApp.js';

/**
 * Two instances of the command service on one store: each keeps what it knows of the streams
 * and decides on it without reading, so each must notice the other's writes before it answers.
 */
t.test('an instance that missed another instance’s writes still answers right', async (t) => {
  const dir = t.testdir();
  const shared = await openEventStore({ kind: 'sqlite', file: join(dir, 'events.sqlite') });
  let reads = 0;
  const counting: EventStore = {
    append: (stream, events, options) => shared.append(stream, events, options),
    readStream: (name: string, options?: ReadStreamOptions) => {
      reads++;
      return shared.readStream(name, options);
    },
    readAll: (options) => shared.readAll(options),
    subscribeToAll: (options) => shared.subscribeToAll(options),
    headPosition: () => shared.headPosition(),
    ping: () => shared.ping(),
    close: async () => undefined,
  };
  const a = await startTestApp(dir, { store: counting });
  const b = await startTestApp(dir);
  t.teardown(async () => {
    await a.app.close();
    await b.app.close();
    await shared.close();
  });
  const fact = (n: number) => ({ fact: 'jobs', kind: 'projected', count: n });

  // Given A registered the project and wrote to it (it knows the stream)…
  t.equal((await a.send('POST', '/projects', belitung('blt-ki'))).statusCode, 201);
  const readsBefore = reads;
  t.equal((await a.send('POST', '/projects/blt-ki/facts', fact(1))).statusCode, 201);
  t.equal(reads, readsBefore, 'a stream this instance wrote is not read back');
  // …when B writes to it, then A writes again without If-Match…
  t.equal((await b.send('POST', '/projects/blt-ki/facts', fact(2))).statusCode, 201);
  const again = await a.send('POST', '/projects/blt-ki/facts', fact(3));
  // …then A's stale append is caught by its expected revision and redone on the stream as it is.
  t.equal(again.statusCode, 201);
  t.equal(again.json().revision, '3');
  // When B writes and A is sent If-Match with B's revision, A reads instead of answering 412.
  const fromB = await b.send('POST', '/projects/blt-ki/facts', fact(4));
  const matched = await a.send('POST', '/projects/blt-ki/facts', fact(5), {
    headers: { 'if-match': `"${fromB.json().revision}"` },
  });
  t.equal(matched.statusCode, 201, 'If-Match names a revision A had not seen yet');
  // When B registers a project A has only seen missing, A reads instead of answering 404.
  t.equal((await a.send('POST', '/projects/ghost-ki/facts', fact(6))).statusCode, 404);
  t.equal((await b.send('POST', '/projects', belitung('ghost-ki'))).statusCode, 201);
  t.equal((await a.send('POST', '/projects/ghost-ki/facts', fact(7))).statusCode, 201);
  // The streams are whole chains with contiguous revisions.
  for (const id of ['blt-ki', 'ghost-ki']) {
    const events = await a.events(id);
    t.same(
      events.map((e) => e.revision),
      events.map((_, i) => BigInt(i)),
    );
    t.equal(await verifyStreamChain(events), null, `${id} chain verifies`);
  }
});
