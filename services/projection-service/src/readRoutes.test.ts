import t, { type Test } from 'tap';
import { join } from 'node:path';
import { openEventStore } from '@kawasan/event-store';
import { buildApp } from './buildApp.js';
import { bearer, startBothServices, testTokens, type Caller } from './testing/bothServices.js';

async function setup(t: Test) {
  const { commands, views, command } = await startBothServices(t);
  const read = (url: string, who: Caller = 'viewer') =>
    views.inject({ method: 'GET', url, headers: bearer(who) });
  return { commands, views, command, read };
}

t.test('read your writes, views, filters, time travel', async (t) => {
  const { command, read, views } = await setup(t);
  await command('/projects', {
    projectId: 'kaltim-anhui',
    name: 'Kaltim – Anhui',
    kind: 'cooperation',
    location: { province: 'Kalimantan Timur' },
  });
  await command('/projects/kaltim-anhui/milestones', {
    milestoneId: 'kt-mou',
    type: 'mou_signed',
    target: 'Mei 2024',
  });
  const beforeReschedule = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 5));
  await command('/projects/kaltim-anhui/milestones/kt-mou/reschedule', {
    target: 'Juni 2024',
    reasonCode: 'unstated',
  });
  await command('/projects', {
    projectId: 'blt-ki',
    name: 'KI Belitung',
    kind: 'industrial_estate',
    location: { province: 'Kepulauan Bangka Belitung' },
  });
  const last = await command('/projects/blt-ki/milestones', {
    milestoneId: 'blt-mp',
    type: 'masterplan',
    phase: 'start',
    target: 'triwulan pertama 2026',
  });

  const view = await read(`/projects/kaltim-anhui?minPosition=${last.position}&asOf=2026-11-22`);
  t.equal(view.statusCode, 200);
  t.ok(
    BigInt(view.headers['x-projection-position'] as string) >= BigInt(last.position),
    'the view includes the write',
  );
  t.match(view.json(), {
    projectId: 'kaltim-anhui',
    health: 'overdue',
    stage: 'idea',
    timeZone: 'Asia/Makassar',
    healthReasons: [{ rule: 'overdue', milestoneIds: ['kt-mou'] }],
    milestones: [
      {
        milestoneId: 'kt-mou',
        baseline: { value: '2024-05' },
        target: { value: '2024-06' },
        due: 'overdue',
        drift: { days: 30, reschedules: 1 },
      },
    ],
  });
  const known = await read(
    `/projects/kaltim-anhui?knownAt=${beforeReschedule}&asOf=2024-05-31T15:59:59Z`,
  );
  t.match(
    known.json(),
    { milestones: [{ target: { value: '2024-05' }, due: 'due_soon' }] },
    'knownAt before the reschedule: the old target',
  );
  const atEdge = await read(
    `/projects/kaltim-anhui?knownAt=${beforeReschedule}&asOf=2024-05-31T16:00:00Z`,
  );
  t.match(atEdge.json(), { health: 'overdue' }, 'the WITA deadline');
  t.equal(
    (await read('/projects/kaltim-anhui?knownAt=2020-01-01T00:00:00Z')).json().code,
    'unknown_project',
  );

  const list = await read('/projects?sort=attention&asOf=2026-01-15');
  t.match(list.json(), {
    total: 2,
    items: [
      { projectId: 'kaltim-anhui', health: 'overdue' },
      { projectId: 'blt-ki', health: 'on_track' },
    ],
  });
  t.same(
    (await read('/projects?province=kepulauan%20bangka%20belitung'))
      .json()
      .items.map((p: { projectId: string }) => p.projectId),
    ['blt-ki'],
  );
  const page = (await read('/projects?limit=1')).json();
  t.equal(page.items.length, 1);
  t.same((await read(`/projects?limit=1&cursor=${page.nextCursor}`)).json().items.length, 1);
  t.match((await read('/projects?cursor=nope')).json(), {
    code: 'validation_failed',
    errors: [{ path: 'cursor' }],
  });
  t.match((await read('/projects?limit=500')).json(), {
    code: 'validation_failed',
    errors: [{ path: 'limit' }],
  });
  t.match((await read('/projects?asOf=yesterday')).json(), {
    code: 'validation_failed',
    errors: [{ path: 'asOf' }],
  });

  const timeline = await read('/projects/blt-ki/timeline?asOf=2026-03-15');
  t.match(timeline.json(), {
    projectId: 'blt-ki',
    milestones: [
      {
        milestoneId: 'blt-mp',
        due: 'due_soon',
        target: { value: '2026-Q1', text: 'triwulan pertama 2026' },
      },
    ],
  });
  const due = await read('/milestones?due=overdue&asOf=2026-11-22');
  t.same(
    due
      .json()
      .items.map(
        (m: { projectId: string; milestoneId: string }) => `${m.projectId}/${m.milestoneId}`,
      ),
    ['kaltim-anhui/kt-mou', 'blt-ki/blt-mp'],
  );
  const portfolio = await read('/portfolio/summary?groupBy=province');
  t.same(
    portfolio.json().groups.map((g: { key: string; projects: number }) => [g.key, g.projects]),
    [
      ['Kalimantan Timur', 1],
      ['Kepulauan Bangka Belitung', 1],
    ],
  );

  const ready = await views.inject({ method: 'GET', url: '/ready' });
  t.equal(ready.statusCode, 200);
  const metrics = await views.inject({ method: 'GET', url: '/metrics' });
  t.match(metrics.body, /projection_position \d+/);
});

