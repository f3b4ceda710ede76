import { fold } from './text.js';
import { projectSummary, type ProjectSummary, type ProjectView } from './views.js';

/** What a list needs of a project: its summary and the fields filters look at. */
export type ProjectRow = ProjectSummary & {
  readonly sectors: readonly string[];
  /** The province folded for matching, computed once rather than per request. */
  readonly provinceKey: string;
};

export const rowOfView = (view: ProjectView): ProjectRow => ({
  ...projectSummary(view),
  sectors: view.sectors,
  provinceKey: fold(view.province),
});
