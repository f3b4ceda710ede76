import Database from 'better-sqlite3';
import { isEventStoreError, StoreUnavailableError } from '../errors.js';

/**
 * SQLite result codes that mean "the store cannot serve this now", as opposed to a bug in the
 * caller or in us. Prefix match, so extended codes (SQLITE_IOERR_FSYNC, SQLITE_READONLY_DBMOVED,
 * SQLITE_BUSY_TIMEOUT, ...) are covered too.
 */
const UNAVAILABLE_CODES = [
  'SQLITE_FULL',
  'SQLITE_READONLY',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_PERM',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT',
  'SQLITE_PROTOCOL',
  'SQLITE_NOMEM',
  'SQLITE_NOLFS',
  'SQLITE_AUTH',
];

/** File-system failures while creating the directory or file count as unavailability too. */
const UNAVAILABLE_ERRNO = [
  'ENOSPC',
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOTDIR',
  'EIO',
  'EISDIR',
  'EEXIST',
];

export const isSqliteError = (e: unknown): e is InstanceType<typeof Database.SqliteError> =>
  e instanceof Database.SqliteError;

const errnoCode = (e: unknown): string | undefined => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Maps a failure inside the adapter to the port's errors. Errors that are already the port's, and
 * anything we do not recognise as the store being unavailable, pass through unchanged so bugs stay
 * visible.
 */
export function translateSqliteError(error: unknown, doing: string): unknown {
  if (isEventStoreError(error)) return error;
  if (isSqliteError(error)) {
    if (UNAVAILABLE_CODES.some((code) => error.code.startsWith(code))) {
      return new StoreUnavailableError(`${doing}: ${error.code}: ${error.message}`, {
        cause: error,
      });
    }
    return error;
  }
  // better-sqlite3 throws a TypeError once its connection is closed.
  if (error instanceof TypeError && /database connection is not open/i.test(error.message)) {
    return new StoreUnavailableError(`${doing}: the store is closed`, { cause: error });
  }
  const errno = errnoCode(error);
  if (errno !== undefined && UNAVAILABLE_ERRNO.includes(errno)) {
    return new StoreUnavailableError(`${doing}: ${errno}`, { cause: error });
  }
  return error;
}

export const isUniqueViolation = (e: unknown): boolean =>
  isSqliteError(e) && e.code === 'SQLITE_CONSTRAINT_UNIQUE';
