import { z } from 'zod';
import {
  milestonePhases,
  milestoneTypes,
  projectKinds,
  projectStatuses,
  stages,
} from './vocabulary.js';
import {
  eventIdSchema,
  fuzzyDateSchema,
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
} from './primitives.js';
import { factSchema } from './facts.js';

/** Event data schemas: one per past-tense event of domain.md. Stored locations are already canonical. */
const storedLocation = locationSchema.extend({ province: z.string() });

const milestoneShape = {
  type: z.enum(milestoneTypes),
  title: textSchema().optional(),
  /** Only for type `other`, which has no stage of its own. */
  stage: z.enum(stages).optional(),
  phase: z.enum(milestonePhases),
  scope: textSchema(100),
};

export const eventDataSchemas = {
  ProjectRegistered: z.object({
    projectId: projectIdSchema,
    name: textSchema(),
    kind: z.enum(projectKinds),
    location: storedLocation,
    timeZone: timeZoneSchema,
    sectors: sectorsSchema,
    parties: z.array(partySchema).max(limits.parties),
  }),
  ProjectDetailsRevised: z.object({
    projectId: projectIdSchema,
    name: textSchema().optional(),
    location: storedLocation.optional(),
    timeZone: timeZoneSchema.optional(),
    sectors: sectorsSchema.optional(),
    parties: z.array(partySchema).max(limits.parties).optional(),
  }),
  MilestonePlanned: z.object({
    projectId: projectIdSchema,
    milestoneId: milestoneIdSchema,
    ...milestoneShape,
    target: fuzzyDateSchema,
  }),
  MilestoneRescheduled: z.object({
    projectId: projectIdSchema,
    milestoneId: milestoneIdSchema,
    target: fuzzyDateSchema,
    reasonCode: reasonCodeSchema,
    reason: textSchema(limits.text).optional(),
  }),
  MilestoneStarted: z.object({
    projectId: projectIdSchema,
    milestoneId: milestoneIdSchema,
    on: fuzzyDateSchema,
  }),
  MilestoneAchieved: z.object({
    projectId: projectIdSchema,
    milestoneId: milestoneIdSchema,
    /** Present when the milestone was never planned: the achievement introduces it. */
    type: milestoneShape.type.optional(),
    title: milestoneShape.title,
    stage: milestoneShape.stage,
    phase: milestoneShape.phase.optional(),
    scope: milestoneShape.scope.optional(),
    on: fuzzyDateSchema,
    venueTimeZone: timeZoneSchema.optional(),
  }),
  MilestoneCancelled: z.object({
    projectId: projectIdSchema,
    milestoneId: milestoneIdSchema,
    reason: textSchema(limits.text),
  }),
  ProgressReported: z.object({
    projectId: projectIdSchema,
    milestoneId: milestoneIdSchema,
    percent: z.number().min(0).max(100),
    asOf: fuzzyDateSchema,
    verifiedBy: textSchema().optional(),
  }),
  FactStated: z.object({
    projectId: projectIdSchema,
    factId: z.string().min(1).max(100),
    fact: factSchema,
  }),
  ProjectStatusChanged: z.object({
    projectId: projectIdSchema,
    from: z.enum(projectStatuses),
    to: z.enum(projectStatuses),
    reason: textSchema(limits.text),
  }),
  SourceConflictFlagged: z.object({
    projectId: projectIdSchema,
    conflictId: z.string().min(1).max(100),
    field: textSchema(),
    claims: z
      .array(z.object({ value: textSchema(limits.text), source: textSchema() }))
      .min(2)
      .max(limits.claims),
  }),
  SourceConflictResolved: z.object({
    projectId: projectIdSchema,
    conflictId: z.string().min(1).max(100),
    resolution: textSchema(limits.text),
    value: textSchema(limits.text).optional(),
  }),
  EntryRetracted: z.object({
    projectId: projectIdSchema,
    eventId: eventIdSchema,
    reason: textSchema(limits.text),
  }),
} as const;

export type EventType = keyof typeof eventDataSchemas;
export const eventTypes = Object.keys(eventDataSchemas) as EventType[];
export type EventData<T extends EventType> = z.infer<(typeof eventDataSchemas)[T]>;

/** A domain event: `type` plus its validated data. Distributes over every event type. */
export type DomainEvent = { [T in EventType]: { type: T; data: EventData<T> } }[EventType];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

export const isEventType = (type: string): type is EventType =>
  Object.hasOwn(eventDataSchemas, type);

/** The current schema version of every event's data; bump it and add an upcaster to change a shape. */
export const currentSchemaVersion = 1;

export const sourceListSchema = sourcesSchema;

/** Metadata every stored event carries (domain.md, architecture.md). */
export const eventMetadataSchema = z.looseObject({
  schemaVersion: z.number().int().min(1),
  actor: z.string().min(1),
  recordedAt: z.iso.datetime(),
  correlationId: z.string().min(1),
  causationId: z.string().min(1),
  idempotencyKey: z.string().optional(),
  sources: sourcesSchema,
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type EventMetadata = z.infer<typeof eventMetadataSchema>;
