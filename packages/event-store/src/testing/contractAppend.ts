import type { Test } from 'tap';
import type { EventStore, ExpectedRevision } from '../eventStore.js';
import { expectConflict, expectDuplicate } from './contractAssertions.js';
import {
  collect,
  countStream,
  ids,
  makeTestEvent,
  makeTestEvents,
  uniqueStream,
} from './contractHelpers.js';

export function appendContract(t: Test, store: () => EventStore): void {
  t.test('expected revision on a new stream', async (t) => {
    const s = store();
    for (const expected of ['stream_exists', 0n, 3n] as ExpectedRevision[]) {
      const stream = uniqueStream('new');
      await expectConflict(
        t,
        s.append(stream, [makeTestEvent()], { expectedRevision: expected }),
        { stream, expected, actual: 'no_stream' },
        `${String(expected)} on a new stream`,
      );
      t.equal(await countStream(s, stream), 0, 'nothing written');
    }
    for (const expected of ['any', 'no_stream'] as ExpectedRevision[]) {
      const stream = uniqueStream('new');
      const result = await s.append(stream, makeTestEvents(2), { expectedRevision: expected });
      t.equal(result.nextExpectedRevision, 1n, `${String(expected)} creates revisions 0..1`);
      t.ok(result.position > 0n, 'positions are > 0');
    }
  });

  t.test('expected revision on an existing stream', async (t) => {
    const s = store();
    const stream = uniqueStream('existing');
    const first = await s.append(stream, makeTestEvents(2), { expectedRevision: 'no_stream' });
    t.equal(first.nextExpectedRevision, 1n);
    for (const expected of ['no_stream', 0n, 2n] as ExpectedRevision[]) {
      await expectConflict(
        t,
        s.append(stream, [makeTestEvent()], { expectedRevision: expected }),
        { stream, expected, actual: 1n },
        `${String(expected)} on a stream at revision 1`,
      );
    }
    const appended = [];
    let lastPosition = first.position;
    for (const [expected, revision] of [
      ['stream_exists', 2n],
      [2n, 3n],
      ['any', 4n],
    ] as [ExpectedRevision, bigint][]) {
      const event = makeTestEvent();
      appended.push(event);
      const result = await s.append(stream, [event], { expectedRevision: expected });
      t.equal(
        result.nextExpectedRevision,
        revision,
        `${String(expected)} appends revision ${revision}`,
      );
      t.ok(result.position > lastPosition, 'positions grow');
      lastPosition = result.position;
    }
    await expectConflict(
      t,
      s.append(stream, [makeTestEvent()], { expectedRevision: 3n }),
      { stream, expected: 3n, actual: 4n },
      'a stale exact revision',
    );
    const read = await collect(s.readStream(stream));
    t.same(
      read.map((e) => e.revision),
      [0n, 1n, 2n, 3n, 4n],
    );
    t.same(ids(read.slice(2)), ids(appended));
  });

  t.test('AppendResult names the last event appended', async (t) => {
    const s = store();
    const stream = uniqueStream('result');
    const result = await s.append(stream, makeTestEvents(3), { expectedRevision: 'any' });
    const read = await collect(s.readStream(stream));
    t.equal(result.nextExpectedRevision, 2n);
    t.equal(result.position, read[2]?.position);
    t.ok((read[0]?.position ?? 0n) < (read[1]?.position ?? 0n), 'commit order inside one append');
  });

  t.test('idempotent re-append of the same event ids', async (t) => {
    const s = store();
    const stream = uniqueStream('idem');
    const [a, b, c, d] = makeTestEvents(4) as [
      ReturnType<typeof makeTestEvent>,
      ReturnType<typeof makeTestEvent>,
      ReturnType<typeof makeTestEvent>,
      ReturnType<typeof makeTestEvent>,
    ];
    const ab = await s.append(stream, [a, b], { expectedRevision: 'no_stream' });
    const cOnly = await s.append(stream, [c], { expectedRevision: 1n });
    t.same(await s.append(stream, [a, b], { expectedRevision: 'no_stream' }), ab, 'same no_stream');
    t.same(await s.append(stream, [c], { expectedRevision: 1n }), cOnly, 'same exact revision');
    t.same(await s.append(stream, [a, b], { expectedRevision: 'any' }), ab, 'any finds them');
    t.same(await s.append(stream, [c], { expectedRevision: 'stream_exists' }), cOnly);
    t.same(
      await s.append(stream, [a], { expectedRevision: 'no_stream' }),
      { nextExpectedRevision: 0n, position: (await collect(s.readStream(stream)))[0]?.position },
      'a prefix at its own place is also a re-append',
    );
    await expectConflict(
      t,
      s.append(stream, [c, d], { expectedRevision: 1n }),
      { stream, expected: 1n, actual: 2n },
      'partial overlap (stored event then a new one)',
    );
    await expectConflict(
      t,
      s.append(stream, [b, d], { expectedRevision: 'any' }),
      { stream, expected: 'any', actual: 2n },
      'partial overlap with any',
    );
    await expectConflict(
      t,
      s.append(stream, [d, c], { expectedRevision: 2n }),
      { stream, expected: 2n, actual: 2n },
      'a stored id later in the batch',
    );
    await expectConflict(
      t,
      s.append(stream, [a, b], { expectedRevision: 2n }),
      { stream, expected: 2n, actual: 2n },
      'same ids at a different place',
    );
    await expectConflict(
      t,
      s.append(stream, [b, a], { expectedRevision: 'any' }),
      { stream, expected: 'any', actual: 2n },
      'same ids in another order',
    );
    t.same(ids(await collect(s.readStream(stream))), ids([a, b, c]), 'nothing duplicated');
  });

  t.test('an id stored in another stream is a DuplicateEventIdError', async (t) => {
    const s = store();
    const owner = uniqueStream('owner');
    const [taken] = makeTestEvents(1);
    if (taken === undefined) throw new Error('unreachable');
    await s.append(owner, [taken], { expectedRevision: 'no_stream' });
    const other = uniqueStream('thief');
    await expectDuplicate(
      t,
      s.append(other, [taken], { expectedRevision: 'any' }),
      taken.id,
      'first',
    );
    await expectDuplicate(
      t,
      s.append(other, [makeTestEvent(), taken], { expectedRevision: 'any' }),
      taken.id,
      'later in the batch',
    );
    t.equal(await countStream(s, other), 0, 'nothing written to the other stream');
    t.equal(await countStream(s, owner), 1);
  });
}
