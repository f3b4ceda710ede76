import t, { type Test } from 'tap';
import { join } from 'node:path';
import { openEventStore, verifyStreamChain, type EventStore } from '@kawasan/event-store';
import { belitung, startTestApp, type TestApp } from './testing/testApp.js';

/** A store whose appends first let `competitor` write, as another process would. */
function contested(real: EventStore, competitor: (attempt: number) => Promise<void>): EventStore {
  let attempts = 0;
  let inside = false;
  return {
    append: async (stream, events, options) => {
      if (!inside) {
        inside = true;
        try {
          await competitor(++attempts);
        } finally {
          inside = false;
        }
      }
      return real.append(stream, events, options);
    },
    readStream: (stream, options) => real.readStream(stream, options),
    readAll: (options) => real.readAll(options),
    subscribeToAll: (options) => real.subscribeToAll(options),
    headPosition: () => real.headPosition(),
    ping: () => real.ping(),
    close: () => real.close(),
  };
}

/** The same store for a second instance of the service; the first one closes it. */
function shared(real: EventStore): EventStore {
  return { ...contested(real, async () => undefined), close: async () => undefined };
}

/** Another instance of the command service over the same store, as a second process would be. */
async function otherInstance(t: Test, dir: string, real: EventStore): Promise<TestApp> {
  const other = await startTestApp(dir, { store: shared(real) });
  t.teardown(() => other.app.close());
  return other;
}

/**
 * A store whose reads take a turn of the event loop, like a round trip to a networked store:
 * enough for concurrent requests to interleave between reading a stream and appending to it.
 */
function slowReads(real: EventStore): EventStore {
  return {
    ...contested(real, async () => undefined),
    readStream: async function* (stream, options) {
      const events = [];
      for await (const event of real.readStream(stream, options)) events.push(event);
      // The answer arrives a turn later: other requests read the same revision meanwhile.
      await new Promise((resolve) => setImmediate(resolve));
      yield* events;
    },
  };
}

/** Eight milestones planned on blt-ki at once, the i-th through senders[i % senders.length]. */
const planEightAtOnce = (senders: readonly TestApp['send'][]) =>
  Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      senders[i % senders.length]!('POST', '/projects/blt-ki/milestones', {
        milestoneId: `m-${i}`,
        type: 'masterplan',
        target: '2026',
      }),
    ),
  );

t.test(
  'concurrent commands to one project take turns: all succeed, in contiguous revisions',
  async (t) => {
    const dir = t.testdir();
    const real = await openEventStore({ kind: 'sqlite', file: join(dir, 'events.sqlite') });
    const { send, events, app } = await startTestApp(dir, { store: slowReads(real) });
    t.teardown(() => app.close());
    await send('POST', '/projects', belitung('blt-ki'));
    const replies = await planEightAtOnce([send]);
    t.strictSame(
      replies.map((r) => r.statusCode),
      Array(8).fill(201),
    );
    t.strictSame(
      replies.map((r) => Number(r.json().revision)).sort((a, b) => a - b),
      Array.from({ length: 8 }, (_, i) => i + 1),
    );
    const stored = await events('blt-ki');
    t.equal(stored.length, 9);
    t.equal(await verifyStreamChain(stored), null, 'the chain holds under concurrency');
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    t.match(metrics, /command_appends_total\{command="PlanMilestone"\} 8/);
    t.notMatch(
      metrics,
      /command_revision_conflicts_total\{command="PlanMilestone"\} [1-9]/,
      'each decided on what the one before appended: no conflict, no retry',
    );
  },
);

t.test('two instances writing one project collide, retry and all succeed', async (t) => {
  const dir = t.testdir();
  const real = await openEventStore({ kind: 'sqlite', file: join(dir, 'events.sqlite') });
  const a = await startTestApp(dir, { store: slowReads(real) });
  t.teardown(() => a.app.close());
  const b = await otherInstance(t, dir, slowReads(real));
  await a.send('POST', '/projects', belitung('blt-ki'));
  const replies = await planEightAtOnce([a.send, b.send]);
  t.strictSame(
    replies.map((r) => r.statusCode),
    Array(8).fill(201),
  );
  const stored = await a.events('blt-ki');
  t.equal(stored.length, 9);
  t.equal(await verifyStreamChain(stored), null, 'the chain holds under concurrency');
  const conflicts = [a, b].map(async (x) => {
    const metrics = (await x.app.inject({ method: 'GET', url: '/metrics' })).body;
    return (
      /command_revision_conflicts_total\{command="PlanMilestone"\} ([0-9]+)/.exec(metrics)?.[1] ??
      '0'
    );
  });
  const counts = (await Promise.all(conflicts)).map(Number);
  t.ok(counts[0]! + counts[1]! > 0, `the retry path ran (${counts.join(' + ')} conflicts)`);
});

