import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { RecordedEvent } from '../eventStore.js';
import { pickMetadata } from '../readOptions.js';
import { ALL_FORWARDS_SQL, type EventRow } from './sqliteStatements.js';

/** A page of the log read ahead: the events kept, and how far the page went. */
export interface ReadAheadPage {
  readonly events: readonly RecordedEvent[];
  /** Position of the last row the page scanned (kept or filtered out). */
  readonly last: bigint;
  /** False when the page ended at the head, as the worker saw it. */
  readonly full: boolean;
}

export interface ReadAheadOptions {
  file: string;
  /** Exclusive: the first page starts after this position. */
  after: bigint;
  streamPrefix: string;
  /** Only these metadata keys are kept (null: every key). */
  metadataKeys: ReadonlySet<string> | null;
  busyTimeoutMs: number;
  pageSize?: number;
  /** Pages read but not yet taken, at most. */
  depth?: number;
  /** Called for each page handed to the subscription. */
  onPage?: () => void;
}

interface WorkerInput {
  driver: string;
  /** The adapter's own catch-up query (position >= ?, limit ?). */
  sql: string;
  file: string;
  after: bigint;
  streamPrefix: string;
  metadataKeys: ReadonlySet<string> | null;
  busyTimeoutMs: number;
  pageSize: number;
  depth: number;
}

type WorkerMessage = ReadAheadPage | { failed: string };

/**
 * The worker's whole program, sent as source (`eval`): the same text then runs from the compiled
 * files and from the TypeScript the tests load, with nothing to resolve but the driver, whose
 * path comes in workerData with the query, and pickMetadata, given as `pick`. It may use nothing
 * from this module's scope; its rows become events as toRecordedEvent makes them.
 */
function readAheadWorker(pick: typeof pickMetadata): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- an eval worker is a CommonJS script */
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  const input = threads.workerData as WorkerInput;
  const port = threads.parentPort!;
  const Driver = require(input.driver) as typeof import('better-sqlite3');
  /* eslint-enable @typescript-eslint/no-require-imports */
  let unread = 0;
  let after = input.after;
  let ended = false;
  try {
    const db = new Driver(input.file, {
      readonly: true,
      fileMustExist: true,
      timeout: input.busyTimeoutMs,
    });
    db.defaultSafeIntegers(true);
    const page = db.prepare<[bigint, number], EventRow>(input.sql);
    const pump = (): void => {
      try {
        while (!ended && unread < input.depth) {
          const rows = page.all(after + 1n, input.pageSize);
          const events: RecordedEvent[] = [];
          for (const row of rows) {
            after = row.position;
            if (!row.stream.startsWith(input.streamPrefix)) continue;
            // A row that is not JSON fails the read ahead: the subscription reads it again
            // itself and reports it as it always does.
            // (the fields in toRecordedEvent's order: one shape for every event a subscriber sees)
            events.push({
              stream: row.stream,
              revision: row.revision,
              position: row.position,
              id: row.id,
              type: row.type,
              data: JSON.parse(row.data) as unknown,
              metadata: pick(
                JSON.parse(row.metadata) as Record<string, unknown>,
                input.metadataKeys,
              ),
              created: row.created,
            });
          }
          ended = rows.length < input.pageSize;
          unread++;
          port.postMessage({ events, last: after, full: !ended } satisfies WorkerMessage);
        }
      } catch (error) {
        ended = true;
        port.postMessage({ failed: String(error) } satisfies WorkerMessage);
      }
    };
    port.on('message', () => {
      unread--;
      pump();
    });
    pump();
  } catch (error) {
    port.postMessage({ failed: String(error) } satisfies WorkerMessage);
  }
}

const WORKER_SOURCE = `(${readAheadWorker.toString()})(${pickMetadata.toString()})`;
const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');

/**
 * Reads a long stretch of the log in a worker thread, a few pages ahead of the subscription that
 * takes them: the reading and JSON parsing a catch-up spends most of its time on run on the
 * other core while this thread folds. Live tailing does not use it (a page at a time is enough).
 * Any failure of the worker ends it: `next()` then answers null and the subscription carries on
 * with its own reads, which report what went wrong the way they always do.
 */
export class SqliteReadAhead {
  readonly #worker: Worker;
  readonly #pages: ReadAheadPage[] = [];
  #waiting: ((page: ReadAheadPage | null) => void) | null = null;
  #over = false;
  readonly #onPage: (() => void) | undefined;

  constructor(options: ReadAheadOptions) {
    this.#onPage = options.onPage;
    const input: WorkerInput = {
      driver: DRIVER,
      sql: ALL_FORWARDS_SQL,
      file: options.file,
      after: options.after,
      streamPrefix: options.streamPrefix,
      metadataKeys: options.metadataKeys,
      busyTimeoutMs: options.busyTimeoutMs,
      pageSize: options.pageSize ?? 1024,
      depth: options.depth ?? 4,
    };
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: input });
    // Held only while someone waits for a page: a subscription dropped without close() must not
    // keep the process alive (one paused at a yield holds nothing else open either).
    this.#worker.unref();
    this.#worker.on('message', (message: WorkerMessage) => this.#receive(message));
    this.#worker.on('error', () => this.#end());
    this.#worker.on('exit', () => this.#end());
  }

  /** The next page, or null when the read ahead failed or was closed. */
  next(): Promise<ReadAheadPage | null> {
    if (this.#over) return Promise.resolve(null);
    const page = this.#pages.shift();
    if (page !== undefined) {
      this.#take();
      return Promise.resolve(page);
    }
    this.#worker.ref();
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  close(): void {
    this.#end();
  }

  #receive(message: WorkerMessage): void {
    // (a message the port still hands over after the end is not taken: pages were dropped)
    if (this.#over) return;
    if ('failed' in message) {
      this.#end();
      return;
    }
    const waiting = this.#waiting;
    if (waiting === null) {
      this.#pages.push(message);
      return;
    }
    this.#waiting = null;
    this.#worker.unref();
    this.#take();
    waiting(message);
  }

  /** A page goes to the subscription: the worker may read one more. */
  #take(): void {
    this.#worker.postMessage('taken');
    this.#onPage?.();
  }

  #end(): void {
    if (this.#over) return;
    this.#over = true;
    this.#pages.length = 0;
    this.#worker.unref();
    void this.#worker.terminate();
    const waiting = this.#waiting;
    this.#waiting = null;
    waiting?.(null);
  }
}
