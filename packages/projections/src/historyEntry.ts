import {
  currentSchemaVersion,
  isEventType,
  parseStoredEvent,
  type DomainEvent,
  type Source,
} from '@kawasan/domain';

/** An event as the store delivers it (the read side needs no more than this). */
export interface LogEntry {
  readonly stream: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

/** One entry of a project's history: the event in force or retracted, with who, when and from where. */
export interface HistoryEntry {
  readonly eventId: string;
  readonly projectId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly recordedAt: string;
  readonly actor: string;
  readonly sources: readonly Source[];
  readonly event: DomainEvent;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export const PROJECT_STREAM_PREFIX = 'project-';

export const projectIdOfStream = (stream: string): string | null =>
  stream.startsWith(PROJECT_STREAM_PREFIX) ? stream.slice(PROJECT_STREAM_PREFIX.length) : null;

export interface DecodeOptions {
  /**
   * The entry comes from the service's own store, whose events were validated against these
   * very schemas before they were appended, and which no one rewrites: an event already at the
   * current schema version is taken as stored rather than validated again on every replay.
   * Older versions are still upcast and validated; anything else is refused as before.
   */
  readonly trusted?: boolean;
}

/**
 * The metadata keys a fold reads (toHistoryEntry below): a subscription that feeds a read model
 * asks for these alone (SubscribeOptions.metadataKeys). Histories read from the store keep them all.
 */
export const FOLD_METADATA_KEYS: readonly string[] = [
  'schemaVersion',
  'recordedAt',
  'actor',
  'sources',
];

/** Validates and upcasts a stored event; returns null for streams that are not projects. */
export function toHistoryEntry(entry: LogEntry, options?: DecodeOptions): HistoryEntry | null {
  const projectId = projectIdOfStream(entry.stream);
  if (projectId === null) return null;
  const meta = entry.metadata;
  const schemaVersion = typeof meta.schemaVersion === 'number' ? meta.schemaVersion : 1;
  const { type, data } = entry;
  const event =
    options?.trusted === true &&
    schemaVersion === currentSchemaVersion &&
    isEventType(type) &&
    typeof data === 'object' &&
    data !== null
      ? ({ type, data } as DomainEvent)
      : parseStoredEvent({ type, data, schemaVersion });
  return {
    eventId: entry.id,
    projectId,
    revision: entry.revision,
    position: entry.position,
    recordedAt: typeof meta.recordedAt === 'string' ? meta.recordedAt : '',
    actor: typeof meta.actor === 'string' ? meta.actor : '',
    sources: Array.isArray(meta.sources) ? (meta.sources as Source[]) : [],
    event,
    metadata: meta,
  };
}
