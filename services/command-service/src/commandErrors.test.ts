import t from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import { belitung, kaltim, withTestApp, type Assertions, type TestApp } from './testing/testApp.js';

/**
 * Every refusal of api.md, each checked for its status, problem+json body and code, and for
 * having written nothing (the store's head position is unchanged).
 */
async function given(t: Parameters<typeof withTestApp>[0]) {
  const test = await withTestApp(t);
  const ok = async (res: Promise<LightMyRequestResponse>) => {
    const r = await res;
    if (r.statusCode !== 201) throw new Error(`set-up step failed: ${r.body}`);
    return r;
  };
  await ok(test.send('POST', '/projects', belitung('blt-ki')));
  await ok(test.send('POST', '/projects', kaltim('kaltim-anhui')));
  await ok(
    test.send('POST', '/projects/blt-ki/milestones', {
      milestoneId: 'mou',
      type: 'mou_signed',
      target: '2025-12',
    }),
  );
  await ok(
    test.send('POST', '/projects/blt-ki/milestones', {
      milestoneId: 'fs',
      type: 'feasibility_study',
      target: '2026-Q1',
    }),
  );
  await ok(test.send('POST', '/projects/blt-ki/milestones/fs/cancel', { reason: 'dropped' }));
  await ok(test.send('POST', '/projects', belitung('old-ki')));
  await ok(
    test.send('POST', '/projects/old-ki/status', { to: 'cancelled', reason: 'investor withdrew' }),
  );
  return test;
}

async function refused(
  t: Assertions,
  test: TestApp,
  request: Promise<LightMyRequestResponse>,
  status: number,
  code: string,
): Promise<{ detail: string; errors?: { path: string; message: string }[] }> {
  const before = await test.store.headPosition();
  const res = await request;
  t.equal(res.statusCode, status, `${code}: status`);
  t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8', `${code}: type`);
  const body = res.json<{ detail: string; errors?: { path: string; message: string }[] }>();
  t.match(
    body,
    { type: `urn:kawasan:problem:${code}`, title: String, status, code, detail: String },
    `${code}: problem`,
  );
  t.equal(await test.store.headPosition(), before, `${code}: nothing written`);
  return body;
}

t.test('domain refusals: 404 and 409 codes', async (t) => {
  const test = await given(t);
  const { send } = test;
  await refused(
    t,
    test,
    send('POST', '/projects/nope/milestones', { type: 'mou_signed', target: '2026' }),
    404,
    'unknown_project',
  );
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/milestones/nope/start', { on: '2026-01' }),
    404,
    'unknown_milestone',
  );
  await refused(t, test, send('POST', '/projects', belitung('blt-ki')), 409, 'project_exists');
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/milestones', {
      milestoneId: 'mou',
      type: 'moa_signed',
      target: '2026',
    }),
    409,
    'milestone_exists',
  );
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/milestones/fs/achieve', { on: '2026-02-01' }),
    409,
    'milestone_cancelled',
  );
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/milestones/fs/reschedule', {
      target: '2026-Q3',
      reasonCode: 'land',
    }),
    409,
    'milestone_cancelled',
  );
  await refused(
    t,
    test,
    send('POST', '/projects/old-ki/milestones', { type: 'mou_signed', target: '2026' }),
    409,
    'project_cancelled',
  );
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/status', { to: 'active', reason: 'again' }),
    409,
    'status_unchanged',
  );
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/conflicts/conflict-x/resolve', { resolution: 'x' }),
    404,
    'unknown_conflict',
  );
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/retractions', {
      eventId: '00000000-0000-4000-8000-000000000000',
      reason: 'x',
    }),
    404,
    'unknown_entry',
  );
  const [registered] = await test.events('blt-ki');
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/retractions', { eventId: registered?.id, reason: 'x' }),
    409,
    'entry_not_retractable',
  );
  const reactivated = await send('POST', '/projects/old-ki/status', {
    to: 'active',
    reason: 'investor returned',
  });
  t.equal(reactivated.statusCode, 201, 'reactivation is the one write a cancelled project takes');
});

