/** Long-running calls the double can end from outside, and the statuses handlers end them with. */
import type { ServerWritableStream, ServiceError } from '@grpc/grpc-js';
import { track, type DoubleState } from './doubleState.js';
import { errors } from './wire.js';

/** Runs `body` as a tracked call: going unavailable ends it with that error. */
export async function asTrackedCall(
  state: DoubleState,
  call: ServerWritableStream<unknown, unknown>,
  body: (failed: () => ServiceError | null, onFail: (wake: () => void) => void) => Promise<void>,
): Promise<void> {
  let failure: ServiceError | null = null;
  let wake: (() => void) | null = null;
  const untrack = track(state, {
    fail: (error) => {
      failure = error;
      wake?.();
    },
  });
  try {
    await body(
      () => failure,
      (w) => {
        wake = w;
      },
    );
  } catch (error) {
    failure ??= rpcOf(error);
  } finally {
    untrack();
  }
  if (call.cancelled) return;
  if (failure !== null) call.emit('error', failure);
  else call.end();
}

/** Handlers throw `{ rpc }` errors to end a call with that status. */
export const withStatus = (rpc: ServiceError): Error =>
  Object.assign(new Error(rpc.details), { rpc });

const rpcOf = (error: unknown): ServiceError =>
  (error as { rpc?: ServiceError } | null)?.rpc ??
  errors.invalidOperation(error instanceof Error ? error.message : String(error));
