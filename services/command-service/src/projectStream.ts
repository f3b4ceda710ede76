import {
  evolveOwned,
  foldEvents,
  parseStoredEvent,
  type DomainEvent,
  type FoldableEvent,
  type ProjectState,
} from '@kawasan/domain';
import type { AppendResult, EventStore, RecordedEvent } from '@kawasan/event-store';
import { KeyedTurns } from './keyedTurns.js';

/** One stream per project (domain.md). */
export const streamOf = (projectId: string): string => `project-${projectId}`;

/** A project's stream as read for one decision. */
export interface ProjectStream {
  readonly name: string;
  /** The events written with an Idempotency-Key: all an idempotent replay needs of the past. */
  readonly keyed: readonly RecordedEvent[];
  readonly state: ProjectState;
  /** Revision of the last event; null when the stream does not exist. */
  readonly revision: bigint | null;
  /** The last event's chain hash; null when the stream does not exist. */
  readonly lastHash: string | null;
}

const schemaVersionOf = (event: RecordedEvent): number => {
  const version = event.metadata['schemaVersion'];
  return typeof version === 'number' ? version : 1;
};

const hashOf = (event: { metadata: Record<string, unknown> }): string | null => {
  const hash = event.metadata['hash'];
  return typeof hash === 'string' ? hash : null;
};

/**
 * What is kept of a stream between commands: the decision state and where the stream ends, not
 * its events (a stream's events took ~1.6 KB each in memory, so few streams fitted). Only the
 * events written with an Idempotency-Key are kept, to answer a retried request.
 */
interface CachedStream {
  readonly keyed: RecordedEvent[];
  /** Decoded events not folded into `state` yet (a read that failed halfway leaves some). */
  readonly unfolded: FoldableEvent[];
  /** The fold of every event up to `last`, carried forward event by event as the stream grows. */
  state: ProjectState | null;
  last: { revision: bigint; hash: string | null } | null;
  /** Whether the store has been read at least once (an empty cache knows nothing). */
  read: boolean;
  /** Reads of one stream run one after another, so two commands never append the same events. */
  reading: Promise<void>;
}

/** Takes one recorded (or just appended) event into the cache; `fold` it afterwards. */
function remember(cached: CachedStream, recorded: RecordedEvent, foldable: FoldableEvent): void {
  if (recorded.metadata['idempotencyKey'] !== undefined) cached.keyed.push(recorded);
  cached.unfolded.push(foldable);
  cached.last = { revision: recorded.revision, hash: hashOf(recorded) };
}

/**
 * Streams are append-only, so a command re-reads only what was appended since the last time
 * (by anyone: other instances, the CLI), instead of reading, parsing and validating the whole
 * history again; what this service appends itself goes straight in. Bounded: the least
 * recently used stream is forgotten first.
 */
export class StreamCache {
  readonly #streams = new Map<string, CachedStream>();
  /** One command at a time decides on a stream (see KeyedTurns). */
  readonly turns = new KeyedTurns();
  constructor(readonly capacity = 10_000) {}

  take(name: string): CachedStream {
    const cached = this.#streams.get(name) ?? {
      keyed: [],
      unfolded: [],
      state: null,
      last: null,
      read: false,
      reading: Promise.resolve(),
    };
    this.#streams.delete(name);
    this.#streams.set(name, cached);
    if (this.#streams.size > this.capacity)
      this.#streams.delete(this.#streams.keys().next().value!);
    return cached;
  }

  /**
   * Records events this service has just appended after `expected`, so the next command on the
   * stream need not read them back. Ignored when the cache has moved on (a read got them first).
   * Only the append's last position is known to the writer; each event is given it (replies,
   * rebuilt from these for an idempotent replay, use only the last).
   */
  appended(
    name: string,
    expected: bigint | null,
    events: readonly {
      id: string;
      type: string;
      data: unknown;
      metadata: Record<string, unknown>;
    }[],
    decided: readonly DomainEvent[],
    result: AppendResult,
  ): void {
    const cached = this.#streams.get(name);
    if (!cached?.read || (cached.last?.revision ?? null) !== expected) return;
    const first = result.nextExpectedRevision - BigInt(events.length) + 1n;
    const created = new Date().toISOString();
    events.forEach((e, i) => {
      const recorded = {
        ...e,
        stream: name,
        revision: first + BigInt(i),
        position: result.position,
        created,
      };
      remember(cached, recorded, { ...decided[i]!, eventId: e.id });
    });
    fold(cached);
  }
}

/** A first read folds in one pass; later ones evolve the kept state by the new events only. */
function fold(cached: CachedStream): ProjectState {
  if (cached.state === null) cached.state = foldEvents(cached.unfolded);
  else for (const event of cached.unfolded) cached.state = evolveOwned(cached.state, event);
  cached.unfolded.length = 0;
  return cached.state;
}

/**
 * Reads and folds a project's stream. Stored data is upcast and validated on the way in, and
 * each event carries its store id so a later retraction can name it. With `trustCache`, a stream
 * read before is not read again: the caller must append with the revision it got as the expected
 * revision (which catches anything it missed) and read afresh before refusing anything.
 */
export async function readProjectStream(
  store: EventStore,
  projectId: string,
  cache: StreamCache = new StreamCache(1),
  options: { trustCache?: boolean } = {},
): Promise<ProjectStream> {
  const name = streamOf(projectId);
  const cached = cache.take(name);
  const readNew = async (): Promise<Omit<ProjectStream, 'name'>> => {
    if (!(options.trustCache && cached.read)) {
      const from = cached.last === null ? {} : { fromRevision: cached.last.revision + 1n };
      for await (const recorded of store.readStream(name, from)) {
        const parsed = parseStoredEvent({
          type: recorded.type,
          data: recorded.data,
          schemaVersion: schemaVersionOf(recorded),
        });
        remember(cached, recorded, { ...parsed, eventId: recorded.id });
      }
      cached.read = true;
    }
    // The events of a read that failed halfway are folded by the next one.
    const state = fold(cached);
    // Taken now: a later read may add to the cache before this caller resumes.
    return {
      keyed: cached.keyed.slice(),
      state,
      revision: cached.last?.revision ?? null,
      lastHash: cached.last?.hash ?? null,
    };
  };
  const run = cached.reading.then(readNew);
  // A failed read (store unavailable) must not block the next one.
  cached.reading = run.then(
    () => undefined,
    () => undefined,
  );
  return { name, ...(await run) };
}
