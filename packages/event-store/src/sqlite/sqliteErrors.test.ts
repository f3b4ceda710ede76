import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { InvalidAppendError, StoreUnavailableError } from '../errors.js';
import { collect, makeTestEvents, uniqueStream } from '../testing/index.js';
import { translateSqliteError } from './sqliteErrors.js';
import { openSqliteEventStore } from './sqliteEventStore.js';

const dir = t.testdir();

const causeCode = (e: unknown): unknown => ((e as { cause?: { code?: unknown } }).cause ?? {}).code;

t.test('SQLite and file-system failures map to StoreUnavailableError', async (t) => {
  const unavailable = [
    'SQLITE_FULL',
    'SQLITE_READONLY',
    'SQLITE_READONLY_DBMOVED',
    'SQLITE_IOERR',
    'SQLITE_IOERR_FSYNC',
    'SQLITE_CANTOPEN',
    'SQLITE_BUSY',
    'SQLITE_BUSY_TIMEOUT',
    'SQLITE_LOCKED',
    'SQLITE_NOTADB',
    'SQLITE_CORRUPT',
  ];
  for (const code of unavailable) {
    const error = translateSqliteError(new Database.SqliteError('boom', code), 'testing');
    t.type(error, StoreUnavailableError, code);
    t.equal(causeCode(error), code, `${code} kept as the cause`);
  }
  const constraint = new Database.SqliteError('CHECK failed', 'SQLITE_CONSTRAINT_CHECK');
  t.equal(
    translateSqliteError(constraint, 'testing'),
    constraint,
    'other SQLite errors pass through',
  );
  const bug = new Error('a bug');
  t.equal(translateSqliteError(bug, 'testing'), bug, 'unknown errors pass through');
  const own = new InvalidAppendError('bad');
  t.equal(translateSqliteError(own, 'testing'), own, "the port's errors pass through");
  const enospc = Object.assign(new Error('no space'), { code: 'ENOSPC' });
  t.type(translateSqliteError(enospc, 'testing'), StoreUnavailableError, 'ENOSPC');
  const closed = new TypeError('The database connection is not open');
  t.type(translateSqliteError(closed, 'testing'), StoreUnavailableError, 'closed connection');
  t.equal(translateSqliteError('a string', 'testing'), 'a string');
});

t.test('a read-only connection refuses appends as unavailable, reads still work', async (t) => {
  const file = join(dir, 'readonly.db');
  const writer = await openSqliteEventStore({ file });
  t.teardown(() => writer.close());
  const stream = uniqueStream('ro');
  await writer.append(stream, makeTestEvents(2), { expectedRevision: 'no_stream' });
  const reader = await openSqliteEventStore({ file, readonly: true });
  t.teardown(() => reader.close());
  const error = await reader
    .append(stream, makeTestEvents(1), { expectedRevision: 'any' })
    .catch((e: unknown) => e);
  t.type(error, StoreUnavailableError);
  t.match(String(causeCode(error)), /^SQLITE_READONLY/);
  t.equal((await collect(reader.readStream(stream))).length, 2, 'nothing written, reads work');
  t.equal(await reader.headPosition(), await writer.headPosition());
});

t.test('a writer blocked past the busy timeout is unavailable, then recovers', async (t) => {
  const file = join(dir, 'busy.db');
  const store = await openSqliteEventStore({ file, busyTimeoutMs: 50 });
  t.teardown(() => store.close());
  const holder = new Database(file);
  t.teardown(() => holder.close());
  holder.exec('BEGIN IMMEDIATE');
  const stream = uniqueStream('busy');
  const error = await store
    .append(stream, makeTestEvents(1), { expectedRevision: 'any' })
    .catch((e: unknown) => e);
  t.type(error, StoreUnavailableError);
  t.match(String(causeCode(error)), /^SQLITE_BUSY/);
  holder.exec('ROLLBACK');
  const result = await store.append(stream, makeTestEvents(1), { expectedRevision: 'no_stream' });
  t.equal(result.nextExpectedRevision, 0n, 'the failed append wrote nothing');
});

t.test('a store that cannot be opened is unavailable', async (t) => {
  const blocker = join(dir, 'a-file');
  writeFileSync(blocker, 'not a directory');
  await t.rejects(
    openSqliteEventStore({ file: join(blocker, 'events.db') }),
    StoreUnavailableError,
  );
  await t.rejects(
    openSqliteEventStore({ file: join(dir, 'missing.db'), readonly: true }),
    StoreUnavailableError,
  );
  const garbage = join(dir, 'garbage.db');
  writeFileSync(garbage, 'x'.repeat(8192));
  await t.rejects(openSqliteEventStore({ file: garbage }), StoreUnavailableError);
  const directory = join(dir, 'a-directory.db');
  mkdirSync(directory);
  await t.rejects(openSqliteEventStore({ file: directory }), StoreUnavailableError);
});
