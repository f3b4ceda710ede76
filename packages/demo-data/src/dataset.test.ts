import t from 'tap';
import { readFileSync } from 'node:fs';
// Relative on purpose: it works before the workspace link to @kawasan/domain exists.
import {
  achieveMilestoneBody,
  cancelMilestoneBody,
  changeStatusBody,
  decide,
  driftOf,
  dueState,
  flagConflictBody,
  foldEvents,
  fuzzyInterval,
  milestoneIdPattern,
  parseFuzzyDate,
  planMilestoneBody,
  projectHealth,
  projectIdPattern,
  projectStage,
  registerProjectBody,
  reportProgressBody,
  rescheduleMilestoneBody,
  reviseProjectBody,
  startMilestoneBody,
  stateFactBody,
  type Command,
  type DomainEvent,
  type MilestoneRecord,
} from '../../domain/src/index.js';
import { fixedContext } from '../../domain/src/testing.js';
import { demoProjectIds, demoSteps, type DemoStep } from './index.js';

type Route =
  | { kind: 'register'; projectId?: undefined; milestoneId?: undefined }
  | {
      kind: 'revise' | 'plan' | 'facts' | 'status' | 'conflicts';
      projectId: string;
      milestoneId?: undefined;
    }
  | {
      kind: 'reschedule' | 'start' | 'achieve' | 'cancel' | 'progress';
      projectId: string;
      milestoneId: string;
    };

const SEG = '([^/]+)';
/** Parses a step's method and path into the command it addresses (api.md's table). */
function routeOf(step: DemoStep): Route | null {
  const { method, path } = step;
  if (method === 'POST' && path === '/projects') return { kind: 'register' };
  let m = new RegExp(`^/projects/${SEG}$`).exec(path);
  if (m && method === 'PATCH') return { kind: 'revise', projectId: m[1]! };
  if (method !== 'POST') return null;
  m = new RegExp(`^/projects/${SEG}/(milestones|facts|status|conflicts)$`).exec(path);
  if (m) {
    const kind = m[2] === 'milestones' ? 'plan' : (m[2] as 'facts' | 'status' | 'conflicts');
    return { kind, projectId: m[1]! };
  }
  m = new RegExp(
    `^/projects/${SEG}/milestones/${SEG}/(reschedule|start|achieve|cancel|progress)$`,
  ).exec(path);
  if (m)
    return {
      kind: m[3] as 'reschedule' | 'start' | 'achieve' | 'cancel' | 'progress',
      projectId: m[1]!,
      milestoneId: m[2]!,
    };
  return null;
}

/** What the test needs of a zod schema (keeps the test free of a direct zod import). */
interface BodySchema {
  safeParse(value: unknown): { success: boolean; data?: unknown; error?: { issues: unknown } };
}

const schemas: Record<Route['kind'], BodySchema> = {
  register: registerProjectBody,
  revise: reviseProjectBody,
  plan: planMilestoneBody,
  reschedule: rescheduleMilestoneBody,
  start: startMilestoneBody,
  achieve: achieveMilestoneBody,
  cancel: cancelMilestoneBody,
  progress: reportProgressBody,
  facts: stateFactBody,
  status: changeStatusBody,
  conflicts: flagConflictBody,
};

const describe = (step: DemoStep, i: number) => `step ${i}: ${step.method} ${step.path}`;

