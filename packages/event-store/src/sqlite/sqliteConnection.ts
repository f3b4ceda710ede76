import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StoreUnavailableError } from '../errors.js';
import { applySchema } from './sqliteSchema.js';

export interface ConnectionOptions {
  file: string;
  readonly: boolean;
  busyTimeoutMs: number;
  cacheSizeMiB: number;
}

/** The settings a connection actually runs with, read back from SQLite. */
export interface SqliteConnectionSettings {
  journalMode: string;
  /** 2 is FULL. */
  synchronous: number;
  busyTimeoutMs: number;
  /** The page cache this connection may fill, in MiB. */
  cacheSizeMiB: number;
  /** WAL pages past which a COMMIT checkpoints; 0 while a checkpoint worker does it. */
  walAutoCheckpointPages: number;
}

const SYNCHRONOUS_FULL = 2;

export function readConnectionSettings(db: Database.Database): SqliteConnectionSettings {
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
    busyTimeoutMs: Number(db.pragma('busy_timeout', { simple: true })),
    // Negative: a size in KiB (positive would be a count of pages).
    cacheSizeMiB: -Number(db.pragma('cache_size', { simple: true })) / 1024,
    walAutoCheckpointPages: Number(db.pragma('wal_autocheckpoint', { simple: true })),
  };
}

function configure(db: Database.Database, options: ConnectionOptions): void {
  // Positions and revisions are 64-bit; read them as bigint so none is ever rounded.
  db.defaultSafeIntegers(true);
  db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  db.pragma(`cache_size = -${options.cacheSizeMiB * 1024}`);
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
