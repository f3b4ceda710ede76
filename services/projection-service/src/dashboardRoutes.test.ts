import t, { type Test } from 'tap';
import { join } from 'node:path';
import { openEventStore } from '@kawasan/event-store';
import { createHttpServer, TokenRegistry } from '@kawasan/http';
import { buildApp } from './buildApp.js';
import { registerDashboardRoutes } from './dashboardRoutes.js';

const TOKENS = {
  viewer: 'view-token-00000000000000000',
  babel: 'babel-token-0000000000000000',
};
const tokens = () =>
  TokenRegistry.fromEntries([
    { token: TOKENS.viewer, actor: 'viewer@test', roles: ['viewer'] },
    {
      token: TOKENS.babel,
      actor: 'babel@test',
      roles: ['manager'],
      provinces: ['Kepulauan Bangka Belitung'],
    },
  ]);
const bearer = (who: keyof typeof TOKENS) => ({ authorization: `Bearer ${TOKENS[who]}` });

/** The routes alone, over a tiny built page in a temp dir. */
async function routes(t: Test) {
  const root = t.testdir({
    public: { 'index.html': '<!doctype html><title>page</title>', 'styles.css': 'body{}' },
    dist: { 'app.js': 'export {};', 'app.d.ts': 'export {};' },
  });
  const app = await createHttpServer({
    tokens: tokens(),
    ready: async () => undefined,
    docs: { title: 'test', version: '0', description: 'test' },
  });
  await registerDashboardRoutes(app, { assetsDir: root, commandUrl: 'http://cmd.test:3001' });
  t.teardown(() => app.close());
  return app;
}

t.test('the page and its assets are public; nothing else is served', async (t) => {
  const app = await routes(t);
  const page = await app.inject({ url: '/' });
  t.equal(page.statusCode, 200);
  t.match(page.headers['content-type'], /^text\/html/);
  t.equal(page.headers['cache-control'], 'no-cache');
  const csp = String(page.headers['content-security-policy']);
  t.match(csp, /script-src 'self'/);
  t.match(csp, /connect-src 'self' http:\/\/cmd\.test:3001/, 'the page may post commands');
  t.match(page.body, '<title>page</title>');

  const script = await app.inject({ url: '/assets/js/app.js' });
  t.equal(script.statusCode, 200);
  t.match(script.headers['content-type'], /javascript/);
  t.equal(script.headers['x-content-type-options'], 'nosniff');
  t.equal((await app.inject({ url: '/assets/styles.css' })).statusCode, 200);

  for (const url of [
    '/assets/js/app.d.ts',
    '/assets/js/../dist/app.js',
    '/assets/%2e%2e/public/index.html',
    '/assets/js/missing.js',
    '/assets/.env',
  ])
    t.equal((await app.inject({ url })).statusCode, 404, url);
});

t.test('the config carries the command URL and the domain labels, without a token', async (t) => {
  const app = await routes(t);
  const res = await app.inject({ url: '/dashboard/config' });
  t.equal(res.statusCode, 200);
  const config = res.json();
  t.equal(config.commandUrl, 'http://cmd.test:3001');
  t.same(config.vocabulary.health.overdue, { en: 'Overdue', id: 'Terlambat' });
  t.same(config.vocabulary.kinds.special_economic_zone.id, 'Kawasan Ekonomi Khusus (KEK)');
  t.same(config.vocabulary.milestoneTypes.masterplan.label.id, 'Rencana induk (masterplan)');
  t.equal(config.vocabulary.provinces.length, 38);
  t.equal(config.vocabulary.zones['Asia/Makassar'], 'WITA');
});

t.test('GET /me says who the token is, for any role', async (t) => {
  const app = await routes(t);
  t.equal((await app.inject({ url: '/me' })).statusCode, 401);
  const viewer = await app.inject({ url: '/me', headers: bearer('viewer') });
  t.same(viewer.json(), { actor: 'viewer@test', roles: ['viewer'], provinces: null });
  const babel = await app.inject({ url: '/me', headers: bearer('babel') });
  t.same(babel.json(), {
    actor: 'babel@test',
    roles: ['manager'],
    provinces: ['Kepulauan Bangka Belitung'],
  });
});

t.test('a date preview reads the input as the command service will', async (t) => {
  const app = await routes(t);
  const preview = (input: string, timeZone?: string) =>
    app.inject({
      url: `/dates/preview?${new URLSearchParams({ input, ...(timeZone && { timeZone }) })}`,
      headers: bearer('babel'),
    });
  const quarter = await preview('triwulan pertama 2026');
  t.equal(quarter.statusCode, 200);
  t.match(quarter.json(), {
    input: 'triwulan pertama 2026',
    date: { value: '2026-Q1', precision: 'quarter', start: '2026-01-01', end: '2026-04-01' },
    description: { en: '1 Jan – 31 Mar 2026, WIB', id: '1 Jan – 31 Mar 2026, WIB' },
  });
  const kaltim = await preview('4 Desember 2025', 'Asia/Makassar');
  t.same(kaltim.json().description, { en: '4 Dec 2025, WITA', id: '4 Des 2025, WITA' });

  const wrongDay = await preview('Jumat (4/12/2025)');
  t.equal(wrongDay.statusCode, 400);
  t.match(wrongDay.json(), {
    code: 'invalid_date',
    errors: [{ path: 'input', message: /Jumat but 4 Dec 2025 is a Thursday/ }],
  });
  t.equal((await preview('Q1 2026', 'Mars/Olympus')).statusCode, 400);
  t.equal(
    (await app.inject({ url: '/dates/preview?input=2026' })).statusCode,
    401,
    'needs a token',
  );
});

t.test('buildApp serves the built page and hands it the command URL', async (t) => {
  const dir = t.testdir();
  const app = await buildApp({
    store: await openEventStore({ kind: 'sqlite', file: join(dir, 'events.sqlite') }),
    tokens: tokens(),
    snapshotFile: join(dir, 'checkpoint.json'),
    commandPublicUrl: 'http://127.0.0.1:3001',
  });
  t.teardown(() => app.close());
  const page = await app.inject({ url: '/' });
  t.equal(page.statusCode, 200);
  t.match(page.body, '/assets/js/app.js', 'the real page loads its entry module');
  t.equal(
    (await app.inject({ url: '/dashboard/config' })).json().commandUrl,
    'http://127.0.0.1:3001',
  );
  const docs = (await app.inject({ url: '/docs/json' })).json<{ paths: Record<string, unknown> }>();
  t.ok(docs.paths['/me'] && docs.paths['/dates/preview'], 'the JSON routes are documented');
  t.notOk(docs.paths['/assets/*'], 'the files are not');
});
