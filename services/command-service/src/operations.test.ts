import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { belitung, withTestApp } from './testing/testApp.js';

const commandPaths = [
  ['post', '/projects'],
  ['patch', '/projects/{projectId}'],
  ['post', '/projects/{projectId}/milestones'],
  ['post', '/projects/{projectId}/milestones/{milestoneId}/reschedule'],
  ['post', '/projects/{projectId}/milestones/{milestoneId}/start'],
  ['post', '/projects/{projectId}/milestones/{milestoneId}/achieve'],
  ['post', '/projects/{projectId}/milestones/{milestoneId}/cancel'],
  ['post', '/projects/{projectId}/milestones/{milestoneId}/progress'],
  ['post', '/projects/{projectId}/facts'],
  ['post', '/projects/{projectId}/status'],
  ['post', '/projects/{projectId}/conflicts'],
  ['post', '/projects/{projectId}/conflicts/{conflictId}/resolve'],
  ['post', '/projects/{projectId}/retractions'],
] as const;

t.test('/docs/json is OpenAPI 3.1 with every command, its body, headers and replies', async (t) => {
  const { app } = await withTestApp(t);
  const res = await app.inject({ method: 'GET', url: '/docs/json' });
  t.equal(res.statusCode, 200, 'no token needed');
  const doc = res.json();
  t.equal(doc.openapi, '3.1.0');
  t.equal(doc.info.title, 'Kawasan command service');
  for (const [method, path] of commandPaths) {
    const operation = doc.paths[path]?.[method];
    t.ok(operation, `${method.toUpperCase()} ${path}`);
    t.ok(operation?.requestBody?.content?.['application/json']?.schema, `${path}: body schema`);
    t.ok(operation?.responses?.['201'], `${path}: 201`);
    t.ok(operation?.responses?.['200'], `${path}: 200 replay`);
    t.ok(operation?.responses?.['4XX'] ?? operation?.responses?.['4xx'], `${path}: problems`);
    const parameters: { in: string; name: string }[] = operation?.parameters ?? [];
    t.strictSame(
      parameters
        .filter((p) => p.in === 'header')
        .map((p) => p.name)
        .sort(),
      ['idempotency-key', 'if-match', 'x-correlation-id'],
      `${path}: headers`,
    );
  }
  const register = doc.paths['/projects'].post.requestBody.content['application/json'].schema;
  t.match(register, { type: 'object', required: ['name', 'kind', 'location'] });
  t.match(register.properties.kind, {
    enum: ['industrial_estate', 'special_economic_zone', 'plant', 'cooperation'],
  });
  t.ok(doc.paths['/health'].get, 'operations are documented too');
  t.notOk(
    Object.keys(doc.paths).some((p) => p.startsWith('/docs')),
    'the docs routes are not',
  );
  const ui = await app.inject({ method: 'GET', url: '/docs' });
  t.ok(ui.statusCode === 200 || ui.statusCode === 302, `the UI is served (${ui.statusCode})`);
});

t.test('/health, /ready and /metrics need no token', async (t) => {
  const { app, send, store } = await withTestApp(t);
  t.strictSame((await app.inject({ method: 'GET', url: '/health' })).json(), { status: 'ok' });
  t.strictSame((await app.inject({ method: 'GET', url: '/ready' })).json(), { status: 'ready' });
  await send('POST', '/projects', belitung('blt-ki'));
  await send('POST', '/projects', belitung('blt-ki'));
  const metrics = await app.inject({ method: 'GET', url: '/metrics' });
  t.equal(metrics.statusCode, 200);
  t.equal(metrics.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
  t.match(metrics.body, /^command_appends_total\{command="RegisterProject"\} 1$/m);
  t.match(metrics.body, /^command_events_appended_total\{command="RegisterProject"\} 1$/m);
  t.match(
    metrics.body,
    /^command_duration_seconds_count\{command="RegisterProject",outcome="201"\} 1$/m,
  );
  t.match(
    metrics.body,
    /^command_duration_seconds_count\{command="RegisterProject",outcome="project_exists"\} 1$/m,
  );
  t.match(
    metrics.body,
    /^http_request_duration_seconds_count\{method="POST",route="\/projects",status="409"\} 1$/m,
  );

  // A store that went away: not ready, and commands answer 503 with Retry-After.
  await store.close();
  const ready = await app.inject({ method: 'GET', url: '/ready' });
  t.equal(ready.statusCode, 503);
  t.match(ready.json(), { code: 'store_unavailable' });
  const command = await send('POST', '/projects/blt-ki/status', { to: 'on_hold', reason: 'x' });
  t.equal(command.statusCode, 503);
  t.equal(command.headers['retry-after'], '1');
  t.match(command.json(), {
    code: 'store_unavailable',
    detail: 'the event store is unavailable; retry',
  });
});

t.test('main: a bad configuration names the variable and exits 1', async (t) => {
  const main = fileURLToPath(new URL('./main.ts', import.meta.url));
  const run = spawnSync(process.execPath, [...process.execArgv, main], {
    env: { ...process.env, COMMAND_PORT: 'three thousand', DATA_DIR: t.testdir() },
    encoding: 'utf8',
    timeout: 60_000,
  });
  t.equal(run.status, 1);
  t.match(
    run.stderr,
    /invalid configuration: COMMAND_PORT must be a port number \(got "three thousand"\)/,
  );
  const esdb = spawnSync(process.execPath, [...process.execArgv, main], {
    env: { ...process.env, EVENT_STORE: 'esdb', DATA_DIR: t.testdir() },
    encoding: 'utf8',
    timeout: 60_000,
  });
  t.equal(esdb.status, 1);
  t.match(esdb.stderr, /EVENTSTORE_CONNECTION_STRING/);
});
