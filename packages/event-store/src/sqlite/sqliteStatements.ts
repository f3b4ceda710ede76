import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../eventStore.js';
import { pickMetadata } from '../readOptions.js';

export interface EventRow {
  position: bigint;
  stream: string;
  revision: bigint;
  id: string;
  type: string;
  data: string;
  metadata: string;
  created: string;
}

export interface StoredRef {
  stream: string;
  revision: bigint;
  position: bigint;
  id: string;
}

const COLUMNS = 'position, stream, revision, id, type, data, metadata, created';

/** The log from a position on (inclusive): catch-up pages, here and in the read-ahead worker. */
export const ALL_FORWARDS_SQL = `SELECT ${COLUMNS} FROM events WHERE position >= ? ORDER BY position ASC LIMIT ?`;

type Statement<P extends unknown[], R> = Database.Statement<P, R>;

export interface Statements {
  streamHead: Statement<[string], StoredRef>;
  byId: Statement<[string], StoredRef>;
  streamRefsFrom: Statement<[string, bigint, number], StoredRef>;
  insert: Statement<[string, bigint, string, string, string, string, string], unknown>;
  streamForwards: Statement<[string, bigint, number], EventRow>;
  streamBackwards: Statement<[string, bigint, number], EventRow>;
  allForwards: Statement<[bigint, number], EventRow>;
  allBackwards: Statement<[bigint, number], EventRow>;
  /** The same with a JSON array of the event types to keep. */
  allForwardsOfTypes: Statement<[bigint, string, number], EventRow>;
  allBackwardsOfTypes: Statement<[bigint, string, number], EventRow>;
  headPosition: Statement<[], bigint | null>;
  ping: Statement<[], unknown>;
}

/** Every statement the adapter runs, prepared once per connection. */
export function prepareStatements(db: Database.Database): Statements {
  return {
    streamHead: db.prepare<[string], StoredRef>(
      'SELECT stream, revision, position, id FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
    ),
    byId: db.prepare<[string], StoredRef>(
      'SELECT stream, revision, position, id FROM events WHERE id = ?',
    ),
    streamRefsFrom: db.prepare<[string, bigint, number], StoredRef>(
      'SELECT stream, revision, position, id FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?',
    ),
    insert: db.prepare<[string, bigint, string, string, string, string, string]>(
      'INSERT INTO events (stream, revision, id, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    streamForwards: db.prepare<[string, bigint, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
    ),
    streamBackwards: db.prepare<[string, bigint, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    ),
    allForwards: db.prepare<[bigint, number], EventRow>(ALL_FORWARDS_SQL),
    allBackwards: db.prepare<[bigint, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE position <= ? ORDER BY position DESC LIMIT ?`,
    ),
    // No index on type: a scan of the log that parses nothing but the rows it keeps.
    allForwardsOfTypes: db.prepare<[bigint, string, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE position >= ? AND type IN (SELECT value FROM json_each(?)) ORDER BY position ASC LIMIT ?`,
    ),
    allBackwardsOfTypes: db.prepare<[bigint, string, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE position <= ? AND type IN (SELECT value FROM json_each(?)) ORDER BY position DESC LIMIT ?`,
    ),
    headPosition: db.prepare<[], bigint | null>('SELECT max(position) FROM events').pluck(),
    ping: db.prepare<[], unknown>('SELECT 1').pluck(),
  };
}

function parseJson(text: string, row: EventRow, column: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new Error(`event at position ${row.position} has ${column} that is not JSON`, { cause });
  }
}

/** A row as the port delivers it; with `metadataKeys`, only those keys of its metadata. */
export function toRecordedEvent(
  row: EventRow,
  metadataKeys: ReadonlySet<string> | null = null,
): RecordedEvent {
  return {
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    id: row.id,
    type: row.type,
    data: parseJson(row.data, row, 'data'),
    metadata: pickMetadata(
      parseJson(row.metadata, row, 'metadata') as Record<string, unknown>,
      metadataKeys,
    ),
    created: row.created,
  };
}
