import type { EventStore } from '@kawasan/event-store';
import {
  discoverProjectStreams,
  errorText,
  projectIdOf,
  streamOfProject,
} from './projectStreams.js';
import { StreamChain, type BreakReason, type ChainBreak } from './streamChain.js';

/** One broken chain, as api.md's `GET /audit/verify` reports it (revisions as strings). */
export interface VerifyFailure {
  /** Null only when the log could not be read at a place no project stream accounts for. */
  readonly projectId: string | null;
  readonly stream: string | null;
  readonly revision: string | null;
  readonly eventId: string | null;
  readonly reason: BreakReason;
  readonly detail: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  readonly failures: VerifyFailure[];
}

const explanations: Readonly<Record<BreakReason, string>> = {
  revision_gap: 'the revision does not follow the previous one (an event was removed or moved)',
  missing_hash: 'the event carries no hash or prevHash (written outside the chain)',
  prev_hash_mismatch:
    "prevHash is not the previous event's hash (an event was removed, inserted or reordered)",
  hash_mismatch: "the hash does not match the event's content (data or metadata edited)",
  position_order: "the event's global position is not after the previous event's (log reordered)",
  unreadable: 'the store cannot read this event',
};

export function describeBreak(b: ChainBreak): VerifyFailure {
  return {
    projectId: projectIdOf(b.stream),
    stream: b.stream,
    revision: b.revision.toString(),
    eventId: b.eventId,
    reason: b.reason,
    detail:
      b.detail === undefined ? explanations[b.reason] : `${explanations[b.reason]}: ${b.detail}`,
  };
}

/** Reads one stream through the port and returns its checker (holding the first break, if any). */
export async function checkStream(store: EventStore, stream: string): Promise<StreamChain> {
  const chain = new StreamChain(stream);
  try {
    for await (const event of store.readStream(stream)) {
      // Past a break nothing links, so stop reading.
      if (chain.push(event) !== null) break;
    }
  } catch (error) {
    chain.unreadable(errorText(error));
  }
  return chain;
}

/**
 * Recomputes the chain of every project stream (or of one project) from the log, reading through
 * the port, and reports the exact place each broken stream breaks: project, revision, event id
 * and why. Streams are read one at a time in revision order, so memory holds one stream's cursor
 * and the list of stream names, never the log.
 */
export async function verifyStore(
  store: EventStore,
  options: { projectId?: string | undefined } = {},
): Promise<VerifyReport> {
  const discovered =
    options.projectId === undefined
      ? await discoverProjectStreams(store)
      : { streams: [streamOfProject(options.projectId)], unreadable: null };
  const failures: VerifyFailure[] = [];
  let streams = 0;
  let events = 0;
  for (const stream of discovered.streams) {
    const chain = await checkStream(store, stream);
    if (chain.events === 0 && chain.broken === null) continue;
    streams++;
    events += chain.events;
    if (chain.broken) failures.push(describeBreak(chain.broken));
  }
  if (discovered.unreadable !== null && !failures.some((f) => f.reason === 'unreadable'))
    failures.push({
      projectId: null,
      stream: null,
      revision: null,
      eventId: null,
      reason: 'unreadable',
      detail: `the log cannot be read ${discovered.unreadable}`,
    });
  return { ok: failures.length === 0, streams, events, failures };
}
