import { demoSteps } from '@kawasan/demo-data';
import { openEventStore } from '@kawasan/event-store';
import {
  closeOnSignals,
  ConfigError,
  eventStoreConfig,
  loadTokens,
  loggerOptions,
  parseConfig,
  type Config,
} from '@kawasan/http';
import { pino } from 'pino';
import { buildApp } from './buildApp.js';
import { seedDemo } from './demoSeed.js';

/** A configuration problem is the operator's to fix: say which variable, exit 1, no stack. */
function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(`command service: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

async function main(): Promise<void> {
  let config: Config;
  let storeConfig: ReturnType<typeof eventStoreConfig>;
  try {
    config = parseConfig(process.env);
    storeConfig = eventStoreConfig(config);
  } catch (error) {
    exitOnConfigError(error);
  }
  const logger = pino(loggerOptions(config));
  const { tokens, source } = await loadTokens(config).catch(exitOnConfigError);
  if (source.kind === 'development') {
    logger.info(
      { path: source.path, created: source.created },
      'AUTH_TOKENS_FILE is not set: using development tokens from this file',
    );
    if (!source.privateMode)
      logger.warn({ path: source.path }, 'the development tokens file is readable by others');
  } else {
    logger.info({ path: source.path, tokens: tokens.size }, 'tokens loaded');
  }

  const store = await openEventStore(storeConfig);
  const app = await buildApp({
    store,
    tokens,
    logger,
    queryPublicUrl: config.queryPublicUrl,
    limits: {
      rateLimit: { max: config.rateLimitPerMinute, timeWindowMs: 60_000 },
      requestTimeoutMs: config.requestTimeoutMs,
    },
  });
  closeOnSignals(app, { exit: (code) => process.exit(code) });

  if (config.seedDemo) {
    try {
      await seedDemo({ app, store, tokens, steps: demoSteps });
    } catch (error) {
      logger.fatal({ err: error }, 'loading the demo data failed');
      await app.close();
      process.exit(1);
    }
  }
  const url = await app.listen({ host: config.host, port: config.commandPort });
  logger.info({ url, docs: `${url}/docs` }, 'command service listening');
}

main().catch((error: unknown) => {
  console.error('command service failed to start:', error);
  process.exit(1);
});
