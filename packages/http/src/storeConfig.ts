import { join } from 'node:path';
import type { EventStoreConfig } from '@kawasan/event-store';
import { ConfigError, type Config } from './config.js';

/**
 * Which event store to open for this configuration. EventStoreDB is accepted by the config
 * schema (it is the documented production store) but has no adapter in this build yet, so it
 * fails here at start-up with a message an operator can act on.
 */
export function eventStoreConfig(
  config: Pick<Config, 'eventStore' | 'dataDir'>,
  options: { readonly?: boolean } = {},
): EventStoreConfig {
  if (config.eventStore === 'esdb')
    throw new ConfigError(
      'invalid configuration: EVENT_STORE=esdb is not implemented in this build yet; use EVENT_STORE=sqlite',
      ['EVENT_STORE'],
    );
  return {
    kind: 'sqlite',
    file: join(config.dataDir, 'events.sqlite'),
    ...(options.readonly === true && { readonly: true }),
  };
}
