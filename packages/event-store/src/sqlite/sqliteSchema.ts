import type Database from 'better-sqlite3';
import { StoreUnavailableError } from '../errors.js';

/** Bumped with every migration; kept in PRAGMA user_version. */
export const SCHEMA_VERSION = 1;

// data and metadata stay JSON text so auditors can inspect and tamper with the file directly.
// UNIQUE(stream, revision) doubles as the index for stream heads and stream reads.
const CREATE_EVENTS = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  stream   TEXT    NOT NULL,
  revision INTEGER NOT NULL,
  id       TEXT    NOT NULL UNIQUE,
  type     TEXT    NOT NULL,
  data     TEXT    NOT NULL,
  metadata TEXT    NOT NULL,
  created  TEXT    NOT NULL,
  UNIQUE (stream, revision)
)`;

const userVersion = (db: Database.Database): number =>
  Number(db.pragma('user_version', { simple: true }));

/** Creates the schema when missing. Safe to run from several processes at once. */
export function applySchema(db: Database.Database): void {
  // Checked outside a write transaction first, so opening never waits on a long append.
  if (userVersion(db) === SCHEMA_VERSION) return;
  db.transaction(() => {
    const version = userVersion(db);
    if (version === SCHEMA_VERSION) return;
    if (version > SCHEMA_VERSION) {
      throw new StoreUnavailableError(
        `store schema version ${version} is newer than this code understands (${SCHEMA_VERSION})`,
      );
    }
    db.exec(CREATE_EVENTS);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
