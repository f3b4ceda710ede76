import {
  deadlineIsoOf,
  dueState,
  isOpen,
  milestoneTypeLabel,
  projectHealth,
  projectStage,
} from '@kawasan/domain';
import type { DateTime } from 'luxon';
import type { MilestoneModel, ProjectModel } from './projectModel.js';
import { foldedKey } from './text.js';
import { projectSummary, timelineOrder, type ProjectSummary, type ProjectView } from './views.js';

/** What a list needs of a project: its summary and the fields filters look at. */
export type ProjectRow = ProjectSummary & {
  readonly sectors: readonly string[];
  /** The province folded for matching, computed once rather than per request. */
  readonly provinceKey: string;
};

export const rowOfView = (view: ProjectView): ProjectRow => ({
  ...projectSummary(view),
  sectors: view.sectors,
  provinceKey: foldedKey(view.province),
});

/**
 * The row of a project at asOf, straight from its model: the same row as rowOfView(projectView())
 * without building every milestone's view (a list of a large province builds thousands of rows).
 */
export function projectRow(project: ProjectModel, asOf: DateTime): ProjectRow {
  const records = [...project.milestones.values()];
  const { health } = projectHealth(
    { status: project.status, milestones: records, lastEventAt: project.lastEventAt || null },
    asOf,
  );
  const next = nextMilestone(records, asOf);
  const { province, regency, city } = project.location;
  return {
    projectId: project.projectId,
    name: project.name,
    kind: project.kind,
    province,
    ...(regency !== undefined && { regency }),
    ...(city !== undefined && { city }),
    stage: projectStage(records),
    health,
    status: project.status,
    ...(next && {
      nextMilestone: {
        milestoneId: next.m.milestoneId,
        type: next.m.type,
        label: milestoneTypeLabel(next.m.type),
        target: next.m.target,
        due: next.due,
      },
    }),
    lastEventAt: project.lastEventAt,
    sectors: project.sectors,
    provinceKey: foldedKey(province),
  };
}

/**
 * As views.ts picks it: the open milestone with the earliest deadline (the first in timeline
 * order among equal ones), else the first open one in timeline order; found in one pass.
 */
function nextMilestone(
  milestones: readonly MilestoneModel[],
  asOf: DateTime,
): { m: MilestoneModel; due: NonNullable<ReturnType<typeof dueState>> } | null {
  let dated: { m: MilestoneModel; deadline: string } | null = null;
  let first: MilestoneModel | null = null;
  for (const m of milestones) {
    if (!isOpen(m)) continue;
    if (first === null || timelineOrder(m, first) < 0) first = m;
    const deadline = m.target ? deadlineIsoOf(m.target) : null;
    if (deadline === null) continue;
    if (
      dated === null ||
      deadline < dated.deadline ||
      (deadline === dated.deadline && timelineOrder(m, dated.m) < 0)
    )
      dated = { m, deadline };
  }
  const m = dated?.m ?? first;
  return m && { m, due: dueState(m, asOf)! };
}