/** The domain command a step becomes (the command service's mapping, without auth or HTTP). */
function toCommand(route: Route, parsed: Record<string, unknown>): Command {
  const { sources: _sources, ...body } = parsed;
  switch (route.kind) {
    case 'register':
      return { type: 'RegisterProject', ...body } as Command;
    case 'revise':
      return { type: 'ReviseProjectDetails', projectId: route.projectId, ...body };
    case 'plan': {
      const { type, ...rest } = body;
      return {
        type: 'PlanMilestone',
        projectId: route.projectId,
        milestoneType: type,
        ...rest,
      } as Command;
    }
    case 'facts':
      return { type: 'StateFact', projectId: route.projectId, fact: body } as Command;
    case 'status':
      return { type: 'ChangeProjectStatus', projectId: route.projectId, ...body } as Command;
    case 'conflicts':
      return { type: 'FlagSourceConflict', projectId: route.projectId, ...body } as Command;
    default: {
      const type = {
        reschedule: 'RescheduleMilestone',
        start: 'StartMilestone',
        achieve: 'AchieveMilestone',
        cancel: 'CancelMilestone',
        progress: 'ReportProgress',
      }[route.kind];
      return {
        type,
        projectId: route.projectId,
        milestoneId: route.milestoneId,
        ...body,
      } as Command;
    }
  }
}

type Rec = {
  -readonly [K in keyof MilestoneRecord]: MilestoneRecord[K];
} & { reschedules: MilestoneRecord['reschedules'][number][]; progress: number[] };

/** A minimal read model: milestone records as the rules see them, built from the events. */
function recordsOf(events: readonly DomainEvent[]): Map<string, Rec> {
  const records = new Map<string, Rec>();
  for (const e of events) {
    switch (e.type) {
      case 'MilestonePlanned':
        records.set(e.data.milestoneId, {
          milestoneId: e.data.milestoneId,
          type: e.data.type,
          title: e.data.title,
          phase: e.data.phase,
          scope: e.data.scope,
          status: 'planned',
          baseline: e.data.target,
          target: e.data.target,
          achievedOn: null,
          reschedules: [],
          progress: [],
        });
        break;
      case 'MilestoneRescheduled': {
        const r = records.get(e.data.milestoneId)!;
        r.target = e.data.target;
        r.reschedules.push({ target: e.data.target, reasonCode: e.data.reasonCode });
        break;
      }
      case 'MilestoneStarted':
        records.get(e.data.milestoneId)!.status = 'in_progress';
        break;
      case 'MilestoneAchieved': {
        const r = records.get(e.data.milestoneId) ?? {
          milestoneId: e.data.milestoneId,
          type: e.data.type!,
          title: e.data.title,
          phase: e.data.phase ?? 'point',
          scope: e.data.scope ?? 'project',
          status: 'planned',
          baseline: null,
          target: null,
          achievedOn: null,
          reschedules: [],
          progress: [],
        };
        r.status = 'achieved';
        r.achievedOn = e.data.on;
        records.set(e.data.milestoneId, r);
        break;
      }
      case 'MilestoneCancelled':
        records.get(e.data.milestoneId)!.status = 'cancelled';
        break;
      case 'ProgressReported':
        records.get(e.data.milestoneId)!.progress.push(e.data.percent);
        break;
      default:
        break;
    }
  }
  return records;
}

const stepsOf = (projectId: string) => demoSteps.filter((s) => s.path.split('/')[2] === projectId);

// ---- 1. Every body is valid for the route it is sent to -------------------------------------

t.test('every step goes to a known route with a body its schema accepts', async (t) => {
  t.ok(demoSteps.length > 0);
  demoSteps.forEach((step, i) => {
    const route = routeOf(step);
    if (!route) return t.fail(`${describe(step, i)}: not a command route of api.md`);
    const result = schemas[route.kind].safeParse(step.body);
    if (!result.success) t.comment(JSON.stringify(result.error?.issues, null, 2));
    t.ok(result.success, `${describe(step, i)} body is valid`);
  });
});

