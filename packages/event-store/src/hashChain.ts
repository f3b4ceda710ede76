import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson.js';
import type { EventToAppend, RecordedEvent } from './eventStore.js';

/** The `prevHash` of a stream's first event. */
export const GENESIS_HASH = '0'.repeat(64);

const HASH = /^[0-9a-f]{64}$/;

export interface HashableEvent {
  stream: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

export type ChainFailureReason =
  'hash_mismatch' | 'prev_hash_mismatch' | 'revision_gap' | 'missing_hash';

export interface ChainFailure {
  stream: string;
  revision: bigint;
  eventId: string;
  reason: ChainFailureReason;
}

function withoutHash(metadata: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...metadata };
  delete copy['hash'];
  return copy;
}

/** SHA-256 (hex) of the canonical JSON of the event; metadata.hash is left out, prevHash is in. */
export function eventHash(event: HashableEvent): string {
  const metadata = withoutHash(event.metadata);
  const canonical = canonicalJson({
    stream: event.stream,
    revision: event.revision.toString(),
    type: event.type,
    data: event.data,
    metadata,
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/**
 * Returns copies of `events` whose metadata carries `prevHash` and `hash`, continuing the chain of
 * `stream` after `lastRevision` (null: the stream is empty) whose event hashed to `lastHash`.
 */
export function chainEvents(
  stream: string,
  lastRevision: bigint | null,
  lastHash: string | null,
  events: readonly EventToAppend[],
): EventToAppend[] {
  if (lastRevision === null && lastHash !== null) {
    throw new TypeError('chainEvents: an empty stream has no last hash');
  }
  if (lastRevision !== null && (lastHash === null || !HASH.test(lastHash))) {
    throw new TypeError('chainEvents: lastHash must be a 64-digit hex SHA-256');
  }
  let revision = lastRevision ?? -1n;
  let prevHash = lastHash ?? GENESIS_HASH;
  return events.map((event) => {
    revision += 1n;
    const metadata: Record<string, unknown> = { ...withoutHash(event.metadata), prevHash };
    const hash = eventHash({ stream, revision, type: event.type, data: event.data, metadata });
    prevHash = hash;
    return { ...event, metadata: { ...metadata, hash } };
  });
}

/**
 * Walks one stream's events in revision order and returns the first broken place, or null when
 * every hash recomputes and links to its predecessor from revision 0 on.
 */
export async function verifyStreamChain(
  events: AsyncIterable<RecordedEvent> | Iterable<RecordedEvent>,
): Promise<ChainFailure | null> {
  let expectedRevision = 0n;
  let prevHash = GENESIS_HASH;
  let stream: string | undefined;
  for await (const event of events) {
    stream ??= event.stream;
    if (event.stream !== stream) {
      throw new TypeError(`verifyStreamChain: mixed streams '${stream}' and '${event.stream}'`);
    }
    const at = { stream, revision: event.revision, eventId: event.id };
    if (event.revision !== expectedRevision) return { ...at, reason: 'revision_gap' };
    const { hash, prevHash: storedPrev } = event.metadata;
    if (typeof hash !== 'string' || typeof storedPrev !== 'string') {
      return { ...at, reason: 'missing_hash' };
    }
    if (storedPrev !== prevHash) return { ...at, reason: 'prev_hash_mismatch' };
    let recomputed: string;
    try {
      recomputed = eventHash(event);
    } catch {
      // Data that cannot be canonicalised cannot be what was hashed.
      return { ...at, reason: 'hash_mismatch' };
    }
    if (recomputed !== hash) return { ...at, reason: 'hash_mismatch' };
    prevHash = hash;
    expectedRevision += 1n;
  }
  return null;
}
