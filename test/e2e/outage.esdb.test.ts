import t from 'tap';
import { startEsdbDouble } from '../esdb-double/startEsdbDouble.js';
import { client } from './support/client.js';
import { startStack } from './support/stack.js';

// EventStoreDB going away and coming back, over the wire double: commands answer 503
// store_unavailable with Retry-After and write nothing, /ready says not ready, the projection
// service keeps serving its last views, and both catch up when the store returns.
const double = await startEsdbDouble({ batchAppend: true });
t.teardown(() => double.stop());
const stack = await startStack({
  env: { EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: double.connectionString },
});
t.teardown(() => stack.stop());
const api = client(stack);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('the store unavailable, then back', async (t) => {
  const registered = await api.post('/projects', {
    projectId: 'outage-one',
    name: 'Outage',
    kind: 'plant',
    location: { province: 'Bali' },
  });
  t.equal(registered.status, 201);
  t.equal(
    (await api.get(`/projects/outage-one?minPosition=${registered.body.position}`)).status,
    200,
  );

  await double.setUnavailable(true);
  const refused = await api.post('/projects/outage-one/facts', {
    fact: 'area',
    hectares: '5',
    scope: 'plot',
  });
  t.equal(refused.status, 503);
  t.match(refused.body, { code: 'store_unavailable' });
  t.equal(refused.headers.get('retry-after'), '1');
  t.equal(
    (await fetch(`${stack.commandUrl}/ready`)).status,
    503,
    'the command service says it is not ready',
  );
  const lastViews = await api.get('/projects/outage-one');
  t.equal(lastViews.status, 200, 'the projection service keeps serving its last views');
  t.equal(lastViews.body.facts.length, 0);
  t.equal((await fetch(`${stack.queryUrl}/health`)).status, 200);

  await double.setUnavailable(false);
  let accepted = refused;
  for (let i = 0; i < 50 && accepted.status !== 201; i++) {
    await sleep(100);
    accepted = await api.post('/projects/outage-one/facts', {
      fact: 'area',
      hectares: '5',
      scope: 'plot',
    });
  }
  t.equal(accepted.status, 201, 'commands work again once the store is back');
  const caughtUp = await api.get(
    `/projects/outage-one?minPosition=${accepted.body.position}&waitMs=10000`,
  );
  t.equal(caughtUp.status, 200, 'the projection catches up');
  t.equal(
    caughtUp.body.facts.length,
    1,
    'the refused command wrote nothing; the accepted one counts once',
  );
});

t.test('dropped connections are survived by both services', async (t) => {
  await double.dropConnections();
  // A request caught by the drop may answer 503 with Retry-After; a client retries it.
  let after = await api.post('/projects/outage-one/facts', {
    fact: 'jobs',
    kind: 'projected',
    count: 10,
  });
  for (let i = 0; i < 20 && after.status === 503; i++) {
    t.equal(after.headers.get('retry-after'), '1');
    await sleep(100);
    after = await api.post('/projects/outage-one/facts', {
      fact: 'jobs',
      kind: 'projected',
      count: 10,
    });
  }
  t.equal(after.status, 201);
  const view = await api.get(
    `/projects/outage-one?minPosition=${after.body.position}&waitMs=10000`,
  );
  t.equal(view.status, 200);
  t.equal(view.body.facts.length, 2, 'no gap and no duplicate after the resubscription');
  // Ready again once its reconnections settle: /ready pings the store and asks whether the
  // subscription is connected, and right after a drop either may still be reconnecting (a fresh
  // CI run once answered 503 here, just after the view above).
  let ready = await fetch(`${stack.queryUrl}/ready`);
  for (let i = 0; i < 50 && ready.status !== 200; i++) {
    await sleep(100);
    ready = await fetch(`${stack.queryUrl}/ready`);
  }
  t.equal(ready.status, 200, await ready.text());
});
