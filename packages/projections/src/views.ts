import {
  driftOf,
  dueState,
  milestoneStage,
  milestoneTypeLabel,
  outOfOrderIds,
  projectHealth,
  projectStage,
  slipOf,
  deadlineIsoOf,
} from '@kawasan/domain';
import type { DateTime } from 'luxon';
import type { z } from 'zod';
import type { MilestoneModel, ProjectModel } from './projectModel.js';
import type {
  milestoneViewSchema,
  projectSummarySchema,
  projectViewSchema,
} from './viewSchemas.js';

/** The shapes of api.md, inferred from the response schemas (one source for types and OpenAPI). */
export type MilestoneView = z.infer<typeof milestoneViewSchema>;
export type ProjectSummary = z.infer<typeof projectSummarySchema>;
export type ProjectView = z.infer<typeof projectViewSchema>;

export function milestoneView(
  m: MilestoneModel,
  asOf: DateTime,
  outOfOrder: boolean,
): MilestoneView {
  const slip = m.status === 'achieved' ? slipOf(m.target, m.achievedOn) : null;
  const drift = driftOf(m);
  return {
    milestoneId: m.milestoneId,
    type: m.type,
    label: milestoneTypeLabel(m.type),
    ...(m.title !== undefined && { title: m.title }),
    phase: m.phase,
    scope: m.scope,
    stage: milestoneStage(m),
    status: m.status,
    baseline: m.baseline,
    target: m.target,
    achievedOn: m.achievedOn,
    startedOn: m.startedOn,
    due: dueState(m, asOf),
    deadline: m.target ? deadlineIsoOf(m.target) : null,
    ...(slip && { slip }),
    ...(drift && { drift: { ...drift, reasonCodes: [...drift.reasonCodes] } }),
    ...(m.progress && { progress: m.progress }),
    reschedules: m.reschedules.map((r) => ({ ...r })),
    ...(m.cancelReason !== null && { cancelReason: m.cancelReason }),
    outOfOrder,
    sources: [...m.sources],
  };
}

const sortKey = (m: MilestoneModel): string =>
  m.target?.start ?? m.achievedOn?.start ?? '9999-99-99';

// localeCompare, with its default collator made once rather than looked up per call.
const collator = new Intl.Collator();
/** Timeline order: by target (achieved-only ones by their date; undated last), then by id. */
export const timelineOrder = (a: MilestoneModel, b: MilestoneModel): number =>
  collator.compare(sortKey(a), sortKey(b)) || collator.compare(a.milestoneId, b.milestoneId);

/** Milestones in target order (achieved-only ones by their date; undated last), then by id. */
export function timelineOf(project: ProjectModel, asOf: DateTime): MilestoneView[] {
  const all = [...project.milestones.values()];
  const flagged = outOfOrderIds(all);
  return all.sort(timelineOrder).map((m) => milestoneView(m, asOf, flagged.has(m.milestoneId)));
}

/** The open milestone that falls due first (undated ones only when nothing dated is open). */
function nextMilestone(milestones: MilestoneView[]): ProjectSummary['nextMilestone'] {
  const open = milestones.filter((m) => m.due !== null);
  const dated = open
    .filter((m) => m.deadline !== null)
    .sort((a, b) => a.deadline!.localeCompare(b.deadline!));
  const next = dated[0] ?? open[0];
  return (
    next && {
      milestoneId: next.milestoneId,
      type: next.type,
      label: next.label,
      target: next.target,
      due: next.due,
    }
  );
}

export function projectView(project: ProjectModel, asOf: DateTime): ProjectView {
  const milestones = timelineOf(project, asOf);
  const records = [...project.milestones.values()];
  const { health, reasons } = projectHealth(
    { status: project.status, milestones: records, lastEventAt: project.lastEventAt || null },
    asOf,
  );
  const next = nextMilestone(milestones);
  const { province, regency, city, site } = project.location;
  return {
    projectId: project.projectId,
    name: project.name,
    kind: project.kind,
    province,
    ...(regency !== undefined && { regency }),
    ...(city !== undefined && { city }),
    ...(site !== undefined && { site }),
    stage: projectStage(records),
    health,
    status: project.status,
    ...(next && { nextMilestone: next }),
    lastEventAt: project.lastEventAt,
    timeZone: project.timeZone,
    sectors: [...project.sectors],
    parties: project.parties.map((p) => ({ ...p })),
    facts: project.facts.map((f) => ({ ...f, sources: [...f.sources] })),
    healthReasons: reasons.map((r) => ({ ...r, milestoneIds: [...r.milestoneIds] })),
    milestones,
    conflicts: project.conflicts.map((c) => ({
      ...c,
      claims: [...c.claims],
      sources: [...c.sources],
    })),
    ...(project.statusReason !== null && { statusReason: project.statusReason }),
    sources: [...project.sources],
    revision: project.revision.toString(),
    position: project.position.toString(),
  };
}

export function projectSummary(view: ProjectView): ProjectSummary {
  const {
    projectId,
    name,
    kind,
    province,
    regency,
    city,
    stage,
    health,
    status,
    nextMilestone: next,
    lastEventAt,
  } = view;
  return {
    projectId,
    name,
    kind,
    province,
    ...(regency !== undefined && { regency }),
    ...(city !== undefined && { city }),
    stage,
    health,
    status,
    ...(next && { nextMilestone: next }),
    lastEventAt,
  };
}
