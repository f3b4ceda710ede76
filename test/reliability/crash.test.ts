import t from 'tap';
import { DateTime } from 'luxon';
import { openEventStore, verifyStreamChain, type RecordedEvent } from '@kawasan/event-store';
import { createReadModel, projectView } from '@kawasan/projections';
import { client } from '../e2e/support/client.js';
import { startStack, TOKENS } from '../e2e/support/stack.js';

// Crash durability: under concurrent writes, SIGKILL the command service (and once the
// projection service) at random moments. Every event whose command was answered 201 must be in
// the store exactly once, every chain must verify, and the views must equal a replay from zero.
const KILLS = Number(process.env.CRASH_KILLS ?? 3);
const WORKERS = 6;
const projects = ['crash-aaa', 'crash-bbb', 'crash-ccc'];
const stack = await startStack({ dataDir: t.testdir() });
t.teardown(() => stack.stop());
const api = client(stack);
for (const [i, projectId] of projects.entries())
  await api.post('/projects', {
    projectId,
    name: `Crash ${i}`,
    kind: 'plant',
    location: { province: ['Bali', 'Jawa Tengah', 'Papua'][i] },
  });

const acknowledged: string[] = [];
let attempted = 0;
let failed = 0;
let running = true;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function worker(n: number) {
  for (let i = 0; running; i++) {
    attempted++;
    try {
      const res = await fetch(
        `${stack.commandUrl}/projects/${projects[(n + i) % projects.length]}/facts`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKENS.admin}`, 'content-type': 'application/json' },
          body: JSON.stringify({ fact: 'jobs', kind: 'projected', count: n * 100_000 + i }),
        },
      );
      const body = (await res.json()) as { eventIds?: string[] };
      if (res.status === 201) acknowledged.push(...body.eventIds!);
      else failed++;
    } catch {
      // Killed mid-request: the outcome is unknown to the client, so it is not counted.
      failed++;
      await sleep(20);
    }
  }
}

t.test(
  `${KILLS} SIGKILLs of the command service and one of the projection service under load`,
  async (t) => {
    const load = Array.from({ length: WORKERS }, (_, n) => worker(n));
    for (let kill = 0; kill < KILLS; kill++) {
      await sleep(300 + Math.random() * 700);
      await stack.kill('command');
      await stack.startCommand();
      if (kill === 0) {
        await stack.kill('projection');
        await stack.startProjection();
      }
    }
    await sleep(500);
    running = false;
    await Promise.all(load);
    t.ok(
      acknowledged.length > 0,
      `${acknowledged.length} events acknowledged with 201 of ${attempted} attempts (${failed} cut off or refused)`,
    );

    const store = await openEventStore(stack.storeConfig);
    t.teardown(() => store.close());
    const log: RecordedEvent[] = [];
    for await (const e of store.readAll()) log.push(e);
    const counts = new Map<string, number>();
    for (const e of log) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
    const lost = acknowledged.filter((id) => counts.get(id) !== 1);
    t.same(lost, [], 'every acknowledged event is stored exactly once (events lost: 0)');
    for (const projectId of projects) {
      const failure = await verifyStreamChain(store.readStream(`project-${projectId}`));
      t.equal(failure, null, `${projectId}: the hash chain verifies`);
    }

    const asOf = '2026-11-22T00:00:00.000Z';
    const replay = createReadModel();
    for (const e of log) replay.apply(e);
    const head = log.at(-1)!.position;
    for (const projectId of projects) {
      const served = await api.get(
        `/projects/${projectId}?asOf=${asOf}&minPosition=${head}&waitMs=10000`,
      );
      t.equal(served.status, 200);
      const expected = JSON.parse(
        JSON.stringify(
          projectView(replay.project(projectId)!, DateTime.fromISO(asOf, { zone: 'utc' })),
        ),
      );
      t.same(served.body, expected, `${projectId}: the served view equals a replay from zero`);
      const stated = log.filter(
        (e) => e.stream === `project-${projectId}` && e.type === 'FactStated',
      ).length;
      t.equal(served.body.facts.length, stated, `${projectId}: no fact counted twice or missed`);
    }
    t.comment(
      `figures: kills=${KILLS + 1} acknowledged=${acknowledged.length} attempted=${attempted} lost=${lost.length}`,
    );
  },
);
