/**
 * A child process for the read-ahead test: it takes one event of a long catch-up and drops the
 * subscription without closing it. The process must then end by itself.
 */
import { openSqliteEventStore } from '../sqlite/sqliteEventStore.js';
import { makeTestEvents } from './contractHelpers.js';

const file = process.argv[2]!;
const store = await openSqliteEventStore({ file, readAheadFrom: 1 });
await store.append('abandoned', makeTestEvents(3000), { expectedRevision: 'any' });
const iterator = store.subscribeToAll()[Symbol.asyncIterator]();
await iterator.next();
process.stdout.write(`took one, read ahead ${store.readAheadCount()}\n`);
