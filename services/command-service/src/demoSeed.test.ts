import t from 'tap';
import { verifyStreamChain } from '@kawasan/event-store';
import { demoSteps } from '@kawasan/demo-data';
import { DemoSeedError, seedDemo, type DemoStep } from './demoSeed.js';
import { withTestApp } from './testing/testApp.js';

const steps: DemoStep[] = [
  {
    method: 'POST',
    path: '/projects',
    body: {
      projectId: 'demo-ki',
      name: 'Demo KI',
      kind: 'industrial_estate',
      location: { province: 'Bali' },
    },
  },
  {
    method: 'POST',
    path: '/projects/demo-ki/milestones',
    body: { milestoneId: 'mou', type: 'mou_signed', target: 'Mei 2024', achievedOn: '2024-05-20' },
  },
  { method: 'PATCH', path: '/projects/demo-ki', body: { sectors: ['tourism'] } },
];

t.test('an empty store is seeded through the command path as demo-loader', async (t) => {
  const { app, store, tokens, events } = await withTestApp(t);
  const size = tokens.size;
  t.strictSame(await seedDemo({ app, store, tokens, steps }), { loaded: 3 });
  const stored = await events('demo-ki');
  t.strictSame(
    stored.map((e) => e.type),
    ['ProjectRegistered', 'MilestonePlanned', 'MilestoneAchieved', 'ProjectDetailsRevised'],
  );
  t.ok(
    stored.every(
      (e) => e.metadata['actor'] === 'demo-loader' && e.metadata['correlationId'] === 'demo-seed',
    ),
  );
  t.equal(await verifyStreamChain(stored), null);
  t.equal(tokens.size, size, 'the in-memory token is gone afterwards');

  const head = await store.headPosition();
  t.strictSame(
    await seedDemo({ app, store, tokens, steps }),
    { loaded: 0 },
    'a store with data is left alone',
  );
  t.equal(await store.headPosition(), head);
});

t.test('a refused step stops the seeding with its path and problem', async (t) => {
  const { app, store, tokens } = await withTestApp(t);
  const broken: DemoStep[] = [
    steps[0]!,
    {
      method: 'POST',
      path: '/projects/demo-ki/milestones',
      body: { type: 'mou_signed', target: 'someday' },
    },
    steps[2]!,
  ];
  const error = await seedDemo({ app, store, tokens, steps: broken }).catch((e: unknown) => e);
  t.type(error, DemoSeedError);
  t.match(
    (error as DemoSeedError).message,
    /demo step 2 \(\/projects\/demo-ki\/milestones\) was refused: 400 validation_failed: target: Invalid date "someday"/,
  );
  t.match(error, {
    step: 2,
    path: '/projects/demo-ki/milestones',
    problem: { code: 'validation_failed' },
  });
  const notFound = await seedDemo({
    app,
    store: { ...store, headPosition: async () => 0n },
    tokens,
    steps: [{ method: 'POST', path: '/nowhere', body: {} }],
  }).catch((e: unknown) => e);
  t.match(notFound, { step: 1, problem: { code: 'not_found' } });
});

t.test('the shipped demo dataset loads without a refusal', async (t) => {
  const { app, store, tokens } = await withTestApp(t);
  const result = await seedDemo({ app, store, tokens, steps: demoSteps });
  t.equal(result.loaded, demoSteps.length);
  t.ok(result.loaded > 10, `${result.loaded} steps`);
});
