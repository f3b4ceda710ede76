import { evolve, initialState, parseStoredEvent, type ProjectState } from '@kawasan/domain';
import type { EventStore, RecordedEvent } from '@kawasan/event-store';

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

/**
 * Reads and folds a project's stream. Stored data is upcast and validated on the way in, and
 * each event carries its store id so a later retraction can name it.
 */
export async function readProjectStream(
  store: EventStore,
  projectId: string,
): Promise<ProjectStream> {
  const name = streamOf(projectId);
  const events: RecordedEvent[] = [];
  let state = initialState;
  for await (const recorded of store.readStream(name)) {
    events.push(recorded);
    const parsed = parseStoredEvent({
      type: recorded.type,
      data: recorded.data,
      schemaVersion: schemaVersionOf(recorded),
    });
    state = evolve(state, { ...parsed, eventId: recorded.id });
  }
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