t.test('a conflicting append is re-read and re-decided', async (t) => {
  const dir = t.testdir();
  const real = await openEventStore({ kind: 'sqlite', file: join(dir, 'events.sqlite') });
  const late: { send?: TestApp['send'] } = {};
  let competitions = 0;
  const store = contested(real, async () => {
    // Exactly once, and only once the project exists: another writer slips in between.
    if (competitions === 1) {
      competitions++;
      await late.send!('POST', '/projects/blt-ki/milestones', {
        milestoneId: 'other',
        type: 'masterplan',
        target: '2026',
      });
    }
  });
  const test = await startTestApp(dir, { store });
  t.teardown(() => test.app.close());
  late.send = (await otherInstance(t, dir, real)).send;
  const send = test.send;
  t.equal((await send('POST', '/projects', belitung('blt-ki'))).statusCode, 201);
  competitions = 1;
  const res = await send('POST', '/projects/blt-ki/milestones', {
    milestoneId: 'mine',
    type: 'mou_signed',
    target: '2025-12',
  });
  t.equal(res.statusCode, 201);
  t.equal(res.json().revision, '2', 'decided again after the competing write');
  t.strictSame(
    (await test.events('blt-ki')).map((e) => (e.data as { milestoneId?: string }).milestoneId),
    [undefined, 'other', 'mine'],
  );
  t.equal(
    await verifyStreamChain(await test.events('blt-ki')),
    null,
    'chained onto the competitor',
  );

  // Re-deciding sees what the competitor did: now the same id is taken, so the retry refuses.
  competitions = 1;
  const taken = await send('POST', '/projects/blt-ki/milestones', {
    milestoneId: 'other',
    type: 'masterplan',
    target: '2027',
  });
  t.equal(taken.statusCode, 409);
  t.equal(taken.json().code, 'milestone_exists');
});

t.test('with If-Match, a conflict during the append is 412', async (t) => {
  const dir = t.testdir();
  const real = await openEventStore({ kind: 'sqlite', file: join(dir, 'events.sqlite') });
  const late: { send?: TestApp['send'] } = {};
  let compete = false;
  const store = contested(real, async () => {
    if (compete)
      await late.send!('POST', '/projects/blt-ki/milestones', {
        milestoneId: 'other',
        type: 'masterplan',
        target: '2026',
      });
  });
  const test = await startTestApp(dir, { store });
  t.teardown(() => test.app.close());
  late.send = (await otherInstance(t, dir, real)).send;
  const send = test.send;
  await send('POST', '/projects', belitung('blt-ki'));
  compete = true;
  const head = await real.headPosition();
  const res = await send(
    'POST',
    '/projects/blt-ki/milestones',
    { milestoneId: 'mine', type: 'mou_signed', target: '2025-12' },
    { headers: { 'if-match': '"0"' } },
  );
  t.equal(res.statusCode, 412);
  t.match(res.json(), { code: 'revision_mismatch' });
  t.equal(res.headers['etag'], '"1"', 'the answer names the revision now current');
  t.equal(await real.headPosition(), head + 1n, 'only the competitor wrote');
});

t.test('retries are bounded: a stream that keeps moving is 409 revision_conflict', async (t) => {
  const dir = t.testdir();
  const real = await openEventStore({ kind: 'sqlite', file: join(dir, 'events.sqlite') });
  const late: { send?: TestApp['send'] } = {};
  let compete = false;
  const store = contested(real, async (attempt) => {
    if (compete)
      await late.send!('POST', '/projects/blt-ki/facts', {
        fact: 'area',
        hectares: String(attempt),
        scope: 'plot',
      });
  });
  const test = await startTestApp(dir, { store, maxAttempts: 3 });
  t.teardown(() => test.app.close());
  late.send = (await otherInstance(t, dir, real)).send;
  const send = test.send;
  await send('POST', '/projects', belitung('blt-ki'));
  compete = true;
  const res = await send('POST', '/projects/blt-ki/milestones', {
    milestoneId: 'mine',
    type: 'mou_signed',
    target: '2025-12',
  });
  t.equal(res.statusCode, 409);
  t.match(res.json(), { code: 'revision_conflict' });
  const types = (await test.events('blt-ki')).map((e) => e.type);
  t.strictSame(
    types,
    ['ProjectRegistered', 'FactStated', 'FactStated', 'FactStated'],
    'three attempts, none of ours written',
  );
  const metrics = (await test.app.inject({ method: 'GET', url: '/metrics' })).body;
  t.match(metrics, /command_revision_conflicts_total\{command="PlanMilestone"\} 3/);
  t.match(
    metrics,
    /command_duration_seconds_count\{command="PlanMilestone",outcome="revision_conflict"\} 1/,
  );
});
