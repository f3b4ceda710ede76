import t from 'tap';
import { belitung, kaltim, withTestApp } from './testing/testApp.js';
import { KAWASAN_NAMESPACE, uuidV5 } from './uuidV5.js';

const key = (value: string) => ({ headers: { 'idempotency-key': value } });

t.test(
  'a retry with the same key and body returns the first reply and writes nothing',
  async (t) => {
    const { send, store, events } = await withTestApp(t);
    const { projectId: _none, ...body } = belitung('x');
    const first = await send('POST', '/projects', body, key('register-belitung-1'));
    t.equal(first.statusCode, 201);
    const reply = first.json();
    t.match(reply.projectId, /^kawasan-industri-belitung-[0-9a-f]{8}$/, 'a generated id…');
    t.equal(
      reply.eventIds[0],
      uuidV5(JSON.stringify(['event', 0, 'admin@test', 'register-belitung-1']), KAWASAN_NAMESPACE),
      'event ids are UUID v5 of actor + key + index',
    );
    const [stored] = await events(reply.projectId);
    t.match(stored?.metadata, {
      idempotencyKey: 'register-belitung-1',
      requestHash: /^[0-9a-f]{64}$/,
    });

    const head = await store.headPosition();
    const replay = await send('POST', '/projects', body, key('register-belitung-1'));
    t.equal(replay.statusCode, 200, 'a replay is 200');
    t.strictSame(replay.json(), reply, '…and the same reply, generated id included');
    t.equal(replay.headers['etag'], first.headers['etag']);
    t.equal(replay.headers['location'], first.headers['location']);
    t.equal(await store.headPosition(), head, 'nothing written');

    // Later writes do not change what the first request answered.
    const plan = { type: 'masterplan', target: '2026-Q1' };
    const planned = await send(
      'POST',
      `/projects/${reply.projectId}/milestones`,
      plan,
      key('plan-1'),
    );
    t.equal(planned.statusCode, 201);
    t.match(planned.json(), { milestoneId: /^masterplan-[0-9a-f]{8}$/, revision: '1' });
    await send('POST', `/projects/${reply.projectId}/facts`, {
      fact: 'area',
      hectares: '100',
      scope: 'allocated',
    });
    const again = await send(
      'POST',
      `/projects/${reply.projectId}/milestones`,
      plan,
      key('plan-1'),
    );
    t.equal(again.statusCode, 200);
    t.strictSame(again.json(), planned.json(), 'the same milestone id, revision and position');
    t.equal(again.headers['etag'], '"1"');
    t.equal((await events(reply.projectId)).length, 3);
  },
);

t.test('a replay wins over a stale If-Match and a now-failing rule', async (t) => {
  const { send } = await withTestApp(t);
  await send('POST', '/projects', belitung('blt-ki'));
  const cancel = { reason: 'merged' };
  await send('POST', '/projects/blt-ki/milestones', {
    milestoneId: 'mp',
    type: 'masterplan',
    target: '2026',
  });
  const first = await send('POST', '/projects/blt-ki/milestones/mp/cancel', cancel, {
    headers: { 'idempotency-key': 'cancel-mp', 'if-match': '"1"' },
  });
  t.equal(first.statusCode, 201);
  const replay = await send('POST', '/projects/blt-ki/milestones/mp/cancel', cancel, {
    headers: { 'idempotency-key': 'cancel-mp', 'if-match': '"1"' },
  });
  t.equal(
    replay.statusCode,
    200,
    'not 412 and not 409 milestone_cancelled: the first answer again',
  );
  t.strictSame(replay.json(), first.json());
});

t.test('the same key with another request is 422 and writes nothing', async (t) => {
  const { send, store } = await withTestApp(t);
  await send('POST', '/projects', belitung('blt-ki'));
  await send('POST', '/projects', kaltim('kaltim-anhui'));
  await send(
    'POST',
    '/projects/blt-ki/milestones',
    { milestoneId: 'mou', type: 'mou_signed', target: '2025-12' },
    key('k1'),
  );
  const head = await store.headPosition();

  const cases: [string, string, unknown][] = [
    [
      'another body, same project',
      '/projects/blt-ki/milestones',
      { milestoneId: 'moa', type: 'moa_signed', target: '2026' },
    ],
    [
      'another path, same project',
      '/projects/blt-ki/facts',
      { fact: 'area', hectares: '10', scope: 'plot' },
    ],
    [
      'another project',
      '/projects/kaltim-anhui/milestones',
      { milestoneId: 'mou', type: 'mou_signed', target: '2025-12' },
    ],
  ];
  for (const [name, url, body] of cases) {
    const res = await send('POST', url, body, key('k1'));
    t.equal(res.statusCode, 422, name);
    t.match(res.json(), { code: 'idempotency_key_reused', status: 422 }, name);
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  }
  const { projectId: _none, ...unnamed } = belitung('x');
  await send('POST', '/projects', unnamed, key('k2'));
  const renamed = await send('POST', '/projects', { ...unnamed, name: 'Another name' }, key('k2'));
  t.equal(renamed.statusCode, 422, 'a register with another name (so another generated id)');
  t.equal(await store.headPosition(), head + 1n, 'only the k2 registration was written');
});

t.test('keys belong to the actor: another actor’s same key is a new request', async (t) => {
  const { send } = await withTestApp(t);
  await send('POST', '/projects', belitung('blt-ki'));
  const body = {
    field: 'investment',
    claims: [
      { value: 'a', source: 'x' },
      { value: 'b', source: 'y' },
    ],
  };
  const admin = await send('POST', '/projects/blt-ki/conflicts', body, {
    ...key('same'),
    as: 'admin',
  });
  const babel = await send('POST', '/projects/blt-ki/conflicts', body, {
    ...key('same'),
    as: 'babel',
  });
  t.equal(admin.statusCode, 201);
  t.equal(babel.statusCode, 201);
  t.not(admin.json().conflictId, babel.json().conflictId);
  t.not(admin.json().eventIds[0], babel.json().eventIds[0]);
});

t.test('concurrent retries of one request write it once', async (t) => {
  const { send, events } = await withTestApp(t);
  await send('POST', '/projects', belitung('blt-ki'));
  const body = { fact: 'jobs', kind: 'projected', count: 5000 };
  const replies = await Promise.all(
    Array.from({ length: 5 }, () => send('POST', '/projects/blt-ki/facts', body, key('jobs-1'))),
  );
  t.ok(
    replies.every((r) => r.statusCode === 200 || r.statusCode === 201),
    replies.map((r) => r.statusCode).join(),
  );
  t.equal(new Set(replies.map((r) => JSON.stringify(r.json()))).size, 1, 'one answer');
  t.equal((await events('blt-ki')).filter((e) => e.type === 'FactStated').length, 1, 'one fact');
});
