import { DuplicateEventIdError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, ExpectedRevision } from '../eventStore.js';
import type { PreparedEvent } from '../prepareAppend.js';
import { isUniqueViolation } from './sqliteErrors.js';
import type { Statements, StoredRef } from './sqliteStatements.js';

export interface PreparedAppend {
  stream: string;
  events: PreparedEvent[];
  expectedRevision: ExpectedRevision;
}

function checkExpectedRevision(
  stream: string,
  expected: ExpectedRevision,
  head: StoredRef | undefined,
): void {
  const actual = head?.revision ?? 'no_stream';
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && head === undefined) ||
    (expected === 'stream_exists' && head !== undefined) ||
    expected === actual;
  if (!ok) throw new WrongExpectedRevisionError(stream, expected, actual);
}

/**
 * The first event's id is already stored. Like EventStoreDB, a re-append of the same ids, in the
 * same order, at the place the expected revision points to (anywhere for any/stream_exists) is a
 * no-op answering the original result; anything else is a conflict.
 */
function replayOrReject(
  s: Statements,
  append: PreparedAppend,
  found: StoredRef,
  head: StoredRef | undefined,
): AppendResult {
  const { stream, events, expectedRevision } = append;
  if (found.stream !== stream) throw new DuplicateEventIdError(stream, found.id);
  const place =
    expectedRevision === 'no_stream'
      ? 0n
      : typeof expectedRevision === 'bigint'
        ? expectedRevision + 1n
        : found.revision;
  if (found.revision === place) {
    const stored = s.streamRefsFrom.all(stream, found.revision, events.length);
    const last = stored[stored.length - 1];
    const same = stored.length === events.length && stored.every((r, i) => r.id === events[i]?.id);
    if (same && last !== undefined) {
      return { nextExpectedRevision: last.revision, position: last.position };
    }
  }
  throw new WrongExpectedRevisionError(stream, expectedRevision, head?.revision ?? 'no_stream');
}

/** An id further into the batch clashed with a stored event: say where it lives. */
function rejectClash(
  s: Statements,
  append: PreparedAppend,
  id: string,
  head: StoredRef | undefined,
) {
  const found = s.byId.get(id);
  if (found !== undefined && found.stream !== append.stream) {
    return new DuplicateEventIdError(append.stream, id);
  }
  return new WrongExpectedRevisionError(
    append.stream,
    append.expectedRevision,
    head?.revision ?? 'no_stream',
  );
}

/**
 * The whole append, run inside one BEGIN IMMEDIATE transaction by the caller (so it holds the
 * write lock throughout). Kept as the single write path so group commit can wrap it later.
 */
export function appendInTransaction(
  s: Statements,
  append: PreparedAppend,
  created: string,
): AppendResult {
  const { stream, events } = append;
  const head = s.streamHead.get(stream);
  const first = events[0];
  if (first === undefined) throw new TypeError('appendInTransaction: no events');
  const found = s.byId.get(first.id);
  if (found !== undefined) return replayOrReject(s, append, found, head);
  checkExpectedRevision(stream, append.expectedRevision, head);
  let revision = head === undefined ? 0n : head.revision + 1n;
  let position = 0n;
  for (const e of events) {
    try {
      const info = s.insert.run(
        stream,
        revision,
        e.id,
        e.type,
        e.dataJson,
        e.metadataJson,
        created,
      );
      position = BigInt(info.lastInsertRowid);
    } catch (error) {
      // Throwing rolls the whole transaction back, so a clash mid-batch writes nothing.
      if (isUniqueViolation(error)) throw rejectClash(s, append, e.id, head);
      throw error;
    }
    revision += 1n;
  }
  return { nextExpectedRevision: revision - 1n, position };
}
