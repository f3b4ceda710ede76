import { randomBytes, randomUUID } from 'node:crypto';
import type { EventStore, EventToAppend, RecordedEvent, Subscription } from '../eventStore.js';

/** Per-test stream names, so the suite can run against a shared server. */
export const uniqueStream = (label: string): string =>
  `contract-${label}-${randomBytes(6).toString('hex')}`;

export function makeTestEvent(overrides: Partial<EventToAppend> = {}): EventToAppend {
  return {
    id: randomUUID(),
    type: 'ContractTested',
    data: { note: 'test' },
    metadata: {},
    ...overrides,
  };
}

export const makeTestEvents = (n: number, type = 'ContractTested'): EventToAppend[] =>
  Array.from({ length: n }, (_, i) => makeTestEvent({ type, data: { i } }));

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

export async function countStream(store: EventStore, stream: string): Promise<number> {
  let n = 0;
  for await (const _ of store.readStream(stream)) n++;
  return n;
}

export const ids = (events: readonly { id: string }[]): string[] => events.map((e) => e.id);

/** Resolves with 'timeout' after `ms` unless `promise` settles first; never leaves a timer behind. */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const delay = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Pulls from a subscription with deadlines, keeping a timed-out pull for the next call. */
export class SubscriptionReader {
  readonly #iterator: AsyncIterator<RecordedEvent>;
  #pending: Promise<IteratorResult<RecordedEvent>> | null = null;

  constructor(subscription: Subscription) {
    this.#iterator = subscription[Symbol.asyncIterator]();
  }

  next(ms: number): Promise<IteratorResult<RecordedEvent> | 'timeout'> {
    this.#pending ??= this.#iterator.next();
    return within(this.#pending, ms).then((result) => {
      if (result !== 'timeout') this.#pending = null;
      return result;
    });
  }

  async take(n: number, ms = 10_000): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    const deadline = Date.now() + ms;
    while (out.length < n) {
      const result = await this.next(Math.max(1, deadline - Date.now()));
      if (result === 'timeout')
        throw new Error(`subscription gave ${out.length} of ${n} in ${ms} ms`);
      if (result.done === true) throw new Error(`subscription ended after ${out.length} of ${n}`);
      out.push(result.value);
    }
    return out;
  }
}