t.test('access: tokens and roles', async (t) => {
  const { read, command } = await setup(t);
  await command('/projects', {
    projectId: 'pgk-kek',
    name: 'KEK Pangkalpinang',
    kind: 'special_economic_zone',
    location: { province: 'Babel' },
  });
  const none = await setup(t).then((s) => s.views.inject({ method: 'GET', url: '/projects' }));
  t.equal(none.statusCode, 401);
  t.match(none.headers['content-type'], /^application\/problem\+json/);
  t.equal(
    (await read('/projects', 'manager')).statusCode,
    403,
    'a write-only manager token cannot read views',
  );
  t.equal((await read('/projects', 'auditor')).statusCode, 200);
  t.equal(
    (await read('/projects/pgk-kek/history', 'viewer')).statusCode,
    403,
    'history is for auditors',
  );
  t.equal((await read('/projects/nope-nope')).json().code, 'unknown_project');
});

t.test('history shows who, when, sources, hashes and retractions', async (t) => {
  const { read, command } = await setup(t);
  await command('/projects', {
    projectId: 'ksb-ki',
    name: 'KI Sumbawa Barat',
    kind: 'industrial_estate',
    location: { province: 'NTB' },
    sources: [{ outlet: 'Suara NTB' }],
  });
  const planned = await command('/projects/ksb-ki/milestones', {
    milestoneId: 'smelter-cc',
    type: 'construction_completed',
    target: '2022',
  });
  const retraction = await command('/projects/ksb-ki/retractions', {
    eventId: planned.eventIds[0],
    reason: 'wrong project',
  });
  const history = await read(
    `/projects/ksb-ki/history?minPosition=${retraction.position}`,
    'auditor',
  );
  t.equal(history.statusCode, 200);
  const items = history.json().items;
  t.equal(items.length, 3);
  t.match(items[0], {
    type: 'ProjectRegistered',
    revision: '0',
    actor: 'admin@test',
    sources: [{ outlet: 'Suara NTB' }],
    metadata: { hash: /^[0-9a-f]{64}$/ },
    retracted: false,
  });
  t.match(items[1], {
    type: 'MilestonePlanned',
    retracted: true,
    retractedBy: retraction.eventIds[0],
  });
  t.equal(
    (await read('/projects/ksb-ki')).json().milestones.length,
    0,
    'the retracted plan is folded as if absent',
  );
  const paged = (await read('/projects/ksb-ki/history?limit=2', 'auditor')).json();
  t.equal(paged.items.length, 2);
  t.equal(
    (await read(`/projects/ksb-ki/history?cursor=${paged.nextCursor}`, 'auditor')).json().items
      .length,
    1,
  );
});

t.test('minPosition beyond the log answers 503 projection_behind', async (t) => {
  const { read } = await setup(t);
  const res = await read('/projects?minPosition=999999&waitMs=50');
  t.equal(res.statusCode, 503);
  t.equal(res.headers['retry-after'], '1');
  t.equal(res.json().code, 'projection_behind');
});

t.test('a write lands in a read waiting for it', async (t) => {
  const { read, command, views } = await setup(t);
  const head = views.projector.model.position;
  const waiting = read(`/projects?minPosition=${head + 1n}&waitMs=5000`);
  await command('/projects', {
    projectId: 'btg-acemed',
    name: 'Ace Medical',
    kind: 'plant',
    location: { province: 'Jawa Tengah' },
  });
  const res = await waiting;
  t.equal(res.statusCode, 200);
  t.equal(res.json().total, 1);
});

t.test('GET /updates streams a change per write', async (t) => {
  const { command, views } = await setup(t);
  const url = await views.listen({ port: 0, host: '127.0.0.1' });
  const controller = new AbortController();
  const res = await fetch(`${url}/updates`, {
    headers: bearer('viewer'),
    signal: controller.signal,
  });
  t.equal(res.status, 200);
  t.match(res.headers.get('content-type'), /text\/event-stream/);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const written = await command('/projects', {
    projectId: 'live-one',
    name: 'Live',
    kind: 'plant',
    location: { province: 'Bali' },
  });
  while (!text.includes('event: project')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  t.match(text, `data: {"projectId":"live-one","position":"${written.position}"}`);
  controller.abort();
  const unauthorised = await fetch(`${url}/updates`);
  t.equal(unauthorised.status, 401);
});

t.test('a cap on concurrent update streams keeps one client from starving others', async (t) => {
  const dir = t.testdir();
  const views = await buildApp({
    store: await openEventStore({ kind: 'sqlite', file: join(dir, 'events.sqlite') }),
    tokens: testTokens(),
    snapshotFile: join(dir, 'checkpoint.json'),
    maxSseClients: 2,
  });
  t.teardown(() => views.close());
  const url = await views.listen({ port: 0, host: '127.0.0.1' });
  const controller = new AbortController();
  const open = () =>
    fetch(`${url}/updates`, { headers: bearer('viewer'), signal: controller.signal });
  const [a, b] = [await open(), await open()];
  t.same([a.status, b.status], [200, 200]);
  const third = await open();
  t.equal(third.status, 503);
  t.equal(third.headers.get('retry-after'), '5');
  t.match(await third.json(), { code: 'too_many_streams' });
  controller.abort();
});
