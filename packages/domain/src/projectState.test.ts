import t from 'tap';
import {
  evolve,
  evolveOwned,
  foldEvents,
  initialState,
  type FoldableEvent,
} from './projectState.js';
import { parseFuzzyDate } from './fuzzyDate.js';
import { makeEventParser, parseStoredEvent } from './upcasting.js';

const projectId = 'pgk-kek';
const target = parseFuzzyDate('2026', 'Asia/Jakarta');
const events: FoldableEvent[] = [
  {
    type: 'ProjectRegistered',
    eventId: 'e1',
    data: {
      projectId,
      name: 'KEK Pangkalpinang',
      kind: 'special_economic_zone',
      location: { province: 'Kepulauan Bangka Belitung' },
      timeZone: 'Asia/Jakarta',
      sectors: [],
      parties: [],
    },
  },
  {
    type: 'MilestonePlanned',
    eventId: 'e2',
    data: {
      projectId,
      milestoneId: 'kek-prop',
      type: 'kek_proposed',
      phase: 'point',
      scope: 'project',
      target,
    },
  },
  {
    type: 'MilestoneStarted',
    eventId: 'e3',
    data: { projectId, milestoneId: 'kek-prop', on: target },
  },
  { type: 'ProjectDetailsRevised', eventId: 'e4', data: { projectId, timeZone: 'Asia/Makassar' } },
];

t.test('fold', async (t) => {
  const state = foldEvents(events);
  t.equal(state.exists, true);
  t.equal(state.timeZone, 'Asia/Makassar');
  t.equal(state.province, 'Kepulauan Bangka Belitung');
  t.same(state.milestones.get('kek-prop'), { status: 'in_progress' });
  t.equal(state.entries.size, 4);
  t.equal(initialState.exists, false, 'the initial state is never mutated');
});

t.test('retractions are folded as if the entry were absent', async (t) => {
  const state = evolve(foldEvents(events), {
    type: 'EntryRetracted',
    eventId: 'e5',
    data: { projectId, eventId: '00000000-0000-4000-8000-000000000000', reason: 'x' },
  });
  t.equal(state.timeZone, 'Asia/Makassar', 'retracting an unknown entry changes nothing');
  const retracted = evolve(foldEvents(events.map((e) => e)), {
    type: 'EntryRetracted',
    eventId: 'e6',
    data: { projectId, eventId: 'e4', reason: 'wrong zone' },
  });
  t.equal(retracted.timeZone, 'Asia/Jakarta');
  t.same(retracted.entries.get('e4'), { type: 'ProjectDetailsRevised', retractedBy: 'e6' });
  t.equal(retracted.inForce.length, 3);
  const again = evolve(retracted, {
    type: 'EntryRetracted',
    eventId: 'e7',
    data: { projectId, eventId: 'e4', reason: 'twice' },
  });
  t.equal(again.inForce.length, 3, 'a second retraction of the same entry is inert');
  const orphan = evolve(foldEvents(events.slice(0, 1)), {
    type: 'MilestoneAchieved',
    data: { projectId, milestoneId: 'nope', on: target },
  });
  t.equal(orphan.milestones.size, 0, 'an achievement of a milestone that is not in force is inert');
});

t.test('stored events are upcast then validated', async (t) => {
  const registered = events[0]!;
  t.same(parseStoredEvent({ type: registered.type, data: registered.data, schemaVersion: 1 }), {
    type: registered.type,
    data: registered.data,
  });
  t.throws(
    () => parseStoredEvent({ type: 'Nope', data: {}, schemaVersion: 1 }),
    /unknown event type/,
  );
  t.throws(
    () => parseStoredEvent({ type: 'ProjectRegistered', data: {}, schemaVersion: 1 }),
    /does not match/,
  );
  t.throws(
    () => parseStoredEvent({ type: 'ProjectRegistered', data: registered.data, schemaVersion: 2 }),
    /reads up to 1/,
  );
  // A hypothetical version 2 that renamed `name` to `title`: v1 data is upcast on read.
  const v2 = makeEventParser({ ProjectRegistered: { 1: (d) => d } }, 2);
  t.match(v2({ type: 'ProjectRegistered', data: registered.data, schemaVersion: 1 }), {
    data: { name: 'KEK Pangkalpinang' },
  });
  t.throws(
    () => v2({ type: 'MilestonePlanned', data: events[1]!.data, schemaVersion: 1 }),
    /no upcaster/,
  );
});

t.test('foldEvents equals evolving one event at a time', async (t) => {
  const retraction: FoldableEvent = {
    type: 'EntryRetracted',
    eventId: 'e9',
    data: { projectId, eventId: 'e3', reason: 'x' },
  };
  const stream = [...events, retraction, { ...retraction, eventId: 'e10' }];
  const stepwise = stream.reduce(evolve, initialState);
  const folded = foldEvents(stream);
  t.same(folded, stepwise);
  // Evolving in place from a fold of the first event gives the same state, retraction included.
  const owned = stream.slice(1).reduce(evolveOwned, foldEvents(stream.slice(0, 1)));
  t.same(owned, stepwise, 'evolveOwned agrees');
  t.same(
    folded.milestones.get('kek-prop'),
    { status: 'planned' },
    'the retracted start is folded as if absent',
  );
});
