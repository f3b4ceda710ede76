import { createHash, randomUUID } from 'node:crypto';
import t from 'tap';
import type { EventToAppend, RecordedEvent } from './eventStore.js';
import { chainEvents, eventHash, GENESIS_HASH, verifyStreamChain } from './hashChain.js';

const STREAM = 'project-kek-mandalika';

const events = (n: number): EventToAppend[] =>
  Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    type: 'MilestoneRecorded',
    data: { milestone: `m${i}`, note: 'Kawasan Industri Kendal ✓' },
    metadata: { actor: 'auditor@example.id' },
  }));

/** What the store would hand back after appending `chained` to an empty stream. */
const recorded = (chained: EventToAppend[], firstRevision = 0n): RecordedEvent[] =>
  chained.map((e, i) => ({
    ...e,
    stream: STREAM,
    revision: firstRevision + BigInt(i),
    position: BigInt(i + 1),
    created: new Date(0).toISOString(),
  }));

t.test('eventHash is SHA-256 of the canonical form, without metadata.hash', async (t) => {
  const event = { stream: 's', revision: 3n, type: 'T', data: { b: 1, a: [true] } };
  const expected = createHash('sha256')
    .update(
      '{"data":{"a":[true],"b":1},"metadata":{"prevHash":"p"},"revision":"3","stream":"s","type":"T"}',
    )
    .digest('hex');
  t.equal(eventHash({ ...event, metadata: { prevHash: 'p' } }), expected);
  t.equal(eventHash({ ...event, metadata: { prevHash: 'p', hash: 'anything' } }), expected);
  t.not(eventHash({ ...event, revision: 4n, metadata: { prevHash: 'p' } }), expected);
  t.equal(GENESIS_HASH, '0'.repeat(64));
});

t.test('chainEvents links a new stream from the genesis hash', async (t) => {
  const input = events(3);
  const chained = chainEvents(STREAM, null, null, input);
  t.equal(chained.length, 3);
  t.equal(chained[0]?.metadata['prevHash'], GENESIS_HASH);
  t.equal(chained[1]?.metadata['prevHash'], chained[0]?.metadata['hash']);
  t.equal(chained[2]?.metadata['prevHash'], chained[1]?.metadata['hash']);
  t.equal(chained[0]?.metadata['actor'], 'auditor@example.id', 'keeps existing metadata');
  t.notOk('hash' in (input[0]?.metadata ?? {}), 'does not mutate its input');
  t.equal(await verifyStreamChain(recorded(chained)), null);
});

t.test('chainEvents continues an existing chain and replaces a stale hash', async (t) => {
  const head = chainEvents(STREAM, null, null, events(2));
  const lastHash = String(head[1]?.metadata['hash']);
  const stale = events(1).map((e) => ({ ...e, metadata: { ...e.metadata, hash: 'stale' } }));
  const tail = chainEvents(STREAM, 1n, lastHash, stale);
  t.equal(tail[0]?.metadata['prevHash'], lastHash);
  t.not(tail[0]?.metadata['hash'], 'stale');
  t.equal(await verifyStreamChain(recorded([...head, ...tail])), null);
  t.throws(() => chainEvents(STREAM, 1n, null, events(1)), TypeError);
  t.throws(() => chainEvents(STREAM, 1n, 'short', events(1)), TypeError);
  t.throws(() => chainEvents(STREAM, null, lastHash, events(1)), TypeError);
});

t.test('verifyStreamChain names the first broken place', async (t) => {
  const good = () => recorded(chainEvents(STREAM, null, null, events(4)));

  const edited = good();
  (edited[2] as RecordedEvent).data = { milestone: 'forged' };
  t.match(await verifyStreamChain(edited), {
    stream: STREAM,
    revision: 2n,
    eventId: edited[2]?.id,
    reason: 'hash_mismatch',
  });

  // An editor who also recomputes the edited event's hash breaks the link to the next one.
  const rehashed = good();
  const victim = rehashed[1] as RecordedEvent;
  victim.data = { milestone: 'forged' };
  victim.metadata = { ...victim.metadata, hash: eventHash(victim) };
  t.match(await verifyStreamChain(rehashed), { revision: 2n, reason: 'prev_hash_mismatch' });

  const deleted = good();
  deleted.splice(1, 1);
  t.match(await verifyStreamChain(deleted), { revision: 2n, reason: 'revision_gap' });

  const unhashed = good();
  (unhashed[3] as RecordedEvent).metadata = {};
  t.match(await verifyStreamChain(unhashed), { revision: 3n, reason: 'missing_hash' });

  const uncanonical = good();
  (uncanonical[0] as RecordedEvent).data = { n: Number.NaN };
  t.match(await verifyStreamChain(uncanonical), { revision: 0n, reason: 'hash_mismatch' });

  const notFromZero = recorded(chainEvents(STREAM, null, null, events(2)), 1n);
  t.match(await verifyStreamChain(notFromZero), { revision: 1n, reason: 'revision_gap' });
});

t.test(
  'verifyStreamChain accepts async iterables, empty streams, and one stream only',
  async (t) => {
    const chain = recorded(chainEvents(STREAM, null, null, events(3)));
    async function* asAsync() {
      yield* chain;
    }
    t.equal(await verifyStreamChain(asAsync()), null);
    t.equal(await verifyStreamChain([]), null);
    const mixed = [...chain];
    mixed[1] = { ...(mixed[1] as RecordedEvent), stream: 'other' };
    await t.rejects(verifyStreamChain(mixed), TypeError);
  },
);
