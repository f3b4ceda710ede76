import { join } from 'node:path';
import { closeOnSignals, prepareService, startFailure } from '@kawasan/http';
import { buildApp } from './buildApp.js';

async function main(): Promise<void> {
  const { config, logger, tokens, store, limits } = await prepareService(process.env);
  const app = await buildApp({
    store,
    tokens,
    logger,
    limits,
    snapshotFile: join(config.dataDir, 'projection-snapshot.jsonl'),
    digestSigningKeyFile: config.digestSigningKeyFile,
    commandPublicUrl: config.commandPublicUrl,
  });
  // The last snapshot of 100k projects takes seconds to write; a cut one is ignored, not harmful.
  closeOnSignals(app, { exit: (code) => process.exit(code), timeoutMs: 30_000 });
  const url = await app.listen({ host: config.host, port: config.queryPort });
  logger.info({ url, docs: `${url}/docs`, dashboard: `${url}/` }, 'projection service listening');
}

main().catch((error: unknown) => {
  console.error(startFailure('projection service', error));
  process.exit(1);
});
