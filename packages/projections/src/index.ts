export {
  toHistoryEntry,
  projectIdOfStream,
  FOLD_METADATA_KEYS,
  PROJECT_STREAM_PREFIX,
} from './historyEntry.js';
export type { LogEntry, HistoryEntry, DecodeOptions } from './historyEntry.js';
export { foldProject } from './projectModel.js';
export type { ProjectModel, MilestoneModel, FactModel, ConflictModel } from './projectModel.js';
export { milestoneView, projectView, projectSummary, timelineOf } from './views.js';
export type { MilestoneView, ProjectSummary, ProjectView } from './views.js';
export { createReadModel, memoryHistory, storedProjectOf } from './readModel.js';
export type {
  ReadModel,
  HistorySource,
  ProjectRecord,
  StoredProject,
  ModelLoader,
  ComingRetraction,
} from './readModel.js';
export { encodeProjectModel, decodeProjectModel } from './projectModelCodec.js';
export type { EncodedProjectModel } from './projectModelCodec.js';
export { ViewCache } from './viewCache.js';
export { ProjectLists } from './projectLists.js';
export type { ProjectPage } from './projectLists.js';
export type { ProjectRow } from './projectRow.js';
export {
  listProjects,
  milestonesDue,
  portfolioSummary,
  projectSorts,
  portfolioGroupings,
  encodeCursor,
  decodeCursor,
} from './queries.js';
export type {
  ProjectFilter,
  ProjectSort,
  DueMilestone,
  PortfolioGroup,
  PortfolioGrouping,
} from './queries.js';
export { addDecimals } from './decimal.js';
export {
  milestoneViewSchema,
  projectSummarySchema,
  projectViewSchema,
  projectListSchema,
  timelineSchema,
  dueMilestonesSchema,
  portfolioSchema,
  historySchema,
} from './viewSchemas.js';
