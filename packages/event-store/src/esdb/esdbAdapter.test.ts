/**
 * Unit tests of the EventStoreDB adapter's pieces that need no server: error translation, event
 * conversion, options. The adapter against a server (the wire double, or a real EventStoreDB)
 * is tested under test/esdb-double/.
 */
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  UnavailableError,
  UnknownError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import t from 'tap';
import {
  InvalidAppendError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '../errors.js';
import { openEventStore } from '../openEventStore.js';
import { collect, makeTestEvents } from '../testing/contractHelpers.js';
import { translateEsdbError } from './esdbErrors.js';
import { openEsdbEventStore } from './esdbEventStore.js';
import { isSystemEvent, toRecordedEvent } from './esdbRecorded.js';

t.test('client errors become the port errors', async (t) => {
  const append = { stream: 's-1', expected: 3n } as const;
  const wrong = new WrongExpectedVersionError(undefined, {
    streamName: 's-1',
    current: 5n,
    expected: 3n,
  });
  const conflict = translateEsdbError(wrong, 'append', append);
  t.ok(conflict instanceof WrongExpectedRevisionError);
  t.match(conflict, { stream: 's-1', expected: 3n, actual: 5n });
  const fromTrailer = new WrongExpectedVersionError(undefined, {
    streamName: 's-1',
    current: -1n,
    expected: 'no_stream',
  } as never);
  t.match(translateEsdbError(fromTrailer, 'append', append), { actual: 'no_stream' });

  for (const error of [
    new UnavailableError(),
    new DeadlineExceededError(),
    new CancelledError(),
    new AccessDeniedError(),
    Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
      details: 'No connection established',
    }),
  ]) {
    const translated = translateEsdbError(error, 'doing it');
    t.ok(translated instanceof StoreUnavailableError, `${error.constructor.name} is unavailable`);
    t.match((translated as Error).message, /^doing it: /);
    t.equal((translated as Error).cause, error, 'the cause is kept');
  }
  t.ok(
    translateEsdbError(MaxAppendSizeExceededError.fromMaxAppendSize(1024), 'a', append) instanceof
      InvalidAppendError,
    'too large for the server',
  );
  t.ok(
    translateEsdbError(StreamDeletedError.fromStreamName('s-1'), 'a', append) instanceof
      InvalidAppendError,
    'a stream deleted in EventStoreDB',
  );
  const unknown = new UnknownError();
  t.equal(translateEsdbError(unknown, 'x'), unknown, 'anything else passes through');
  const bug = new TypeError('bug');
  t.equal(translateEsdbError(bug, 'x'), bug);
  t.equal(translateEsdbError('text', 'x'), 'text');
  const portError = new StoreUnavailableError('already translated');
  t.equal(translateEsdbError(portError, 'x'), portError);
});

const resolved = (overrides: Record<string, unknown> = {}): AllStreamResolvedEvent => ({
  event: {
    streamId: 'project-1',
    id: 'AB3B8F5E-1111-4A6B-9C3E-0123456789AB',
    revision: 4n,
    type: 'MilestonePlanned',
    isJson: true,
    data: { a: 1 },
    metadata: { actor: 'x' },
    created: new Date('2025-01-02T03:04:05.678Z'),
    position: { commit: 1234n, prepare: 1234n },
    ...overrides,
  },
});

t.test('resolved events become recorded events', async (t) => {
  t.same(toRecordedEvent(resolved()), {
    stream: 'project-1',
    revision: 4n,
    position: 1234n,
    id: 'ab3b8f5e-1111-4a6b-9c3e-0123456789ab',
    type: 'MilestonePlanned',
    data: { a: 1 },
    metadata: { actor: 'x' },
    created: '2025-01-02T03:04:05.678Z',
  });
  t.same(toRecordedEvent(resolved({ metadata: undefined }))?.metadata, {}, 'no metadata: {}');
  t.equal(toRecordedEvent(resolved({ streamId: '$stats-127.0.0.1:2113' })), null, '$ streams');
  t.equal(toRecordedEvent(resolved({ type: '$streamDeleted' })), null, '$ event types');
  t.equal(toRecordedEvent({}), null, 'a link to nothing');
  t.ok(isSystemEvent('$$project-1', '$metadata'));
  t.notOk(isSystemEvent('project-1', 'MilestonePlanned'));
  t.throws(() => toRecordedEvent(resolved({ position: undefined })), /without a commit position/);
  t.throws(
    () => toRecordedEvent(resolved({ position: { commit: 2n ** 64n - 1n, prepare: 0n } })),
    /without a commit position/,
    'u64 max is "no position"',
  );
  t.equal(
    toRecordedEvent({ ...resolved({ position: undefined }), commitPosition: 77n })?.position,
    77n,
    'the read event position stands in',
  );
  t.throws(() => toRecordedEvent(resolved({ isJson: false })), /not JSON/);
  t.throws(() => toRecordedEvent(resolved({ metadata: [1] })), /not a JSON object/);
  t.throws(() => toRecordedEvent(resolved({ metadata: new Uint8Array(1) })), /not a JSON object/);
});

t.test('options are validated', async (t) => {
  await t.rejects(openEsdbEventStore({ connectionString: 'http://x' }), TypeError);
  await t.rejects(openEsdbEventStore({ connectionString: 42 as never }), TypeError);
  await t.rejects(
    openEsdbEventStore({ connectionString: 'esdb://' }),
    { name: 'TypeError', message: /invalid connection string/ },
    'the client cannot parse it',
  );
  await t.rejects(
    openEsdbEventStore({ connectionString: 'esdb://h:2113', operationTimeoutMs: 0 }),
    RangeError,
  );
  await t.rejects(
    openEsdbEventStore({ connectionString: 'esdb://h:2113', maxResubscribeDelayMs: Number.NaN }),
    RangeError,
  );
  const store = await openEventStore({ kind: 'esdb', connectionString: 'esdb://h:2113' });
  t.throws(() => store.readAll({ maxCount: -1 }), RangeError);
  t.throws(() => store.readStream(7 as never), TypeError);
  t.throws(() => store.subscribeToAll({ fromPosition: -1n }), RangeError);
  await store.close();
});

t.test('a server nobody listens on is unavailable, not an error of the caller', async (t) => {
  // Port 1 on loopback: the connection is refused at once.
  const store = await openEventStore({
    kind: 'esdb',
    connectionString: 'esdb://127.0.0.1:1?tls=false',
    operationTimeoutMs: 5000,
  });
  t.teardown(() => store.close());
  await t.rejects(store.ping(), { code: 'store_unavailable' });
  await t.rejects(store.append('s-1', makeTestEvents(1), { expectedRevision: 'any' }), {
    code: 'store_unavailable',
  });
  await t.rejects(collect(store.readAll()), { code: 'store_unavailable' });
  const subscription = store.subscribeToAll();
  const next = subscription[Symbol.asyncIterator]().next();
  await new Promise((resolve) => setTimeout(resolve, 200));
  await subscription.close();
  t.same(await next, { done: true, value: undefined }, 'a retrying subscription closes cleanly');
});
