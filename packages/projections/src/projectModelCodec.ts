import type { MilestoneModel, ProjectModel } from './projectModel.js';

/** A ProjectModel as JSON (what a snapshot stores): bigints as strings, maps as arrays of entries. */
export type EncodedProjectModel = Omit<
  ProjectModel,
  'milestones' | 'retractedBy' | 'revision' | 'position'
> & {
  milestones: MilestoneModel[];
  retractedBy: [string, string][];
  revision: string;
  position: string;
};

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
