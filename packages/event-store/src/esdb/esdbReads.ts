import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type Position,
  type ResolvedEvent,
  type StreamingRead,
} from '@eventstore/db-client';
import type { RecordedEvent } from '../eventStore.js';
import { MAX_POSITION, type ResolvedRead, type ResolvedReadAll } from '../readOptions.js';
import { translateEsdbError } from './esdbErrors.js';
import { toRecordedEvent } from './esdbRecorded.js';

type Resolved = ResolvedEvent | AllStreamResolvedEvent;

/** Commit and prepare positions coincide for the single-stream appends the port makes. */
export const atPosition = (position: bigint): Position => ({ commit: position, prepare: position });

/**
 * Iterates one of the client's read streams. When the iteration stops early it cancels the gRPC
 * call and lets what was already received drain away: a `for await` that simply breaks would leave
 * the call's stream paused and unconsumed, which the client's `dispose()` then waits for forever.
 */
async function* cancelling(read: StreamingRead<Resolved>): AsyncGenerator<Resolved> {
  let complete = false;
  try {
    for await (const resolved of read.iterator({ destroyOnReturn: false })) {
      yield resolved as Resolved;
    }
    complete = true;
  } finally {
    if (!complete) {
      read.on('error', () => undefined);
      await read.cancel();
      read.resume();
    }
  }
}

/** The port's events of a read, system events left out, client errors translated. */
async function* recorded(
  read: StreamingRead<Resolved>,
  doing: string,
): AsyncGenerator<RecordedEvent> {
  try {
    for await (const resolved of cancelling(read)) {
      const event = toRecordedEvent(resolved);
      if (event !== null) yield event;
    }
  } catch (error) {
    throw translateEsdbError(error, doing);
  }
}

export async function* readStreamEvents(
  client: EventStoreDBClient,
  stream: string,
  read: ResolvedRead,
): AsyncGenerator<RecordedEvent> {
  if (read.from === null || read.maxCount === 0) return;
  const fromRevision = !read.forwards && read.from === MAX_POSITION ? END : read.from;
  const source = client.readStream(stream, {
    fromRevision,
    direction: read.forwards ? FORWARDS : BACKWARDS,
    ...(Number.isFinite(read.maxCount) && { maxCount: read.maxCount }),
  });
  try {
    yield* recorded(source, `read stream '${stream}'`);
  } catch (error) {
    // A missing stream is a `stream_not_found` reply: the port reads it as an empty stream, and
    // a stream deleted in EventStoreDB (the port never deletes) reads the same way.
    if (error instanceof StreamNotFoundError || error instanceof StreamDeletedError) return;
    throw error;
  }
}

export async function* readAllEvents(
  client: EventStoreDBClient,
  read: ResolvedReadAll,
): AsyncGenerator<RecordedEvent> {
  const types = read.eventTypes;
  if (read.from === null || read.maxCount === 0) return;
  // The client's $all read takes no filter (only its subscriptions do): types are kept here.
  if (types === null) yield* readAllOfEveryType(client, read);
  else {
    let left = read.maxCount;
    for await (const event of readAllOfEveryType(client, { ...read, maxCount: Infinity })) {
      if (!types.has(event.type)) continue;
      yield event;
      if (--left === 0) return;
    }
  }
}

async function* readAllOfEveryType(
  client: EventStoreDBClient,
  read: ResolvedRead,
): AsyncGenerator<RecordedEvent> {
  const from = read.from;
  if (from === null || read.maxCount === 0) return;
  let left = read.maxCount;
  if (read.forwards) {
    const fromPosition = from === 0n ? START : atPosition(from);
    for await (const event of recorded(client.readAll({ fromPosition }), 'read all')) {
      yield event;
      if (--left === 0) return;
    }
    return;
  }
  if (from !== MAX_POSITION) {
    // EventStoreDB reads $all backwards from a position exclusively; the port includes it.
    const probe = client.readAll({ fromPosition: atPosition(from), maxCount: 1 });
    for await (const event of recorded(probe, 'read all')) {
      if (event.position !== from) break;
      yield event;
      if (--left === 0) return;
    }
  }
  const fromPosition = from === MAX_POSITION ? END : atPosition(from);
  const backwards = client.readAll({ fromPosition, direction: BACKWARDS });
  for await (const event of recorded(backwards, 'read all backwards')) {
    if (event.position >= from) continue;
    yield event;
    if (--left === 0) return;
  }
}

/** A one-off read the caller can abandon (its gRPC call is then cancelled). */
export interface Abandonable<T> {
  result: Promise<T>;
  cancel(): Promise<void>;
}

/**
 * Position of the last event of the log that is not a system event (0n when there is none), or
 * with `anyEvent` just proof that the server answers a read of $all.
 */
export function tailOfAll(client: EventStoreDBClient, anyEvent: boolean): Abandonable<bigint> {
  const read = client.readAll({
    fromPosition: END,
    direction: BACKWARDS,
    ...(anyEvent && { maxCount: 1 }),
  });
  const result = (async () => {
    try {
      for await (const resolved of cancelling(read)) {
        if (anyEvent) return 0n;
        const event = toRecordedEvent(resolved);
        if (event !== null) return event.position;
      }
      return 0n;
    } catch (error) {
      throw translateEsdbError(error, anyEvent ? 'ping' : 'head position');
    }
  })();
  return { result, cancel: () => read.cancel() };
}
