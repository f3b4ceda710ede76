import { join } from 'node:path';
import { openEventStore, type EventStore, type RecordedEvent } from '@kawasan/event-store';
import { TokenRegistry, type HttpApp } from '@kawasan/http';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type CommandServiceDeps } from '../buildApp.js';

/** One token per kind of caller the tests need. */
export const TOKENS = {
  admin: 'test-admin-token-0123456789',
  manager: 'test-manager-token-0123456789',
  babel: 'test-babel-manager-token-0123',
  viewer: 'test-viewer-token-0123456789',
  auditor: 'test-auditor-token-012345678',
} as const;
export type Caller = keyof typeof TOKENS;

export const QUERY_URL = 'http://query.test:3002';

export function testTokens(): TokenRegistry {
  return TokenRegistry.fromEntries([
    { token: TOKENS.admin, actor: 'admin@test', roles: ['admin'] },
    { token: TOKENS.manager, actor: 'manager@test', roles: ['manager'] },
    {
      token: TOKENS.babel,
      actor: 'babel@test',
      roles: ['manager'],
      provinces: ['Kepulauan Bangka Belitung'],
    },
    { token: TOKENS.viewer, actor: 'viewer@test', roles: ['viewer'] },
    { token: TOKENS.auditor, actor: 'auditor@test', roles: ['auditor'] },
  ]);
}

export interface SendOptions {
  as?: Caller | null;
  headers?: Record<string, string>;
}

export interface TestApp {
  app: HttpApp;
  store: EventStore;
  tokens: TokenRegistry;
  send: (
    method: 'POST' | 'PATCH' | 'GET',
    url: string,
    body?: unknown,
    options?: SendOptions,
  ) => Promise<LightMyRequestResponse>;
  events: (projectId: string) => Promise<RecordedEvent[]>;
}

/** The command service over a real SQLite file in `dir`. Closing the app closes the store. */
export async function startTestApp(
  dir: string,
  overrides: Partial<Omit<CommandServiceDeps, 'tokens' | 'queryPublicUrl'>> = {},
): Promise<TestApp> {
  const store =
    overrides.store ?? (await openEventStore({ kind: 'sqlite', file: join(dir, 'events.sqlite') }));
  const tokens = testTokens();
  const app = await buildApp({ tokens, queryPublicUrl: QUERY_URL, ...overrides, store });
  return {
    app,
    store,
    tokens,
    send: (method, url, body, options = {}) => {
      const as = options.as === undefined ? 'admin' : options.as;
      return app.inject({
        method,
        url,
        headers: {
          ...(as !== null && { authorization: `Bearer ${TOKENS[as]}` }),
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...options.headers,
        },
        ...(body !== undefined && {
          payload: typeof body === 'string' ? body : JSON.stringify(body),
        }),
      });
    },
    events: async (projectId) => {
      const events: RecordedEvent[] = [];
      for await (const event of store.readStream(`project-${projectId}`)) events.push(event);
      return events;
    },
  };
}

/** A project body in Bangka Belitung, the scoped manager's province. */
export const belitung = (projectId: string) => ({
  projectId,
  name: 'Kawasan Industri Belitung',
  kind: 'industrial_estate',
  location: { province: 'kepulauan bangka belitung', regency: 'Belitung' },
  sectors: ['smelter'],
  parties: [{ name: 'Wanxinda Group', role: 'investor', country: 'CN' }],
  sources: [
    { outlet: 'ANTARA Babel', url: 'https://babel.antaranews.com/x', publishedOn: '2025-12-07' },
  ],
});

/** A project body in East Kalimantan, outside the scoped manager's province. */
export const kaltim = (projectId: string) => ({
  projectId,
  name: 'Kaltim–Anhui cooperation',
  kind: 'cooperation',
  location: { province: 'Kaltim' },
});

/** What of a tap test the set-up uses (a temp dir and a teardown). */
export interface TestContext {
  testdir: () => string;
  teardown: (fn: () => unknown) => void;
}

/** The assertions shared helpers make on a tap test. */
export interface Assertions {
  equal(found: unknown, wanted: unknown, ...message: [string]): unknown;
  match(found: unknown, pattern: unknown, ...message: [string]): unknown;
}

/** startTestApp in the test's own temp dir, closed when the test ends. */
export async function withTestApp(
  t: TestContext,
  overrides: Parameters<typeof startTestApp>[1] = {},
): Promise<TestApp> {
  const test = await startTestApp(t.testdir(), overrides);
  t.teardown(() => test.app.close());
  return test;
}
