import type { RecordedEvent, Subscription } from '../eventStore.js';
import { PAGE_SIZE, yieldToEventLoop } from './sqlitePaging.js';
import { toRecordedEvent, type EventRow } from './sqliteStatements.js';

export interface SubscriptionSource {
  /** Rows with position > after, in position order; throws the port's errors. */
  fetchAfter(after: bigint, limit: number): EventRow[];
  /** Registers a same-process commit listener; returns the unregister function. */
  onCommit(listener: () => void): () => void;
  pollIntervalMs: number;
  /** Called once when the subscription ends, however it ends. */
  onEnd(subscription: SqliteSubscription): void;
}

/**
 * Catch-up by pages, then live: woken at once by same-process commits, and polling (a primary-key
 * range probe) for commits made by other processes. Positions only grow in commit order because
 * SQLite admits one writer at a time, so "position > checkpoint" never skips an event.
 */
export class SqliteSubscription implements Subscription {
  readonly #source: SubscriptionSource;
  readonly #after: bigint;
  readonly #streamPrefix: string;
  #closed = false;
  #ended = false;
  /** Set by a commit notification; re-checked before sleeping so no wake-up is lost. */
  #dirty = false;
  #wake: (() => void) | null = null;
  #iterator: AsyncGenerator<RecordedEvent, void, undefined> | null = null;

  constructor(source: SubscriptionSource, after: bigint, streamPrefix: string) {
    this.#source = source;
    this.#after = after;
    this.#streamPrefix = streamPrefix;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    this.#iterator ??= this.#run();
    return this.#iterator;
  }

  close(): Promise<void> {
    this.#closed = true;
    this.#wake?.();
    this.#end();
    return Promise.resolve();
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#source.onEnd(this);
  }

  async *#run(): AsyncGenerator<RecordedEvent, void, undefined> {
    const unsubscribe = this.#source.onCommit(() => {
      this.#dirty = true;
      this.#wake?.();
    });
    try {
      let after = this.#after;
      while (!this.#closed) {
        this.#dirty = false;
        const rows = this.#source.fetchAfter(after, PAGE_SIZE);
        for (const row of rows) {
          if (this.#closed) return;
          // The checkpoint advances past filtered-out rows too, so they are never re-read.
          after = row.position;
          if (row.stream.startsWith(this.#streamPrefix)) yield toRecordedEvent(row);
        }
        if (rows.length === PAGE_SIZE) await yieldToEventLoop();
        else if (!this.#dirty && !this.#closed) await this.#sleep();
      }
    } finally {
      unsubscribe();
      this.#closed = true;
      this.#end();
    }
  }

  #sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
      const timer = setTimeout(done, this.#source.pollIntervalMs);
      this.#wake = done;
    });
  }
}
