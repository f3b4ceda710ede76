export {
  projectKinds,
  projectKindLabels,
  stages,
  stageLabels,
  stageRank,
  milestoneTypeInfo,
  milestoneTypes,
  knownMilestoneTypes,
  milestoneTypeLabel,
  otherMilestoneLabel,
  milestonePhases,
  milestonePhaseLabels,
  milestoneStatuses,
  reasonCodes,
  reasonCodeLabels,
  projectStatuses,
  projectStatusLabels,
  healthStates,
  healthLabels,
  dueStates,
  partyRoles,
  investmentKinds,
  jobsKinds,
  jobsComparators,
  areaScopes,
} from './vocabulary.js';
export type {
  Label,
  ProjectKind,
  Stage,
  MilestoneType,
  KnownMilestoneType,
  MilestonePhase,
  MilestoneStatus,
  ReasonCode,
  ProjectStatus,
  Health,
  DueState,
  PartyRole,
  InvestmentKind,
} from './vocabulary.js';
export {
  provinces,
  findProvince,
  suggestProvinces,
  WIB,
  WITA,
  WIT,
  zoneAbbreviations,
} from './provinces.js';
export type { Province } from './provinces.js';
export { DomainError, isDomainError, domainErrorCodes } from './errors.js';
export type { DomainErrorCode, FieldIssue } from './errors.js';
export {
  precisions,
  parseFuzzyDate,
  tryParseFuzzyDate,
  withTimeZone,
  fuzzyInterval,
  deadlineOf,
  deadlineIsoOf,
  deadlineMillisOf,
  lastDayText,
  daysBetween,
  describeFuzzyDate,
  acceptedFormsMessage,
} from './fuzzyDate.js';
export type { FuzzyDate, Precision } from './fuzzyDate.js';
export {
  limits,
  projectIdPattern,
  milestoneIdPattern,
  projectIdSchema,
  milestoneIdSchema,
  sourceSchema,
  sourcesSchema,
  locationSchema,
  partySchema,
  fuzzyDateSchema,
  fuzzyDateInputSchema,
  timeZoneSchema,
  provinceSchema,
} from './primitives.js';
export type { Source, Location, Party } from './primitives.js';
export { factSchema } from './facts.js';
export type { Fact, InvestmentFact } from './facts.js';
export {
  eventDataSchemas,
  eventTypes,
  isEventType,
  currentSchemaVersion,
  eventMetadataSchema,
} from './events.js';
export type { DomainEvent, EventOf, EventType, EventData, EventMetadata } from './events.js';
export { makeEventParser, parseStoredEvent, defaultUpcasters } from './upcasting.js';
export type { Upcaster, Upcasters, StoredEventShape } from './upcasting.js';
export {
  registerProjectBody,
  reviseProjectBody,
  planMilestoneBody,
  rescheduleMilestoneBody,
  startMilestoneBody,
  achieveMilestoneBody,
  cancelMilestoneBody,
  reportProgressBody,
  stateFactBody,
  changeStatusBody,
  flagConflictBody,
  resolveConflictBody,
  retractEntryBody,
} from './commands.js';
export type { Command, CommandType } from './commands.js';
export { initialState, evolve, evolveOwned, foldEvents, assertNever } from './projectState.js';
export type { ProjectState, MilestoneState, FoldableEvent } from './projectState.js';
export { decide } from './decide.js';
export type { DecideContext } from './decide.js';
export {
  DUE_SOON_DAYS,
  milestoneStage,
  isOpen,
  projectStage,
  dueState,
  slipOf,
  driftOf,
  outOfOrderIds,
} from './milestoneRules.js';
export type { MilestoneRecord, Slip, Drift } from './milestoneRules.js';
export { projectHealth, DRIFT_AT_RISK_DAYS, STALLED_AFTER_DAYS } from './projectHealth.js';
export type { HealthReason, HealthRule, HealthInput } from './projectHealth.js';
export { nextTimeChange } from './timeChanges.js';
