import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { closeOnSignals, prepareService, startFailure } from '@kawasan/http';
import { buildApp } from './buildApp.js';

async function main(): Promise<void> {
  // Its connection appends nothing (no random id index to keep warm) and a catch-up scans the
  // whole log: SQLite's page cache would fill to the command side's 64 MiB and stay resident.
  const { config, logger, tokens, store, limits } = await prepareService(process.env, {
    sqliteCacheMiB: 8,
  });
  // Snapshots were JSON lines before they were SQLite: the old file is only dead weight.
  rmSync(join(config.dataDir, 'projection-snapshot.jsonl'), { force: true });
  const app = await buildApp({
    store,
    tokens,
    logger,
    limits,
    snapshotFile: join(config.dataDir, 'projection-snapshot.sqlite'),
    digestSigningKeyFile: config.digestSigningKeyFile,
    commandPublicUrl: config.commandPublicUrl,
  });
  // The last save writes only what changed since the previous one; a cut one is rolled back.
  closeOnSignals(app, { exit: (code) => process.exit(code), timeoutMs: 30_000 });
  const url = await app.listen({ host: config.host, port: config.queryPort });
  logger.info({ url, docs: `${url}/docs`, dashboard: `${url}/` }, 'projection service listening');
}

main().catch((error: unknown) => {
  console.error(startFailure('projection service', error));
  process.exit(1);
});