t.test('every step names its sources, with canonical published dates', async (t) => {
  demoSteps.forEach((step, i) => {
    const sources = step.body.sources as
      { outlet: string; url: string; publishedOn?: string }[] | undefined;
    t.ok(Array.isArray(sources) && sources.length > 0, `${describe(step, i)} has sources`);
    for (const s of sources ?? []) {
      t.match(s.url, /^https:\/\//, `${describe(step, i)} source url`);
      if (s.publishedOn !== undefined)
        t.match(s.publishedOn, /^\d{4}(-\d{2}(-\d{2})?)?$/, `${describe(step, i)} publishedOn`);
    }
  });
});

// ---- 2. Referential integrity ---------------------------------------------------------------

t.test('paths only name projects registered and milestones introduced earlier', async (t) => {
  const projects = new Map<string, Set<string>>();
  demoSteps.forEach((step, i) => {
    const route = routeOf(step)!;
    const body = step.body;
    if (route.kind === 'register') {
      const id = body.projectId as string;
      t.match(id, projectIdPattern, `${describe(step, i)} explicit projectId`);
      t.notOk(projects.has(id), `${describe(step, i)} registers ${id} once`);
      projects.set(id, new Set());
      return;
    }
    const milestones = projects.get(route.projectId);
    t.ok(milestones, `${describe(step, i)}: ${route.projectId} registered earlier`);
    if (route.kind === 'plan') {
      const id = body.milestoneId as string | undefined;
      t.type(id, 'string', `${describe(step, i)} explicit milestoneId`);
      t.match(id ?? '', milestoneIdPattern, `${describe(step, i)} milestoneId pattern`);
      t.notOk(milestones?.has(id!), `${describe(step, i)} introduces ${id} once`);
      milestones?.add(id!);
    }
    if (route.milestoneId !== undefined)
      t.ok(
        milestones?.has(route.milestoneId),
        `${describe(step, i)}: ${route.milestoneId} introduced earlier`,
      );
  });
  t.same([...projects.keys()], [...demoProjectIds], 'five projects, in order');
  t.equal(projects.size, 5);
});

t.test('official province names and zones', async (t) => {
  const registrations = demoSteps.filter((s) => s.path === '/projects');
  type Registration = { kind: string; timeZone?: string; location: { province: string } };
  const byId: Record<string, Registration> = Object.fromEntries(
    registrations.map((s) => [s.body.projectId, s.body as unknown as Registration]),
  );
  t.equal(byId['blt-ki']!.location.province, 'Kepulauan Bangka Belitung');
  t.equal(byId['pgk-kek']!.location.province, 'Kepulauan Bangka Belitung');
  t.equal(byId['kaltim-anhui']!.location.province, 'Kalimantan Timur');
  t.equal(byId['btg-acemed']!.location.province, 'Jawa Tengah');
  t.equal(byId['ksb-ki']!.location.province, 'Nusa Tenggara Barat');
  for (const s of registrations) {
    const parsed = registerProjectBody.parse(s.body);
    t.equal(
      parsed.location.province,
      (s.body as unknown as Registration).location.province,
      `${String(s.body.projectId)}: province already written officially`,
    );
  }
  t.equal(byId['kaltim-anhui']!.timeZone, 'Asia/Makassar');
  t.equal(byId['ksb-ki']!.timeZone, 'Asia/Makassar');
  t.equal(byId['pgk-kek']!.kind, 'special_economic_zone');
});

// ---- 3. Replay through the decider and evaluate the rules at 2026-11-22 ---------------------

const eventsByProject = new Map<string, DomainEvent[]>();
const replayErrors: string[] = [];
{
  const context = fixedContext();
  demoSteps.forEach((step, i) => {
    const route = routeOf(step);
    const parsed = route && schemas[route.kind].safeParse(step.body);
    if (!route || !parsed?.success) return;
    const projectId = route.projectId ?? (step.body.projectId as string);
    const given = eventsByProject.get(projectId) ?? [];
    try {
      const events = decide(
        toCommand(route, parsed.data as Record<string, unknown>),
        foldEvents(given),
        context,
      );
      eventsByProject.set(projectId, [...given, ...events]);
    } catch (error) {
      replayErrors.push(`${describe(step, i)}: ${String(error)}`);
    }
  });
}
// Midnight at the start of 22 Nov 2026 in WIB, the demo's "today".
const asOf = fuzzyInterval(parseFuzzyDate('2026-11-22', 'Asia/Jakarta'))!.start;

const recordsFor = (projectId: string) => recordsOf(eventsByProject.get(projectId) ?? []);

t.test('the decider accepts every step in order', async (t) => {
  t.same(replayErrors, [], 'no command refused');
  t.same([...eventsByProject.keys()].sort(), [...demoProjectIds].sort());
});

t.test('Belitung: MoU achieved on 4 Dec 2025 (WIB), Q1 2026 studies planned', async (t) => {
  const r = recordsFor('blt-ki');
  const mou = r.get('blt-mou')!;
  t.equal(mou.status, 'achieved');
  t.equal(mou.achievedOn?.value, '2025-12-04');
  t.equal(mou.achievedOn?.timeZone, 'Asia/Jakarta');
  t.equal(mou.achievedOn?.text, 'Kamis (4/12/2025)');
  for (const id of ['blt-fs', 'blt-land', 'blt-mp']) {
    const m = r.get(id)!;
    t.equal(m.phase, 'start', `${id} is a start target`);
    t.equal(m.target?.value, '2026-Q1', `${id} due in Q1 2026`);
    t.equal(m.target?.text, 'triwulan pertama 2026');
    t.equal(dueState(m, asOf), 'overdue', `${id} overdue at 2026-11-22`);
  }
  t.equal(dueState(r.get('blt-envfs')!, asOf), 'undated');
  t.equal(projectStage(r.values()), 'agreement');
});

t.test('Kaltim: LoI in WIB, MoU May → June 2024 never achieved, overdue', async (t) => {
  const r = recordsFor('kaltim-anhui');
  const loi = r.get('kt-loi')!;
  t.equal(loi.achievedOn?.value, '2023-12-04');
  t.equal(loi.achievedOn?.timeZone, 'Asia/Jakarta', 'signed in Jakarta');
  const mou = r.get('kt-mou')!;
  t.equal(mou.baseline?.value, '2024-05');
  t.equal(mou.baseline?.timeZone, 'Asia/Makassar');
  t.equal(mou.target?.value, '2024-06');
  t.equal(mou.target?.text, 'Juni 2024');
  t.equal(mou.status, 'planned', 'never achieved');
  t.same(driftOf(mou), { days: 30, reschedules: 1, reasonCodes: ['unstated'] });
  t.equal(dueState(mou, asOf), 'overdue');
  const reschedule = demoSteps.find((s) => s.path.endsWith('/kt-mou/reschedule'))!;
  t.equal(reschedule.body.target, 'Juni 2024');
  t.equal(dueState(r.get('kt-moa')!, asOf), 'overdue');
  t.equal(dueState(r.get('kt-jac-op')!, asOf), 'undated');
  const health = projectHealth(
    { status: 'active', milestones: [...r.values()], lastEventAt: null },
    asOf,
  );
  t.equal(health.health, 'overdue');
  t.ok(health.reasons.some((x) => x.rule === 'overdue' && x.milestoneIds.includes('kt-mou')));
  const conflicts = (eventsByProject.get('kaltim-anhui') ?? []).filter(
    (e) => e.type === 'SourceConflictFlagged',
  );
  t.equal(conflicts.length, 1, 'the LoI date conflict is flagged');
});

t.test('Batang: plant completion and operation due April 2026', async (t) => {
  const r = recordsFor('btg-acemed');
  for (const id of ['ace-cc', 'ace-cod']) {
    const m = r.get(id)!;
    t.equal(m.target?.value, '2026-04', `${id} due April 2026`);
    t.equal(m.status, 'planned');
    t.equal(dueState(m, asOf), 'overdue', `${id} overdue at 2026-11-22`);
  }
  t.equal(r.get('ace-cc')!.type, 'construction_completed');
  t.equal(r.get('ace-cod')!.type, 'commercial_operation');
  t.equal(r.get('ace-cod')!.scope, 'project');
  t.equal(r.get('ace-ppti')!.achievedOn?.value, '2024-12-17');
  t.equal(r.get('ace-gb')!.achievedOn?.value, '2025-04-15');
  t.equal(r.get('kek-launch')!.scope, 'estate', 'the zone operates, not the plant');
  t.equal(projectStage(r.values()), 'operation');
  const health = projectHealth(
    { status: 'active', milestones: [...r.values()], lastEventAt: null },
    asOf,
  );
  t.equal(health.health, 'overdue', 'not completed: only the estate operates');
  const facts = (eventsByProject.get('btg-acemed') ?? []).flatMap((e) =>
    e.type === 'FactStated' ? [e.data.fact] : [],
  );
  t.same(
    facts.filter((f) => f.fact === 'investment').map((f) => f.currency),
    ['USD', 'IDR'],
  );
  t.ok(facts.some((f) => f.fact === 'area' && f.hectares === '24.8' && f.scope === 'plot'));
  t.ok(facts.some((f) => f.fact === 'jobs' && f.count === 3500 && f.comparator === '>'));
});

t.test('Sumbawa Barat: smelter completion 2022 → 2023 → 2024', async (t) => {
  const r = recordsFor('ksb-ki');
  const cc = r.get('smelter-cc')!;
  t.equal(cc.scope, 'anchor:smelter');
  t.equal(cc.baseline?.value, '2022');
  t.same(
    cc.reschedules.map((x) => [x.target.value, x.reasonCode]),
    [
      ['2023', 'force_majeure'],
      ['2024', 'unstated'],
    ],
  );
  t.equal(cc.target?.value, '2024');
  const drift = driftOf(cc)!;
  t.equal(drift.reschedules, 2);
  t.equal(drift.days, 731, 'about two years');
  t.same(cc.progress, [95.5, 97]);
  t.equal(dueState(cc, asOf), 'overdue');
  const reschedules = stepsOf('ksb-ki').filter((s) => s.path.endsWith('/smelter-cc/reschedule'));
  t.equal(reschedules.length, 2);
  t.equal(r.get('rpjmn-2025')!.achievedOn?.value, '2025', 'range recorded as its year');
  t.equal(r.get('rpjmn-2020')!.achievedOn?.precision, 'unknown');
  t.equal(r.get('ksb-meeting')!.achievedOn?.timeZone, 'Asia/Jakarta');
  t.equal(dueState(r.get('ksb-operator')!, asOf), 'undated');
});

t.test('Pangkalpinang: still an idea', async (t) => {
  const r = recordsFor('pgk-kek');
  t.same([...r.keys()], ['pgk-proposal']);
  const proposal = r.get('pgk-proposal')!;
  t.equal(proposal.type, 'kek_proposed');
  t.equal(proposal.target?.precision, 'unknown');
  t.equal(projectStage(r.values()), 'idea');
  t.notOk([...r.values()].some((m) => m.status === 'achieved'));
  const facts = (eventsByProject.get('pgk-kek') ?? []).flatMap((e) =>
    e.type === 'FactStated' ? [e.data.fact] : [],
  );
  t.equal(facts.length, 1);
  t.ok(facts[0]?.fact === 'jobs' && facts[0].count === undefined && facts[0].text !== undefined);
});

// ---- 4. Self-contained ----------------------------------------------------------------------

t.test('the dataset is plain data: no imports, no path to ../shared', async (t) => {
  const text = readFileSync(new URL('./dataset.ts', import.meta.url), 'utf8');
  t.notMatch(text, /^\s*import\s(?!type\b)/m, 'no runtime imports');
  t.notMatch(text, /\.\.\/shared|seed-facts\.jsonl|node:fs/, 'no reference to the research files');
  t.same(JSON.parse(JSON.stringify(demoSteps)), demoSteps, 'JSON round-trips');
});
