import t from 'tap';
import { verifyStreamChain } from '@kawasan/event-store';
import { belitung, QUERY_URL, withTestApp } from './testing/testApp.js';

const FIXED_NOW = new Date('2026-01-15T03:04:05.000Z');
const setUp = (t: Parameters<typeof withTestApp>[0]) => withTestApp(t, { clock: () => FIXED_NOW });

t.test('register a project: 201, ETag, Location, reply, event and metadata', async (t) => {
  const { send, events } = await setUp(t);
  const res = await send('POST', '/projects', belitung('blt-ki'), {
    as: 'babel',
    headers: { 'x-correlation-id': 'import-2026-01' },
  });
  t.equal(res.statusCode, 201);
  t.equal(res.headers['etag'], '"0"');
  t.equal(res.headers['location'], `${QUERY_URL}/projects/blt-ki`);
  t.equal(res.headers['content-type'], 'application/json; charset=utf-8');
  const reply = res.json();
  t.match(reply, { projectId: 'blt-ki', revision: '0', position: /^[1-9][0-9]*$/ });
  t.equal(reply.eventIds.length, 1);
  const [event] = await events('blt-ki');
  t.equal(event?.id, reply.eventIds[0]);
  t.equal(event?.type, 'ProjectRegistered');
  t.match(event?.data, {
    projectId: 'blt-ki',
    kind: 'industrial_estate',
    location: { province: 'Kepulauan Bangka Belitung', regency: 'Belitung' },
    timeZone: 'Asia/Jakarta',
    sectors: ['smelter'],
  });
  t.match(event?.metadata, {
    schemaVersion: 1,
    actor: 'babel@test',
    recordedAt: '2026-01-15T03:04:05.000Z',
    correlationId: 'import-2026-01',
    causationId: res.headers['x-request-id'],
    sources: [{ outlet: 'ANTARA Babel', publishedOn: '2025-12-07' }],
    prevHash: '0'.repeat(64),
    hash: /^[0-9a-f]{64}$/,
  });
  t.notOk('idempotencyKey' in (event?.metadata ?? {}), 'no key, no idempotency metadata');
});

t.test('register without projectId: an id made from the name', async (t) => {
  const { send } = await setUp(t);
  const { projectId: _id, ...body } = belitung('unused');
  const res = await send('POST', '/projects', {
    ...body,
    name: 'Kawasan Industri Sadai (KIS) – Bangka Selatan',
  });
  t.equal(res.statusCode, 201);
  t.match(res.json().projectId, /^kawasan-industri-sadai-kis-bangka-selatan-[0-9a-f]{8}$/);
  const again = await send('POST', '/projects', {
    ...body,
    name: 'Kawasan Industri Sadai (KIS) – Bangka Selatan',
  });
  t.not(again.json().projectId, res.json().projectId, 'without a key each request is new');
});

