import type { RecordedEvent, Subscription } from '../eventStore.js';
import type { ResolvedSubscribe } from '../readOptions.js';
import { PAGE_SIZE, yieldToEventLoop } from './sqlitePaging.js';
import type { SqliteReadAhead } from './sqliteReadAhead.js';
import { toRecordedEvent, type EventRow } from './sqliteStatements.js';

export interface SubscriptionSource {
  /** Rows with position > after, in position order; throws the port's errors. */
  fetchAfter(after: bigint, limit: number): EventRow[];
  /**
   * A worker reading the log after `after` a few pages ahead, when the subscription starts far
   * enough behind the head for one to pay (null: read here).
   */
  readAhead(
    after: bigint,
    deliver: Pick<ResolvedSubscribe, 'streamPrefix' | 'metadataKeys'>,
  ): SqliteReadAhead | null;
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
  readonly #from: ResolvedSubscribe;
  #closed = false;
  #ended = false;
  /** Set by a commit notification; re-checked before sleeping so no wake-up is lost. */
  #dirty = false;
  #wake: (() => void) | null = null;
  #iterator: AsyncGenerator<RecordedEvent, void, undefined> | null = null;
  /** The worker reading ahead, while the catch-up uses one. */
  #ahead: SqliteReadAhead | null = null;

  constructor(source: SubscriptionSource, from: ResolvedSubscribe) {
    this.#source = source;
    this.#from = from;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    this.#iterator ??= this.#run();
    return this.#iterator;
  }

  close(): Promise<void> {
    this.#closed = true;
    this.#wake?.();
    // A catch-up waiting for its next page gets null from a closed read ahead, and stops.
    this.#ahead?.close();
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
      const { streamPrefix, metadataKeys } = this.#from;
      let after = this.#from.after;
      const ahead = this.#closed ? null : this.#source.readAhead(after, this.#from);
      this.#ahead = ahead;
      if (ahead !== null) {
        try {
          for (let page = await ahead.next(); page !== null; page = await ahead.next()) {
            for (const event of page.events) {
              if (this.#closed) return;
              yield event;
            }
            after = page.last;
            if (!page.full) break;
          }
        } finally {
          ahead.close();
          this.#ahead = null;
        }
      }
      // From here (or from where a failed read ahead stopped) a page at a time, then live.
      while (!this.#closed) {
        this.#dirty = false;
        const rows = this.#source.fetchAfter(after, PAGE_SIZE);
        for (const row of rows) {
          if (this.#closed) return;
          // The checkpoint advances past filtered-out rows too, so they are never re-read.
          after = row.position;
          if (row.stream.startsWith(streamPrefix)) yield toRecordedEvent(row, metadataKeys);
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
