import t from 'tap';
import type { Command } from './commands.js';
import type { FoldableEvent } from './projectState.js';
import { givenWhen } from './testing.js';
import { parseFuzzyDate } from './fuzzyDate.js';

// Given/when/then over events: every command and every rejection code of api.md.
const WITA = 'Asia/Makassar';
const projectId = 'kaltim-anhui';
const registered: FoldableEvent = {
  type: 'ProjectRegistered',
  eventId: '00000000-0000-4000-8000-000000000001',
  data: {
    projectId,
    name: 'Kerja sama Kaltim – Anhui',
    kind: 'cooperation',
    location: { province: 'Kalimantan Timur' },
    timeZone: WITA,
    sectors: [],
    parties: [],
  },
};
const mouPlanned: FoldableEvent = {
  type: 'MilestonePlanned',
  eventId: '00000000-0000-4000-8000-000000000002',
  data: {
    projectId,
    milestoneId: 'kt-mou',
    type: 'mou_signed',
    phase: 'point',
    scope: 'project',
    target: parseFuzzyDate('2024-05', WITA),
  },
};
const mouAchieved: FoldableEvent = {
  type: 'MilestoneAchieved',
  eventId: '00000000-0000-4000-8000-000000000003',
  data: { projectId, milestoneId: 'kt-mou', on: parseFuzzyDate('2024-06-20', WITA) },
};
const mouCancelled: FoldableEvent = {
  type: 'MilestoneCancelled',
  eventId: '00000000-0000-4000-8000-000000000004',
  data: { projectId, milestoneId: 'kt-mou', reason: 'dropped' },
};
const cancelledProject: FoldableEvent = {
  type: 'ProjectStatusChanged',
  eventId: '00000000-0000-4000-8000-000000000005',
  data: { projectId, from: 'active', to: 'cancelled', reason: 'abandoned' },
};
const conflictFlagged: FoldableEvent = {
  type: 'SourceConflictFlagged',
  eventId: '00000000-0000-4000-8000-000000000006',
  data: {
    projectId,
    conflictId: 'conflict-1',
    field: 'area',
    claims: [
      { value: '2.84', source: 'Ragamutama' },
      { value: '24.8', source: 'Bisnis' },
    ],
  },
};

const register: Command = {
  type: 'RegisterProject',
  projectId,
  name: 'Kerja sama Kaltim – Anhui',
  kind: 'cooperation',
  location: { province: 'Kalimantan Timur' },
};

t.test('RegisterProject', async (t) => {
  t.test(
    'given nothing, when registered, then ProjectRegistered in the province zone',
    async (t) => {
      t.same(givenWhen([], register), { events: [registered].map(({ eventId: _e, ...e }) => e) });
    },
  );
  t.test('an explicit zone wins over the province', async (t) => {
    const out = givenWhen([], { ...register, timeZone: 'Asia/Jakarta', sectors: ['EV'] });
    t.match(out, { events: [{ data: { timeZone: 'Asia/Jakarta', sectors: ['EV'] } }] });
  });
  t.test('given registered, then project_exists', async (t) => {
    t.match(givenWhen([registered], register), { error: { code: 'project_exists' } });
  });
});

t.test('ReviseProjectDetails', async (t) => {
  const revise: Command = { type: 'ReviseProjectDetails', projectId, name: 'Kaltim–Anhui' };
  t.same(givenWhen([registered], revise), {
    events: [{ type: 'ProjectDetailsRevised', data: { projectId, name: 'Kaltim–Anhui' } }],
  });
  t.match(
    givenWhen([registered], { ...revise, location: { province: 'Jawa Tengah' } }),
    {
      events: [{ data: { timeZone: 'Asia/Jakarta', location: { province: 'Jawa Tengah' } } }],
    },
    'a corrected province moves the zone',
  );
  const same = givenWhen([registered], { ...revise, location: { province: 'Bali' } });
  t.notOk(
    'events' in same && 'timeZone' in same.events[0]!.data,
    'same zone: no zone change recorded',
  );
  t.match(givenWhen([], revise), { error: { code: 'unknown_project' } });
  t.match(givenWhen([registered, cancelledProject], revise), {
    error: { code: 'project_cancelled' },
  });
});

