import type { ServiceError } from '@grpc/grpc-js';
import type { EventLog } from './eventLog.js';

export type DoubleMode = 'available' | 'unavailable' | 'not-leader';

/** A long-running call the double can end from outside (going unavailable). */
export interface ActiveCall {
  fail(error: ServiceError): void;
}

/** What every handler of the double shares. */
export interface DoubleState {
  readonly log: EventLog;
  mode: DoubleMode;
  /** Whether ServerFeatures lists Streams/BatchAppend and the method exists at all. */
  batchAppend: boolean;
  /** EventStoreDB's MaxAppendSize (its default is 1 MiB). */
  maxAppendSize: number;
  readonly host: string;
  port: number;
  readonly calls: Set<ActiveCall>;
  /** How many subscriptions (Read with the subscription option) were started. */
  subscriptionsStarted: number;
}

/** Registers a streaming call until it ends; returns the unregister function. */
export function track(state: DoubleState, call: ActiveCall): () => void {
  state.calls.add(call);
  return () => state.calls.delete(call);
}
