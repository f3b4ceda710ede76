import type { RecordedEvent } from '../eventStore.js';
import type { ResolvedRead } from '../readOptions.js';
import { toRecordedEvent, type EventRow } from './sqliteStatements.js';

/** Rows fetched per query: big enough to amortise the query, small enough to bound memory. */
export const PAGE_SIZE = 512;

/** Lets timers and I/O run between pages so a long read does not starve the process. */
export const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => setImmediate(resolve));

/**
 * Streams a read by keyset pagination. Each page is one synchronous `.all()`: holding a
 * better-sqlite3 iterator open across `await` would block the connection for everyone else.
 */
export async function* readPages(
  read: ResolvedRead,
  fetchPage: (from: bigint, limit: number) => EventRow[],
  keyOf: (row: EventRow) => bigint,
): AsyncGenerator<RecordedEvent, void, undefined> {
  if (read.from === null) return;
  let from = read.from;
  let remaining = read.maxCount;
  while (remaining > 0) {
    const limit = Math.min(PAGE_SIZE, remaining);
    const rows = fetchPage(from, limit);
    for (const row of rows) yield toRecordedEvent(row);
    remaining -= rows.length;
    const last = rows[rows.length - 1];
    if (rows.length < limit || last === undefined) return;
    const key = keyOf(last);
    if (!read.forwards && key === 0n) return;
    from = read.forwards ? key + 1n : key - 1n;
    await yieldToEventLoop();
  }
}
