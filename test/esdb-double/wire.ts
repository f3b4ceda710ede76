/**
 * Conversions between the double's log and the gRPC messages, and the errors EventStoreDB raises.
 * Error shapes follow EventStore/EventStore src/EventStore.Core/Services/Transport/Grpc/
 * RpcExceptions.cs (status + `exception` trailer) and Status.cs (BatchAppend's google.rpc.Status
 * with packed details); the client decodes them in dist/utils/CommandError.js and
 * dist/streams/appendToStream/unpackError.js.
 */
import { Metadata, status, type ServiceError, type ServerWritableStream } from '@grpc/grpc-js';
import { ANY, NO_STREAM, STREAM_EXISTS, type LoggedEvent } from './eventLog.js';
import { codePb, googlePb, sharedPb, statusPb, streamsPb, type GoogleAny } from './generated.js';

const decoder = new TextDecoder();

export const streamName = (identifier: sharedPb.StreamIdentifier | undefined): string =>
  decoder.decode(identifier?.getStreamName_asU8() ?? new Uint8Array());

export const streamIdentifier = (name: string): sharedPb.StreamIdentifier =>
  new sharedPb.StreamIdentifier().setStreamName(new TextEncoder().encode(name));

export function uuidString(uuid: sharedPb.UUID | undefined): string {
  if (uuid === undefined) return '';
  if (uuid.hasString()) return uuid.getString().toLowerCase();
  const structured = uuid.getStructured();
  if (structured === undefined) return '';
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
  bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function uuidMessage(id: string, structured: boolean): sharedPb.UUID {
  const uuid = new sharedPb.UUID();
  if (!structured) return uuid.setString(id);
  const bytes = Buffer.from(id.replaceAll('-', ''), 'hex');
  return uuid.setStructured(
    new sharedPb.UUID.Structured()
      .setMostSignificantBits(bytes.readBigInt64BE(0).toString())
      .setLeastSignificantBits(bytes.readBigInt64BE(8).toString()),
  );
}

/** A ReadResp carrying one event, positions as u64 decimal strings, `created` in .NET ticks. */
export function eventResponse(event: LoggedEvent, structuredIds: boolean): streamsPb.ReadResp {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.id, structuredIds))
    .setStreamIdentifier(streamIdentifier(event.stream))
    .setStreamRevision(event.revision.toString())
    .setCommitPosition(event.position.toString())
    .setPreparePosition(event.position.toString())
    .setData(event.data)
    .setCustomMetadata(event.metadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.created.toString());
  const read = new streamsPb.ReadResp.ReadEvent()
    .setEvent(recorded)
    .setCommitPosition(event.position.toString());
  return new streamsPb.ReadResp().setEvent(read);
}

export function rpcError(
  code: status,
  details: string,
  trailers: Record<string, string> = {},
): ServiceError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(`${code} ${details}`), { code, details, metadata });
}

export const errors = {
  notReady: () => rpcError(status.UNAVAILABLE, 'Server Is Not Ready'),
  notLeader: (host: string, port: number) =>
    rpcError(status.NOT_FOUND, 'Leader info available', {
      exception: 'not-leader',
      'leader-endpoint-host': host,
      'leader-endpoint-port': String(port),
    }),
  streamDeleted: (stream: string) =>
    rpcError(status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, {
      exception: 'stream-deleted',
      'stream-name': stream,
    }),
  wrongExpectedVersion: (operation: string, stream: string, expected: bigint, actual: bigint) =>
    rpcError(
      status.FAILED_PRECONDITION,
      `${operation} failed due to WrongExpectedVersion. Stream: ${stream}, Expected version: ${expected}, Actual version: ${actual}`,
      {
        exception: 'wrong-expected-version',
        'stream-name': stream,
        'expected-version': expected.toString(),
        'actual-version': actual.toString(),
      },
    ),
  maxAppendSize: (max: number) =>
    rpcError(status.INVALID_ARGUMENT, `Maximum Append Size of ${max} Exceeded.`, {
      exception: 'maximum-append-size-exceeded',
      'maximum-append-size': String(max),
    }),
  missingMetadata: () =>
    rpcError(status.INVALID_ARGUMENT, "Required Metadata Property 'type' is missing", {
      exception: 'missing-required-metadata-property',
      'required-metadata-properties': 'type,content-type',
    }),
  invalidOperation: (details: string) => rpcError(status.UNKNOWN, details),
};

function packed(message: { serializeBinary(): Uint8Array }, typeName: string): GoogleAny {
  const any = new googlePb.Any();
  any.pack(message.serializeBinary(), `event_store.client.${typeName}`);
  return any;
}

/** BatchAppend's error statuses (google.rpc.Status with the details packed in an Any). */
export const batchStatus = {
  wrongExpectedVersion(current: bigint, expected: bigint): statusPb.Status {
    const details = new sharedPb.WrongExpectedVersion();
    if (current === NO_STREAM) details.setCurrentNoStream(new googlePb.Empty());
    else details.setCurrentStreamRevision(current.toString());
    if (expected === ANY) details.setExpectedAny(new googlePb.Empty());
    else if (expected === STREAM_EXISTS) details.setExpectedStreamExists(new googlePb.Empty());
    else if (expected === NO_STREAM) details.setExpectedNoStream(new googlePb.Empty());
    else details.setExpectedStreamPosition(expected.toString());
    return new statusPb.Status()
      .setCode(codePb.Code.ALREADY_EXISTS)
      .setMessage('WrongExpectedVersion')
      .setDetails(packed(details, 'WrongExpectedVersion'));
  },
  streamDeleted(stream: string): statusPb.Status {
    const details = new sharedPb.StreamDeleted().setStreamIdentifier(streamIdentifier(stream));
    return new statusPb.Status()
      .setCode(codePb.Code.NOT_FOUND)
      .setMessage('StreamDeleted')
      .setDetails(packed(details, 'StreamDeleted'));
  },
  maxAppendSize(max: number): statusPb.Status {
    const details = new sharedPb.MaximumAppendSizeExceeded().setMaxappendsize(max);
    return new statusPb.Status()
      .setCode(codePb.Code.INVALID_ARGUMENT)
      .setMessage('MaximumAppendSizeExceeded')
      .setDetails(packed(details, 'MaximumAppendSizeExceeded'));
  },
  badRequest(message: string): statusPb.Status {
    const details = new sharedPb.BadRequest().setMessage(message);
    return new statusPb.Status()
      .setCode(codePb.Code.INVALID_ARGUMENT)
      .setMessage('BadRequest')
      .setDetails(packed(details, 'BadRequest'));
  },
};

/** Writes with backpressure; resolves false once the call is gone (cancelled or dropped). */
export async function send<T>(
  call: ServerWritableStream<unknown, T>,
  message: T,
): Promise<boolean> {
  if (call.cancelled || call.destroyed) return false;
  if (call.write(message)) return true;
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      call.off('drain', onDrain);
      call.off('cancelled', onGone);
      call.off('close', onGone);
      resolve(ok);
    };
    const onDrain = done(true);
    const onGone = done(false);
    call.once('drain', onDrain);
    call.once('cancelled', onGone);
    call.once('close', onGone);
  });
}

/** Size of an event as EventStoreDB counts it against MaxAppendSize (Event.SizeOnDisk, roughly). */
export const sizeOnDisk = (type: string, data: Uint8Array, metadata: Uint8Array): number =>
  data.length + metadata.length + type.length * 2;
