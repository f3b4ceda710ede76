import type { EventStore } from '@kawasan/event-store';
import { PROJECT_STREAM_PREFIX } from '@kawasan/projections';

/** The chained streams: one per project (the command service writes nothing else). */
export const isProjectStream = (stream: string): boolean =>
  stream.startsWith(PROJECT_STREAM_PREFIX);

export const streamOfProject = (projectId: string): string =>
  `${PROJECT_STREAM_PREFIX}${projectId}`;

export const projectIdOf = (stream: string): string => stream.slice(PROJECT_STREAM_PREFIX.length);

export const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export interface DiscoveredStreams {
  /** Project stream names in the order their first event was committed. */
  readonly streams: string[];
  /** Set when part of the log could not be read; the streams around it are still listed. */
  readonly unreadable: string | null;
}

/**
 * Lists every project stream by one pass over the log through the port (so it works on any
 * adapter), holding only the names. An event the store cannot parse stops a forward read; the rest
 * of the log is then read backwards down to it, so streams committed after it are not missed.
 */
export async function discoverProjectStreams(store: EventStore): Promise<DiscoveredStreams> {
  const seen = new Set<string>();
  let lastGood = 0n;
  try {
    for await (const event of store.readAll()) {
      lastGood = event.position;
      if (isProjectStream(event.stream)) seen.add(event.stream);
    }
    return { streams: [...seen], unreadable: null };
  } catch (error) {
    const after: string[] = [];
    try {
      for await (const event of store.readAll({ direction: 'backwards', fromPosition: 'end' })) {
        if (event.position <= lastGood) break;
        if (isProjectStream(event.stream)) after.push(event.stream);
      }
    } catch {
      // Unreadable from this side too: the streams only seen between the two places stay unlisted.
    }
    for (const stream of after.reverse()) seen.add(stream);
    return { streams: [...seen], unreadable: `after position ${lastGood}: ${errorText(error)}` };
  }
}
