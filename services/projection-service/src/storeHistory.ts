import type { EventStore } from '@kawasan/event-store';
import {
  PROJECT_STREAM_PREFIX,
  toHistoryEntry,
  type DecodeOptions,
  type HistoryEntry,
  type HistorySource,
} from '@kawasan/projections';

/**
 * Histories read back from the event store when needed (retractions, "as known at", the
 * auditors' history), so the service's memory grows with projects, not with events.
 */
export function storeHistory(store: EventStore, decode: DecodeOptions = {}): HistorySource {
  return {
    async load(projectId, upTo) {
      const entries: HistoryEntry[] = [];
      for await (const event of store.readStream(`${PROJECT_STREAM_PREFIX}${projectId}`)) {
        // Only what the views have folded: a later event is not known to them yet.
        if (event.position > upTo) break;
        const entry = toHistoryEntry(event, decode);
        if (entry) entries.push(entry);
      }
      return entries;
    },
  };
}
