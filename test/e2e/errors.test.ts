import t from 'tap';
import { client, type Answer } from './support/client.js';
import { startStack, type Caller } from './support/stack.js';

// Every error code of api.md over real HTTP: a problem+json naming the code (and the field), and
// the store's head position read from the store itself is unchanged after each rejection.
const stack = await startStack({
  env: process.env.E2E_STORE_ENV ? JSON.parse(process.env.E2E_STORE_ENV) : {},
});
t.teardown(() => stack.stop());
const api = client(stack);

await api.post('/projects', {
  projectId: 'kaltim-anhui',
  name: 'Kaltim – Anhui',
  kind: 'cooperation',
  location: { province: 'Kalimantan Timur' },
});
await api.post('/projects/kaltim-anhui/milestones', {
  milestoneId: 'kt-mou',
  type: 'mou_signed',
  target: 'Mei 2024',
});
await api.post('/projects/kaltim-anhui/milestones', {
  milestoneId: 'kt-moa',
  type: 'moa_signed',
  target: 'Mei 2024',
});
await api.post('/projects/kaltim-anhui/milestones/kt-moa/cancel', {
  reason: 'merged into the MoU',
});
await api.post('/projects', {
  projectId: 'pgk-kek',
  name: 'KEK Pangkalpinang',
  kind: 'special_economic_zone',
  location: { province: 'Kepulauan Bangka Belitung' },
});
await api.post('/projects', {
  projectId: 'old-plan',
  name: 'Dropped plan',
  kind: 'plant',
  location: { province: 'Bali' },
});
await api.post('/projects/old-plan/status', { to: 'cancelled', reason: 'investor withdrew' });

async function rejected(
  t: Tap,
  name: string,
  send: () => Promise<Answer>,
  status: number,
  code: string,
  path?: string,
) {
  const before = await stack.storeHead();
  const res = await send();
  t.equal(res.status, status, `${name}: status`);
  t.match(res.headers.get('content-type'), /^application\/problem\+json/, `${name}: problem+json`);
  t.match(
    res.body,
    { type: /.+/, title: /.+/, status, detail: /.+/, code },
    `${name}: code ${code}`,
  );
  if (path !== undefined)
    t.ok(
      (res.body.errors ?? []).some((e: { path: string }) => e.path === path),
      `${name}: names ${path}: ${JSON.stringify(res.body.errors)}`,
    );
  t.equal(await stack.storeHead(), before, `${name}: nothing written`);
}
type Tap = Parameters<Parameters<typeof t.test>[1]>[0];

t.test('validation and media type', async (t) => {
  await rejected(
    t,
    'bad date',
    () =>
      api.post('/projects/kaltim-anhui/milestones', { type: 'masterplan', target: '31/4/2026' }),
    400,
    'validation_failed',
    'target',
  );
  await rejected(
    t,
    'weekday mismatch',
    () => api.post('/projects/kaltim-anhui/milestones/kt-mou/achieve', { on: 'Jumat (4/12/2025)' }),
    400,
    'validation_failed',
    'on',
  );
  await rejected(
    t,
    'unknown province',
    () =>
      api.post('/projects', {
        name: 'X',
        kind: 'plant',
        location: { province: 'Kalimantan Timurr' },
      }),
    400,
    'validation_failed',
    'location.province',
  );
  await rejected(
    t,
    'unknown field',
    () =>
      api.post('/projects', {
        name: 'X',
        kind: 'plant',
        location: { province: 'Bali' },
        colour: 'red',
      }),
    400,
    'validation_failed',
    'colour',
  );
  await rejected(
    t,
    'not JSON',
    () =>
      api.raw('POST', '/projects', 'name=x', {
        'content-type': 'application/x-www-form-urlencoded',
      }),
    415,
    'unsupported_media_type',
  );
  await rejected(
    t,
    'malformed JSON',
    () => api.raw('POST', '/projects', '{"name":', { 'content-type': 'application/json' }),
    400,
    'invalid_json',
  );
  await rejected(
    t,
    'too large',
    () =>
      api.post('/projects', {
        name: 'x'.repeat(70_000),
        kind: 'plant',
        location: { province: 'Bali' },
      }),
    413,
    'payload_too_large',
  );
  await rejected(
    t,
    'bad query',
    () => api.get('/projects?limit=0'),
    400,
    'validation_failed',
    'limit',
  );
});

