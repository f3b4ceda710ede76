import { openEventStore, type EventStore } from '@kawasan/event-store';
import { pino, type Logger } from 'pino';
import { parseConfig, ConfigError, type Config } from './config.js';
import { loadTokens } from './devTokens.js';
import { loggerOptions } from './logger.js';
import type { RateLimitOptions } from './rateLimit.js';
import { eventStoreConfig } from './storeConfig.js';
import type { TokenRegistry } from './tokens.js';

export interface ServiceStartup {
  readonly config: Config;
  readonly logger: Logger;
  readonly tokens: TokenRegistry;
  readonly store: EventStore;
  readonly limits: { rateLimit: RateLimitOptions; requestTimeoutMs: number };
}

/** How long a log line may wait in the buffer when the service is quiet. */
const LOG_FLUSH_MS = 500;

/**
 * stdout, written asynchronously in chunks of at least 4 KiB: a write per request line cost a
 * fifth of the command service's throughput under load. A timer flushes what a quiet service has
 * buffered, and pino flushes the rest when the process exits.
 */
function bufferedStdout() {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => {
    // Not once the process has begun exiting (pino then flushes synchronously itself).
    if (!(destination as { destroyed?: boolean }).destroyed) destination.flush();
  }, LOG_FLUSH_MS).unref();
  return destination;
}

/**
 * What every service does before building its app: parse the configuration (a ConfigError
 * names the variable), load the tokens (logging where from, never the tokens) and open the store.
 */
export async function prepareService(
  env: Readonly<Record<string, string | undefined>>,
  /** How this service uses the store (see eventStoreConfig). */
  storeUse: Parameters<typeof eventStoreConfig>[1] = {},
): Promise<ServiceStartup> {
  const config = parseConfig(env);
  const storeConfig = eventStoreConfig(config, storeUse);
  const logger = pino(loggerOptions(config), bufferedStdout());
  const { tokens, source } = await loadTokens(config);
  if (source.kind === 'development') {
    logger.info(
      { path: source.path, created: source.created },
      'AUTH_TOKENS_FILE is not set: using development tokens from this file',
    );
    if (!source.privateMode)
      logger.warn({ path: source.path }, 'the development tokens file is readable by others');
  } else logger.info({ path: source.path, tokens: tokens.size }, 'tokens loaded');
  const store = await openEventStore(storeConfig);
  return {
    config,
    logger,
    tokens,
    store,
    limits: {
      rateLimit: { max: config.rateLimitPerMinute, timeWindowMs: 60_000 },
      requestTimeoutMs: config.requestTimeoutMs,
    },
  };
}

/** How a service's main reports a failed start: a configuration problem without a stack. */
export const startFailure = (service: string, error: unknown): string =>
  error instanceof ConfigError
    ? `${service}: ${error.message}`
    : `${service} failed to start: ${String(error)}`;
