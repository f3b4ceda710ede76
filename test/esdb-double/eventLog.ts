/**
 * The double's storage: one in-memory transaction log ($all) and a per-stream index, with the write
 * rules of EventStoreDB's IndexWriter.CheckCommit (EventStore/EventStore,
 * src/EventStore.Core/Services/Storage/ReaderIndex/IndexWriter.cs), which is where its optimistic
 * concurrency and idempotency live:
 * - `any`/`stream_exists`: idempotent when the first event id is already in that stream, "corrupted
 *   idempotency" (reported as wrong expected version) when a later one is not, else written;
 * - an exact revision (or `no_stream`) below the current one: idempotent when the ids sit at
 *   expected+1.. in that stream, wrong expected version otherwise;
 * - above the current one: wrong expected version; equal: written, without looking at ids.
 * Events of one append are written one after another, each at its own log position, with commit
 * position = prepare position (IndexCommitter commits implicit transactions per prepare).
 */

import { randomUUID } from 'node:crypto';

/** EventStoreDB's ExpectedVersion constants (EventStore.Core.Data.ExpectedVersion). */
export const NO_STREAM = -1n;
export const ANY = -2n;
export const STREAM_EXISTS = -4n;
/** EventNumber.DeletedStream: the revision of a tombstone and the `$tb` of a soft delete. */
export const DELETED_STREAM = 9_223_372_036_854_775_807n;

export interface ProposedEvent {
  id: string;
  type: string;
  contentType: string;
  data: Uint8Array;
  metadata: Uint8Array;
}

export interface LoggedEvent extends ProposedEvent {
  stream: string;
  revision: bigint;
  /** Commit position; equal to the prepare position for these single-stream writes. */
  position: bigint;
  /** .NET ticks (100 ns) since the Unix epoch, as the gRPC API carries `created`. */
  created: bigint;
}

export type WriteOutcome =
  | { result: 'success'; lastRevision: bigint; position: bigint | null }
  | { result: 'wrong_expected_version'; current: bigint }
  | { result: 'stream_deleted' };

export type StreamRead =
  | { status: 'ok'; events: readonly LoggedEvent[] }
  | { status: 'not_found' }
  | { status: 'deleted' };

interface StreamState {
  /** Index = revision. Soft-deleted events stay (they are still in $all until a scavenge). */
  events: LoggedEvent[];
  tombstoned: boolean;
  /** `$tb` of the stream metadata: DELETED_STREAM while soft-deleted. */
  truncateBefore: bigint;
}

export interface EventLogOptions {
  now: () => number;
  /** Report the stored event's position on an idempotent re-append (newer servers) or none. */
  idempotentPosition: boolean;
}

