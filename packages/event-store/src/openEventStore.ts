import type { EventStore } from './eventStore.js';
import { openSqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqliteEventStore.js';

export interface SqliteEventStoreConfig extends SqliteEventStoreOptions {
  kind: 'sqlite';
}

/** Which adapter to open and how. Add a variant per adapter (e.g. `{ kind: 'esdb' }`). */
export type EventStoreConfig = SqliteEventStoreConfig;

/** Opens the adapter named by `config.kind`. `config` may come straight from JSON. */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  const kind: unknown = (config as { kind?: unknown } | null)?.kind;
  switch (kind) {
    case 'sqlite':
      return openSqliteEventStore(config);
    default:
      throw new TypeError(`openEventStore: unknown store kind ${JSON.stringify(kind)}`);
  }
}
