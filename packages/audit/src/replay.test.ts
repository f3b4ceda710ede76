import t from 'tap';
import { DateTime } from 'luxon';
import { firstDifference, replayedViews, replayReadModel } from './replay.js';
import { generatedStore } from './testing/index.js';

t.test('firstDifference names the path of the first differing field', async (t) => {
  t.equal(firstDifference({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }), null);
  t.match(firstDifference({ a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'y' }] }), {
    path: 'b[1].c',
    expected: '"x"',
    actual: '"y"',
  });
  t.match(firstDifference([1, 2], [1, 2, 3]), { path: '[2]', expected: 'undefined', actual: '3' });
  t.match(firstDifference({ a: 1 }, { a: 1, z: null }), { path: 'z', actual: 'null' });
  t.match(firstDifference({ a: [] }, { a: {} }), { path: 'a' });
  t.match(firstDifference(1, 2), { path: '(root)' });
  t.match(firstDifference({ s: 'x'.repeat(200) }, { s: 'y' }), { expected: /\.\.\.$/ });
});

t.test('replayReadModel folds the log from zero, up to a position when asked', async (t) => {
  const { store, projectIds, events } = await generatedStore(t.testdir(), {
    projects: 2,
    commandsPerProject: 6,
  });
  t.teardown(() => store.close());
  const all = await replayReadModel(store);
  t.equal(all.eventCount, events);
  t.equal(all.position, await store.headPosition());
  const early = await replayReadModel(store, { upTo: 3n });
  t.equal(early.position, 3n);
  t.equal(early.eventCount, 3);
  const asOf = DateTime.fromISO('2026-06-01T00:00:00Z', { zone: 'utc' });
  const views = replayedViews(all, asOf);
  t.match(views.list, {
    total: 2,
    items: [{ projectId: projectIds[0] }, { projectId: projectIds[1] }],
  });
  t.match(views.project(projectIds[1]!), { projectId: projectIds[1], revision: /^\d+$/ });
  t.equal(views.project('nope'), null);
});