const FIRST_POSITION = 128n;
const encoder = new TextEncoder();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class EventLog {
  /** $all in commit order. */
  readonly all: LoggedEvent[] = [];
  readonly #streams = new Map<string, StreamState>();
  /** IndexWriter's committed-events cache: event id to its (latest) stream and revision. */
  readonly #ids = new Map<string, { stream: string; revision: bigint }>();
  readonly #listeners = new Set<() => void>();
  readonly #options: EventLogOptions;
  #nextPosition = FIRST_POSITION;

  constructor(options: EventLogOptions) {
    this.#options = options;
  }

  /** Called after every commit; live subscriptions pull what is new. */
  onCommit(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  lastRevision(stream: string): bigint {
    const state = this.#streams.get(stream);
    return state === undefined ? NO_STREAM : BigInt(state.events.length) - 1n;
  }

  append(stream: string, expected: bigint, events: readonly ProposedEvent[]): WriteOutcome {
    // Ids are Guids on the server: compared and returned in their canonical lower-case form.
    const proposed = events.map((event) => ({ ...event, id: event.id.toLowerCase() }));
    for (const event of proposed) {
      if (!UUID.test(event.id)) throw new TypeError(`'${event.id}' is not a valid Guid`);
    }
    const decision = this.#checkCommit(stream, expected, proposed);
    if (decision.result !== 'write') return decision;
    const state = this.#state(stream);
    if (state.truncateBefore === DELETED_STREAM) {
      // Writing to a soft-deleted stream recreates it from the next revision on.
      state.truncateBefore = BigInt(state.events.length);
      this.#writeSystem(`$$${stream}`, '$metadata', `{"$tb":${state.truncateBefore}}`);
    }
    let last: LoggedEvent | undefined;
    for (const event of proposed) last = this.#write(stream, state, event);
    this.#notify();
    if (last === undefined) {
      return { result: 'success', lastRevision: this.lastRevision(stream), position: null };
    }
    return { result: 'success', lastRevision: last.revision, position: last.position };
  }

  /** Soft delete (`hard` false) or tombstone, with the expected-version check of a write. */
  delete(stream: string, expected: bigint, hard: boolean): WriteOutcome {
    const state = this.#streams.get(stream);
    if (state?.tombstoned === true) return { result: 'stream_deleted' };
    const current = this.lastRevision(stream);
    const ok =
      expected === ANY ||
      (expected === STREAM_EXISTS && current >= 0n) ||
      (expected >= NO_STREAM && expected === current);
    if (!ok) return { result: 'wrong_expected_version', current };
    const target = this.#state(stream);
    let written: LoggedEvent;
    if (hard) {
      target.tombstoned = true;
      written = this.#append({
        stream,
        revision: DELETED_STREAM,
        id: randomUUID(),
        type: '$streamDeleted',
        contentType: 'application/octet-stream',
        data: new Uint8Array(),
        metadata: new Uint8Array(),
      });
    } else {
      target.truncateBefore = DELETED_STREAM;
      written = this.#writeSystem(`$$${stream}`, '$metadata', `{"$tb":${DELETED_STREAM}}`);
    }
    this.#notify();
    return { result: 'success', lastRevision: current, position: written.position };
  }

  readStream(stream: string): StreamRead {
    const state = this.#streams.get(stream);
    if (state === undefined) return { status: 'not_found' };
    if (state.tombstoned) return { status: 'deleted' };
    if (state.truncateBefore === DELETED_STREAM) return { status: 'not_found' };
    return { status: 'ok', events: state.events.slice(Number(state.truncateBefore)) };
  }

  /** Index in $all of the first event at or after `position`. */
  indexAtOrAfter(position: bigint): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.all[mid]?.position ?? 0n) < position) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** System events a real node writes by itself (statistics, metadata), for $all to contain. */
  writeSystemEvent(stream: string, type: string, data: unknown): void {
    this.#writeSystem(stream, type, JSON.stringify(data));
    this.#notify();
  }

  #checkCommit(
    stream: string,
    expected: bigint,
    proposed: readonly ProposedEvent[],
  ): WriteOutcome | { result: 'write' } {
    const state = this.#streams.get(stream);
    if (state?.tombstoned === true) return { result: 'stream_deleted' };
    const current = this.lastRevision(stream);
    const softDeleted = state?.truncateBefore === DELETED_STREAM;
    if (expected === STREAM_EXISTS) {
      if (softDeleted) return { result: 'stream_deleted' };
      if (current < 0n) return { result: 'wrong_expected_version', current };
    }
    if (expected === ANY || expected === STREAM_EXISTS) {
      let last: bigint | null = null;
      for (const [i, event] of proposed.entries()) {
        const known = this.#ids.get(event.id);
        if (known === undefined || known.stream !== stream) {
          return i === 0 ? { result: 'write' } : { result: 'wrong_expected_version', current };
        }
        last = known.revision;
      }
      return last === null ? { result: 'write' } : this.#idempotent(stream, last);
    }
    if (expected < current) {
      let revision = expected;
      for (const event of proposed) {
        revision += 1n;
        if (state?.events[Number(revision)]?.id === event.id) continue;
        if (revision !== expected + 1n) return { result: 'wrong_expected_version', current };
        if (expected === NO_STREAM && softDeleted) return { result: 'write' };
        return { result: 'wrong_expected_version', current };
      }
      if (revision === expected) return { result: 'wrong_expected_version', current };
      return this.#idempotent(stream, revision);
    }
    if (expected > current) return { result: 'wrong_expected_version', current };
    return { result: 'write' };
  }

  #idempotent(stream: string, lastRevision: bigint): WriteOutcome {
    const event = this.#streams.get(stream)?.events[Number(lastRevision)];
    const position = this.#options.idempotentPosition ? (event?.position ?? null) : null;
    return { result: 'success', lastRevision, position };
  }

  #state(stream: string): StreamState {
    let state = this.#streams.get(stream);
    if (state === undefined) {
      state = { events: [], tombstoned: false, truncateBefore: 0n };
      this.#streams.set(stream, state);
    }
    return state;
  }

  #write(stream: string, state: StreamState, event: ProposedEvent): LoggedEvent {
    const logged = this.#append({ ...event, stream, revision: BigInt(state.events.length) });
    state.events.push(logged);
    this.#ids.set(logged.id, { stream, revision: logged.revision });
    return logged;
  }

  #writeSystem(stream: string, type: string, jsonText: string): LoggedEvent {
    const state = this.#state(stream);
    return this.#write(stream, state, {
      id: randomUUID(),
      type,
      contentType: 'application/json',
      data: encoder.encode(jsonText),
      metadata: new Uint8Array(),
    });
  }

  #append(event: Omit<LoggedEvent, 'position' | 'created'>): LoggedEvent {
    const logged: LoggedEvent = {
      ...event,
      id: event.id.toLowerCase(),
      position: this.#nextPosition,
      created: BigInt(this.#options.now()) * 10_000n,
    };
    // Positions are byte offsets in the log: growing, not contiguous.
    const size = 80 + event.stream.length + event.type.length + event.data.length;
    this.#nextPosition += BigInt(size + event.metadata.length + ((8 - (size % 8)) % 8));
    this.all.push(logged);
    return logged;
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}
