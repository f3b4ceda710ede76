import t from 'tap';
import { z } from 'zod';
import { DomainError } from '@kawasan/domain';
import {
  DuplicateEventIdError,
  InvalidAppendError,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '@kawasan/event-store';
import { assertCanWriteProvince, requireRole } from './auth.js';
import { createHttpServer, type HttpApp } from './httpServer.js';
import { MetricsRegistry } from './metrics.js';
import { HttpProblem, problemSchema, type Problem } from './problem.js';
import { TokenRegistry } from './tokens.js';

const ADMIN = 'admin-token-0123456789abcdef';
const VIEWER = 'viewer-token-0123456789abcdef';
const BABEL = 'babel-manager-token-0123456789';
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

const errors: Record<string, () => unknown> = {
  domain: () => new DomainError('milestone_cancelled', 'milestone m1 is cancelled'),
  domainFields: () =>
    new DomainError('validation_failed', 'target: bad', [{ path: 'target', message: 'bad' }]),
  conflict: () => new WrongExpectedRevisionError('project-x', 3n, 4n),
  duplicate: () => new DuplicateEventIdError('project-x', '00000000-0000-4000-8000-000000000000'),
  unavailable: () => new StoreUnavailableError('disk I/O error at /secret/path'),
  invalidAppend: () => new InvalidAppendError('event 0 id is not a UUID'),
  zod: () => z.object({ a: z.string() }).safeParse({ a: 1 }).error,
  problem: () => new HttpProblem(412, 'revision_mismatch', 'stale', { headers: { etag: '"4"' } }),
  crash: () => new TypeError('cannot read properties of undefined (reading secretThing)'),
};

async function buildTestApp(options: { ready?: () => Promise<void> } = {}): Promise<HttpApp> {
  const tokens = TokenRegistry.fromEntries([
    { token: ADMIN, actor: 'admin', roles: ['admin'] },
    { token: VIEWER, actor: 'viewer', roles: ['viewer'] },
    { token: BABEL, actor: 'babel', roles: ['manager'], provinces: ['Kepulauan Bangka Belitung'] },
  ]);
  const app = await createHttpServer({
    tokens,
    ready: options.ready ?? (async () => undefined),
    docs: { title: 'Test', version: '0.0.0', description: 'test app' },
    metrics: new MetricsRegistry(),
  });
  app.post(
    '/things/:thingId',
    {
      onRequest: requireRole('manager'),
      schema: {
        params: z.object({ thingId: z.string().regex(/^[a-z]+$/, 'must be lower-case letters') }),
        body: z.strictObject({
          name: z.string().min(1),
          location: z.strictObject({ province: z.string() }),
          tags: z.array(z.string().max(3)).optional(),
        }),
        response: { 201: z.object({ id: z.string() }), '4xx': problemSchema },
      },
    },
    async (request, reply) => {
      assertCanWriteProvince(request.principal!, request.body.location.province);
      return reply.code(201).send({ id: request.params.thingId });
    },
  );
  app.get('/fail/:kind', async (request) => {
    const { kind } = request.params as { kind: string };
    throw errors[kind]!();
  });
  await app.ready();
  return app;
}

t.test('a good request passes through auth, validation and the handler', async (t) => {
  const app = await buildTestApp();
  t.teardown(() => app.close());
  const res = await app.inject({
    method: 'POST',
    url: '/things/abc',
    headers: { ...auth(BABEL), 'x-request-id': 'client-req-1' },
    payload: { name: 'x', location: { province: 'Kepulauan Bangka Belitung' } },
  });
  t.equal(res.statusCode, 201);
  t.strictSame(res.json(), { id: 'abc' });
  t.equal(res.headers['x-request-id'], 'client-req-1', 'a tame client request id is honoured');
  const other = await app.inject({
    method: 'GET',
    url: '/health',
    headers: { 'x-request-id': 'bad id\n' },
  });
  t.match(other.headers['x-request-id'], /^[0-9a-f-]{36}$/, 'an unsafe one is replaced');
});

t.test('validation errors: one entry per issue, unknown keys at their own path', async (t) => {
  const app = await buildTestApp();
  t.teardown(() => app.close());
  const res = await app.inject({
    method: 'POST',
    url: '/things/abc',
    headers: auth(ADMIN),
    payload: {
      name: '',
      location: { province: 'Bali', planet: 'Earth' },
      tags: ['long'],
      colour: 1,
    },
  });
  t.equal(res.statusCode, 400);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  const body = res.json<Problem>();
  t.match(body, {
    type: 'urn:kawasan:problem:validation_failed',
    title: 'The request is not valid',
    status: 400,
    code: 'validation_failed',
  });
  t.same(body.errors?.map((e) => e.path).sort(), ['colour', 'location.planet', 'name', 'tags.0']);
  t.match(
    body.errors?.find((e) => e.path === 'colour'),
    { message: 'unknown field "colour"' },
  );
  t.match(body.detail, /name: .*; /);

  const params = await app.inject({
    method: 'POST',
    url: '/things/ABC',
    headers: auth(ADMIN),
    payload: { name: 'x', location: { province: 'Bali' } },
  });
  t.equal(params.statusCode, 400);
  t.strictSame(params.json().errors, [{ path: 'thingId', message: 'must be lower-case letters' }]);

  const empty = await app.inject({ method: 'POST', url: '/things/abc', headers: auth(ADMIN) });
  t.equal(empty.statusCode, 400);
  t.equal(empty.json().code, 'validation_failed');
  t.equal(empty.json().errors[0].path, 'body', 'a missing body is reported as the body');
});

t.test('fastify request errors map to their problems', async (t) => {
  const app = await buildTestApp();
  t.teardown(() => app.close());
  const post = (headers: Record<string, string>, payload: string) =>
    app.inject({
      method: 'POST',
      url: '/things/abc',
      headers: { ...auth(ADMIN), ...headers },
      payload,
    });
  const json = { 'content-type': 'application/json' };

  const cases: [string, Awaited<ReturnType<typeof post>>, number, string][] = [
    [
      'text/plain',
      await post({ 'content-type': 'text/plain' }, 'hello'),
      415,
      'unsupported_media_type',
    ],
    [
      'form',
      await post({ 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'),
      415,
      'unsupported_media_type',
    ],
    ['malformed JSON', await post(json, '{"name":'), 400, 'invalid_json'],
    ['empty JSON', await post(json, ''), 400, 'invalid_json'],
    ['proto poisoning', await post(json, '{"__proto__":{"x":1}}'), 400, 'invalid_json'],
    [
      'too large',
      await post(json, JSON.stringify({ name: 'x'.repeat(70_000) })),
      413,
      'payload_too_large',
    ],
  ];
  for (const [name, res, status, code] of cases) {
    t.equal(res.statusCode, status, name);
    t.equal(res.json().code, code, name);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', name);
  }
  const notFound = await app.inject({ method: 'GET', url: '/nowhere?x=1' });
  t.equal(notFound.statusCode, 404);
  t.match(notFound.json(), { code: 'not_found', detail: 'no route for GET /nowhere?x=1' });
  const badLength = await app.inject({
    method: 'POST',
    url: '/things/abc',
    headers: { ...auth(ADMIN), ...json, 'content-length': '2' },
    payload: '{"name":"x"}',
  });
  t.equal(badLength.statusCode, 400);
  t.equal(badLength.json().code, 'bad_request');
});

t.test('domain, store and unexpected errors', async (t) => {
  const app = await buildTestApp();
  t.teardown(() => app.close());
  const get = (kind: string) =>
    app.inject({ method: 'GET', url: `/fail/${kind}`, headers: auth(VIEWER) });

  t.match((await get('domain')).json(), {
    status: 409,
    code: 'milestone_cancelled',
    detail: 'milestone m1 is cancelled',
  });
  t.match((await get('domainFields')).json(), {
    status: 400,
    code: 'validation_failed',
    errors: [{ path: 'target', message: 'bad' }],
  });
  t.match((await get('conflict')).json(), { status: 409, code: 'revision_conflict' });
  t.match((await get('duplicate')).json(), { status: 409, code: 'duplicate_event_id' });
  const unavailable = await get('unavailable');
  t.equal(unavailable.statusCode, 503);
  t.equal(unavailable.headers['retry-after'], '1');
  t.equal(unavailable.json().code, 'store_unavailable');
  t.notMatch(unavailable.body, /secret/, 'the cause stays in the log');
  t.match((await get('zod')).json(), {
    status: 400,
    code: 'validation_failed',
    errors: [{ path: 'a' }],
  });
  const problem = await get('problem');
  t.equal(problem.statusCode, 412);
  t.equal(problem.headers['etag'], '"4"');
  for (const kind of ['crash', 'invalidAppend']) {
    const res = await get(kind);
    t.equal(res.statusCode, 500, kind);
    t.strictSame(res.json(), {
      type: 'urn:kawasan:problem:internal_error',
      title: 'Internal error',
      status: 500,
      detail: 'an unexpected error occurred',
      code: 'internal_error',
    });
  }
});

t.test('auth: 401 without a token, 403 by role and by province', async (t) => {
  const app = await buildTestApp();
  t.teardown(() => app.close());
  const body = { name: 'x', location: { province: 'Kalimantan Timur' } };
  const none = await app.inject({ method: 'POST', url: '/things/abc', payload: body });
  t.equal(none.statusCode, 401);
  t.equal(none.headers['www-authenticate'], 'Bearer realm="kawasan"');
  t.equal(none.json().code, 'unauthorized');
  const unknown = await app.inject({
    method: 'POST',
    url: '/things/abc',
    headers: auth('nope-nope-nope-nope'),
    payload: body,
  });
  t.equal(unknown.statusCode, 401);

  const viewer = await app.inject({
    method: 'POST',
    url: '/things/abc',
    headers: { ...auth(VIEWER), 'content-type': 'text/plain' },
    payload: 'not even json',
  });
  t.equal(viewer.statusCode, 403, 'the role is checked before the body is read');
  t.match(viewer.json(), { code: 'forbidden', detail: 'this needs the role manager' });

  const outside = await app.inject({
    method: 'POST',
    url: '/things/abc',
    headers: auth(BABEL),
    payload: body,
  });
  t.equal(outside.statusCode, 403);
  t.equal(
    outside.json().detail,
    'your token may write only projects in: Kepulauan Bangka Belitung',
  );
  t.notMatch(outside.body, /Kalimantan/, "the answer names only the caller's own scope");

  const admin = await app.inject({
    method: 'POST',
    url: '/things/abc',
    headers: auth(ADMIN),
    payload: body,
  });
  t.equal(admin.statusCode, 201, 'admin writes anywhere');
});

t.test('operations routes need no token', async (t) => {
  const app = await buildTestApp();
  t.teardown(() => app.close());
  const health = await app.inject({ method: 'GET', url: '/health' });
  t.equal(health.statusCode, 200);
  t.strictSame(health.json(), { status: 'ok' });
  const ready = await app.inject({ method: 'GET', url: '/ready' });
  t.strictSame(ready.json(), { status: 'ready' });

  const docs = await app.inject({ method: 'GET', url: '/docs/json' });
  t.equal(docs.statusCode, 200);
  const openapi = docs.json();
  t.equal(openapi.openapi, '3.1.0');
  t.strictSame(openapi.security, [{ bearer: [] }]);
  t.match(openapi.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer' });
  t.ok(openapi.paths['/things/{thingId}'].post.requestBody, 'the zod body is documented');
  t.strictSame(openapi.paths['/health'].get.security, [], 'operations need no token');
  const ui = await app.inject({ method: 'GET', url: '/docs/' });
  t.equal(ui.statusCode, 200);
  t.match(ui.headers['content-type'], /text\/html/);
  t.notMatch(ui.body, /https?:\/\/(unpkg|cdn)/, 'no CDN');

  await app.inject({ method: 'GET', url: '/health' });
  await app.inject({ method: 'GET', url: '/nowhere/1' });
  await app.inject({ method: 'GET', url: '/nowhere/2' });
  const metrics = await app.inject({ method: 'GET', url: '/metrics' });
  t.equal(metrics.statusCode, 200);
  t.equal(metrics.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
  t.match(metrics.body, /# TYPE http_request_duration_seconds histogram/);
  t.match(
    metrics.body,
    /http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} 2/,
  );
  t.match(
    metrics.body,
    /http_request_duration_seconds_count\{method="GET",route="\(unmatched\)",status="404"\} 2/,
    '404s are one series, not one per URL',
  );
  const rss = /^process_resident_memory_bytes (\d+)$/m.exec(metrics.body)?.[1];
  t.ok(Number(rss) > 10_000_000, 'the resident set size, in bytes');
  t.match(metrics.body, /^nodejs_heap_used_bytes \d+$/m);
  t.match(metrics.body, /^nodejs_heap_total_bytes \d+$/m);
  t.match(metrics.body, /^nodejs_external_memory_bytes \d+$/m);
});

t.test('/ready answers 503 problem+json when its check fails', async (t) => {
  let failure: Error | undefined = new StoreUnavailableError('database is locked');
  const app = await buildTestApp({
    ready: async () => {
      if (failure) throw failure;
    },
  });
  t.teardown(() => app.close());
  const store = await app.inject({ method: 'GET', url: '/ready' });
  t.equal(store.statusCode, 503);
  t.match(store.json(), { code: 'store_unavailable' });
  failure = new Error('views are 500 events behind');
  const other = await app.inject({ method: 'GET', url: '/ready' });
  t.equal(other.statusCode, 503);
  t.match(other.json(), { code: 'not_ready', detail: 'the service is not ready' });
  t.equal(other.headers['retry-after'], '1');
  failure = undefined;
  t.equal((await app.inject({ method: 'GET', url: '/ready' })).statusCode, 200);
});

t.test("the router's own refusals are problem+json", async (t) => {
  const app = await buildTestApp();
  t.teardown(() => app.close());
  const long = await app.inject({
    method: 'POST',
    url: `/things/${'a'.repeat(101)}`,
    headers: auth(ADMIN),
    payload: {},
  });
  t.equal(long.statusCode, 414);
  t.match(long.headers['content-type'], /^application\/problem\+json/);
  t.match(long.json(), { code: 'uri_too_long' });
  const bad = await app.inject({ method: 'GET', url: '/fail/%E0%A4%A', headers: auth(ADMIN) });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { code: 'bad_url' });
});
