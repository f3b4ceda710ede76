import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../errors.js';
import { applySchema } from './sqliteSchema.js';

export interface ConnectionOptions {
  file: string;
  readonly: boolean;
  busyTimeoutMs: number;
}

/** The settings a connection actually runs with, read back from SQLite. */
export interface SqliteConnectionSettings {
  journalMode: string;
  /** 2 is FULL. */
  synchronous: number;
  busyTimeoutMs: number;
}

const SYNCHRONOUS_FULL = 2;

export function readConnectionSettings(db: Database.Database): SqliteConnectionSettings {
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    busyTimeoutMs: Number(db.pragma('busy_timeout', { simple: true })),
  };
}

function configure(db: Database.Database, options: ConnectionOptions): void {
  // Positions and revisions are 64-bit; read them as bigint so none is ever rounded.
  db.defaultSafeIntegers(true);
  db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  // 64 MiB of page cache instead of SQLite's 2 MiB: appends look event ids up in a unique index
  // that is random by nature (UUIDs), and at millions of events it no longer fits the default.
  db.pragma('cache_size = -65536');
  const journalMode = String(db.pragma('journal_mode = WAL', { simple: true }));
  if (journalMode.toLowerCase() !== 'wal') {
    throw new StoreUnavailableError(`${options.file}: journal_mode is ${journalMode}, not wal`);
  }
  // better-sqlite3 leaves WAL at NORMAL, which can lose acknowledged commits on power loss.
  db.pragma('synchronous = FULL');
  const synchronous = Number(db.pragma('synchronous', { simple: true }));
  if (synchronous !== SYNCHRONOUS_FULL) {
    throw new StoreUnavailableError(`${options.file}: synchronous is ${synchronous}, not FULL`);
  }
  if (!options.readonly) applySchema(db);
}

/** Opens a connection with the pragmas every connection to the store must have. */
export function openConnection(options: ConnectionOptions): Database.Database {
  if (!options.readonly) mkdirSync(dirname(options.file), { recursive: true });
  const db = new Database(options.file, {
    readonly: options.readonly,
    fileMustExist: options.readonly,
    timeout: options.busyTimeoutMs,
  });
  try {
    configure(db, options);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
