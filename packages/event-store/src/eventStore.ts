/**
 * The event-store port. Adapters (SQLite now, EventStoreDB later) implement `EventStore`; the
 * shared contract suite in `src/testing` pins down the behaviour every adapter must have.
 */

/** `bigint`: the stream's last revision must equal it (revisions are 0-based). */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface EventToAppend {
  /** A UUID; stored in lower case. Unique across the whole store. */
  id: string;
  type: string;
  /** Any JSON value. */
  data: unknown;
  metadata: Record<string, unknown>;
}

export interface RecordedEvent {
  stream: string;
  /** 0-based position inside the stream. */
  revision: bigint;
  /** Global commit order, > 0. Not necessarily contiguous. */
  position: bigint;
  id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  /** ISO instant at which the store committed the event. */
  created: string;
}

export interface AppendResult {
  /** Revision of the last event appended. */
  nextExpectedRevision: bigint;
  /** Global position of the last event appended. */
  position: bigint;
}

export interface AppendOptions {
  expectedRevision: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** Inclusive. Defaults to 'start' forwards and 'end' backwards. */
  fromRevision?: bigint | 'start' | 'end';
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Inclusive, like EventStoreDB's $all read. Defaults to 'start' forwards, 'end' backwards. */
  fromPosition?: bigint | 'start' | 'end';
  direction?: 'forwards' | 'backwards';
  /** Counts the events delivered (those of `eventTypes` when given). */
  maxCount?: number;
  /** Only events of these types, still in position order (every type when absent). */
  eventTypes?: readonly string[];
}

export interface SubscribeOptions {
  /** Exclusive: delivery starts after this position, like EventStoreDB. Defaults to 'start'. */
  fromPosition?: bigint | 'start';
  /** Only events whose stream name starts with this prefix are delivered. */
  streamPrefix?: string;
  /**
   * Only these metadata keys are delivered, in their stored order (every key when absent). A
   * subscriber that folds millions of events asks for what it reads: the rest (hashes, request
   * ids) is then neither handed over nor kept for the garbage collector.
   */
  metadataKeys?: readonly string[];
}

/** Catch-up then live, in commit order, at least once. `close()` ends the iteration cleanly. */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  /** Atomic: all events or none. Re-appending the same ids at the same place is a no-op. */
  append(
    stream: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult>;
  /** A missing stream yields nothing. */
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  /** Position of the last committed event, 0n when the store is empty. */
  headPosition(): Promise<bigint>;
  /** Throws StoreUnavailableError when the store cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
