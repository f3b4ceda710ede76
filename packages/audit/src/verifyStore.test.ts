import { randomUUID } from 'node:crypto';
import t, { type Test } from 'tap';
import { openSqliteEventStore } from '@kawasan/event-store';
import { generatedStore, SqliteTamper } from './testing/index.js';
import { verifyStore } from './verifyStore.js';

/** A fresh store of three interleaved projects (8 commands each), and a tamperer on its file. */
async function setup(t: Test) {
  const generated = await generatedStore(t.testdir());
  const tamper = new SqliteTamper(generated.file);
  t.teardown(async () => {
    tamper.close();
    await generated.store.close();
  });
  return { ...generated, tamper, stream: `project-${generated.projectIds[1]}` };
}

t.test('an untouched store verifies', async (t) => {
  const { store, events, projectIds } = await setup(t);
  t.strictSame(await verifyStore(store), { ok: true, streams: 3, events, failures: [] });
  const one = await verifyStore(store, { projectId: projectIds[0]! });
  t.match(one, { ok: true, streams: 1, failures: [] });
  t.ok(one.events > 0 && one.events < events);
  t.strictSame(await verifyStore(store, { projectId: 'no-such-project' }), {
    ok: true,
    streams: 0,
    events: 0,
    failures: [],
  });
});

t.test('one byte of data edited: that event, hash_mismatch', async (t) => {
  const { store, tamper, stream, projectIds } = await setup(t);
  const row = tamper.editDataByte(stream, 3n);
  const report = await verifyStore(store);
  t.equal(report.ok, false);
  t.strictSame(
    report.failures.map(({ projectId, revision, eventId, reason }) => ({
      projectId,
      revision,
      eventId,
      reason,
    })),
    [{ projectId: projectIds[1], revision: '3', eventId: row.id, reason: 'hash_mismatch' }],
  );
  t.match(report.failures[0]!.detail, /edited/);
  t.match(await verifyStore(store, { projectId: projectIds[1]! }), {
    ok: false,
    failures: [{ revision: '3', eventId: row.id }],
  });
  t.match(await verifyStore(store, { projectId: projectIds[0]! }), { ok: true });
});

t.test('one metadata field edited: that event, hash_mismatch', async (t) => {
  const { store, tamper, stream, projectIds } = await setup(t);
  const row = tamper.editMetadata(stream, 2n, 'actor', 'someone-else');
  t.match(await verifyStore(store), {
    ok: false,
    failures: [
      { projectId: projectIds[1], revision: '2', eventId: row.id, reason: 'hash_mismatch' },
    ],
  });
});

t.test('prevHash rewritten: prev_hash_mismatch', async (t) => {
  const { store, tamper, stream } = await setup(t);
  const row = tamper.editMetadata(stream, 4n, 'prevHash', 'f'.repeat(64));
  t.match(await verifyStore(store), {
    failures: [{ revision: '4', eventId: row.id, reason: 'prev_hash_mismatch' }],
  });
});

t.test('a row deleted: the event after the gap, revision_gap', async (t) => {
  const { store, tamper, stream } = await setup(t);
  tamper.deleteEvent(stream, 2n);
  const next = tamper.row(stream, 3n);
  t.match(await verifyStore(store), {
    ok: false,
    failures: [{ revision: '3', eventId: next.id, reason: 'revision_gap' }],
  });
});

t.test('two rows swapped: the first of them, prev_hash_mismatch', async (t) => {
  const { store, tamper, stream } = await setup(t);
  const [, second] = tamper.swapEvents(stream, 2n, 3n);
  t.match(await verifyStore(store), {
    ok: false,
    failures: [{ revision: '2', eventId: second.id, reason: 'prev_hash_mismatch' }],
  });
});

t.test('a row inserted without the chain: that event, missing_hash', async (t) => {
  const { store, tamper, stream, projectIds } = await setup(t);
  const id = randomUUID();
  const forged = tamper.row(stream, 2n);
  const {
    hash: _h,
    prevHash: _p,
    ...metadata
  } = JSON.parse(forged.metadata) as Record<string, unknown>;
  tamper.insertEvent(stream, 2n, {
    id,
    type: 'ProjectStatusChanged',
    data: { projectId: projectIds[1], from: 'active', to: 'on_hold', reason: 'forged' },
    metadata,
  });
  t.match(await verifyStore(store), {
    ok: false,
    failures: [{ projectId: projectIds[1], revision: '2', eventId: id, reason: 'missing_hash' }],
  });
  // A forger who copies the neighbour's hashes is caught by the recomputation instead.
  tamper.editMetadata(stream, 2n, 'prevHash', JSON.parse(forged.metadata).prevHash);
  tamper.editMetadata(stream, 2n, 'hash', JSON.parse(forged.metadata).hash);
  t.match(await verifyStore(store), {
    failures: [{ revision: '2', eventId: id, reason: 'hash_mismatch' }],
  });
});

t.test('positions swapped with revisions kept: position_order', async (t) => {
  const { store, file, stream } = await setup(t);
  const tamper = new SqliteTamper(file);
  const a = tamper.row(stream, 1n);
  const b = tamper.row(stream, 2n);
  tamper.close();
  // Move revision 1 after revision 2 in the log, keeping every hash intact.
  const db = (await import('better-sqlite3')).default(file);
  db.prepare('UPDATE events SET position = 999999 WHERE position = ?').run(a.position);
  db.close();
  t.match(await verifyStore(store), {
    ok: false,
    failures: [{ revision: '2', eventId: b.id, reason: 'position_order' }],
  });
});

t.test('data that is no longer JSON: project and revision named, unreadable', async (t) => {
  const { store, tamper, stream, projectIds, file } = await setup(t);
  tamper.corruptData(stream, 5n);
  const report = await verifyStore(store);
  t.equal(report.ok, false);
  t.match(report.failures, [
    { projectId: projectIds[1], revision: '5', eventId: null, reason: 'unreadable' },
  ]);
  t.equal(report.streams, 3, 'the streams after the unreadable event are still checked');
  // A fresh reader, and a broken last stream too: each broken stream is named.
  tamper.editDataByte(`project-${projectIds[2]}`, 6n);
  const reader = await openSqliteEventStore({ file, readonly: true });
  t.teardown(() => reader.close());
  t.match((await verifyStore(reader)).failures, [
    { projectId: projectIds[1], reason: 'unreadable' },
    { projectId: projectIds[2], revision: '6', reason: 'hash_mismatch' },
  ]);
});
