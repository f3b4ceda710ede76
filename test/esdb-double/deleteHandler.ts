/**
 * Streams.Delete (soft delete) and Streams.Tombstone, with the expected-revision check of a
 * write; failures are statuses with an `exception` trailer (EventStore/EventStore
 * src/EventStore.Core/Services/Transport/Grpc/Streams.Delete.cs, RpcExceptions.cs).
 */
import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import type { DoubleState } from './doubleState.js';
import { streamsPb } from './generated.js';
import { errors, streamName } from './wire.js';
import { expectedVersion, refusal } from './writeRequests.js';

type DeleteLike = streamsPb.DeleteReq | streamsPb.TombstoneReq;
type DeleteResponse = streamsPb.DeleteResp | streamsPb.TombstoneResp;

export function handleDelete<Req extends DeleteLike, Resp extends DeleteResponse>(
  state: DoubleState,
  hard: boolean,
  respond: (commit: string) => Resp,
): (call: ServerUnaryCall<Req, Resp>, callback: sendUnaryData<Resp>) => void {
  return (call, callback) => {
    const refused = refusal(state, true);
    if (refused !== null) return callback(refused);
    const options = call.request.getOptions();
    if (options === undefined) return callback(errors.invalidOperation('no options'));
    const stream = streamName(options.getStreamIdentifier());
    const expected = expectedVersion(options);
    const outcome = state.log.delete(stream, expected, hard);
    switch (outcome.result) {
      case 'success':
        return callback(null, respond((outcome.position ?? 0n).toString()));
      case 'wrong_expected_version':
        return callback(errors.wrongExpectedVersion('Delete', stream, expected, outcome.current));
      case 'stream_deleted':
        return callback(errors.streamDeleted(stream));
    }
  };
}

export const deleteResponse = (commit: string): streamsPb.DeleteResp =>
  new streamsPb.DeleteResp().setPosition(
    new streamsPb.DeleteResp.Position().setCommitPosition(commit).setPreparePosition(commit),
  );

export const tombstoneResponse = (commit: string): streamsPb.TombstoneResp =>
  new streamsPb.TombstoneResp().setPosition(
    new streamsPb.TombstoneResp.Position().setCommitPosition(commit).setPreparePosition(commit),
  );
