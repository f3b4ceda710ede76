import { demoSteps } from '@kawasan/demo-data';
import { closeOnSignals, prepareService, startFailure } from '@kawasan/http';
import { buildApp } from './buildApp.js';
import { seedDemo } from './demoSeed.js';

async function main(): Promise<void> {
  const { config, logger, tokens, store, limits } = await prepareService(process.env);
  const app = await buildApp({
    store,
    tokens,
    logger,
    queryPublicUrl: config.queryPublicUrl,
    limits,
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
  console.error(startFailure('command service', error));
  process.exit(1);
});
