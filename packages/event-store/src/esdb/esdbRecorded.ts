import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import type { RecordedEvent } from '../eventStore.js';
import { pickMetadata } from '../readOptions.js';

/** Positions at or above 2^63 are EventStoreDB's "no position" (-1 as an unsigned 64-bit value). */
const NO_POSITION = 1n << 63n;

/**
 * EventStoreDB writes system events into $all (statistics, stream metadata in `$$…`, `$`-typed
 * events such as the `$streamDeleted` tombstone in a user stream). Port streams never start with
 * `$` (validateStreamName), so these are never the application's.
 */
export const isSystemEvent = (stream: string, type: string): boolean =>
  stream.startsWith('$') || type.startsWith('$');

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/** The commit position, the port's global position. */
export function commitPosition(resolved: ResolvedEvent | AllStreamResolvedEvent): bigint | null {
  const position = resolved.event?.position?.commit ?? resolved.commitPosition;
  return position === undefined || position >= NO_POSITION ? null : position;
}

/**
 * Converts a resolved event of the client to the port's shape, or null for a system event or a
 * link whose target is gone. Data and metadata were written as JSON; anything else is a foreign
 * event this store cannot represent, and says so.
 */
export function toRecordedEvent(
  resolved: ResolvedEvent | AllStreamResolvedEvent,
  metadataKeys: ReadonlySet<string> | null = null,
): RecordedEvent | null {
  const event = resolved.event;
  if (event === undefined || isSystemEvent(event.streamId, event.type)) return null;
  const position = commitPosition(resolved);
  if (position === null) {
    throw new Error(
      `EventStoreDB returned ${event.streamId}@${event.revision} without a commit position`,
    );
  }
  if (!event.isJson) {
    throw new Error(`${event.streamId}@${event.revision} has data that is not JSON`);
  }
  const metadata: unknown = event.metadata ?? {};
  if (!isPlainObject(metadata)) {
    throw new Error(`${event.streamId}@${event.revision} has metadata that is not a JSON object`);
  }
  return {
    stream: event.streamId,
    revision: event.revision,
    position,
    id: event.id.toLowerCase(),
    type: event.type,
    data: event.data,
    metadata: pickMetadata(metadata, metadataKeys),
    created: event.created.toISOString(),
  };
}
