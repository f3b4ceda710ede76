import type { MilestoneModel, ProjectModel } from './projectModel.js';
import type { ProjectRecord } from './readModel.js';

/** A ProjectRecord as JSON: bigints as strings, maps as arrays of entries. */
export interface EncodedProjectRecord {
  projectId: string;
  position: string;
  events: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
  stale?: true;
  model:
    | (Omit<ProjectModel, 'milestones' | 'retractedBy' | 'revision' | 'position'> & {
        milestones: MilestoneModel[];
        retractedBy: [string, string][];
        revision: string;
        position: string;
      })
    | null;
}

export function encodeProjectRecord(r: ProjectRecord): EncodedProjectRecord {
  const m = r.model;
  return {
    projectId: r.projectId,
    position: r.position.toString(),
    events: r.events,
    firstRecordedAt: r.firstRecordedAt,
    lastRecordedAt: r.lastRecordedAt,
    ...(r.stale && { stale: true as const }),
    model: m && {
      ...m,
      milestones: [...m.milestones.values()],
      retractedBy: [...m.retractedBy],
      revision: m.revision.toString(),
      position: m.position.toString(),
    },
  };
}

export function decodeProjectRecord(e: EncodedProjectRecord): ProjectRecord {
  const m = e.model;
  return {
    projectId: e.projectId,
    position: BigInt(e.position),
    events: e.events,
    firstRecordedAt: e.firstRecordedAt,
    lastRecordedAt: e.lastRecordedAt,
    stale: e.stale === true,
    model: m && {
      ...m,
      milestones: new Map(m.milestones.map((x) => [x.milestoneId, x])),
      retractedBy: new Map(m.retractedBy),
      revision: BigInt(m.revision),
      position: BigInt(m.position),
    },
  };
}
