/**
 * The double's writes, driven through `@eventstore/db-client` 6.2.1 as the adapter drives them.
 * Expected behaviour comes from EventStoreDB's source (EventStore/EventStore on GitHub):
 * Services/Transport/Grpc/Streams.Append.cs, Streams.BatchAppend.cs, Streams.Delete.cs, Status.cs,
 * RpcExceptions.cs, ServerFeatures.cs and Services/Storage/ReaderIndex/IndexWriter.cs
 * (CheckCommit); and from how the client reads the replies (dist/streams/appendToStream/*.js).
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  EventStoreDBClient,
  jsonEvent,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type JSONEventData,
} from '@eventstore/db-client';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import { credentials, status, type ServiceError } from '@grpc/grpc-js';
import t from 'tap';
import { startEsdbDouble } from './startEsdbDouble.js';

const double = await startEsdbDouble({
  batchAppend: true,
  statsIntervalMs: 0,
  maxAppendSize: 4096,
});
t.teardown(() => double.stop());

const events = (n: number): JSONEventData[] =>
  Array.from({ length: n }, (_, i) => jsonEvent({ id: randomUUID(), type: 'Tested', data: { i } }));
const unique = (label: string): string => `${label}-${randomUUID()}`;

async function supportedMethods(): Promise<string[] | 'unimplemented'> {
  const client = new serverFeaturesGrpc.ServerFeaturesClient(
    `127.0.0.1:${double.port}`,
    credentials.createInsecure(),
  );
  try {
    return await new Promise((resolve, reject) => {
      client.getSupportedMethods(new sharedPb.Empty(), (error, methods) => {
        if (error?.code === status.UNIMPLEMENTED) return resolve('unimplemented');
        if (error !== null) return reject(error);
        resolve(methods.getMethodsList().map((m) => `${m.getServiceName()}/${m.getMethodName()}`));
      });
    });
  } finally {
    client.close();
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('resolved'),
    (error: unknown) => error,
  );
}

t.test(
  'ServerFeatures lists BatchAppend, or is UNIMPLEMENTED like servers before 21.10',
  async (t) => {
    t.ok(
      (await supportedMethods()).includes('event_store.client.streams.streams/batchappend'),
      'listed while on (paths lower-cased, as the client compares them)',
    );
    await double.setBatchAppend(false);
    t.equal(await supportedMethods(), 'unimplemented');
    await double.setBatchAppend(true);
  },
);

for (const batchAppend of [true, false]) {
  const path = batchAppend ? 'BatchAppend' : 'Append';

  t.test(`${path}: results, wrong expected versions, idempotency`, async (t) => {
    await double.setBatchAppend(batchAppend);
    const client = EventStoreDBClient.connectionString(double.connectionString);
    t.teardown(() => client.dispose());
    const stream = unique('append');
    const [a, b, c, d] = events(4) as [JSONEventData, JSONEventData, JSONEventData, JSONEventData];

    const first = await client.appendToStream(stream, [a, b], { expectedRevision: 'no_stream' });
    t.equal(first.nextExpectedRevision, 1n, 'revision of the last event');
    t.equal(first.position?.commit, first.position?.prepare, 'commit = prepare position');
    const read = [];
    for await (const e of client.readStream(stream)) read.push(e.event);
    t.equal(read[1]?.position?.commit, first.position?.commit, 'the position of the last event');
    t.ok((read[0]?.position?.commit ?? 0n) < (read[1]?.position?.commit ?? 0n), 'one per event');

    const conflict = async (expected: AppendExpectedRevision, message: string) => {
      const error = await rejection(
        client.appendToStream(stream, [c], { expectedRevision: expected }),
      );
      t.ok(error instanceof WrongExpectedVersionError, message);
      return error as WrongExpectedVersionError;
    };
    const noStream = await conflict('no_stream', 'no_stream on an existing stream');
    t.equal(noStream.streamName, stream, 'the reply names the stream (BatchAppend echoes it)');
    t.equal(noStream.actualVersion, 1n);
    t.equal(noStream.expectedVersion, 'no_stream');
    t.equal((await conflict(5n, 'a revision ahead')).actualVersion, 1n);
    t.equal((await conflict(0n, 'a stale revision')).actualVersion, 1n);
    const missing = await rejection(
      client.appendToStream(unique('missing'), [c], { expectedRevision: 'stream_exists' }),
    );
    t.equal((missing as WrongExpectedVersionError).actualVersion, 'no_stream', 'no stream yet');

    t.same(
      await client.appendToStream(stream, [a, b], { expectedRevision: 'no_stream' }),
      first,
      'same ids at the same expected revision: idempotent, same revision and position',
    );
    t.same(await client.appendToStream(stream, [a, b], { expectedRevision: 'any' }), first, 'any');
    t.equal(
      (await client.appendToStream(stream, [a], { expectedRevision: 'stream_exists' }))
        .nextExpectedRevision,
      0n,
      'stream_exists with a known first id: idempotent at that event',
    );
    t.type(
      await rejection(client.appendToStream(stream, [b, d], { expectedRevision: 'any' })),
      WrongExpectedVersionError,
      'any: first id known, a later one not: corrupted idempotency, reported as a conflict',
    );
    t.type(
      await rejection(client.appendToStream(stream, [a, d], { expectedRevision: 'no_stream' })),
      WrongExpectedVersionError,
      'behind the stream: a mismatch after the first id is a conflict too',
    );
    const atHead = await client.appendToStream(stream, [a], { expectedRevision: 1n });
    t.equal(atHead.nextExpectedRevision, 2n, 'at the current revision ids are not checked');
    const elsewhere = await client.appendToStream(unique('other'), [b], {
      expectedRevision: 'any',
    });
    t.equal(elsewhere.nextExpectedRevision, 0n, 'an id stored in another stream is written again');
  });

  t.test(`${path}: deleted streams and the size limit`, async (t) => {
    await double.setBatchAppend(batchAppend);
    const client = EventStoreDBClient.connectionString(double.connectionString);
    t.teardown(() => client.dispose());

    const soft = unique('soft');
    await client.appendToStream(soft, events(2), { expectedRevision: 'no_stream' });
    await client.deleteStream(soft, { expectedRevision: 1n });
    t.type(await rejection(readAll(client, soft)), StreamNotFoundError, 'soft-deleted: not found');
    const recreated = await client.appendToStream(soft, events(1), {
      expectedRevision: 'no_stream',
    });
    t.equal(recreated.nextExpectedRevision, 2n, 'recreated: revisions go on');
    t.same(
      (await readAll(client, soft)).map((e) => e.revision),
      [2n],
      'only the events after the delete are read',
    );
    const wrongDelete = await rejection(client.deleteStream(soft, { expectedRevision: 0n }));
    t.type(wrongDelete, WrongExpectedVersionError, 'delete checks the expected revision');
    t.equal((wrongDelete as WrongExpectedVersionError).actualVersion, 2n, 'from the trailers');

    const hard = unique('hard');
    await client.appendToStream(hard, events(1), { expectedRevision: 'no_stream' });
    await client.tombstoneStream(hard);
    const deleted = await rejection(
      client.appendToStream(hard, events(1), { expectedRevision: 'any' }),
    );
    t.type(deleted, StreamDeletedError, 'appending to a tombstoned stream');
    t.equal((deleted as StreamDeletedError).streamName, hard);
    t.type(await rejection(readAll(client, hard)), StreamDeletedError, 'reading it too');

    const big = [jsonEvent({ type: 'Big', data: { pad: 'x'.repeat(5000) } })];
    const tooBig = await rejection(client.appendToStream(unique('big'), big));
    t.type(tooBig, MaxAppendSizeExceededError, 'over MaxAppendSize');
    t.equal((tooBig as MaxAppendSizeExceededError).maxAppendSize, 4096);
  });
}

t.test('a server without idempotent positions answers a re-append without one', async (t) => {
  const old = await startEsdbDouble({ batchAppend: false, idempotentPosition: false });
  t.teardown(() => old.stop());
  const client = EventStoreDBClient.connectionString(old.connectionString);
  t.teardown(() => client.dispose());
  const stream = unique('old');
  const batch = events(2);
  const first = await client.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
  const again = await client.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
  t.equal(again.nextExpectedRevision, first.nextExpectedRevision);
  t.equal(again.position, undefined, 'no_position');
});

t.test('a failing call carries the exception trailer the client decodes', async (t) => {
  await double.setBatchAppend(false);
  const client = EventStoreDBClient.connectionString(double.connectionString);
  t.teardown(() => client.dispose());
  await double.setUnavailable(true);
  const error = (await rejection(client.appendToStream(unique('down'), events(1)))) as ServiceError;
  t.equal(error.code, status.UNAVAILABLE, 'not ready: UNAVAILABLE');
  await double.setUnavailable(false);
});

/** A writer that streams an Append without ever half-closing it, as a process that dies does. */
const abandonedAppend = `
const grpc = require('@grpc/grpc-js');
const { StreamsClient } = require('@eventstore/db-client/generated/streams_grpc_pb.js');
const pb = require('@eventstore/db-client/generated/streams_pb.js');
const shared = require('@eventstore/db-client/generated/shared_pb.js');
const [address, stream] = process.argv.slice(1);
const client = new StreamsClient(address, grpc.credentials.createInsecure());
const call = client.append(() => undefined);
const options = new pb.AppendReq.Options()
  .setStreamIdentifier(new shared.StreamIdentifier().setStreamName(Buffer.from(stream)))
  .setAny(new shared.Empty());
call.write(new pb.AppendReq().setOptions(options));
for (let i = 0; i < 100; i++) {
  const message = new pb.AppendReq.ProposedMessage()
    .setId(new shared.UUID().setString(require('node:crypto').randomUUID()))
    .setData(Buffer.from('{}'));
  message.getMetadataMap().set('type', 'Abandoned').set('content-type', 'application/json');
  call.write(new pb.AppendReq().setProposedMessage(message));
}
setTimeout(() => process.stdout.write('sent\\n'), 300);
setInterval(() => undefined, 1000);
`;

t.test('Append: a writer that dies before half-closing writes nothing', async (t) => {
  await double.setBatchAppend(false);
  const stream = unique('abandoned');
  const child = spawn(
    process.execPath,
    ['-e', abandonedAppend, `127.0.0.1:${double.port}`, stream],
    { cwd: dirname(fileURLToPath(import.meta.url)), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await once(child.stdout, 'data');
  child.kill('SIGKILL');
  await once(child, 'exit');
  await new Promise((resolve) => setTimeout(resolve, 200));
  const client = EventStoreDBClient.connectionString(double.connectionString);
  t.teardown(() => client.dispose());
  t.type(
    await rejection(readAll(client, stream)),
    StreamNotFoundError,
    'the stream was never written',
  );
});

async function readAll(client: EventStoreDBClient, stream: string) {
  const out = [];
  for await (const resolved of client.readStream(stream)) {
    if (resolved.event !== undefined) out.push(resolved.event);
  }
  return out;
}
