import { EventStoreDBClient, type EventData, type JSONType } from '@eventstore/db-client';
import { StoreUnavailableError } from '../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../eventStore.js';
import { prepareAppend } from '../prepareAppend.js';
import { resolveReadAll, resolveReadStream, resolveSubscribe } from '../readOptions.js';
import { isConnectionLoss, translateEsdbError } from './esdbErrors.js';
import { readAllEvents, readStreamEvents, tailOfAll, type Abandonable } from './esdbReads.js';
import { EsdbSubscription } from './esdbSubscription.js';

export interface EsdbEventStoreOptions {
  /** `esdb://host:2113?tls=false` (one node, no gossip) or `esdb+discover://…` / several hosts. */
  connectionString: string;
  /** How long ping and headPosition wait for the server. Default 10 s, the client's deadline. */
  operationTimeoutMs?: number;
  /** Longest pause between resubscription attempts of a subscription. Default 2 s. */
  maxResubscribeDelayMs?: number;
}

const DEFAULT_OPERATION_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_RESUBSCRIBE_DELAY_MS = 2_000;
const RETRY_AFTER_CONNECTION_LOSS_MS = 50;

class EsdbStore implements EventStore {
  readonly #client: EventStoreDBClient;
  readonly #operationTimeoutMs: number;
  readonly #maxResubscribeDelayMs: number;
  readonly #subscriptions = new Set<EsdbSubscription>();
  #closed = false;

  constructor(
    client: EventStoreDBClient,
    operationTimeoutMs: number,
    maxResubscribeDelayMs: number,
  ) {
    this.#client = client;
    this.#operationTimeoutMs = operationTimeoutMs;
    this.#maxResubscribeDelayMs = maxResubscribeDelayMs;
  }

  #ensureOpen(doing: string): void {
    if (this.#closed) throw new StoreUnavailableError(`${doing}: the store is closed`);
  }

  async append(
    stream: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    const prepared = prepareAppend(stream, events, options);
    const doing = `append to '${prepared.stream}'`;
    this.#ensureOpen(doing);
    const expected = prepared.expectedRevision;
    const data: EventData[] = prepared.events.map((event, i) => ({
      id: event.id,
      contentType: 'application/json',
      type: event.type,
      // prepareAppend has checked these serialise; the client serialises them again.
      data: events[i]?.data as JSONType,
      metadata: events[i]?.metadata as JSONType,
    }));
    const append = () =>
      this.#client.appendToStream(prepared.stream, data, {
        expectedRevision: expected,
      });
    try {
      // A call that meets a connection dropped since the last one fails without reaching the
      // server; the client reconnects on the next call. One retry of the same ids at the same
      // expected revision is safe: if the first attempt did land, it is an idempotent re-append.
      const result = await append().catch(async (error: unknown) => {
        if (!isConnectionLoss(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_CONNECTION_LOSS_MS));
        return append();
      });
      const position =
        result.position?.commit ??
        (await this.#positionOf(prepared.stream, result.nextExpectedRevision));
      return { nextExpectedRevision: result.nextExpectedRevision, position };
    } catch (error) {
      throw translateEsdbError(error, doing, { stream: prepared.stream, expected });
    }
  }

  /** Servers that answer an idempotent re-append without a position: look it up. */
  async #positionOf(stream: string, revision: bigint): Promise<bigint> {
    for await (const event of readStreamEvents(this.#client, stream, {
      forwards: true,
      from: revision,
      maxCount: 1,
    })) {
      return event.position;
    }
    throw new Error(`EventStoreDB reported ${stream}@${revision} appended but it cannot be read`);
  }

  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    if (typeof stream !== 'string') throw new TypeError('readStream: stream must be a string');
    const read = resolveReadStream(options);
    const open = async function* (store: EsdbStore): AsyncGenerator<RecordedEvent> {
      store.#ensureOpen(`read stream '${stream}'`);
      yield* readStreamEvents(store.#client, stream, read);
    };
    return open(this);
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    const read = resolveReadAll(options);
    const open = async function* (store: EsdbStore): AsyncGenerator<RecordedEvent> {
      store.#ensureOpen('read all');
      yield* readAllEvents(store.#client, read);
    };
    return open(this);
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    const subscription = new EsdbSubscription({
      client: this.#client,
      ...resolveSubscribe(options),
      isStoreClosed: () => this.#closed,
      maxRetryDelayMs: this.#maxResubscribeDelayMs,
      onEnd: (ended) => this.#subscriptions.delete(ended),
    });
    if (!this.#closed) this.#subscriptions.add(subscription);
    return subscription;
  }

  headPosition(): Promise<bigint> {
    return this.#withTimeout('head position', () => tailOfAll(this.#client, false));
  }

  async ping(): Promise<void> {
    await this.#withTimeout('ping', () => tailOfAll(this.#client, true));
  }

  /** Reads of $all have no gRPC deadline in the client, so these two get one here. */
  async #withTimeout<T>(doing: string, start: () => Abandonable<T>): Promise<T> {
    this.#ensureOpen(doing);
    const work = start();
    // A late failure after the timeout has nobody waiting for it; keep it from going unhandled.
    work.result.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void work.cancel();
        reject(new StoreUnavailableError(`${doing}: no answer in ${this.#operationTimeoutMs} ms`));
      }, this.#operationTimeoutMs);
    });
    try {
      return await Promise.race([work.result, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.close()));
    await this.#client.dispose();
  }
}

function positiveMs(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be > 0`);
  return value;
}

/**
 * Opens an EventStoreDB event store. The client connects lazily, so this does not fail when the
 * server is down; `ping` tells whether it is reachable.
 */
export function openEsdbEventStore(options: EsdbEventStoreOptions): Promise<EventStore> {
  return new Promise((resolve) => {
    const { connectionString } = options;
    if (typeof connectionString !== 'string' || !/^esdb(\+discover)?:\/\//.test(connectionString)) {
      throw new TypeError(
        'openEsdbEventStore: connectionString must start with esdb:// or esdb+discover://',
      );
    }
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(connectionString);
    } catch (cause) {
      throw new TypeError(`openEsdbEventStore: invalid connection string: ${String(cause)}`, {
        cause,
      });
    }
    resolve(
      new EsdbStore(
        client,
        positiveMs(options.operationTimeoutMs, DEFAULT_OPERATION_TIMEOUT_MS, 'operationTimeoutMs'),
        positiveMs(
          options.maxResubscribeDelayMs,
          DEFAULT_MAX_RESUBSCRIBE_DELAY_MS,
          'maxResubscribeDelayMs',
        ),
      ),
    );
  });
}
