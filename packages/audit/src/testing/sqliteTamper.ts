import Database from 'better-sqlite3';

export interface StoredRow {
  position: bigint;
  stream: string;
  revision: bigint;
  id: string;
  type: string;
  data: string;
  metadata: string;
}

/**
 * Edits a SQLite event store file behind the store's back, the way someone with write access to
 * the file could: the forgeries the hash chain must reveal. For tests only.
 */
export class SqliteTamper {
  readonly #db: Database.Database;

  constructor(file: string) {
    this.#db = new Database(file, { fileMustExist: true });
    this.#db.defaultSafeIntegers(true);
    this.#db.pragma('busy_timeout = 5000');
  }

  row(stream: string, revision: bigint): StoredRow {
    const row = this.#db
      .prepare<[string, bigint], StoredRow>(
        'SELECT position, stream, revision, id, type, data, metadata FROM events WHERE stream = ? AND revision = ?',
      )
      .get(stream, revision);
    if (!row) throw new Error(`no event ${stream}@${revision}`);
    return row;
  }

  /** Changes one byte of the data: the first character of the first string value, still JSON. */
  editDataByte(stream: string, revision: bigint): StoredRow {
    const row = this.row(stream, revision);
    const at = row.data.indexOf('":"') + 3;
    if (at < 3) throw new Error('no string value to edit');
    const code = row.data.charCodeAt(at);
    const changed = String.fromCharCode(code === 0x7a ? code - 1 : code + 1);
    const data = row.data.slice(0, at) + changed + row.data.slice(at + 1);
    this.#db.prepare('UPDATE events SET data = ? WHERE position = ?').run(data, row.position);
    return row;
  }

  /** Rewrites the data as a forger with a JSON editor would (the result stays valid JSON). */
  editData(
    stream: string,
    revision: bigint,
    edit: (data: Record<string, unknown>) => unknown,
  ): StoredRow {
    const row = this.row(stream, revision);
    const data = edit(JSON.parse(row.data) as Record<string, unknown>);
    this.#db
      .prepare('UPDATE events SET data = ? WHERE position = ?')
      .run(JSON.stringify(data), row.position);
    return row;
  }

  /** Overwrites the data's first byte so the stored text is no longer JSON. */
  corruptData(stream: string, revision: bigint): StoredRow {
    const row = this.row(stream, revision);
    this.#db
      .prepare('UPDATE events SET data = ? WHERE position = ?')
      .run(`#${row.data.slice(1)}`, row.position);
    return row;
  }

  editMetadata(stream: string, revision: bigint, field: string, value: unknown): StoredRow {
    const row = this.row(stream, revision);
    const metadata = { ...(JSON.parse(row.metadata) as Record<string, unknown>), [field]: value };
    this.#db
      .prepare('UPDATE events SET metadata = ? WHERE position = ?')
      .run(JSON.stringify(metadata), row.position);
    return row;
  }

  deleteEvent(stream: string, revision: bigint): StoredRow {
    const row = this.row(stream, revision);
    this.#db.prepare('DELETE FROM events WHERE position = ?').run(row.position);
    return row;
  }

  /** Swaps two events' contents; each row keeps its revision and position. */
  swapEvents(stream: string, a: bigint, b: bigint): [StoredRow, StoredRow] {
    const first = this.row(stream, a);
    const second = this.row(stream, b);
    const put = this.#db.prepare(
      'UPDATE events SET id = ?, type = ?, data = ?, metadata = ? WHERE position = ?',
    );
    this.#db.transaction(() => {
      // Ids are unique: park the first row's id while the second takes it over.
      this.#db.prepare("UPDATE events SET id = 'parked' WHERE position = ?").run(first.position);
      put.run(first.id, first.type, first.data, first.metadata, second.position);
      put.run(second.id, second.type, second.data, second.metadata, first.position);
    })();
    return [first, second];
  }

  /**
   * Inserts an event at `revision`, moving the later events of the stream up by one, as a
   * forger who does not know the chain would. Returns the new row.
   */
  insertEvent(
    stream: string,
    revision: bigint,
    event: { id: string; type: string; data: unknown; metadata: Record<string, unknown> },
  ): StoredRow {
    this.#db.transaction(() => {
      // Two steps, because SQLite checks UNIQUE(stream, revision) row by row during an UPDATE.
      this.#db
        .prepare('UPDATE events SET revision = -(revision + 1) WHERE stream = ? AND revision >= ?')
        .run(stream, revision);
      this.#db
        .prepare('UPDATE events SET revision = -revision WHERE stream = ? AND revision < 0')
        .run(stream);
      this.#db
        .prepare(
          'INSERT INTO events (stream, revision, id, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          stream,
          revision,
          event.id,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          new Date().toISOString(),
        );
    })();
    return this.row(stream, revision);
  }

  close(): void {
    this.#db.close();
  }
}
