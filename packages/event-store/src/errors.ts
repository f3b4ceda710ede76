import type { ExpectedRevision } from './eventStore.js';

/** Stable codes callers (and the HTTP layer) can switch on without instanceof across realms. */
export type EventStoreErrorCode =
  'wrong_expected_revision' | 'duplicate_event_id' | 'store_unavailable' | 'invalid_append';

export class EventStoreError extends Error {
  readonly code: EventStoreErrorCode;

  constructor(code: EventStoreErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'EventStoreError';
    this.code = code;
  }
}

export const isEventStoreError = (e: unknown): e is EventStoreError => e instanceof EventStoreError;

const describeRevision = (r: ExpectedRevision | 'no_stream'): string =>
  typeof r === 'bigint' ? r.toString() : r;

export class WrongExpectedRevisionError extends EventStoreError {
  readonly stream: string;
  readonly expected: ExpectedRevision;
  /** The stream's last revision when the append was attempted. */
  readonly actual: bigint | 'no_stream';

  constructor(stream: string, expected: ExpectedRevision, actual: bigint | 'no_stream') {
    super(
      'wrong_expected_revision',
      `stream '${stream}': expected revision ${describeRevision(expected)}, actual ${describeRevision(actual)}`,
    );
    this.name = 'WrongExpectedRevisionError';
    this.stream = stream;
    this.expected = expected;
    this.actual = actual;
  }
}

/** The event id is already stored in another stream. */
export class DuplicateEventIdError extends EventStoreError {
  readonly stream: string;
  readonly eventId: string;

  constructor(stream: string, eventId: string) {
    super(
      'duplicate_event_id',
      `event id ${eventId} appended to stream '${stream}' is already stored elsewhere`,
    );
    this.name = 'DuplicateEventIdError';
    this.stream = stream;
    this.eventId = eventId;
  }
}

/** Disk full, read-only, I/O error, cannot open, busy past the timeout, closed store. */
export class StoreUnavailableError extends EventStoreError {
  constructor(message: string, options?: ErrorOptions) {
    super('store_unavailable', message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** The append request itself is malformed; nothing was written. */
export class InvalidAppendError extends EventStoreError {
  constructor(message: string, options?: ErrorOptions) {
    super('invalid_append', message, options);
    this.name = 'InvalidAppendError';
  }
}
