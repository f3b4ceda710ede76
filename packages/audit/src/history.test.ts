import { randomUUID } from 'node:crypto';
import t from 'tap';
import { chainEvents, type EventStore } from '@kawasan/event-store';
import { projectHistory } from './history.js';
import { generatedStore } from './testing/index.js';

/** Appends one chained event after the stream's head, recorded at `recordedAt`. */
async function appendAfterHead(
  store: EventStore,
  stream: string,
  event: { type: string; data: object },
  recordedAt: string,
) {
  let head: { revision: bigint; hash: string } | null = null;
  for await (const e of store.readStream(stream, { direction: 'backwards', maxCount: 1 }))
    head = { revision: e.revision, hash: e.metadata['hash'] as string };
  const [chained] = chainEvents(stream, head?.revision ?? null, head?.hash ?? null, [
    { id: randomUUID(), ...event, metadata: { actor: 'auditor-test', recordedAt, sources: [] } },
  ]);
  await store.append(stream, [chained!], { expectedRevision: head?.revision ?? 'no_stream' });
  return chained!;
}

t.test('history marks retractions, as known at an instant', async (t) => {
  const { store, projectIds } = await generatedStore(t.testdir(), {
    projects: 1,
    commandsPerProject: 4,
    start: new Date('2026-01-01T00:00:00Z'),
  });
  t.teardown(() => store.close());
  const projectId = projectIds[0]!;
  const before = (await projectHistory(store, projectId))!;
  t.equal(before.length, 4);
  const planned = before.find((e) => e.type === 'MilestonePlanned')!;
  const retraction = await appendAfterHead(
    store,
    `project-${projectId}`,
    { type: 'EntryRetracted', data: { projectId, eventId: planned.eventId, reason: 'wrong zone' } },
    '2026-02-01T00:00:00.000Z',
  );
  const after = (await projectHistory(store, projectId))!;
  t.equal(after.length, 5);
  t.match(
    after.find((e) => e.eventId === planned.eventId),
    {
      retracted: true,
      retractedBy: retraction.id,
      revision: /^\d+$/,
      actor: 'generator',
    },
  );
  t.match(after.at(-1), { type: 'EntryRetracted', actor: 'auditor-test', retracted: false });
  const knownInJanuary = (await projectHistory(store, projectId, {
    knownAt: '2026-01-31T23:59:59.999Z',
  }))!;
  t.equal(knownInJanuary.length, 4, 'the retraction was not known yet');
  t.notOk(knownInJanuary.some((e) => e.retracted));
  t.equal(
    (await projectHistory(store, projectId, { knownAt: '2026-01-01T00:00:01.000Z' }))!.length,
    1,
    'one second in: only the registration',
  );
  t.equal(await projectHistory(store, projectId, { knownAt: '2025-12-31T00:00:00Z' }), null);
  t.equal(await projectHistory(store, 'nope-nope'), null);
});
