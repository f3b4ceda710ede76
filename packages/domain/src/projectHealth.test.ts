import t from 'tap';
import { DateTime } from 'luxon';
import { parseFuzzyDate } from './fuzzyDate.js';
import type { MilestoneRecord } from './milestoneRules.js';
import { projectHealth } from './projectHealth.js';

const WIB = 'Asia/Jakarta';
const asOf = DateTime.fromISO('2026-02-15T00:00:00Z');
const m = (
  over: Partial<MilestoneRecord> & Pick<MilestoneRecord, 'milestoneId'>,
): MilestoneRecord => ({
  type: 'masterplan',
  phase: 'start',
  scope: 'project',
  status: 'planned',
  baseline: null,
  target: null,
  achievedOn: null,
  reschedules: [],
  ...over,
});
const recent = '2026-02-01T00:00:00Z';

t.test('status comes first', async (t) => {
  t.match(projectHealth({ status: 'cancelled', milestones: [], lastEventAt: recent }, asOf), {
    health: 'cancelled',
    reasons: [{ rule: 'cancelled' }],
  });
  t.match(projectHealth({ status: 'on_hold', milestones: [], lastEventAt: recent }, asOf), {
    health: 'on_hold',
  });
});

t.test('completed when project-scope commercial operation is achieved', async (t) => {
  const cod = m({
    milestoneId: 'cod',
    type: 'commercial_operation',
    status: 'achieved',
    achievedOn: parseFuzzyDate('2025', WIB),
  });
  t.match(projectHealth({ status: 'active', milestones: [cod], lastEventAt: recent }, asOf), {
    health: 'completed',
    reasons: [{ rule: 'completed', milestoneIds: ['cod'] }],
  });
  const estate = { ...cod, scope: 'estate' };
  t.match(
    projectHealth({ status: 'active', milestones: [estate], lastEventAt: recent }, asOf),
    { health: 'on_track' },
    'estate scope does not complete the plant',
  );
});

t.test('overdue, with every reason listed worst first', async (t) => {
  const late = m({
    milestoneId: 'mp',
    target: parseFuzzyDate('2025-Q4', WIB),
  });
  const soon = m({ milestoneId: 'fs', target: parseFuzzyDate('2026-02', WIB) });
  const out = projectHealth(
    { status: 'active', milestones: [soon, late], lastEventAt: recent },
    asOf,
  );
  t.equal(out.health, 'overdue');
  t.same(
    out.reasons.map((r) => [r.rule, r.milestoneIds]),
    [
      ['overdue', ['mp']],
      ['due_soon', ['fs']],
    ],
  );
  t.match(out.reasons[0]!.detail, 'Masterplan start was due by 31 Dec 2025');
});

t.test('at risk: due soon, drift over 90 days, stalled', async (t) => {
  const soon = m({ milestoneId: 'fs', target: parseFuzzyDate('2026-02', WIB) });
  t.match(projectHealth({ status: 'active', milestones: [soon], lastEventAt: recent }, asOf), {
    health: 'at_risk',
    reasons: [{ rule: 'due_soon' }],
  });
  const drifted = m({
    milestoneId: 'cc',
    baseline: parseFuzzyDate('2026', WIB),
    target: parseFuzzyDate('2027-H1', WIB),
    reschedules: [{ target: parseFuzzyDate('2027-H1', WIB), reasonCode: 'financing' }],
  });
  t.match(projectHealth({ status: 'active', milestones: [drifted], lastEventAt: recent }, asOf), {
    health: 'at_risk',
    reasons: [{ rule: 'drift', milestoneIds: ['cc'], detail: /181 days/ }],
  });
  const quiet = projectHealth(
    { status: 'active', milestones: [], lastEventAt: '2025-08-01T00:00:00Z' },
    asOf,
  );
  t.match(quiet, { health: 'at_risk', reasons: [{ rule: 'stalled', detail: /198 days/ }] });
  t.match(
    projectHealth({ status: 'active', milestones: [], lastEventAt: '2025-08-20T00:00:00Z' }, asOf),
    { health: 'on_track' },
    '179 days is not stalled',
  );
});

t.test('on track, and asOf before the last entry is not negative idleness', async (t) => {
  const later = m({ milestoneId: 'x', target: parseFuzzyDate('2027', WIB) });
  t.match(
    projectHealth(
      { status: 'active', milestones: [later], lastEventAt: '2026-06-01T00:00:00Z' },
      asOf,
    ),
    {
      health: 'on_track',
      reasons: [{ rule: 'on_track' }],
    },
  );
  t.match(projectHealth({ status: 'active', milestones: [], lastEventAt: null }, asOf), {
    health: 'on_track',
  });
});
