import type { Test } from 'tap';
import type { EventStore } from '../eventStore.js';
import { appendContract } from './contractAppend.js';
import { concurrencyContract } from './contractConcurrency.js';
import { inputContract } from './contractInput.js';
import { lifecycleContract } from './contractLifecycle.js';
import { emptyStoreContract, readContract } from './contractRead.js';
import { streamingContract } from './contractStreaming.js';
import { subscribeContract } from './contractSubscribe.js';

export interface EventStoreHarness {
  name: string;
  /** Opens the store under test; may be called several times (each call gets its own handle). */
  open(): Promise<EventStore>;
  /** JSON for `openEventStore` that opens the SAME store from a child process. */
  childConfig: unknown;
}

/**
 * The behaviour every EventStore adapter must have. Adapter-agnostic: stream names are unique per
 * test, so it can run against a shared server, and other processes are real child processes.
 */
export function runEventStoreContract(t: Test, harness: EventStoreHarness): void {
  t.test(`event store contract: ${harness.name}`, async (t) => {
    const shared = await harness.open();
    t.teardown(() => shared.close());
    const store = (): EventStore => shared;
    emptyStoreContract(t, store);
    appendContract(t, store);
    inputContract(t, store);
    readContract(t, store);
    subscribeContract(t, store, harness.childConfig);
    concurrencyContract(t, store, harness.childConfig);
    lifecycleContract(t, () => harness.open());
    // Last, so the bulk log it writes does not slow the other tests down.
    streamingContract(t, store);
  });
}