t.test('domain rules', async (t) => {
  await rejected(
    t,
    'unknown project',
    () => api.post('/projects/nope-nope/milestones', { type: 'masterplan', target: '2026' }),
    404,
    'unknown_project',
  );
  await rejected(
    t,
    'unknown milestone',
    () => api.post('/projects/kaltim-anhui/milestones/nope/achieve', { on: '2024-06-20' }),
    404,
    'unknown_milestone',
  );
  await rejected(
    t,
    'project exists',
    () =>
      api.post('/projects', {
        projectId: 'pgk-kek',
        name: 'Again',
        kind: 'plant',
        location: { province: 'Bali' },
      }),
    409,
    'project_exists',
  );
  await rejected(
    t,
    'milestone exists',
    () =>
      api.post('/projects/kaltim-anhui/milestones', {
        milestoneId: 'kt-mou',
        type: 'mou_signed',
        target: '2024',
      }),
    409,
    'milestone_exists',
  );
  await rejected(
    t,
    'achieve cancelled',
    () => api.post('/projects/kaltim-anhui/milestones/kt-moa/achieve', { on: '2024-06-20' }),
    409,
    'milestone_cancelled',
  );
  await rejected(
    t,
    'reschedule cancelled',
    () =>
      api.post('/projects/kaltim-anhui/milestones/kt-moa/reschedule', {
        target: '2025',
        reasonCode: 'unstated',
      }),
    409,
    'milestone_cancelled',
  );
  await rejected(
    t,
    'write to a cancelled project',
    () => api.post('/projects/old-plan/facts', { fact: 'area', hectares: '10', scope: 'plot' }),
    409,
    'project_cancelled',
  );
  await rejected(
    t,
    'stale If-Match',
    () =>
      api.post(
        '/projects/kaltim-anhui/milestones/kt-mou/reschedule',
        { target: 'Juni 2024', reasonCode: 'unstated' },
        { headers: { 'if-match': '"0"' } },
      ),
    412,
    'revision_mismatch',
  );
  await api.post(
    '/projects/pgk-kek/facts',
    { fact: 'jobs', kind: 'projected', text: 'ribuan' },
    { headers: { 'idempotency-key': 'k-1' } },
  );
  await rejected(
    t,
    'key reused',
    () =>
      api.post(
        '/projects/pgk-kek/facts',
        { fact: 'jobs', kind: 'projected', text: 'puluhan' },
        { headers: { 'idempotency-key': 'k-1' } },
      ),
    422,
    'idempotency_key_reused',
  );
  await rejected(
    t,
    'unknown entry',
    () =>
      api.post('/projects/pgk-kek/retractions', {
        eventId: '00000000-0000-4000-8000-000000000000',
        reason: 'x',
      }),
    404,
    'unknown_entry',
  );
  const reactivated = await api.post('/projects/old-plan/status', {
    to: 'active',
    reason: 'new investor',
  });
  t.equal(reactivated.status, 201, 'reactivation is the one write a cancelled project takes');
});

t.test('tokens, roles and province scopes', async (t) => {
  const plan =
    (as: Caller | null, projectId = 'kaltim-anhui') =>
    () =>
      api.post(`/projects/${projectId}/milestones`, { type: 'masterplan', target: '2027' }, { as });
  await rejected(t, 'no token', plan(null), 401, 'unauthorized');
  const wrong = async () => {
    const res = await fetch(`${stack.commandUrl}/projects`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-a-token', 'content-type': 'application/json' },
      body: '{}',
    });
    return { status: res.status, headers: res.headers, body: await res.json(), text: '' };
  };
  await rejected(t, 'unknown token', wrong, 401, 'unauthorized');
  await rejected(t, 'viewer writes', plan('viewer'), 403, 'forbidden');
  await rejected(t, 'auditor writes', plan('auditor'), 403, 'forbidden');
  await rejected(t, 'manager outside its province', plan('babel'), 403, 'forbidden');
  await rejected(
    t,
    'registering outside its province',
    () =>
      api.post(
        '/projects',
        { name: 'X', kind: 'plant', location: { province: 'Bali' } },
        { as: 'babel' },
      ),
    403,
    'forbidden',
  );
  const inScope = await api.post(
    '/projects/pgk-kek/milestones',
    { type: 'kek_proposed', target: 'unknown' },
    { as: 'babel' },
  );
  t.equal(inScope.status, 201, 'a scoped manager writes inside its province');
  t.equal((await api.get('/projects', null)).status, 401, 'views need a token');
  t.equal((await api.get('/projects', 'writer')).status, 403, 'a write-only token reads no views');
  t.equal(
    (await api.get('/projects/pgk-kek/history', 'viewer')).status,
    403,
    'history is for auditors',
  );
  t.equal((await api.get('/projects/pgk-kek/history', 'auditor')).status, 200);
  const view = await api.get(`/projects/pgk-kek?minPosition=${inScope.body.position}`);
  t.equal(view.body.milestones[0].sources.length, 0);
  const history = await api.get('/projects/pgk-kek/history', 'auditor');
  t.ok(
    history.body.items.every((e: { actor: string }) => e.actor.startsWith('e2e-')),
    'every event records the actor from its token',
  );
  t.notMatch(stack.output(), /e2e-[a-z-]*token/, 'tokens never appear in the logs');
});
