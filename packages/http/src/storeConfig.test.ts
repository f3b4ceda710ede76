import t from 'tap';
import { ConfigError, parseConfig } from './config.js';
import { eventStoreConfig } from './storeConfig.js';

t.test('EVENT_STORE=sqlite opens the file under DATA_DIR', async (t) => {
  t.strictSame(eventStoreConfig({ eventStore: 'sqlite', dataDir: '/d' }), {
    kind: 'sqlite',
    file: '/d/events.sqlite',
  });
  t.strictSame(eventStoreConfig({ eventStore: 'sqlite', dataDir: '/d' }, { readonly: true }), {
    kind: 'sqlite',
    file: '/d/events.sqlite',
    readonly: true,
  });
  t.strictSame(eventStoreConfig({ eventStore: 'sqlite', dataDir: '/d' }, { sqliteCacheMiB: 8 }), {
    kind: 'sqlite',
    file: '/d/events.sqlite',
    cacheSizeMiB: 8,
  });
});

t.test('EVENT_STORE=esdb opens EVENTSTORE_CONNECTION_STRING', async (t) => {
  const config = parseConfig({
    EVENT_STORE: 'esdb',
    EVENTSTORE_CONNECTION_STRING: 'esdb+discover://cluster.local:2113',
  });
  t.strictSame(eventStoreConfig(config), {
    kind: 'esdb',
    connectionString: 'esdb+discover://cluster.local:2113',
  });
  t.strictSame(
    eventStoreConfig(config, { readonly: true, sqliteCacheMiB: 8 }),
    { kind: 'esdb', connectionString: 'esdb+discover://cluster.local:2113' },
    'readonly and the page cache only concern SQLite',
  );
});

t.test('EVENT_STORE=esdb without a connection string names the variable', async (t) => {
  for (const connectionString of [undefined, '  ']) {
    const error = t.throws(() =>
      eventStoreConfig({
        eventStore: 'esdb',
        dataDir: '/d',
        eventStoreConnectionString: connectionString,
      }),
    );
    t.ok(error instanceof ConfigError, 'a ConfigError');
    t.match((error as ConfigError).message, /EVENTSTORE_CONNECTION_STRING is required/);
    t.strictSame((error as ConfigError).variables, ['EVENTSTORE_CONNECTION_STRING']);
  }
  t.throws(() => parseConfig({ EVENT_STORE: 'esdb' }), {
    name: 'ConfigError',
    message: /EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=esdb/,
  });
});
