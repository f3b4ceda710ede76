/** Parsing of write requests shared by Append, BatchAppend, Delete and Tombstone. */
import type { ServiceError } from '@grpc/grpc-js';
import type { DoubleState } from './doubleState.js';
import { ANY, NO_STREAM, STREAM_EXISTS, type ProposedEvent } from './eventLog.js';
import type { streamsPb } from './generated.js';
import { errors, uuidString } from './wire.js';

interface ExpectedOption {
  getExpectedStreamRevisionCase(): number;
  getRevision(): string;
}

/** Append, Delete and Tombstone options share field numbers 2 (revision) to 5 (stream_exists). */
export function expectedVersion(options: ExpectedOption): bigint {
  switch (options.getExpectedStreamRevisionCase()) {
    case 2:
      return BigInt(options.getRevision());
    case 3:
      return NO_STREAM;
    case 4:
      return ANY;
    case 5:
      return STREAM_EXISTS;
    default:
      throw new Error('expected stream revision not set');
  }
}

export function proposed(
  message: streamsPb.AppendReq.ProposedMessage | streamsPb.BatchAppendReq.ProposedMessage,
): ProposedEvent {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (type === undefined || contentType === undefined) throw errors.missingMetadata();
  return {
    id: uuidString(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

/** Refuses calls the way a node that is not ready (or not the leader, for writes) does. */
export function refusal(state: DoubleState, write: boolean): ServiceError | null {
  if (state.mode === 'unavailable') return errors.notReady();
  if (write && state.mode === 'not-leader') return errors.notLeader(state.host, state.port);
  return null;
}

export const isServiceError = (e: unknown): e is ServiceError =>
  e instanceof Error && typeof (e as { code?: unknown }).code === 'number';
