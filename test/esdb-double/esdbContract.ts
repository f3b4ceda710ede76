/**
 * Runs the shared event-store contract against the EventStoreDB adapter. Two contract tests ask
 * for more than EventStoreDB does; they still run, marked `todo` with the reason, so their results
 * stay visible without failing the run (the contract itself stays as strict as SQLite needs it).
 */
import { openEventStore } from '@kawasan/event-store';
import { runEventStoreContract } from '@kawasan/event-store/testing';
import type { Test } from 'tap';

/** Contract tests EventStoreDB cannot pass, and why (EventStore/EventStore IndexWriter.cs). */
export const ESDB_DIVERGENCES: Readonly<Record<string, string>> = {
  'idempotent re-append of the same event ids':
    'EventStoreDB checks ids only when the expected revision is behind the stream or is any/' +
    'stream_exists (IndexWriter.CheckCommit): a batch at the current revision is written even if ' +
    'its ids are stored, and with any/stream_exists stored ids in another order count as a re-append',
  'an id stored in another stream is a DuplicateEventIdError':
    'EventStoreDB has no store-wide event id uniqueness: an id stored in another stream is written again',
};

type TestFn = (t: Test) => unknown;

/** `t`, with `t.test` marking the named subtests (at any depth) as todo. */
function withDivergences(t: Test, divergences: Readonly<Record<string, string>>): Test {
  return new Proxy(t, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property !== 'test') return typeof value === 'function' ? value.bind(target) : value;
      return (name: string, ...rest: unknown[]) => {
        const fn = rest.pop() as TestFn;
        const options = (rest[0] ?? {}) as Record<string, unknown>;
        const reason = divergences[name];
        return target.test(
          name,
          reason === undefined ? options : { ...options, todo: `EventStoreDB differs: ${reason}` },
          (child) => fn(withDivergences(child, divergences)),
        );
      };
    },
  });
}

export function runEsdbContract(t: Test, name: string, connectionString: string): void {
  const config = { kind: 'esdb', connectionString } as const;
  runEventStoreContract(withDivergences(t, ESDB_DIVERGENCES), {
    name,
    open: () => openEventStore(config),
    childConfig: config,
  });
}
