import type { Test } from 'tap';
import type { EventStore, EventToAppend } from '../eventStore.js';
import { expectStoreError } from './contractAssertions.js';
import { collect, countStream, makeTestEvent, uniqueStream } from './contractHelpers.js';

/** Deliberately ill-typed requests, as plain JavaScript callers could send them. */
type LooseAppend = (stream: unknown, events: unknown, options: unknown) => Promise<unknown>;

export function inputContract(t: Test, store: () => EventStore): void {
  t.test('invalid appends are rejected and write nothing', async (t) => {
    const s = store();
    const append = s.append.bind(s) as unknown as LooseAppend;
    const stream = uniqueStream('invalid');
    const good = makeTestEvent();
    const any = { expectedRevision: 'any' };
    const cases: [string, unknown, unknown, unknown][] = [
      ['empty events', stream, [], any],
      ['events not an array', stream, good, any],
      ['empty stream name', '', [good], any],
      ['non-string stream name', 42, [good], any],
      ['reserved $ stream name', '$all', [good], any],
      ['control character in stream name', `${stream}\n`, [good], any],
      ['over-long stream name', 's'.repeat(1000), [good], any],
      ['id not a UUID', stream, [{ ...good, id: 'not-a-uuid' }], any],
      ['missing type', stream, [{ ...good, type: '' }], any],
      ['data not JSON', stream, [{ ...good, data: { n: 1n } }], any],
      ['data undefined', stream, [{ ...good, data: undefined }], any],
      ['metadata not an object', stream, [{ ...good, metadata: ['x'] }], any],
      ['event not an object', stream, [good, null], any],
      ['repeated id in one append', stream, [good, { ...good }], any],
      ['negative expected revision', stream, [good], { expectedRevision: -1n }],
      ['unknown expected revision', stream, [good], { expectedRevision: 'latest' }],
      ['numeric expected revision', stream, [good], { expectedRevision: 0 }],
      ['missing options', stream, [good], undefined],
    ];
    for (const [name, target, events, options] of cases) {
      await expectStoreError(t, append(target, events, options), 'invalid_append', name);
    }
    t.equal(await countStream(s, stream), 0, 'the stream was never created');
    const after = await s.append(stream, [good], { expectedRevision: 'no_stream' });
    t.equal(after.nextExpectedRevision, 0n, 'the good event id was not consumed');
  });

  t.test('events round-trip data and metadata exactly', async (t) => {
    const s = store();
    const stream = uniqueStream('roundtrip');
    const events: EventToAppend[] = [
      makeTestEvent({
        type: 'MilestoneRecorded',
        data: {
          project: 'Kawasan Ekonomi Khusus Mandalika',
          province: 'Nusa Tenggara Barat',
          notes: ['Pembebasan lahan selesai ✓', 'Ἀθῆναι', 'مرحبا', '漢字', '😀👍🏽', 'e\u0301'],
          loneSurrogate: '\ud800',
          nested: { deep: { deeper: [1, -2.5, 1e21, 0.1, null, true, false, {}, []] } },
          empty: '',
          quote: '"\\/\b\f\n\r\t\u0000',
        },
        metadata: { actor: 'petugas@bkpm.go.id', correlationId: 'c-1', tags: { a: 1 } },
      }),
      makeTestEvent({ type: 'Scalar', data: 'just a string', metadata: {} }),
      makeTestEvent({ type: 'Null', data: null }),
      makeTestEvent({ type: 'Array', data: [1, 'two', { three: 3 }] }),
      makeTestEvent({ id: makeTestEvent().id.toUpperCase() }),
    ];
    const before = Date.now();
    await s.append(stream, events, { expectedRevision: 'no_stream' });
    const after = Date.now();
    const read = await collect(s.readStream(stream));
    t.equal(read.length, events.length);
    for (const [i, event] of events.entries()) {
      const got = read[i];
      t.equal(got?.stream, stream);
      t.equal(got?.revision, BigInt(i));
      t.equal(got?.id, event.id.toLowerCase(), 'ids come back as lower-case UUIDs');
      t.equal(got?.type, event.type);
      t.strictSame(got?.data, event.data, `data of ${event.type}`);
      t.strictSame(got?.metadata, event.metadata, `metadata of ${event.type}`);
      const created = Date.parse(got?.created ?? '');
      t.ok(created >= before - 1000 && created <= after + 1000, 'created is the commit instant');
      t.equal(new Date(created).toISOString(), got?.created, 'created is an ISO instant');
    }
  });
}
