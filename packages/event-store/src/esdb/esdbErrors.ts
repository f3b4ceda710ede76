import { convertToCommandError } from '@eventstore/db-client';
import {
  InvalidAppendError,
  isEventStoreError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '../errors.js';
import type { ExpectedRevision } from '../eventStore.js';

/**
 * Client error types (`error.type`, see the client's utils/CommandError) that mean "the store
 * cannot serve this now": the node is down or not ready, not the leader, too slow, dropped the
 * call, or refuses our credentials. Callers may retry these; subscriptions resubscribe.
 */
const UNAVAILABLE_TYPES = new Set([
  'unavailable',
  'deadline-exceeded',
  'not-leader',
  'cancelled',
  'timeout',
  'access-denied',
]);

/** gRPC status codes with the same meaning when the client leaves them unconverted. */
const UNAVAILABLE_CODES = new Set([
  1, // CANCELLED by the server or the connection
  4, // DEADLINE_EXCEEDED
  8, // RESOURCE_EXHAUSTED
  10, // ABORTED
  14, // UNAVAILABLE
  16, // UNAUTHENTICATED
]);

export interface AppendContext {
  stream: string;
  expected: ExpectedRevision;
}

const describe = (error: unknown): string =>
  error instanceof Error ? error.message : JSON.stringify(error);

/**
 * Maps an error of `@eventstore/db-client` (or of gRPC under it) to the port's errors. Anything
 * unrecognised passes through unchanged so bugs stay visible.
 */
export function translateEsdbError(error: unknown, doing: string, append?: AppendContext): unknown {
  if (isEventStoreError(error) || typeof error !== 'object' || error === null) return error;
  const converted = convertToCommandError(error as Error) as {
    type?: unknown;
    code?: unknown;
    actualVersion?: unknown;
  };
  const type = typeof converted.type === 'string' ? converted.type : undefined;
  if (type === 'wrong-expected-version' && append !== undefined) {
    const actual = converted.actualVersion;
    // The trailer form reports a missing stream as -1.
    const current = typeof actual === 'bigint' && actual >= 0n ? actual : 'no_stream';
    return new WrongExpectedRevisionError(append.stream, append.expected, current);
  }
  if (type === 'maximum-append-size-exceeded' && append !== undefined) {
    return new InvalidAppendError(
      `append to '${append.stream}' is larger than the server's MaxAppendSize: ${describe(error)}`,
      { cause: error },
    );
  }
  if (type === 'stream-deleted' && append !== undefined) {
    return new InvalidAppendError(`stream '${append.stream}' is deleted in EventStoreDB`, {
      cause: error,
    });
  }
  const code = typeof converted.code === 'number' ? converted.code : undefined;
  if (
    (type !== undefined && UNAVAILABLE_TYPES.has(type)) ||
    (code !== undefined && UNAVAILABLE_CODES.has(code))
  ) {
    return new StoreUnavailableError(`${doing}: ${describe(error)}`, { cause: error });
  }
  return error;
}

/** The connection was lost (dropped, refused, reset) rather than the server answering no. */
export function isConnectionLoss(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || isEventStoreError(error)) return false;
  const type = (convertToCommandError(error as Error) as { type?: unknown }).type;
  return type === 'unavailable' || type === 'cancelled';
}
