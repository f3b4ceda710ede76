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

/**
 * What every service does before building its app: parse the configuration (a ConfigError
 * names the variable), load the tokens (logging where from, never the tokens) and open the store.
 */
export async function prepareService(
  env: Readonly<Record<string, string | undefined>>,
): Promise<ServiceStartup> {
  const config = parseConfig(env);
  const storeConfig = eventStoreConfig(config);
  // Lines are written to stdout asynchronously (a synchronous write per request line was a tenth
  // of a small command's time); pino flushes what is buffered when the process exits.
  const logger = pino(loggerOptions(config), pino.destination({ dest: 1, sync: false }));
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