t.test('PlanMilestone', async (t) => {
  const plan: Command = {
    type: 'PlanMilestone',
    projectId,
    milestoneId: 'kt-mou',
    milestoneType: 'mou_signed',
    target: '2024-05',
  };
  t.test('a target in the project zone', async (t) => {
    const out = givenWhen([registered], plan);
    t.same(out, {
      events: [{ ...mouPlanned, eventId: undefined }].map(({ eventId: _e, ...e }) => e),
    });
  });
  t.test('natural words are kept as text', async (t) => {
    t.match(givenWhen([registered], { ...plan, target: 'triwulan pertama 2026', phase: 'start' }), {
      events: [
        {
          data: {
            phase: 'start',
            target: { value: '2026-Q1', text: 'triwulan pertama 2026', timeZone: WITA },
          },
        },
      ],
    });
  });
  t.test('target and achievedOn: planned then achieved, in the venue zone', async (t) => {
    const out = givenWhen([registered], {
      ...plan,
      achievedOn: 'Kamis (4/12/2025)',
      venueTimeZone: 'Asia/Jakarta',
    });
    t.match(out, {
      events: [
        { type: 'MilestonePlanned' },
        {
          type: 'MilestoneAchieved',
          data: {
            on: { value: '2025-12-04', timeZone: 'Asia/Jakarta' },
            venueTimeZone: 'Asia/Jakarta',
          },
        },
      ],
    });
    t.notOk(
      'events' in out && 'type' in out.events[1]!.data,
      'a planned achievement does not repeat the type',
    );
  });
  t.test('achievedOn only: the achievement introduces the milestone', async (t) => {
    const { target: _t, ...unplanned } = plan;
    t.match(
      givenWhen([registered], {
        ...unplanned,
        achievedOn: '2023-12-04',
        title: 'LoI',
        scope: 'estate',
      }),
      {
        events: [
          {
            type: 'MilestoneAchieved',
            data: { type: 'mou_signed', title: 'LoI', scope: 'estate', phase: 'point' },
          },
        ],
      },
    );
  });
  t.test('type other carries its stage', async (t) => {
    t.match(
      givenWhen([registered], {
        ...plan,
        milestoneType: 'other',
        stage: 'licensing',
        title: 'Izin',
      }),
      {
        events: [{ data: { type: 'other', stage: 'licensing', title: 'Izin' } }],
      },
    );
  });
  t.test('rejections', async (t) => {
    t.match(givenWhen([], plan), { error: { code: 'unknown_project' } });
    t.match(givenWhen([registered, mouPlanned], plan), { error: { code: 'milestone_exists' } });
    t.match(givenWhen([registered, cancelledProject], plan), {
      error: { code: 'project_cancelled' },
    });
    t.match(givenWhen([registered], { ...plan, target: 'Jumat (4/12/2025)' }), {
      error: { code: 'validation_failed', message: /target.*Jumat.*Thursday/ },
    });
    const { target: _t, ...neither } = plan;
    t.match(givenWhen([registered], neither), { error: { code: 'validation_failed' } });
  });
});

t.test('RescheduleMilestone', async (t) => {
  const reschedule: Command = {
    type: 'RescheduleMilestone',
    projectId,
    milestoneId: 'kt-mou',
    target: 'Juni 2024',
    reasonCode: 'unstated',
  };
  t.match(givenWhen([registered, mouPlanned], { ...reschedule, reason: 'visit moved' }), {
    events: [
      {
        type: 'MilestoneRescheduled',
        data: { target: { value: '2024-06' }, reasonCode: 'unstated', reason: 'visit moved' },
      },
    ],
  });
  t.match(givenWhen([registered], reschedule), { error: { code: 'unknown_milestone' } });
  t.match(givenWhen([registered, mouPlanned, mouCancelled], reschedule), {
    error: { code: 'milestone_cancelled' },
  });
  t.match(givenWhen([registered, mouPlanned, mouAchieved], reschedule), {
    error: { code: 'milestone_achieved' },
  });
  t.match(givenWhen([registered, mouPlanned], { ...reschedule, target: 'soon' }), {
    error: { code: 'validation_failed' },
  });
});

