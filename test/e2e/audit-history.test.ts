import t from 'tap';
import { client } from './support/client.js';
import { startStack } from './support/stack.js';

// Time travel and history as an auditor uses them, over both services as processes.
const stack = await startStack({
  dataDir: t.testdir(),
  env: process.env.E2E_STORE_ENV ? JSON.parse(process.env.E2E_STORE_ENV) : {},
});
t.teardown(() => stack.stop());
const api = client(stack);

const ms = (iso: string, delta: number) => new Date(Date.parse(iso) + delta).toISOString();

interface HistoryItem {
  eventId: string;
  type: string;
  recordedAt: string;
  retracted: boolean;
  retractedBy?: string;
}

async function history(projectId: string, minPosition: string): Promise<HistoryItem[]> {
  const res = await api.get(`/projects/${projectId}/history?minPosition=${minPosition}`, 'auditor');
  if (res.status !== 200) throw new Error(res.text);
  return res.body.items;
}

t.test('knownAt around a reschedule: 1 ms before, at, after; with asOf', async (t) => {
  t.equal(
    (
      await api.post('/projects', {
        projectId: 'kt-travel',
        name: 'KI Kaltim Travel',
        kind: 'industrial_estate',
        location: { province: 'Kalimantan Timur' },
      })
    ).status,
    201,
  );
  await api.post('/projects/kt-travel/milestones', {
    milestoneId: 'mou',
    type: 'mou_signed',
    target: 'Mei 2026',
  });
  const moved = await api.post('/projects/kt-travel/milestones/mou/reschedule', {
    target: 'Agustus 2026',
    reasonCode: 'permit',
  });
  t.equal(moved.status, 201);
  const items = await history('kt-travel', moved.body.position);
  const reschedule = items.find((e) => e.type === 'MilestoneRescheduled')!;
  t.ok(reschedule, 'the reschedule is in the history');
  const at = reschedule.recordedAt;
  const before = ms(at, -1);
  const asOf = '2026-06-15';
  const view = async (knownAt: string) =>
    (await api.get(`/projects/kt-travel?knownAt=${knownAt}&asOf=${asOf}`)).body;

  t.match(
    await view(before),
    {
      health: 'overdue',
      milestones: [{ milestoneId: 'mou', target: { value: '2026-05' }, due: 'overdue' }],
    },
    '1 ms before the reschedule was recorded: the old target, overdue by mid-June',
  );
  const known = await view(at);
  t.match(
    known,
    { milestones: [{ target: { value: '2026-08' }, drift: { reschedules: 1 } }] },
    'at the instant it was recorded: the new target',
  );
  t.not(known.milestones[0].due, 'overdue');
  t.not(known.health, 'overdue');
  t.same(await view(ms(at, 1)), known, '1 ms after: the same');

  const timeline = async (knownAt: string) =>
    (await api.get(`/projects/kt-travel/timeline?knownAt=${knownAt}&asOf=${asOf}`)).body;
  t.match(await timeline(before), { milestones: [{ target: { value: '2026-05' } }] });
  t.match(await timeline(at), { milestones: [{ target: { value: '2026-08' } }] });

  const overdue = async (knownAt: string) =>
    (await api.get(`/milestones?due=overdue&asOf=${asOf}&knownAt=${knownAt}`)).body.items.map(
      (m: { projectId: string; milestoneId: string }) => `${m.projectId}/${m.milestoneId}`,
    );
  t.ok((await overdue(before)).includes('kt-travel/mou'), 'overdue as known before');
  t.notOk((await overdue(at)).includes('kt-travel/mou'), 'not overdue as known at');

  const overdueProjects = async (knownAt: string) =>
    (
      await api.get(`/portfolio/summary?groupBy=health&asOf=${asOf}&knownAt=${knownAt}`)
    ).body.groups.find((g: { key: string }) => g.key === 'overdue')?.projects ?? 0;
  t.equal(await overdueProjects(before), (await overdueProjects(at)) + 1, 'portfolio by health');

  const listed = async (knownAt: string) =>
    (await api.get(`/projects?knownAt=${knownAt}&asOf=${asOf}&q=kt-travel`)).body.items[0];
  t.match(await listed(before), { projectId: 'kt-travel', health: 'overdue' });
  t.not((await listed(at)).health, 'overdue');
  t.equal(
    (await api.get(`/projects/kt-travel?knownAt=${ms(items[0]!.recordedAt, -1)}`)).body.code,
    'unknown_project',
    'before its registration was recorded the project is unknown',
  );
});

t.test('a retraction: history shows by which entry; the view folds it as absent', async (t) => {
  const planned = await api.post('/projects/kt-travel/milestones', {
    milestoneId: 'land',
    type: 'land_controlled',
    target: '2027',
  });
  t.equal(planned.status, 201);
  const retraction = await api.post('/projects/kt-travel/retractions', {
    eventId: planned.body.eventIds[0],
    reason: 'belongs to another estate',
  });
  t.equal(retraction.status, 201, retraction.text);
  const items = await history('kt-travel', retraction.body.position);
  t.match(
    items.find((e) => e.eventId === planned.body.eventIds[0]),
    {
      type: 'MilestonePlanned',
      retracted: true,
      retractedBy: retraction.body.eventIds[0],
    },
  );
  t.match(items.at(-1), { type: 'EntryRetracted', retracted: false });
  const view = (await api.get('/projects/kt-travel')).body;
  t.same(
    view.milestones.map((m: { milestoneId: string }) => m.milestoneId),
    ['mou'],
    'the retracted plan counts as never made',
  );
  const retractedAt = items.at(-1)!.recordedAt;
  const before = (await api.get(`/projects/kt-travel?knownAt=${ms(retractedAt, -1)}`)).body;
  t.same(
    before.milestones.map((m: { milestoneId: string }) => m.milestoneId).sort(),
    ['land', 'mou'],
    'as known just before the retraction, the plan stood',
  );
  t.equal(
    (
      await api.post('/projects/kt-travel/retractions', {
        eventId: planned.body.eventIds[0],
        reason: 'again',
      })
    ).body.code,
    'entry_already_retracted',
  );
});

t.test('a source conflict flagged: the view lists it, the history records it', async (t) => {
  const flagged = await api.post('/projects/kt-travel/conflicts', {
    field: 'investment',
    claims: [
      { value: 'USD 1 billion', source: 'ANTARA Kaltim' },
      { value: 'USD 2 billion', source: 'Kaltim Post' },
    ],
  });
  t.equal(flagged.status, 201, flagged.text);
  const view = (await api.get(`/projects/kt-travel?minPosition=${flagged.body.position}`)).body;
  t.match(view.conflicts, [
    {
      field: 'investment',
      claims: [
        { value: 'USD 1 billion', source: 'ANTARA Kaltim' },
        { value: 'USD 2 billion', source: 'Kaltim Post' },
      ],
      resolution: null,
    },
  ]);
  const items = await history('kt-travel', flagged.body.position);
  t.match(items.at(-1), { type: 'SourceConflictFlagged', eventId: flagged.body.eventIds[0] });
  const verify = await api.get('/audit/verify?projectId=kt-travel', 'auditor');
  t.match(verify.body, { ok: true, streams: 1, events: items.length, failures: [] });
});
