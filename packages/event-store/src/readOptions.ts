import type { ReadAllOptions, ReadStreamOptions, SubscribeOptions } from './eventStore.js';

/** Largest revision/position any adapter stores (SQLite's INTEGER is a signed 64-bit value). */
export const MAX_POSITION = 9_223_372_036_854_775_807n;

/** A read resolved to bounds: `from` is inclusive; `null` means nothing can match. */
export interface ResolvedRead {
  forwards: boolean;
  from: bigint | null;
  maxCount: number;
}

function resolveMaxCount(maxCount: number | undefined): number {
  if (maxCount === undefined || maxCount === Number.POSITIVE_INFINITY) {
    return Number.POSITIVE_INFINITY;
  }
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
  return maxCount;
}

function resolveFrom(from: bigint | 'start' | 'end' | undefined, forwards: boolean): bigint | null {
  const at = from ?? (forwards ? 'start' : 'end');
  if (at === 'start') return 0n;
  // Reading forwards from the end sees nothing; backwards from the end starts at the head.
  if (at === 'end') return forwards ? null : MAX_POSITION;
  if (typeof at !== 'bigint' || at < 0n) {
    throw new RangeError(`read start must be 'start', 'end' or a bigint >= 0n`);
  }
  // Nothing is stored beyond the 64-bit range, and the database could not bind such a value.
  return at > MAX_POSITION ? MAX_POSITION : at;
}

function resolveDirection(direction: unknown): boolean {
  if (direction === undefined || direction === 'forwards') return true;
  if (direction === 'backwards') return false;
  throw new RangeError(`direction must be 'forwards' or 'backwards'`);
}

export function resolveReadStream(options: ReadStreamOptions = {}): ResolvedRead {
  const forwards = resolveDirection(options.direction);
  return {
    forwards,
    from: resolveFrom(options.fromRevision, forwards),
    maxCount: resolveMaxCount(options.maxCount),
  };
}

/** A read of $all resolved to bounds, with the types it keeps (null: every type). */
export interface ResolvedReadAll extends ResolvedRead {
  eventTypes: ReadonlySet<string> | null;
}

/** A list of strings as a set; null when absent. */
function stringSet(list: unknown, name: string): ReadonlySet<string> | null {
  if (list === undefined) return null;
  if (!Array.isArray(list) || !list.every((item) => typeof item === 'string')) {
    throw new RangeError(`${name} must be an array of strings`);
  }
  return new Set(list);
}

export function resolveReadAll(options: ReadAllOptions = {}): ResolvedReadAll {
  const forwards = resolveDirection(options.direction);
  const eventTypes = stringSet(options.eventTypes, 'eventTypes');
  return {
    forwards,
    // No type asked for: nothing can match.
    from: eventTypes?.size === 0 ? null : resolveFrom(options.fromPosition, forwards),
    maxCount: resolveMaxCount(options.maxCount),
    eventTypes,
  };
}

/** A subscription resolved: the exclusive checkpoint it starts after, what it delivers. */
export interface ResolvedSubscribe {
  after: bigint;
  streamPrefix: string;
  /** null: every metadata key. */
  metadataKeys: ReadonlySet<string> | null;
}

/**
 * `metadata` with only `keys` (in its own order); itself when `keys` is null. Self-contained:
 * the read-ahead worker runs its source.
 */
export function pickMetadata(
  metadata: Record<string, unknown>,
  keys: ReadonlySet<string> | null,
): Record<string, unknown> {
  if (keys === null) return metadata;
  const picked: Record<string, unknown> = {};
  for (const key in metadata) {
    if (!keys.has(key)) continue;
    const value = metadata[key];
    // A stored "__proto__" stays a key, as JSON.parse made it, not the prototype.
    if (key === '__proto__')
      Object.defineProperty(picked, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else picked[key] = value;
  }
  return picked;
}

export function resolveSubscribe(options: SubscribeOptions = {}): ResolvedSubscribe {
  const from = options.fromPosition ?? 'start';
  if (from !== 'start' && (typeof from !== 'bigint' || from < 0n)) {
    throw new RangeError(`fromPosition must be 'start' or a bigint >= 0n`);
  }
  const streamPrefix = options.streamPrefix ?? '';
  if (typeof streamPrefix !== 'string') throw new RangeError('streamPrefix must be a string');
  const after = from === 'start' ? 0n : from;
  return {
    // Adapters ask for "position > after", so keep after + 1 inside the 64-bit range.
    after: after >= MAX_POSITION ? MAX_POSITION - 1n : after,
    streamPrefix,
    metadataKeys: stringSet(options.metadataKeys, 'metadataKeys'),
  };
}