t.test('StartMilestone', async (t) => {
  const start: Command = {
    type: 'StartMilestone',
    projectId,
    milestoneId: 'kt-mou',
    on: 'Mei 2024',
  };
  t.match(givenWhen([registered, mouPlanned], start), {
    events: [{ type: 'MilestoneStarted', data: { on: { value: '2024-05' } } }],
  });
  t.match(givenWhen([registered, mouPlanned, mouCancelled], start), {
    error: { code: 'milestone_cancelled' },
  });
  t.match(givenWhen([registered], start), { error: { code: 'unknown_milestone' } });
});

t.test('AchieveMilestone', async (t) => {
  const achieve: Command = {
    type: 'AchieveMilestone',
    projectId,
    milestoneId: 'kt-mou',
    on: '20/6/2024',
  };
  t.match(givenWhen([registered, mouPlanned], achieve), {
    events: [{ type: 'MilestoneAchieved', data: { on: { value: '2024-06-20', timeZone: WITA } } }],
  });
  t.match(givenWhen([registered, mouPlanned], { ...achieve, venueTimeZone: 'Asia/Shanghai' }), {
    events: [{ data: { on: { timeZone: 'Asia/Shanghai' }, venueTimeZone: 'Asia/Shanghai' } }],
  });
  t.match(givenWhen([registered, mouPlanned, mouCancelled], achieve), {
    error: { code: 'milestone_cancelled' },
  });
  t.match(givenWhen([registered, mouPlanned, mouAchieved], achieve), {
    error: { code: 'milestone_achieved' },
  });
  t.match(givenWhen([registered], achieve), { error: { code: 'unknown_milestone' } });
});

t.test('CancelMilestone', async (t) => {
  const cancel: Command = {
    type: 'CancelMilestone',
    projectId,
    milestoneId: 'kt-mou',
    reason: 'dropped',
  };
  t.same(givenWhen([registered, mouPlanned], cancel), {
    events: [
      { type: 'MilestoneCancelled', data: { projectId, milestoneId: 'kt-mou', reason: 'dropped' } },
    ],
  });
  t.match(givenWhen([registered, mouPlanned, mouCancelled], cancel), {
    error: { code: 'milestone_cancelled' },
  });
});

t.test('ReportProgress', async (t) => {
  const progress: Command = {
    type: 'ReportProgress',
    projectId,
    milestoneId: 'kt-mou',
    percent: 95.5,
    asOf: 'Mei 2024',
    verifiedBy: 'PT Sucofindo',
  };
  t.match(givenWhen([registered, mouPlanned], progress), {
    events: [
      {
        type: 'ProgressReported',
        data: { percent: 95.5, asOf: { value: '2024-05' }, verifiedBy: 'PT Sucofindo' },
      },
    ],
  });
  t.match(givenWhen([registered, mouPlanned, mouCancelled], progress), {
    error: { code: 'milestone_cancelled' },
  });
  t.match(givenWhen([registered], progress), { error: { code: 'unknown_milestone' } });
});

t.test('StateFact gets a fresh id', async (t) => {
  const fact: Command = {
    type: 'StateFact',
    projectId,
    fact: { fact: 'investment', kind: 'committed', amount: '100000000', currency: 'USD' },
  };
  t.match(givenWhen([registered], fact), {
    events: [{ type: 'FactStated', data: { factId: 'fact-1', fact: { currency: 'USD' } } }],
  });
  t.match(givenWhen([], fact), { error: { code: 'unknown_project' } });
});