t.test('every command of api.md, in one project history', async (t) => {
  const { send, events } = await setUp(t);
  t.equal((await send('POST', '/projects', belitung('blt-ki'))).statusCode, 201);
  const base = '/projects/blt-ki';

  const steps: [string, 'POST' | 'PATCH', string, unknown, string[]][] = [
    [
      'revise',
      'PATCH',
      base,
      { name: 'KI Belitung', sectors: ['smelter', 'port'] },
      ['ProjectDetailsRevised'],
    ],
    [
      'plan',
      'POST',
      `${base}/milestones`,
      { milestoneId: 'mou', type: 'mou_signed', target: 'Desember 2025' },
      ['MilestonePlanned'],
    ],
    [
      'achieve',
      'POST',
      `${base}/milestones/mou/achieve`,
      { on: 'Kamis (4/12/2025)', venueTimeZone: 'Asia/Jakarta' },
      ['MilestoneAchieved'],
    ],
    [
      'plan and achieve at once',
      'POST',
      `${base}/milestones`,
      { milestoneId: 'loi', type: 'loi_signed', target: '2025-Q3', achievedOn: '2025-09-10' },
      ['MilestonePlanned', 'MilestoneAchieved'],
    ],
    [
      'plan studies',
      'POST',
      `${base}/milestones`,
      {
        milestoneId: 'fs',
        type: 'feasibility_study',
        phase: 'start',
        target: 'triwulan pertama 2026',
      },
      ['MilestonePlanned'],
    ],
    [
      'reschedule',
      'POST',
      `${base}/milestones/fs/reschedule`,
      { target: 'Q2 2026', reasonCode: 'financing', reason: 'funding round moved' },
      ['MilestoneRescheduled'],
    ],
    ['start', 'POST', `${base}/milestones/fs/start`, { on: 'April 2026' }, ['MilestoneStarted']],
    [
      'progress',
      'POST',
      `${base}/milestones/fs/progress`,
      { percent: 40, asOf: '2026-05-01', verifiedBy: 'Disperin' },
      ['ProgressReported'],
    ],
    [
      'plan masterplan',
      'POST',
      `${base}/milestones`,
      { milestoneId: 'mp', type: 'masterplan', target: '2026' },
      ['MilestonePlanned'],
    ],
    [
      'cancel',
      'POST',
      `${base}/milestones/mp/cancel`,
      { reason: 'merged into the feasibility study' },
      ['MilestoneCancelled'],
    ],
    [
      'investment fact',
      'POST',
      `${base}/facts`,
      {
        fact: 'investment',
        kind: 'committed',
        low: '1600000000000',
        high: '1700000000000',
        currency: 'IDR',
      },
      ['FactStated'],
    ],
    [
      'jobs fact',
      'POST',
      `${base}/facts`,
      { fact: 'jobs', kind: 'projected', count: 5000, comparator: '>' },
      ['FactStated'],
    ],
    [
      'area fact',
      'POST',
      `${base}/facts`,
      { fact: 'area', hectares: '24.8', scope: 'plot' },
      ['FactStated'],
    ],
    [
      'flag conflict',
      'POST',
      `${base}/conflicts`,
      {
        field: 'investment',
        claims: [
          { value: 'USD 100 juta', source: 'ANTARA' },
          { value: 'Rp1,6 triliun', source: 'Liputan6' },
        ],
      },
      ['SourceConflictFlagged'],
    ],
    [
      'hold',
      'POST',
      `${base}/status`,
      { to: 'on_hold', reason: 'awaiting land' },
      ['ProjectStatusChanged'],
    ],
  ];
  let revision = 0;
  for (const [name, method, url, body, types] of steps) {
    const res = await send(method, url, body);
    t.equal(res.statusCode, 201, name);
    revision += types.length;
    t.equal(res.headers['etag'], `"${revision}"`, `${name}: ETag is the new revision`);
    t.equal(res.json().revision, String(revision), name);
    t.equal(res.json().eventIds.length, types.length, name);
    t.equal(res.headers['location'], `${QUERY_URL}/projects/blt-ki`, name);
  }
  const stored = await events('blt-ki');
  t.strictSame(
    stored.map((e) => e.type),
    ['ProjectRegistered', ...steps.flatMap(([, , , , types]) => types)],
  );
  t.ok(
    stored.every((e) => e.metadata['actor'] === 'admin@test'),
    'the token’s actor is in every event',
  );
  t.match(stored.find((e) => e.type === 'MilestoneAchieved')?.data, {
    milestoneId: 'mou',
    on: { value: '2025-12-04', precision: 'day', text: 'Kamis (4/12/2025)' },
  });
  t.match(
    stored.find(
      (e) =>
        e.type === 'MilestonePlanned' && (e.data as { milestoneId: string }).milestoneId === 'fs',
    )?.data,
    {
      phase: 'start',
      target: {
        value: '2026-Q1',
        precision: 'quarter',
        start: '2026-01-01',
        end: '2026-04-01',
        timeZone: 'Asia/Jakarta',
      },
    },
  );
  t.equal(await verifyStreamChain(stored), null, 'the hash chain verifies');

  // Replies name what was created, so a client can address it next.
  const flagged = await send('POST', `${base}/conflicts`, {
    field: 'jobs',
    claims: [
      { value: '5000', source: 'ANTARA' },
      { value: '3000', source: 'Bisnis' },
    ],
  });
  const { conflictId } = flagged.json();
  t.match(conflictId, /^conflict-[0-9a-f-]{36}$/);
  const resolved = await send('POST', `${base}/conflicts/${conflictId}/resolve`, {
    resolution: 'the regency confirmed 5000',
    value: '5000',
  });
  t.equal(resolved.statusCode, 201);
  t.equal(resolved.json().conflictId, conflictId);
  const fact = stored.find((e) => e.type === 'FactStated');
  t.match(fact?.data, { factId: /^fact-/ });
  const retracted = await send('POST', `${base}/retractions`, {
    eventId: fact?.id,
    reason: 'typo in the amount',
  });
  t.equal(retracted.statusCode, 201);
  const reactivated = await send('POST', `${base}/status`, {
    to: 'active',
    reason: 'land settled',
  });
  t.equal(reactivated.statusCode, 201);
  const planned = await send('POST', `${base}/milestones`, {
    type: 'groundbreaking',
    target: '2027',
  });
  t.equal(planned.statusCode, 201);
  t.match(planned.json(), { milestoneId: /^groundbreaking-[0-9a-f]{8}$/ });
  const all = await events('blt-ki');
  t.strictSame(
    all.slice(-5).map((e) => e.type),
    [
      'SourceConflictFlagged',
      'SourceConflictResolved',
      'EntryRetracted',
      'ProjectStatusChanged',
      'MilestonePlanned',
    ],
  );
  t.equal(await verifyStreamChain(all), null, 'the chain still verifies');
});
