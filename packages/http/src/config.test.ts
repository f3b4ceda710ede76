import t from 'tap';
import { ConfigError, parseConfig } from './config.js';

const failure = (env: Record<string, string>): ConfigError => {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

t.test('defaults', async (t) => {
  const config = parseConfig({});
  t.strictSame(config, {
    host: '127.0.0.1',
    commandPort: 3001,
    queryPort: 3002,
    dataDir: './data',
    eventStore: 'sqlite',
    eventStoreConnectionString: undefined,
    authTokensFile: undefined,
    seedDemo: false,
    logLevel: 'info',
    digestSigningKeyFile: undefined,
    queryPublicUrl: 'http://127.0.0.1:3002',
    commandPublicUrl: 'http://127.0.0.1:3001',
    rateLimitPerMinute: 600,
    requestTimeoutMs: 30_000,
  });
});

t.test('values are read and converted', async (t) => {
  const config = parseConfig({
    HOST: '0.0.0.0',
    COMMAND_PORT: '8001',
    QUERY_PORT: '8002',
    DATA_DIR: '/var/lib/kawasan',
    AUTH_TOKENS_FILE: '/etc/kawasan/tokens.json',
    LOG_LEVEL: 'debug',
    DIGEST_SIGNING_KEY_FILE: '/etc/kawasan/digest.pem',
    UNRELATED: 'ignored',
  });
  t.equal(config.commandPort, 8001);
  t.equal(config.queryPort, 8002);
  t.equal(config.dataDir, '/var/lib/kawasan');
  t.equal(config.logLevel, 'debug');
  t.equal(config.authTokensFile, '/etc/kawasan/tokens.json');
  t.equal(config.digestSigningKeyFile, '/etc/kawasan/digest.pem');
  t.equal(config.queryPublicUrl, 'http://localhost:8002', 'a wildcard host is no link target');
  t.equal(parseConfig({ HOST: '::1' }).queryPublicUrl, 'http://[::1]:3002');
  t.equal(
    parseConfig({ QUERY_PUBLIC_URL: 'https://kawasan.example.id/api/' }).queryPublicUrl,
    'https://kawasan.example.id/api',
    'no trailing slash',
  );
  t.equal(config.commandPublicUrl, 'http://localhost:8001');
  t.equal(
    parseConfig({ COMMAND_PUBLIC_URL: 'https://kawasan.example.id/commands/' }).commandPublicUrl,
    'https://kawasan.example.id/commands',
  );
});

t.test('SEED_DEMO accepts the usual spellings of yes and no', async (t) => {
  for (const yes of ['1', 'true', 'YES', ' on '])
    t.equal(parseConfig({ SEED_DEMO: yes }).seedDemo, true, yes);
  for (const no of ['0', 'false', 'No', 'off'])
    t.equal(parseConfig({ SEED_DEMO: no }).seedDemo, false, no);
  t.equal(parseConfig({ SEED_DEMO: '' }).seedDemo, false, 'empty is unset');
  const error = failure({ SEED_DEMO: 'maybe' });
  t.match(
    error.message,
    /SEED_DEMO must be one of 1, true, yes, on, 0, false, no, off \(got "maybe"\)/,
  );
  t.strictSame(error.variables, ['SEED_DEMO']);
});

t.test('a bad value names the variable', async (t) => {
  const cases: [Record<string, string>, string, RegExp][] = [
    [{ COMMAND_PORT: 'abc' }, 'COMMAND_PORT', /COMMAND_PORT must be a port number \(got "abc"\)/],
    [{ QUERY_PORT: '70000' }, 'QUERY_PORT', /QUERY_PORT must be between 1 and 65535/],
    [{ COMMAND_PORT: '3.5' }, 'COMMAND_PORT', /COMMAND_PORT must be a whole number/],
    [{ EVENT_STORE: 'postgres' }, 'EVENT_STORE', /EVENT_STORE must be sqlite or esdb/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /LOG_LEVEL must be one of fatal, error/],
    [
      { QUERY_PUBLIC_URL: 'ftp://x' },
      'QUERY_PUBLIC_URL',
      /QUERY_PUBLIC_URL must be an http\(s\) URL/,
    ],
    [
      { EVENT_STORE: 'esdb' },
      'EVENTSTORE_CONNECTION_STRING',
      /EVENTSTORE_CONNECTION_STRING is required when EVENT_STORE=esdb/,
    ],
    [
      { EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113' },
      'EVENTSTORE_CONNECTION_STRING',
      /must start with esdb:\/\//,
    ],
  ];
  for (const [env, variable, message] of cases) {
    const error = failure(env);
    t.match(error.message, message, variable);
    t.strictSame(error.variables, [variable]);
  }
  const both = failure({ COMMAND_PORT: 'x', LOG_LEVEL: 'y' });
  t.strictSame(both.variables, ['COMMAND_PORT', 'LOG_LEVEL'], 'every bad variable is named');
});

t.test('rate limit and request timeout', async (t) => {
  const config = parseConfig({ RATE_LIMIT_PER_MINUTE: '0', REQUEST_TIMEOUT_MS: '5000' });
  t.equal(config.rateLimitPerMinute, 0);
  t.equal(config.requestTimeoutMs, 5000);
  t.throws(
    () => parseConfig({ RATE_LIMIT_PER_MINUTE: '-1' }),
    /RATE_LIMIT_PER_MINUTE must be 0 \(off\) or more/,
  );
  t.throws(() => parseConfig({ REQUEST_TIMEOUT_MS: 'soon' }), /REQUEST_TIMEOUT_MS/);
});
