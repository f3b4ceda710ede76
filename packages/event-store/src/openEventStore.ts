import { openEsdbEventStore, type EsdbEventStoreOptions } from './esdb/esdbEventStore.js';
import type { EventStore } from './eventStore.js';
import { openSqliteEventStore, type SqliteEventStoreOptions } from './sqlite/sqliteEventStore.js';

export interface SqliteEventStoreConfig extends SqliteEventStoreOptions {
  kind: 'sqlite';
}

export interface EsdbEventStoreConfig extends EsdbEventStoreOptions {
  kind: 'esdb';
}

/** Which adapter to open and how. */
export type EventStoreConfig = SqliteEventStoreConfig | EsdbEventStoreConfig;

/** Opens the adapter named by `config.kind`. `config` may come straight from JSON. */
export async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  const kind: unknown = (config as { kind?: unknown } | null)?.kind;
  switch (kind) {
    case 'sqlite':
      return openSqliteEventStore(config as SqliteEventStoreConfig);
    case 'esdb':
      return openEsdbEventStore(config as EsdbEventStoreConfig);
    default:
      throw new TypeError(`openEventStore: unknown store kind ${JSON.stringify(kind)}`);
  }
}
