import t from 'tap';
import { dashboardOrigins } from './dashboardCors.js';
import { belitung, QUERY_URL, withTestApp } from './testing/testApp.js';

const preflight = (origin: string) => ({
  origin,
  'access-control-request-method': 'POST',
  'access-control-request-headers': 'authorization, content-type, idempotency-key',
});

t.test('the dashboard origin, and its loopback spellings on a loopback host', async (t) => {
  t.same(dashboardOrigins('https://kawasan.example.id/dashboard'), ['https://kawasan.example.id']);
  t.same(dashboardOrigins('http://127.0.0.1:3002'), [
    'http://127.0.0.1:3002',
    'http://localhost:3002',
    'http://[::1]:3002',
  ]);
});

t.test(
  'a preflight from the dashboard needs no token and allows the command headers',
  async (t) => {
    const { app } = await withTestApp(t);
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/projects',
      headers: preflight(QUERY_URL),
    });
    t.equal(res.statusCode, 204);
    t.equal(res.headers['access-control-allow-origin'], QUERY_URL);
    t.match(res.headers['access-control-allow-methods'], /POST/);
    t.match(
      res.headers['access-control-allow-headers'],
      /authorization.*content-type.*idempotency-key/,
    );
  },
);

t.test('other origins get no CORS headers; commands still need a token', async (t) => {
  const { app, send } = await withTestApp(t);
  const res = await app.inject({
    method: 'OPTIONS',
    url: '/projects',
    headers: preflight('https://evil.example'),
  });
  t.notOk(res.headers['access-control-allow-origin']);
  const anonymous = await send('POST', '/projects', belitung('blt-cors'), {
    as: null,
    headers: { origin: QUERY_URL },
  });
  t.equal(anonymous.statusCode, 401);
});

t.test('a command from the dashboard: its answer is readable there', async (t) => {
  const { send } = await withTestApp(t);
  const res = await send('POST', '/projects', belitung('blt-cors'), {
    headers: { origin: QUERY_URL },
  });
  t.equal(res.statusCode, 201);
  t.equal(res.headers['access-control-allow-origin'], QUERY_URL);
  t.match(res.headers['access-control-expose-headers'], /location/);
});
