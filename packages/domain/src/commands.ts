import { z } from 'zod';
import {
  milestonePhases,
  milestoneTypes,
  projectKinds,
  projectStatuses,
  stages,
  type MilestonePhase,
  type MilestoneType,
  type ProjectKind,
  type ProjectStatus,
  type ReasonCode,
  type Stage,
} from './vocabulary.js';
import {
  eventIdSchema,
  fuzzyDateInputSchema,
  limits,
  locationSchema,
  milestoneIdSchema,
  partySchema,
  projectIdSchema,
  reasonCodeSchema,
  sectorsSchema,
  sourcesSchema,
  textSchema,
  timeZoneSchema,
  type Location,
  type Party,
} from './primitives.js';
import { areaFactSchema, investmentFactSchema, jobsFactSchema, type Fact } from './facts.js';

/**
 * HTTP bodies of api.md as zod schemas: the single source of validation, types and OpenAPI.
 * Objects are strict, so a misspelt field is an error naming it rather than silently ignored.
 */
const withSources = { sources: sourcesSchema.optional() };

export const registerProjectBody = z.strictObject({
  projectId: projectIdSchema.optional(),
  name: textSchema(),
  kind: z.enum(projectKinds),
  location: locationSchema,
  timeZone: timeZoneSchema.optional(),
  sectors: sectorsSchema.optional(),
  parties: z.array(partySchema).max(limits.parties).optional(),
  ...withSources,
});

export const reviseProjectBody = z
  .strictObject({
    name: textSchema().optional(),
    location: locationSchema.optional(),
    timeZone: timeZoneSchema.optional(),
    sectors: sectorsSchema.optional(),
    parties: z.array(partySchema).max(limits.parties).optional(),
    ...withSources,
  })
  .refine(
    (b) => [b.name, b.location, b.timeZone, b.sectors, b.parties].some((v) => v !== undefined),
    { message: 'give at least one of name, location, timeZone, sectors, parties' },
  );

export const planMilestoneBody = z
  .strictObject({
    milestoneId: milestoneIdSchema.optional(),
    type: z.enum(milestoneTypes),
    title: textSchema().optional(),
    stage: z.enum(stages).optional(),
    phase: z.enum(milestonePhases).optional(),
    scope: textSchema(100).optional(),
    target: fuzzyDateInputSchema.optional(),
    achievedOn: fuzzyDateInputSchema.optional(),
    venueTimeZone: timeZoneSchema.optional(),
    ...withSources,
  })
  .superRefine((b, ctx) => {
    if (b.target === undefined && b.achievedOn === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['target'],
        message: 'give target, achievedOn, or both',
      });
    if (b.type === 'other' && b.title === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['title'],
        message: 'a milestone of type other needs a title',
      });
    if (b.type === 'other' && b.stage === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['stage'],
        message: 'a milestone of type other needs a stage',
      });
    if (b.type !== 'other' && b.stage !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['stage'],
        message: 'only a milestone of type other takes a stage',
      });
  });

export const rescheduleMilestoneBody = z.strictObject({
  target: fuzzyDateInputSchema,
  reasonCode: reasonCodeSchema,
  reason: textSchema(limits.text).optional(),
  ...withSources,
});

export const startMilestoneBody = z.strictObject({ on: fuzzyDateInputSchema, ...withSources });

export const achieveMilestoneBody = z.strictObject({
  on: fuzzyDateInputSchema,
  venueTimeZone: timeZoneSchema.optional(),
  ...withSources,
});

export const cancelMilestoneBody = z.strictObject({
  reason: textSchema(limits.text),
  ...withSources,
});

export const reportProgressBody = z.strictObject({
  percent: z.number().min(0).max(100),
  asOf: fuzzyDateInputSchema,
  verifiedBy: textSchema().optional(),
  ...withSources,
});

export const stateFactBody = z.discriminatedUnion('fact', [
  investmentFactSchema.safeExtend(withSources),
  jobsFactSchema.safeExtend(withSources),
  areaFactSchema.extend(withSources),
]);

export const changeStatusBody = z.strictObject({
  to: z.enum(projectStatuses),
  reason: textSchema(limits.text),
  ...withSources,
});

export const flagConflictBody = z.strictObject({
  field: textSchema(),
  claims: z
    .array(z.strictObject({ value: textSchema(limits.text), source: textSchema() }))
    .min(2, 'a conflict needs at least two claims')
    .max(limits.claims),
  ...withSources,
});

export const resolveConflictBody = z.strictObject({
  resolution: textSchema(limits.text),
  value: textSchema(limits.text).optional(),
  ...withSources,
});

export const retractEntryBody = z.strictObject({
  eventId: eventIdSchema,
  reason: textSchema(limits.text),
  ...withSources,
});

/** Domain commands: imperative, discriminated on `type`; fuzzy dates still as the words typed. */
export type Command =
  | {
      type: 'RegisterProject';
      projectId: string;
      name: string;
      kind: ProjectKind;
      location: Location;
      timeZone?: string | undefined;
      sectors?: string[] | undefined;
      parties?: Party[] | undefined;
    }
  | {
      type: 'ReviseProjectDetails';
      projectId: string;
      name?: string | undefined;
      location?: Location | undefined;
      timeZone?: string | undefined;
      sectors?: string[] | undefined;
      parties?: Party[] | undefined;
    }
  | {
      type: 'PlanMilestone';
      projectId: string;
      milestoneId: string;
      milestoneType: MilestoneType;
      title?: string | undefined;
      stage?: Stage | undefined;
      phase?: MilestonePhase | undefined;
      scope?: string | undefined;
      target?: string | undefined;
      achievedOn?: string | undefined;
      venueTimeZone?: string | undefined;
    }
  | {
      type: 'RescheduleMilestone';
      projectId: string;
      milestoneId: string;
      target: string;
      reasonCode: ReasonCode;
      reason?: string | undefined;
    }
  | { type: 'StartMilestone'; projectId: string; milestoneId: string; on: string }
  | {
      type: 'AchieveMilestone';
      projectId: string;
      milestoneId: string;
      on: string;
      venueTimeZone?: string | undefined;
    }
  | { type: 'CancelMilestone'; projectId: string; milestoneId: string; reason: string }
  | {
      type: 'ReportProgress';
      projectId: string;
      milestoneId: string;
      percent: number;
      asOf: string;
      verifiedBy?: string | undefined;
    }
  | { type: 'StateFact'; projectId: string; fact: Fact }
  | { type: 'ChangeProjectStatus'; projectId: string; to: ProjectStatus; reason: string }
  | {
      type: 'FlagSourceConflict';
      projectId: string;
      field: string;
      claims: { value: string; source: string }[];
    }
  | {
      type: 'ResolveSourceConflict';
      projectId: string;
      conflictId: string;
      resolution: string;
      value?: string | undefined;
    }
  | { type: 'RetractEntry'; projectId: string; eventId: string; reason: string };

export type CommandType = Command['type'];
