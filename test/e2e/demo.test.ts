import t from 'tap';
import { mkdir, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { client } from './support/client.js';
import { startStack } from './support/stack.js';

// The newcomer's view: start with the demo data and see five real projects with their histories.
const dataDir = t.testdir();
const stack = await startStack({ dataDir, seedDemo: true });
t.teardown(() => stack.stop());
const api = client(stack);
const today = '2026-11-22T00:00:00Z';

t.test('five demo projects with stages and health that match their histories', async (t) => {
  const list = await api.get(`/projects?asOf=${today}&minPosition=${await stack.storeHead()}`);
  t.equal(list.status, 200);
  const byId = Object.fromEntries(
    list.body.items.map((p: { projectId: string }) => [p.projectId, p]),
  );
  t.same(Object.keys(byId).sort(), ['blt-ki', 'btg-acemed', 'kaltim-anhui', 'ksb-ki', 'pgk-kek']);
  t.match(
    byId['pgk-kek'],
    { stage: 'idea', kind: 'special_economic_zone' },
    'Pangkalpinang KEK is still an idea',
  );
  t.match(
    byId['blt-ki'],
    { stage: 'agreement', health: 'overdue' },
    'Belitung: MoU signed, Q1 2026 studies overdue',
  );

  const kaltim = await api.get(`/projects/kaltim-anhui?asOf=${today}`);
  t.match(kaltim.body, { health: 'overdue', timeZone: 'Asia/Makassar' });
  const mou = kaltim.body.milestones.find(
    (m: { milestoneId: string }) => m.milestoneId === 'kt-mou',
  );
  t.match(
    mou,
    { baseline: { value: '2024-05' }, due: 'overdue', status: 'planned' },
    'the Kaltim MoU planned for May 2024 is overdue today',
  );

  const ksb = await api.get(`/projects/ksb-ki/timeline?asOf=${today}`);
  const smelter = ksb.body.milestones.find(
    (m: { milestoneId: string }) => m.milestoneId === 'smelter-cc',
  );
  t.match(
    smelter,
    {
      baseline: { value: '2022' },
      target: { value: '2024' },
      drift: { days: 731, reschedules: 2 },
    },
    'smelter completion: two years of drift, two reschedules',
  );

  const batang = await api.get(`/projects/btg-acemed?asOf=${today}`);
  t.match(
    batang.body.milestones.find((m: { milestoneId: string }) => m.milestoneId === 'ace-cod'),
    { target: { value: '2026-04' }, due: 'overdue' },
  );
  t.ok(
    batang.body.milestones.find((m: { milestoneId: string }) => m.milestoneId === 'ace-ppti')
      .outOfOrder,
    'land agreement before the KEK regulation is flagged',
  );
  t.ok(batang.body.facts.length >= 3, 'investment, area and jobs stated with sources');
  t.ok(batang.body.sources.length > 0);

  const portfolio = await api.get(`/portfolio/summary?groupBy=province&asOf=${today}`);
  t.same(
    portfolio.body.groups.map((g: { key: string }) => g.key),
    ['Jawa Tengah', 'Kalimantan Timur', 'Kepulauan Bangka Belitung', 'Nusa Tenggara Barat'],
  );
});

t.test(
  'a restarted projection resumes from its checkpoint; a replay from zero gives the same views',
  async (t) => {
    const before = await api.get(`/projects?asOf=${today}&limit=200`);
    await stack.stopProjection();
    const written = await api.post('/projects/pgk-kek/facts', {
      fact: 'area',
      hectares: '100',
      scope: 'allocated',
    });
    t.equal(written.status, 201, 'commands keep working while the projection is down');
    await stack.startProjection();
    const after = await api.get(`/projects/pgk-kek?minPosition=${written.body.position}`);
    t.equal(after.status, 200);
    t.equal(after.body.facts.length, 2, 'the write made while it was down is folded in');

    // A second projection over a copy of the log, with no checkpoint: replay from zero.
    const fresh = join(dataDir, 'replay');
    await mkdir(fresh);
    // The log is the SQLite file plus its write-ahead log (nothing writes while we copy).
    for (const suffix of ['', '-wal'])
      await copyFile(
        join(dataDir, `events.sqlite${suffix}`),
        join(fresh, `events.sqlite${suffix}`),
      ).catch(() => undefined);
    const resumed = await Promise.all(
      before.body.items.map((p: { projectId: string }) =>
        api.get(`/projects/${p.projectId}?asOf=${today}`),
      ),
    );
    await stack.stopProjection();
    await stack.startProjection(fresh);
    for (const view of resumed) {
      const replayed = await api.get(`/projects/${view.body.projectId}?asOf=${today}`);
      t.equal(replayed.status, 200, replayed.text);
      t.same(replayed.body, view.body, `${view.body.projectId}: replay equals the resumed view`);
    }
  },
);
