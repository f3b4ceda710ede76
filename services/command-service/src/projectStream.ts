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
  readonly events: readonly RecordedEvent[];
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

/** What is kept of a stream between commands: its recorded events, upcast and validated once. */
interface CachedStream {
  readonly events: RecordedEvent[];
  readonly foldable: FoldableEvent[];
  /** The fold of the first `folded` events, carried forward event by event as the stream grows. */
  state: ProjectState | null;
  folded: number;
  /** Whether the store has been read at least once (an empty cache knows nothing). */
  read: boolean;
  /** Reads of one stream run one after another, so two commands never append the same events. */
  reading: Promise<void>;
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
  constructor(readonly capacity = 2000) {}

  take(name: string): CachedStream {
    const cached = this.#streams.get(name) ?? {
      events: [],
      foldable: [],
      state: null,
      folded: 0,
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
    if (!cached?.read || (cached.events.at(-1)?.revision ?? null) !== expected) return;
    const first = result.nextExpectedRevision - BigInt(events.length) + 1n;
    const created = new Date().toISOString();
    events.forEach((e, i) => {
      cached.events.push({
        ...e,
        stream: name,
        revision: first + BigInt(i),
        position: result.position,
        created,
      });
      cached.foldable.push({ ...decided[i]!, eventId: e.id });
    });
    foldNew(cached);
  }
}

/** A first read folds in one pass; later ones evolve the kept state by the new events only. */
function foldNew(cached: CachedStream): ProjectState {
  if (cached.state === null) cached.state = foldEvents(cached.foldable);
  else
    for (const event of cached.foldable.slice(cached.folded))
      cached.state = evolveOwned(cached.state, event);
  cached.folded = cached.foldable.length;
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
  const readNew = async (): Promise<{ events: RecordedEvent[]; state: ProjectState }> => {
    if (!(options.trustCache && cached.read)) {
      const known = cached.events.at(-1)?.revision;
      const from = known === undefined ? {} : { fromRevision: known + 1n };
      for await (const recorded of store.readStream(name, from)) {
        const parsed = parseStoredEvent({
          type: recorded.type,
          data: recorded.data,
          schemaVersion: schemaVersionOf(recorded),
        });
        cached.events.push(recorded);
        cached.foldable.push({ ...parsed, eventId: recorded.id });
      }
      cached.read = true;
    }
    // The events of a read that failed halfway are folded by the next one.
    const state = foldNew(cached);
    // Taken now: a later read may add to the cache before this caller resumes.
    return { events: cached.events.slice(), state };
  };
  const run = cached.reading.then(readNew);
  // A failed read (store unavailable) must not block the next one.
  cached.reading = run.then(
    () => undefined,
    () => undefined,
  );
  const { events, state } = await run;
  const last = events.at(-1);
  const hash = last?.metadata['hash'];
  return {
    name,
    events,
    state,
    revision: last?.revision ?? null,
    lastHash: last === undefined ? null : typeof hash === 'string' ? hash : null,
  };
}
