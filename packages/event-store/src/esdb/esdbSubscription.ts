import type { EventStoreDBClient } from '@eventstore/db-client';
import { StoreUnavailableError } from '../errors.js';
import type { RecordedEvent, Subscription } from '../eventStore.js';
import { translateEsdbError } from './esdbErrors.js';
import { commitPosition, toRecordedEvent } from './esdbRecorded.js';
import { SubscriptionFeed } from './esdbSubscriptionFeed.js';

export interface SubscriptionSettings {
  client: EventStoreDBClient;
  /** Exclusive start. */
  after: bigint;
  streamPrefix: string;
  /** Only these metadata keys are delivered (null: every key). */
  metadataKeys: ReadonlySet<string> | null;
  isStoreClosed(): boolean;
  /** Longest pause between resubscription attempts while the store is unavailable. */
  maxRetryDelayMs: number;
  /** Called once when the subscription ends, however it ends. */
  onEnd(subscription: EsdbSubscription): void;
}

const FIRST_RETRY_DELAY_MS = 50;

/**
 * A catch-up subscription to $all that survives the connection: when the server drops the call or
 * goes unavailable it resubscribes, with growing pauses, after the last position it has handed to
 * the consumer (or a later server checkpoint), so nothing is skipped and nothing delivered twice.
 * Errors that are not about availability end the iteration with that error.
 */
export class EsdbSubscription implements Subscription {
  readonly #settings: SubscriptionSettings;
  #closed = false;
  #ended = false;
  #feed: SubscriptionFeed | null = null;
  #wakeSleep: (() => void) | null = null;
  #iterator: AsyncGenerator<RecordedEvent, void, undefined> | null = null;

  constructor(settings: SubscriptionSettings) {
    this.#settings = settings;
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    this.#iterator ??= this.#run();
    return this.#iterator;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#wakeSleep?.();
    await this.#feed?.stop();
    this.#end();
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#settings.onEnd(this);
  }

  async *#run(): AsyncGenerator<RecordedEvent, void, undefined> {
    const { client, streamPrefix, metadataKeys } = this.#settings;
    if (this.#settings.isStoreClosed()) {
      this.#end();
      throw new StoreUnavailableError('subscribe to all: the store is closed');
    }
    // `resume` may run ahead of `delivered` over filtered-out events and checkpoints.
    let resume = this.#settings.after;
    let delivered = this.#settings.after;
    let failures = 0;
    try {
      while (!this.#closed) {
        const feed = new SubscriptionFeed(client, resume, streamPrefix);
        this.#feed = feed;
        try {
          for (;;) {
            const item = await feed.next();
            if (this.#closed) return;
            if (item.kind === 'ended') break;
            if (item.kind === 'failed') throw item.error;
            if (item.kind === 'checkpoint') {
              if (item.position > resume) resume = item.position;
              continue;
            }
            const event = toRecordedEvent(item.resolved, metadataKeys);
            const position = commitPosition(item.resolved);
            if (position !== null && position > resume) resume = position;
            if (event === null || event.position <= delivered) continue;
            delivered = event.position;
            failures = 0;
            yield event;
          }
        } catch (error) {
          if (this.#closed) return;
          const translated = translateEsdbError(error, 'subscription to $all');
          if (!(translated instanceof StoreUnavailableError) || this.#settings.isStoreClosed()) {
            throw translated;
          }
        } finally {
          this.#feed = null;
          await feed.stop();
        }
        await this.#sleep(
          Math.min(this.#settings.maxRetryDelayMs, FIRST_RETRY_DELAY_MS * 2 ** failures++),
        );
      }
    } finally {
      this.#closed = true;
      this.#end();
    }
  }

  #sleep(ms: number): Promise<void> {
    if (this.#closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wakeSleep = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wakeSleep = done;
    });
  }
}
