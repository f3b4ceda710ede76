/**
 * Streams.Append: client streaming, options first, then one message per event, committed when
 * the client half-closes. Reply shape after EventStore/EventStore src/EventStore.Core/Services/
 * Transport/Grpc/Streams.Append.cs: a wrong expected version is a reply field (current and
 * deprecated 20.6.0 fields), a deleted stream a status with an `exception` trailer.
 */
import type { sendUnaryData, ServerReadableStream, ServiceError } from '@grpc/grpc-js';
import { track, type DoubleState } from './doubleState.js';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type ProposedEvent,
  type WriteOutcome,
} from './eventLog.js';
import { sharedPb, streamsPb } from './generated.js';
import { errors, sizeOnDisk, streamName } from './wire.js';
import { expectedVersion, isServiceError, proposed, refusal } from './writeRequests.js';

function appendResponse(outcome: WriteOutcome, expected: bigint): streamsPb.AppendResp {
  const response = new streamsPb.AppendResp();
  if (outcome.result === 'success') {
    const success = new streamsPb.AppendResp.Success();
    if (outcome.lastRevision < 0n) success.setNoStream(new sharedPb.Empty());
    else success.setCurrentRevision(outcome.lastRevision.toString());
    if (outcome.position === null) success.setNoPosition(new sharedPb.Empty());
    else {
      const p = outcome.position.toString();
      success.setPosition(
        new streamsPb.AppendResp.Position().setCommitPosition(p).setPreparePosition(p),
      );
    }
    return response.setSuccess(success);
  }
  if (outcome.result !== 'wrong_expected_version') throw new Error('unreachable');
  // The server fills both the current fields and the deprecated 20.6.0 ones.
  const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
  if (outcome.current === NO_STREAM) {
    wrong.setCurrentNoStream(new sharedPb.Empty()).setNoStream2060(new sharedPb.Empty());
  } else {
    wrong
      .setCurrentRevision(outcome.current.toString())
      .setCurrentRevision2060(Number(outcome.current));
  }
  if (expected === ANY) wrong.setExpectedAny(new sharedPb.Empty()).setAny2060(new sharedPb.Empty());
  else if (expected === STREAM_EXISTS) {
    wrong.setExpectedStreamExists(new sharedPb.Empty()).setStreamExists2060(new sharedPb.Empty());
  } else if (expected === NO_STREAM) wrong.setExpectedNoStream(new sharedPb.Empty());
  else wrong.setExpectedRevision(expected.toString()).setExpectedRevision2060(Number(expected));
  return response.setWrongExpectedVersion(wrong);
}

/**
 * Whether the request stream ended because its connection died rather than by the client's
 * half-close. Node ends an HTTP/2 stream's readable side when the stream closes, and grpc-js
 * passes that on as a half-close, so a writer killed mid-append would look like a finished one;
 * EventStoreDB's server sees an aborted request and writes nothing. The HTTP/2 stream tells:
 * after a real half-close it stays open until the reply is sent.
 */
function diedMidRequest(call: object): boolean {
  let node: unknown = call;
  for (let depth = 0; depth < 6 && typeof node === 'object' && node !== null; depth++) {
    const stream = (node as { stream?: { closed?: unknown; aborted?: unknown } }).stream;
    if (typeof stream?.closed === 'boolean') return stream.closed || stream.aborted === true;
    const next = node as { nextCall?: unknown; call?: unknown };
    node = next.nextCall ?? next.call;
  }
  return false;
}

export function handleAppend(
  state: DoubleState,
  call: ServerReadableStream<streamsPb.AppendReq, streamsPb.AppendResp>,
  callback: sendUnaryData<streamsPb.AppendResp>,
): void {
  let done = false;
  const finish = (error: ServiceError | null, response?: streamsPb.AppendResp): void => {
    if (done) return;
    done = true;
    untrack();
    if (error !== null) callback(error);
    else callback(null, response);
  };
  const untrack = track(state, { fail: (error) => finish(error) });
  const refused = refusal(state, true);
  if (refused !== null) return finish(refused);
  let options: streamsPb.AppendReq.Options | undefined;
  const events: ProposedEvent[] = [];
  let size = 0;
  call.on('data', (request: streamsPb.AppendReq) => {
    if (done) return;
    try {
      if (options === undefined) {
        if (!request.hasOptions()) throw errors.invalidOperation('first message is not options');
        options = request.getOptions();
        return;
      }
      const message = request.getProposedMessage();
      if (message === undefined) throw errors.invalidOperation('expected a proposed message');
      const event = proposed(message);
      size += sizeOnDisk(event.type, event.data, event.metadata);
      if (size > state.maxAppendSize) throw errors.maxAppendSize(state.maxAppendSize);
      events.push(event);
    } catch (error) {
      finish(isServiceError(error) ? error : errors.invalidOperation(String(error)));
    }
  });
  call.on('end', () => {
    if (done) return;
    if (diedMidRequest(call)) return finish(errors.invalidOperation('connection lost'));
    if (options === undefined) return finish(errors.invalidOperation('no options'));
    const stream = streamName(options.getStreamIdentifier());
    try {
      const expected = expectedVersion(options);
      const outcome = state.log.append(stream, expected, events);
      if (outcome.result === 'stream_deleted') return finish(errors.streamDeleted(stream));
      finish(null, appendResponse(outcome, expected));
    } catch (error) {
      finish(errors.invalidOperation(error instanceof Error ? error.message : String(error)));
    }
  });
  // A client that goes away before half-closing wrote nothing.
  call.on('cancelled', () => finish(errors.invalidOperation('cancelled')));
  call.on('error', () => finish(errors.invalidOperation('call failed')));
}
