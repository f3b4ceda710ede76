import { join } from 'node:path';
import type { Test } from 'tap';
import { buildApp as buildCommandApp } from '@kawasan/command-service';
import { openEventStore } from '@kawasan/event-store';
import { TokenRegistry, type HttpApp } from '@kawasan/http';
import { buildApp, type ProjectionServiceDeps } from '../buildApp.js';

/** One token per role the projection's tests read or write as. */
export const TOKENS = {
  admin: 'adm-token-000000000000000000',
  viewer: 'view-token-00000000000000000',
  auditor: 'aud-token-000000000000000000',
  manager: 'mgr-token-000000000000000000',
};
export type Caller = keyof typeof TOKENS;

export const testTokens = () =>
  TokenRegistry.fromEntries([
    { token: TOKENS.admin, actor: 'admin@test', roles: ['admin'] },
    { token: TOKENS.viewer, actor: 'viewer@test', roles: ['viewer'] },
    { token: TOKENS.auditor, actor: 'auditor@test', roles: ['auditor'] },
    { token: TOKENS.manager, actor: 'manager@test', roles: ['manager'] },
  ]);

export const bearer = (who: Caller) => ({ authorization: `Bearer ${TOKENS[who]}` });

export interface BothServices {
  dir: string;
  /** The SQLite file both services open. */
  file: string;
  commands: HttpApp;
  views: HttpApp;
  /** Sends a command as admin; asserts it was accepted. */
  command: (
    url: string,
    payload: object,
  ) => Promise<{ position: string; eventIds: string[]; revision: string }>;
}

/** Both services over one SQLite file, as in production: commands written by one, read by the other. */
export async function startBothServices(
  t: Test,
  options: Partial<Omit<ProjectionServiceDeps, 'store' | 'tokens' | 'snapshotFile'>> = {},
): Promise<BothServices> {
  const dir = t.testdir();
  const file = join(dir, 'events.sqlite');
  const commands = await buildCommandApp({
    store: await openEventStore({ kind: 'sqlite', file }),
    tokens: testTokens(),
    queryPublicUrl: 'http://q',
  });
  const views = await buildApp({
    store: await openEventStore({ kind: 'sqlite', file }),
    tokens: testTokens(),
    snapshotFile: join(dir, 'checkpoint.json'),
    ...options,
  });
  await views.ready();
  t.teardown(async () => {
    await commands.close();
    await views.close();
  });
  const command: BothServices['command'] = async (url, payload) => {
    const res = await commands.inject({ method: 'POST', url, payload, headers: bearer('admin') });
    t.equal(res.statusCode, 201, `${url}: ${res.body}`);
    return res.json();
  };
  return { dir, file, commands, views, command };
}