t.test('validation: 400 with one entry per bad field', async (t) => {
  const test = await given(t);
  const { send } = test;
  const badDate = await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/milestones', { type: 'masterplan', target: 'soon-ish' }),
    400,
    'validation_failed',
  );
  t.equal(badDate.errors?.length, 1);
  t.equal(badDate.errors?.[0]?.path, 'target', 'the field is named');
  t.match(
    badDate.errors?.[0]?.message,
    /accepted forms: 2025-12-04, 4\/12\/2025 \(day\/month\/year\), Kamis \(4\/12\/2025\)/,
  );

  const weekday = await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/milestones/mou/achieve', { on: 'Senin (4/12/2025)' }),
    400,
    'validation_failed',
  );
  t.equal(weekday.errors?.[0]?.path, 'on');
  t.match(
    weekday.errors?.[0]?.message,
    /Senin.*Thursday \(Kamis\)/,
    'a weekday mismatch names both days',
  );

  const many = await refused(
    t,
    test,
    send('POST', '/projects', {
      projectId: 'Bad Id!',
      name: '',
      kind: 'factory',
      location: { province: 'Kalimantan Timurr', planet: 'Earth' },
      colour: 'red',
    }),
    400,
    'validation_failed',
  );
  t.strictSame(many.errors?.map((e) => e.path).sort(), [
    'colour',
    'kind',
    'location.planet',
    'location.province',
    'name',
    'projectId',
  ]);
  t.match(
    many.errors?.find((e) => e.path === 'location.province')?.message,
    /did you mean Kalimantan Timur/,
  );
  t.match(many.errors?.find((e) => e.path === 'colour')?.message, /unknown field "colour"/);

  const nested = await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/facts', {
      fact: 'investment',
      kind: 'committed',
      amount: '1,5',
      currency: 'idr',
      sources: [{ outlet: 'x', url: 'ftp://x' }],
    }),
    400,
    'validation_failed',
  );
  t.strictSame(nested.errors?.map((e) => e.path).sort(), ['amount', 'currency', 'sources.0.url']);

  const param = await refused(
    t,
    test,
    send('POST', '/projects/BLT_KI/milestones', { type: 'mou_signed', target: '2026' }),
    400,
    'validation_failed',
  );
  t.equal(param.errors?.[0]?.path, 'projectId');

  const empty = await refused(
    t,
    test,
    send('PATCH', '/projects/blt-ki', {}),
    400,
    'validation_failed',
  );
  t.match(empty.detail, /give at least one of name/);

  const surrogate = await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/milestones/mou/cancel', '{"reason":"broken \\ud800 text"}'),
    400,
    'validation_failed',
  );
  t.match(surrogate.detail, /lone surrogate/);

  const longKey = await refused(
    t,
    test,
    send(
      'POST',
      '/projects/blt-ki/milestones/mou/cancel',
      { reason: 'x' },
      { headers: { 'idempotency-key': 'k'.repeat(256) } },
    ),
    400,
    'validation_failed',
  );
  t.strictSame(longKey.errors, [
    { path: 'idempotency-key', message: 'must be 1 to 255 characters' },
  ]);
  const badIfMatch = await refused(
    t,
    test,
    send(
      'POST',
      '/projects/blt-ki/milestones/mou/cancel',
      { reason: 'x' },
      { headers: { 'if-match': '3' } },
    ),
    400,
    'validation_failed',
  );
  t.equal(badIfMatch.errors?.[0]?.path, 'if-match');
});

t.test('HTTP-level refusals: 401, 403, 413, 415, malformed JSON, unknown route', async (t) => {
  const test = await given(t);
  const { send } = test;
  const plan = { type: 'groundbreaking', target: '2027' };
  const none = await send('POST', '/projects/blt-ki/milestones', plan, { as: null });
  t.equal(none.headers['www-authenticate'], 'Bearer realm="kawasan"');
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/milestones', plan, { as: null }),
    401,
    'unauthorized',
  );
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/milestones', plan, {
      as: null,
      headers: { authorization: 'Bearer not-a-known-token-at-all' },
    }),
    401,
    'unauthorized',
  );
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/milestones', plan, { as: 'viewer' }),
    403,
    'forbidden',
  );
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/milestones', plan, { as: 'auditor' }),
    403,
    'forbidden',
  );
  await refused(
    t,
    test,
    send('POST', '/projects', kaltim('kaltim-two'), { as: 'babel' }),
    403,
    'forbidden',
  );
  const outside = await refused(
    t,
    test,
    send('POST', '/projects/kaltim-anhui/milestones', plan, { as: 'babel' }),
    403,
    'forbidden',
  );
  t.notMatch(outside.detail, /Kalimantan/, 'the other province is not disclosed');
  await refused(
    t,
    test,
    send('PATCH', '/projects/blt-ki', { location: { province: 'Bali' } }, { as: 'babel' }),
    403,
    'forbidden',
  );
  t.equal(
    (await send('POST', '/projects/blt-ki/milestones', plan, { as: 'babel' })).statusCode,
    201,
    'in scope',
  );
  t.equal(
    (await send('POST', '/projects/kaltim-anhui/milestones', plan, { as: 'manager' })).statusCode,
    201,
    'unscoped manager',
  );
  await refused(
    t,
    test,
    send('POST', '/projects/nope/milestones', plan, { as: 'babel' }),
    404,
    'unknown_project',
  );

  const huge = { reason: 'x'.repeat(70_000) };
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/milestones/mou/cancel', huge),
    413,
    'payload_too_large',
  );
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/milestones/mou/cancel', 'reason=x', {
      headers: { 'content-type': 'text/plain' },
    }),
    415,
    'unsupported_media_type',
  );
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/milestones/mou/cancel', '{"reason": "x"'),
    400,
    'invalid_json',
  );
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/milestones/mou/cancel', ''),
    400,
    'invalid_json',
  );
  await refused(
    t,
    test,
    send('POST', '/projects/blt-ki/teleport', { to: 'moon' }),
    404,
    'not_found',
  );
  await refused(t, test, send('GET', '/projects/blt-ki'), 404, 'not_found');
});

t.test('If-Match: a stale revision is 412 and nothing is written', async (t) => {
  const test = await given(t);
  const { send } = test;
  const current = await send(
    'POST',
    '/projects/blt-ki/milestones/mou/start',
    { on: '2025-11' },
    { headers: { 'if-match': '"3"' } },
  );
  t.equal(current.statusCode, 201, 'the current revision is accepted');
  t.equal(current.headers['etag'], '"4"');
  const stale = await refused(
    t,
    test,
    send(
      'POST',
      '/projects/blt-ki/milestones/mou/achieve',
      { on: '2025-12-04' },
      { headers: { 'if-match': '"3"' } },
    ),
    412,
    'revision_mismatch',
  );
  t.match(stale.detail, /now 4/);
  await refused(
    t,
    test,
    send('POST', '/projects', belitung('new-ki'), { headers: { 'if-match': '"0"' } }),
    412,
    'revision_mismatch',
  );
  await refused(
    t,
    test,
    send(
      'POST',
      '/projects/nope/status',
      { to: 'on_hold', reason: 'x' },
      { headers: { 'if-match': '"0"' } },
    ),
    404,
    'unknown_project',
  );
});
