import type { Test } from 'tap';
import { DuplicateEventIdError, EventStoreError, WrongExpectedRevisionError } from '../errors.js';
import type { ExpectedRevision } from '../eventStore.js';

const settle = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => new Error('expected a rejection, but it resolved'),
    (error: unknown) => error,
  );

/** Asserts a WrongExpectedRevisionError naming exactly this stream, expectation and actual. */
export async function expectConflict(
  t: Test,
  promise: Promise<unknown>,
  conflict: { stream: string; expected: ExpectedRevision; actual: bigint | 'no_stream' },
  message: string,
): Promise<void> {
  const error = await settle(promise);
  if (!(error instanceof WrongExpectedRevisionError)) {
    t.fail(`${message}: got ${String(error)}`);
    return;
  }
  t.equal(error.code, 'wrong_expected_revision', `${message}: code`);
  t.equal(error.stream, conflict.stream, `${message}: stream`);
  t.equal(error.expected, conflict.expected, `${message}: expected`);
  t.equal(error.actual, conflict.actual, `${message}: actual`);
}

export async function expectDuplicate(
  t: Test,
  promise: Promise<unknown>,
  eventId: string,
  message: string,
): Promise<void> {
  const error = await settle(promise);
  t.ok(error instanceof DuplicateEventIdError, `${message}: ${String(error)}`);
  t.equal((error as DuplicateEventIdError).code, 'duplicate_event_id', `${message}: code`);
  t.equal((error as DuplicateEventIdError).eventId, eventId, `${message}: eventId`);
}

/** Asserts a rejection with the port error of this `code` (e.g. 'invalid_append'). */
export async function expectStoreError(
  t: Test,
  promise: Promise<unknown>,
  code: EventStoreError['code'],
  message: string,
): Promise<void> {
  const error = await settle(promise);
  t.ok(error instanceof EventStoreError, `${message}: ${String(error)}`);
  t.equal((error as EventStoreError).code, code, `${message}: code`);
}
