import type { MilestoneModel, ProjectModel } from './projectModel.js';
import type { ProjectRecord } from './readModel.js';

/** A ProjectModel as JSON: bigints as strings, maps as arrays of entries. */
export type EncodedProjectModel = Omit<
  ProjectModel,
  'milestones' | 'retractedBy' | 'revision' | 'position'
> & {
  milestones: MilestoneModel[];
  retractedBy: [string, string][];
  revision: string;
  position: string;
};

/** A ProjectRecord as JSON. */
export interface EncodedProjectRecord {
  projectId: string;
  position: string;
  events: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
  stale?: true;
  model: EncodedProjectModel | null;
}

export const encodeProjectModel = (m: ProjectModel): EncodedProjectModel => ({
  ...m,
  milestones: [...m.milestones.values()],
  retractedBy: [...m.retractedBy],
  revision: m.revision.toString(),
  position: m.position.toString(),
});

export const decodeProjectModel = (m: EncodedProjectModel): ProjectModel => ({
  ...m,
  milestones: new Map(m.milestones.map((x) => [x.milestoneId, x])),
  retractedBy: new Map(m.retractedBy),
  revision: BigInt(m.revision),
  position: BigInt(m.position),
});

export const encodeProjectRecord = (r: ProjectRecord): EncodedProjectRecord => ({
  projectId: r.projectId,
  position: r.position.toString(),
  events: r.events,
  firstRecordedAt: r.firstRecordedAt,
  lastRecordedAt: r.lastRecordedAt,
  ...(r.stale && { stale: true as const }),
  model: r.model && encodeProjectModel(r.model),
});

export const decodeProjectRecord = (e: EncodedProjectRecord): ProjectRecord => ({
  projectId: e.projectId,
  position: BigInt(e.position),
  events: e.events,
  firstRecordedAt: e.firstRecordedAt,
  lastRecordedAt: e.lastRecordedAt,
  stale: e.stale === true,
  model: e.model && decodeProjectModel(e.model),
});
