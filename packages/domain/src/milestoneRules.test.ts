import t from 'tap';
import { DateTime } from 'luxon';
import { parseFuzzyDate } from './fuzzyDate.js';
import {
  driftOf,
  dueState,
  outOfOrderIds,
  projectStage,
  slipOf,
  type MilestoneRecord,
} from './milestoneRules.js';

const WIB = 'Asia/Jakarta';
const WITA = 'Asia/Makassar';
const milestone = (
  over: Partial<MilestoneRecord> & Pick<MilestoneRecord, 'milestoneId'>,
): MilestoneRecord => ({
  type: 'masterplan',
  phase: 'point',
  scope: 'project',
  status: 'planned',
  baseline: null,
  target: null,
  achievedOn: null,
  reschedules: [],
  ...over,
});
const at = (iso: string) => DateTime.fromISO(iso, { setZone: true });

t.test('due state: the WITA edge (2024-05 falls due at 2024-05-31T16:00Z)', async (t) => {
  const mou = milestone({ milestoneId: 'kt-mou', target: parseFuzzyDate('2024-05', WITA) });
  t.equal(dueState(mou, at('2024-05-31T15:59:59Z')), 'due_soon', 'one second before: not overdue');
  t.equal(dueState(mou, at('2024-05-31T16:00:00Z')), 'overdue', 'at the deadline: overdue');
  t.equal(dueState(mou, at('2024-05-31T23:30:00+07:00')), 'overdue', 'same instant seen from WIB');
});

t.test('due state table', async (t) => {
  const q1 = parseFuzzyDate('2026-Q1', WIB); // deadline 2026-04-01T00:00+07:00
  const cases: [string, Partial<MilestoneRecord>, string | null][] = [
    ['2026-01-15T00:00:00Z', { target: q1 }, 'not_due'],
    ['2026-03-01T17:00:01Z', { target: q1 }, 'due_soon'],
    ['2026-03-01T16:59:59Z', { target: q1 }, 'not_due'],
    ['2026-11-22T00:00:00Z', { target: q1 }, 'overdue'],
    ['2026-11-22T00:00:00Z', { target: q1, status: 'in_progress' }, 'overdue'],
    ['2026-11-22T00:00:00Z', { target: parseFuzzyDate('unknown', WIB) }, 'undated'],
    ['2026-11-22T00:00:00Z', { target: null }, 'undated'],
    ['2026-11-22T00:00:00Z', { target: q1, status: 'achieved' }, null],
    ['2026-11-22T00:00:00Z', { target: q1, status: 'cancelled' }, null],
  ];
  for (const [asOf, over, expected] of cases)
    t.equal(
      dueState(milestone({ milestoneId: 'm', ...over }), at(asOf)),
      expected,
      `${asOf} ${JSON.stringify(over.status ?? '')}`,
    );
});

t.test('slip', async (t) => {
  const target = parseFuzzyDate('2026-04', WIB);
  t.same(slipOf(target, parseFuzzyDate('2026-05-03', WIB)), { min: 2, max: 3, verdict: 'late' });
  t.same(slipOf(target, parseFuzzyDate('2026-04-15', WIB)), {
    min: -16,
    max: -15,
    verdict: 'on_time',
  });
  t.same(slipOf(target, parseFuzzyDate('2026-Q2', WIB)), {
    min: -30,
    max: 61,
    verdict: 'indeterminate',
  });
  t.equal(slipOf(null, parseFuzzyDate('2026-04-15', WIB)), null);
  t.equal(slipOf(parseFuzzyDate('unknown', WIB), parseFuzzyDate('2026-04-15', WIB)), null);
});

t.test('drift: the Sumbawa smelter moved 2022 → 2023 → 2024', async (t) => {
  const smelter = milestone({
    milestoneId: 'smelter-cc',
    baseline: parseFuzzyDate('2022', WITA),
    target: parseFuzzyDate('2024', WITA),
    reschedules: [
      { target: parseFuzzyDate('2023', WITA), reasonCode: 'force_majeure' },
      { target: parseFuzzyDate('2024', WITA), reasonCode: 'unstated' },
    ],
  });
  t.same(driftOf(smelter), {
    days: 731,
    reschedules: 2,
    reasonCodes: ['force_majeure', 'unstated'],
  });
  t.equal(driftOf(milestone({ milestoneId: 'x' })), null, 'never planned: no drift');
  t.same(
    driftOf(
      milestone({
        milestoneId: 'x',
        baseline: parseFuzzyDate('unknown', WIB),
        target: parseFuzzyDate('2026', WIB),
      }),
    ),
    {
      days: null,
      reschedules: 0,
      reasonCodes: [],
    },
  );
});

t.test('stage is the highest achieved stage', async (t) => {
  t.equal(projectStage([]), 'idea');
  t.equal(
    projectStage([
      milestone({ milestoneId: 'a', type: 'mou_signed', status: 'achieved' }),
      milestone({ milestoneId: 'b', type: 'groundbreaking', status: 'planned' }),
      milestone({ milestoneId: 'c', type: 'other', stage: 'preparation', status: 'achieved' }),
    ]),
    'preparation',
  );
  t.equal(
    projectStage([milestone({ milestoneId: 'o', type: 'other', status: 'achieved' })]),
    'idea',
    'other without stage',
  );
});

t.test('out of order: a land agreement before the KEK regulation', async (t) => {
  const ppti = milestone({
    milestoneId: 'ace-ppti',
    type: 'tenant_land_agreement',
    status: 'achieved',
    achievedOn: parseFuzzyDate('2024-12-17', WIB),
  });
  const kek = milestone({
    milestoneId: 'kek-pp',
    type: 'kek_designated',
    scope: 'estate',
    status: 'achieved',
    achievedOn: parseFuzzyDate('2025-03-19', WIB),
  });
  const estateOp = milestone({
    milestoneId: 'estate-op',
    type: 'commercial_operation',
    scope: 'estate',
    status: 'achieved',
    achievedOn: parseFuzzyDate('2025-03-20', WIB),
  });
  const gb = milestone({
    milestoneId: 'ace-gb',
    type: 'groundbreaking',
    status: 'achieved',
    achievedOn: parseFuzzyDate('2025-04-15', WIB),
  });
  t.same(
    [...outOfOrderIds([ppti, kek, estateOp, gb])],
    ['ace-ppti'],
    'project scope depends on the estate, not the reverse',
  );
  const loose = milestone({
    milestoneId: 'q',
    type: 'loi_signed',
    status: 'achieved',
    achievedOn: parseFuzzyDate('2025', WIB),
  });
  const mou = milestone({
    milestoneId: 'r',
    type: 'mou_signed',
    status: 'achieved',
    achievedOn: parseFuzzyDate('2025-06', WIB),
  });
  t.same([...outOfOrderIds([loose, mou])], [], 'overlapping intervals are not an inversion');
  const undated = milestone({
    milestoneId: 'u',
    type: 'loi_signed',
    status: 'achieved',
    achievedOn: parseFuzzyDate('unknown', WIB),
  });
  t.same([...outOfOrderIds([undated, mou])], [], 'undated achievements cannot be compared');
});
