import { join } from 'node:path';
import type { EventStoreConfig } from '@kawasan/event-store';
import { ConfigError, type Config } from './config.js';

/**
 * Which event store to open for this configuration: the SQLite file under DATA_DIR, or the
 * EventStoreDB server named by EVENTSTORE_CONNECTION_STRING. `readonly` and the page cache only
 * concern SQLite (a reader of an EventStoreDB server needs no separate mode).
 */
export function eventStoreConfig(
  config: Pick<Config, 'eventStore' | 'dataDir'> & {
    eventStoreConnectionString?: string | undefined;
  },
  options: { readonly?: boolean; sqliteCacheMiB?: number } = {},
): EventStoreConfig {
  if (config.eventStore === 'esdb') {
    const connectionString = config.eventStoreConnectionString;
    if (connectionString === undefined || connectionString.trim() === '')
      throw new ConfigError(
        'invalid configuration: EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=esdb',
        ['EVENTSTORE_CONNECTION_STRING'],
      );
    return { kind: 'esdb', connectionString };
  }
  return {
    kind: 'sqlite',
    file: join(config.dataDir, 'events.sqlite'),
    ...(options.readonly === true && { readonly: true }),
    ...(options.sqliteCacheMiB !== undefined && { cacheSizeMiB: options.sqliteCacheMiB }),
  };
}
