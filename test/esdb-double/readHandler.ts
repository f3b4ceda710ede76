/**
 * Streams.Read: stream and $all reads in both directions (subscriptions: subscribeHandler.ts).
 * Semantics pinned to EventStoreDB (EventStore/EventStore, src/EventStore.Core/Services/Transport/
 * Grpc/Enumerators.Read*.cs and Storage/ReaderIndex/AllReader.cs):
 * - a missing or soft-deleted stream is a `stream_not_found` reply, a tombstoned one an error;
 * - reading $all forwards from a position includes the event at it, backwards excludes it;
 * - reading a stream backwards from past its end starts at the last event.
 */
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { DoubleState } from './doubleState.js';
import type { LoggedEvent } from './eventLog.js';
import { sharedPb, streamsPb } from './generated.js';
import { eventFilter } from './readFilters.js';
import { subscribe } from './subscribeHandler.js';
import { asTrackedCall, withStatus } from './trackedCall.js';
import { errors, eventResponse, send, streamName } from './wire.js';

type ReadCall = ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>;
type Options = streamsPb.ReadReq.Options;

const count = (options: Options): number => {
  const n = Number(options.getCount());
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
};

function readStream(state: DoubleState, options: Options): LoggedEvent[] | 'not_found' | 'deleted' {
  const streamOptions = options.getStream() as streamsPb.ReadReq.Options.StreamOptions;
  const name = streamName(streamOptions.getStreamIdentifier());
  const read = state.log.readStream(name);
  if (read.status !== 'ok') return read.status;
  const events = read.events;
  if (events.length === 0) return [];
  const first = events[0]?.revision ?? 0n;
  const forwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.FORWARDS;
  const max = count(options);
  const Case = streamsPb.ReadReq.Options.StreamOptions.RevisionOptionCase;
  const revisionCase = streamOptions.getRevisionOptionCase();
  if (forwards) {
    if (revisionCase === Case.END) return [];
    const from = revisionCase === Case.REVISION ? BigInt(streamOptions.getRevision()) : first;
    const start = Number(from > first ? from - first : 0n);
    return events.slice(start, start + max);
  }
  const last = events.length - 1;
  const from =
    revisionCase === Case.REVISION ? Number(BigInt(streamOptions.getRevision()) - first) : last;
  if (revisionCase === Case.START) return events.slice(0, 1).slice(0, max);
  if (from < 0) return [];
  return events
    .slice(Math.max(0, Math.min(from, last) - max + 1), Math.min(from, last) + 1)
    .reverse();
}

function readAllRange(state: DoubleState, options: Options): { from: number; step: 1 | -1 } {
  const all = options.getAll() as streamsPb.ReadReq.Options.AllOptions;
  const forwards = options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.FORWARDS;
  const Case = streamsPb.ReadReq.Options.AllOptions.AllOptionCase;
  const length = state.log.all.length;
  switch (all.getAllOptionCase()) {
    case Case.END:
      return forwards ? { from: length, step: 1 } : { from: length - 1, step: -1 };
    case Case.POSITION: {
      const position = BigInt(
        (all.getPosition() as streamsPb.ReadReq.Options.Position).getCommitPosition(),
      );
      const at = state.log.indexAtOrAfter(position);
      return forwards ? { from: at, step: 1 } : { from: at - 1, step: -1 };
    }
    default:
      return forwards ? { from: 0, step: 1 } : { from: -1, step: -1 };
  }
}

export async function handleRead(state: DoubleState, call: ReadCall): Promise<void> {
  if (state.mode === 'unavailable') {
    call.emit('error', errors.notReady());
    return;
  }
  const options = call.request.getOptions() as Options;
  const structured = options.getUuidOption()?.hasStructured() === true;
  if (options.hasSubscription()) return subscribe(state, call, options, structured);
  await asTrackedCall(state, call, async (failed) => {
    if (options.hasStream()) {
      const events = readStream(state, options);
      if (events === 'deleted') {
        const name = streamName(options.getStream()?.getStreamIdentifier());
        throw withStatus(errors.streamDeleted(name));
      }
      if (events === 'not_found') {
        const notFound = new streamsPb.ReadResp.StreamNotFound().setStreamIdentifier(
          options.getStream()?.getStreamIdentifier() ?? new sharedPb.StreamIdentifier(),
        );
        await send(call, new streamsPb.ReadResp().setStreamNotFound(notFound));
        return;
      }
      for (const event of events) {
        if (failed() !== null || !(await send(call, eventResponse(event, structured)))) return;
      }
      return;
    }
    const { from, step } = readAllRange(state, options);
    const matches = eventFilter(options);
    const snapshot = state.log.all.length;
    let left = count(options);
    for (let i = from < 0 ? snapshot - 1 : from; left > 0 && i >= 0 && i < snapshot; i += step) {
      const event = state.log.all[i] as LoggedEvent;
      if (matches !== null && !matches(event)) continue;
      left--;
      if (failed() !== null || !(await send(call, eventResponse(event, structured)))) return;
    }
  });
}
