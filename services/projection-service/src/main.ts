import { join } from 'node:path';
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

function exitOnConfigError(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(`projection service: ${error.message}`);
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
  logger.info(
    { path: source.path },
    source.kind === 'development' ? 'using development tokens from this file' : 'tokens loaded',
  );
  const store = await openEventStore(storeConfig);
  const app = await buildApp({
    store,
    tokens,
    logger,
    limits: {
      rateLimit: { max: config.rateLimitPerMinute, timeWindowMs: 60_000 },
      requestTimeoutMs: config.requestTimeoutMs,
    },
    snapshotFile: join(config.dataDir, 'projection-checkpoint.json'),
    digestSigningKeyFile: config.digestSigningKeyFile,
    commandPublicUrl: config.commandPublicUrl,
  });
  closeOnSignals(app, { exit: (code) => process.exit(code) });
  const url = await app.listen({ host: config.host, port: config.queryPort });
  logger.info({ url, docs: `${url}/docs`, dashboard: `${url}/` }, 'projection service listening');
}

main().catch((error: unknown) => {
  console.error('projection service failed to start:', error);
  process.exit(1);
});
