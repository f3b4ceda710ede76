import {
  excludeSystemEvents,
  START,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import { atPosition } from './esdbReads.js';

export type FeedItem =
  | { kind: 'event'; resolved: AllStreamResolvedEvent }
  /** The server has considered every event up to here; all matching ones came before. */
  | { kind: 'checkpoint'; position: bigint }
  | { kind: 'failed'; error: unknown }
  | { kind: 'ended' };

const HIGH_WATER = 256;
const LOW_WATER = 64;

/**
 * One `subscribeToAll` call of the client as an ordered queue of events and checkpoints, with
 * backpressure (the client stream is paused while the queue is full). Filtering happens on the
 * server: by stream prefix, or else by excluding `$` event types.
 */
export class SubscriptionFeed {
  readonly #queue: FeedItem[] = [];
  readonly #subscription: AllStreamSubscription;
  #wake: (() => void) | null = null;
  #stopped = false;

  constructor(client: EventStoreDBClient, after: bigint, streamPrefix: string) {
    // The checkpoint callback runs inside the client's stream transform, possibly before events
    // transformed earlier have reached us: wait for those, so the queue stays in commit order.
    const checkpointReached = async (_: unknown, position: Position): Promise<void> => {
      await this.#drained();
      this.#push({ kind: 'checkpoint', position: position.commit });
    };
    const filter =
      streamPrefix === ''
        ? excludeSystemEvents({ checkpointReached })
        : streamNameFilter({ prefixes: [streamPrefix], checkpointReached });
    this.#subscription = client.subscribeToAll({
      fromPosition: after === 0n ? START : atPosition(after),
      filter,
    });
    this.#subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      this.#push({ kind: 'event', resolved });
      if (this.#queue.length >= HIGH_WATER) this.#subscription.pause();
    });
    this.#subscription.on('error', (error: unknown) => this.#push({ kind: 'failed', error }));
    this.#subscription.on('end', () => this.#push({ kind: 'ended' }));
  }

  async next(): Promise<FeedItem> {
    while (this.#queue.length === 0) {
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
    }
    const item = this.#queue.shift() as FeedItem;
    if (this.#subscription.isPaused() && this.#queue.length <= LOW_WATER) {
      this.#subscription.resume();
    }
    return item;
  }

  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#push({ kind: 'ended' });
    await this.#subscription.unsubscribe();
    // Let anything still buffered drain, so the client's dispose() does not wait for it.
    this.#subscription.resume();
  }

  #push(item: FeedItem): void {
    if (this.#stopped && item.kind !== 'ended') return;
    this.#queue.push(item);
    this.#wake?.();
    this.#wake = null;
  }

  async #drained(): Promise<void> {
    while (this.#subscription.readableLength > 0 && !this.#stopped) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }
}
