import t from 'tap';
import { client } from './support/client.js';
import { startStack } from './support/stack.js';

// Both services as processes, driven over HTTP as a client would.
const stack = await startStack({
  env: process.env.E2E_STORE_ENV ? JSON.parse(process.env.E2E_STORE_ENV) : {},
});
t.teardown(() => stack.stop());
const api = client(stack);

t.test(
  'register → plan → achieve → reschedule → read status, timeline and due lists',
  async (t) => {
    const registered = await api.post('/projects', {
      projectId: 'blt-ki',
      name: 'Kawasan Industri Belitung',
      kind: 'industrial_estate',
      location: { province: 'Kepulauan Bangka Belitung', regency: 'Kabupaten Belitung' },
      sectors: ['energi terbarukan', 'logistik'],
      sources: [
        { outlet: 'ANTARA Babel', url: 'https://babel.antaranews.com/', publishedOn: '2025-12-07' },
      ],
    });
    t.equal(registered.status, 201);
    t.match(registered.body, {
      projectId: 'blt-ki',
      revision: '0',
      position: /^\d+$/,
      eventIds: [/^[0-9a-f-]{36}$/],
    });
    t.equal(registered.headers.get('etag'), '"0"');
    t.equal(registered.headers.get('location'), `${stack.queryUrl}/projects/blt-ki`);

    const mou = await api.post('/projects/blt-ki/milestones', {
      milestoneId: 'blt-mou',
      type: 'mou_signed',
      achievedOn: 'Kamis (4/12/2025)',
    });
    t.equal(mou.status, 201);
    t.equal(mou.body.milestoneId, 'blt-mou');
    const masterplan = await api.post('/projects/blt-ki/milestones', {
      milestoneId: 'blt-mp',
      type: 'masterplan',
      phase: 'start',
      target: 'triwulan pertama 2026',
    });
    t.equal(masterplan.status, 201);
    const cc = await api.post('/projects/blt-ki/milestones', {
      milestoneId: 'blt-gb',
      type: 'groundbreaking',
      target: 'Q2 2026',
    });
    t.equal(cc.status, 201);
    const achieved = await api.post('/projects/blt-ki/milestones/blt-mp/achieve', {
      on: '15/2/2026',
    });
    t.equal(achieved.status, 201);
    const rescheduled = await api.post('/projects/blt-ki/milestones/blt-gb/reschedule', {
      target: 'semester II 2026',
      reasonCode: 'land',
      reason: 'land not yet released',
    });
    t.equal(rescheduled.status, 201);
    t.equal(rescheduled.body.revision, '5');

    const view = await api.get(
      `/projects/blt-ki?minPosition=${rescheduled.body.position}&asOf=2026-11-22T00:00:00Z`,
    );
    t.equal(view.status, 200, 'read your own write through minPosition');
    t.ok(BigInt(view.headers.get('x-projection-position')!) >= BigInt(rescheduled.body.position));
    t.match(view.body, {
      projectId: 'blt-ki',
      stage: 'preparation',
      health: 'at_risk',
      status: 'active',
      province: 'Kepulauan Bangka Belitung',
      timeZone: 'Asia/Jakarta',
      revision: '5',
      healthReasons: [{ rule: 'drift', milestoneIds: ['blt-gb'], detail: /184 days/ }],
      nextMilestone: { milestoneId: 'blt-gb', due: 'not_due' },
    });
    const timeline = await api.get('/projects/blt-ki/timeline?asOf=2026-11-22T00:00:00Z');
    t.same(
      timeline.body.milestones.map((m: { milestoneId: string }) => m.milestoneId),
      ['blt-mou', 'blt-mp', 'blt-gb'],
      'target order',
    );
    t.match(timeline.body.milestones[1], {
      status: 'achieved',
      achievedOn: { value: '2026-02-15' },
      slip: { min: -45, max: -44, verdict: 'on_time' },
    });
    t.match(timeline.body.milestones[2], {
      baseline: { value: '2026-Q2' },
      target: { value: '2026-H2', text: 'semester II 2026' },
      drift: { days: 184, reschedules: 1, reasonCodes: ['land'] },
    });

    const dueSoon = await api.get('/milestones?due=due_soon&asOf=2026-12-15T00:00:00Z');
    t.same(
      dueSoon.body.items.map((m: { milestoneId: string }) => m.milestoneId),
      ['blt-gb'],
    );
    const overdue = await api.get('/milestones?due=overdue&asOf=2027-01-01T00:00:00Z');
    t.match(
      overdue.body.items,
      [
        {
          projectId: 'blt-ki',
          projectName: 'Kawasan Industri Belitung',
          milestoneId: 'blt-gb',
          due: 'overdue',
        },
      ],
      'H2 2026 in WIB falls due at 2026-12-31T17:00Z',
    );
    const notYet = await api.get('/milestones?due=overdue&asOf=2026-12-31T16:59:59Z');
    t.same(notYet.body.items, []);
    const list = await api.get('/projects?province=Kepulauan%20Bangka%20Belitung');
    t.match(list.body, { total: 1, items: [{ projectId: 'blt-ki', stage: 'preparation' }] });
  },
);

t.test('idempotent retries and optimistic concurrency over HTTP', async (t) => {
  await api.post('/projects', {
    projectId: 'btg-acemed',
    name: 'Pabrik Ace Medical',
    kind: 'plant',
    location: { province: 'Jawa Tengah' },
  });
  const body = { fact: 'investment', kind: 'committed', amount: '100000000', currency: 'USD' };
  const first = await api.post('/projects/btg-acemed/facts', body, {
    headers: { 'idempotency-key': 'fact-usd-1' },
  });
  const again = await api.post('/projects/btg-acemed/facts', body, {
    headers: { 'idempotency-key': 'fact-usd-1' },
  });
  t.equal(first.status, 201);
  t.equal(again.status, 200);
  t.same(again.body.eventIds, first.body.eventIds);
  const head = await stack.storeHead();
  const reused = await api.post(
    '/projects/btg-acemed/facts',
    { ...body, amount: '1' },
    { headers: { 'idempotency-key': 'fact-usd-1' } },
  );
  t.equal(reused.status, 422);
  t.equal(reused.body.code, 'idempotency_key_reused');
  t.equal(await stack.storeHead(), head, 'nothing written');
  const stale = await api.post(
    '/projects/btg-acemed/status',
    { to: 'on_hold', reason: 'x' },
    { headers: { 'if-match': '"0"' } },
  );
  t.equal(stale.status, 412);
  t.equal(stale.body.code, 'revision_mismatch');
  const fresh = await api.post(
    '/projects/btg-acemed/status',
    { to: 'on_hold', reason: 'financing review' },
    { headers: { 'if-match': `"${first.body.revision}"` } },
  );
  t.equal(fresh.status, 201);
  const view = await api.get(`/projects/btg-acemed?minPosition=${fresh.body.position}`);
  t.match(view.body, {
    health: 'on_hold',
    status: 'on_hold',
    facts: [{ fact: { amount: '100000000', currency: 'USD' } }],
  });
});
