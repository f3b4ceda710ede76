import type { EventStore } from '@kawasan/event-store';
import { toHistoryEntry, type HistoryEntry } from '@kawasan/projections';
import { streamOfProject } from './projectStreams.js';

/** One entry as `GET /projects/{id}/history` shows it. */
export interface HistoryItem {
  readonly eventId: string;
  readonly type: string;
  readonly revision: string;
  readonly position: string;
  readonly recordedAt: string;
  readonly actor: string;
  readonly data: unknown;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly retracted: boolean;
  readonly retractedBy?: string;
}

/**
 * A project's history read straight from its stream, each entry marked retracted (and by which
 * entry) as far as was known at `knownAt`: entries recorded after it are left out, and so are
 * retractions recorded after it. Null when the project has no entry by then.
 */
export async function projectHistory(
  store: EventStore,
  projectId: string,
  options: { knownAt?: string | undefined } = {},
): Promise<HistoryItem[] | null> {
  const limit = options.knownAt === undefined ? null : Date.parse(options.knownAt);
  const entries: HistoryEntry[] = [];
  for await (const event of store.readStream(streamOfProject(projectId))) {
    const entry = toHistoryEntry(event);
    if (!entry) continue;
    if (limit !== null && !(Date.parse(entry.recordedAt) <= limit)) continue;
    entries.push(entry);
  }
  if (entries.length === 0) return null;
  const retractedBy = new Map<string, string>();
  for (const e of entries)
    if (e.event.type === 'EntryRetracted' && !retractedBy.has(e.event.data.eventId))
      retractedBy.set(e.event.data.eventId, e.eventId);
  return entries.map((e) => {
    const by = retractedBy.get(e.eventId);
    return {
      eventId: e.eventId,
      type: e.event.type,
      revision: e.revision.toString(),
      position: e.position.toString(),
      recordedAt: e.recordedAt,
      actor: e.actor,
      data: e.event.data,
      metadata: e.metadata,
      retracted: by !== undefined,
      ...(by !== undefined && { retractedBy: by }),
    };
  });
}
