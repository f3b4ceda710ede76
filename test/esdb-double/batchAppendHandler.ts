/**
 * Streams.BatchAppend: bidirectional; requests are grouped by correlation id, committed on
 * `is_final`, and each answered with the correlation id and the stream identifier echoed. Errors
 * are google.rpc.Status values with packed details (EventStore/EventStore src/EventStore.Core/
 * Services/Transport/Grpc/Streams.BatchAppend.cs and Status.cs).
 */
import type { ServerDuplexStream, ServiceError } from '@grpc/grpc-js';
import { track, type DoubleState } from './doubleState.js';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type ProposedEvent,
  type WriteOutcome,
} from './eventLog.js';
import { googlePb, sharedPb, streamsPb } from './generated.js';
import {
  batchStatus,
  errors,
  sizeOnDisk,
  streamIdentifier,
  streamName,
  uuidString,
} from './wire.js';
import { isServiceError, proposed, refusal } from './writeRequests.js';

interface PendingBatch {
  stream: string;
  expected: bigint;
  events: ProposedEvent[];
  size: number;
}

function batchOptions(options: streamsPb.BatchAppendReq.Options): {
  stream: string;
  expected: bigint;
} {
  const stream = streamName(options.getStreamIdentifier());
  const Case = streamsPb.BatchAppendReq.Options.ExpectedStreamPositionCase;
  switch (options.getExpectedStreamPositionCase()) {
    case Case.STREAM_POSITION:
      return { stream, expected: BigInt(options.getStreamPosition()) };
    case Case.NO_STREAM:
      return { stream, expected: NO_STREAM };
    case Case.ANY:
      return { stream, expected: ANY };
    case Case.STREAM_EXISTS:
      return { stream, expected: STREAM_EXISTS };
    default:
      throw new Error('expected stream position not set');
  }
}

function batchResult(outcome: WriteOutcome, batch: PendingBatch): streamsPb.BatchAppendResp {
  const response = new streamsPb.BatchAppendResp();
  switch (outcome.result) {
    case 'success': {
      const success = new streamsPb.BatchAppendResp.Success();
      if (outcome.lastRevision < 0n) success.setNoStream(new googlePb.Empty());
      else success.setCurrentRevision(outcome.lastRevision.toString());
      if (outcome.position === null) success.setNoPosition(new googlePb.Empty());
      else {
        const p = outcome.position.toString();
        success.setPosition(
          new sharedPb.AllStreamPosition().setCommitPosition(p).setPreparePosition(p),
        );
      }
      return response.setSuccess(success);
    }
    case 'wrong_expected_version':
      return response.setError(batchStatus.wrongExpectedVersion(outcome.current, batch.expected));
    case 'stream_deleted':
      return response.setError(batchStatus.streamDeleted(batch.stream));
  }
}

export function handleBatchAppend(
  state: DoubleState,
  call: ServerDuplexStream<streamsPb.BatchAppendReq, streamsPb.BatchAppendResp>,
): void {
  const refused = refusal(state, false);
  if (refused !== null) {
    call.emit('error', refused);
    return;
  }
  let ended = false;
  const end = (error: ServiceError | null): void => {
    if (ended) return;
    ended = true;
    untrack();
    if (error !== null) call.emit('error', error);
    else call.end();
  };
  const untrack = track(state, { fail: (error) => end(error) });
  const pending = new Map<string, PendingBatch>();
  call.on('data', (request: streamsPb.BatchAppendReq) => {
    if (ended) return;
    const correlation = request.getCorrelationId() ?? new sharedPb.UUID();
    const key = uuidString(correlation);
    const reply = (response: streamsPb.BatchAppendResp, stream: string): void => {
      call.write(
        response.setCorrelationId(correlation).setStreamIdentifier(streamIdentifier(stream)),
      );
    };
    let batch: PendingBatch | undefined;
    try {
      const options = request.getOptions();
      if (options !== undefined)
        pending.set(key, { ...batchOptions(options), events: [], size: 0 });
      batch = pending.get(key);
      if (batch === undefined) return;
      for (const message of request.getProposedMessagesList()) {
        const event = proposed(message);
        batch.size += sizeOnDisk(event.type, event.data, event.metadata);
        batch.events.push(event);
      }
      if (batch.size > state.maxAppendSize) {
        pending.delete(key);
        const tooBig = new streamsPb.BatchAppendResp().setError(
          batchStatus.maxAppendSize(state.maxAppendSize),
        );
        return reply(tooBig, batch.stream);
      }
      if (!request.getIsFinal()) return;
      pending.delete(key);
      // A follower answers writes of a leader-requiring client by failing the whole call.
      if (state.mode === 'not-leader') return end(errors.notLeader(state.host, state.port));
      reply(
        batchResult(state.log.append(batch.stream, batch.expected, batch.events), batch),
        batch.stream,
      );
    } catch (error) {
      pending.delete(key);
      const message = isServiceError(error) ? error.details : String(error);
      const bad = new streamsPb.BatchAppendResp().setError(batchStatus.badRequest(message));
      reply(bad, batch?.stream ?? '');
    }
  });
  call.on('end', () => end(null));
  call.on('cancelled', () => {
    ended = true;
    untrack();
  });
}
