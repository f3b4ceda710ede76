import { InvalidAppendError } from './errors.js';
import type { ExpectedRevision } from './eventStore.js';

/** An event validated and serialised once, before any adapter opens a transaction. */
export interface PreparedEvent {
  id: string;
  type: string;
  dataJson: string;
  metadataJson: string;
}

export const MAX_STREAM_NAME_LENGTH = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Throws InvalidAppendError unless `stream` is usable by every adapter. */
export function validateStreamName(stream: unknown): asserts stream is string {
  if (typeof stream !== 'string' || stream.length === 0) {
    throw new InvalidAppendError('stream name must be a non-empty string');
  }
  if (stream.length > MAX_STREAM_NAME_LENGTH) {
    throw new InvalidAppendError(`stream name is longer than ${MAX_STREAM_NAME_LENGTH}`);
  }
  // '$' prefixes are EventStoreDB system streams; refusing them keeps adapters interchangeable.
  if (stream.startsWith('$')) throw new InvalidAppendError(`stream name '${stream}' is reserved`);
  if (CONTROL.test(stream)) throw new InvalidAppendError('stream name contains control characters');
}

function validateExpectedRevision(expected: unknown): asserts expected is ExpectedRevision {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected === 'bigint' && expected >= 0n) return;
  throw new InvalidAppendError(`invalid expected revision ${String(expected)}`);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function toJson(value: unknown, what: string): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (cause) {
    throw new InvalidAppendError(`${what} is not serialisable as JSON`, { cause });
  }
  if (json === undefined) throw new InvalidAppendError(`${what} is not a JSON value`);
  return json;
}

function prepareEvent(event: unknown, index: number): PreparedEvent {
  if (!isPlainObject(event)) throw new InvalidAppendError(`event ${index} is not an object`);
  const { id, type, data, metadata } = event;
  // Ids are compared as text, so one spelling per UUID keeps idempotency and uniqueness honest.
  const normalisedId = typeof id === 'string' ? id.toLowerCase() : '';
  if (!UUID.test(normalisedId)) throw new InvalidAppendError(`event ${index} id is not a UUID`);
  if (typeof type !== 'string' || type.length === 0) {
    throw new InvalidAppendError(`event ${index} type must be a non-empty string`);
  }
  if (!isPlainObject(metadata)) {
    throw new InvalidAppendError(`event ${index} metadata must be an object`);
  }
  return {
    id: normalisedId,
    type,
    dataJson: toJson(data, `event ${index} data`),
    metadataJson: toJson(metadata, `event ${index} metadata`),
  };
}

/**
 * Validates an append request and serialises its events. Throws InvalidAppendError for anything
 * malformed, so adapters never start a write they would have to undo.
 */
export function prepareAppend(
  stream: unknown,
  events: unknown,
  options: unknown,
): { stream: string; events: PreparedEvent[]; expectedRevision: ExpectedRevision } {
  validateStreamName(stream);
  if (!Array.isArray(events)) throw new InvalidAppendError('events must be an array');
  if (events.length === 0) throw new InvalidAppendError('events must not be empty');
  const expectedRevision = isPlainObject(options) ? options['expectedRevision'] : undefined;
  validateExpectedRevision(expectedRevision);
  const prepared = events.map((e: unknown, i) => prepareEvent(e, i));
  const ids = new Set(prepared.map((e) => e.id));
  if (ids.size !== prepared.length)
    throw new InvalidAppendError('event ids repeat within the append');
  return { stream, events: prepared, expectedRevision };
}