t.test('ChangeProjectStatus', async (t) => {
  const hold: Command = {
    type: 'ChangeProjectStatus',
    projectId,
    to: 'on_hold',
    reason: 'election',
  };
  t.same(givenWhen([registered], hold), {
    events: [
      {
        type: 'ProjectStatusChanged',
        data: { projectId, from: 'active', to: 'on_hold', reason: 'election' },
      },
    ],
  });
  t.match(givenWhen([registered], { ...hold, to: 'active' }), {
    error: { code: 'status_unchanged' },
  });
  t.match(givenWhen([registered, cancelledProject], hold), {
    error: { code: 'project_cancelled' },
  });
  t.match(
    givenWhen([registered, cancelledProject], { ...hold, to: 'active' }),
    {
      events: [{ data: { from: 'cancelled', to: 'active' } }],
    },
    'reactivation is the one write a cancelled project takes',
  );
});

t.test('source conflicts', async (t) => {
  const flag: Command = {
    type: 'FlagSourceConflict',
    projectId,
    field: 'area',
    claims: [
      { value: '2.84', source: 'Ragamutama' },
      { value: '24.8', source: 'Bisnis' },
    ],
  };
  t.match(givenWhen([registered], flag), {
    events: [{ type: 'SourceConflictFlagged', data: { conflictId: 'conflict-1' } }],
  });
  const resolve: Command = {
    type: 'ResolveSourceConflict',
    projectId,
    conflictId: 'conflict-1',
    resolution: 'majority',
    value: '24.8',
  };
  t.match(givenWhen([registered, conflictFlagged], resolve), {
    events: [{ type: 'SourceConflictResolved', data: { conflictId: 'conflict-1', value: '24.8' } }],
  });
  const resolved: FoldableEvent = {
    type: 'SourceConflictResolved',
    data: { projectId, conflictId: 'conflict-1', resolution: 'x' },
  };
  t.match(givenWhen([registered, conflictFlagged, resolved], resolve), {
    error: { code: 'conflict_resolved' },
  });
  t.match(givenWhen([registered], resolve), { error: { code: 'unknown_conflict' } });
});

t.test('RetractEntry', async (t) => {
  const retract: Command = {
    type: 'RetractEntry',
    projectId,
    eventId: mouPlanned.eventId!,
    reason: 'wrong project',
  };
  const retracted: FoldableEvent = {
    type: 'EntryRetracted',
    eventId: '00000000-0000-4000-8000-000000000009',
    data: { projectId, eventId: mouPlanned.eventId!, reason: 'wrong project' },
  };
  t.same(givenWhen([registered, mouPlanned], retract), {
    events: [
      {
        type: 'EntryRetracted',
        data: { projectId, eventId: mouPlanned.eventId, reason: 'wrong project' },
      },
    ],
  });
  t.match(givenWhen([registered, mouPlanned, retracted], retract), {
    error: { code: 'entry_already_retracted' },
  });
  t.match(
    givenWhen([registered], { ...retract, eventId: '00000000-0000-4000-8000-00000000dead' }),
    {
      error: { code: 'unknown_entry' },
    },
  );
  t.match(givenWhen([registered], { ...retract, eventId: registered.eventId! }), {
    error: { code: 'entry_not_retractable' },
  });
  t.match(
    givenWhen([registered, mouPlanned, retracted], { ...retract, eventId: retracted.eventId! }),
    {
      error: { code: 'entry_not_retractable' },
    },
  );
  t.test('a retracted plan is folded as if absent: the id can be planned again', async (t) => {
    const plan: Command = {
      type: 'PlanMilestone',
      projectId,
      milestoneId: 'kt-mou',
      milestoneType: 'mou_signed',
      target: '2024-06',
    };
    t.match(givenWhen([registered, mouPlanned, retracted], plan), {
      events: [{ type: 'MilestonePlanned' }],
    });
    t.match(givenWhen([registered, mouPlanned], plan), { error: { code: 'milestone_exists' } });
  });
  t.test('a retracted cancellation reopens the milestone', async (t) => {
    const undo: FoldableEvent = {
      type: 'EntryRetracted',
      data: { projectId, eventId: mouCancelled.eventId!, reason: 'x' },
    };
    const achieve: Command = {
      type: 'AchieveMilestone',
      projectId,
      milestoneId: 'kt-mou',
      on: '2024-06-20',
    };
    t.match(givenWhen([registered, mouPlanned, mouCancelled, undo], achieve), {
      events: [{ type: 'MilestoneAchieved' }],
    });
  });
});
