import { z } from 'zod';
import { dueStates, fuzzyDateSchema, healthStates, sourceSchema, stages } from '@kawasan/domain';

/**
 * Response shapes of the projection service, for the OpenAPI document and serialisation.
 * Nested records the domain already validates on the way in (parties, facts) stay loose.
 */
const label = z.object({ en: z.string(), id: z.string() });
const date = fuzzyDateSchema.nullable();

export const milestoneViewSchema = z
  .looseObject({
    milestoneId: z.string(),
    type: z.string(),
    label,
    title: z.string().optional(),
    phase: z.string(),
    scope: z.string(),
    stage: z.enum(stages),
    status: z.string(),
    baseline: date,
    target: date,
    achievedOn: date,
    startedOn: date,
    due: z.enum(dueStates).nullable(),
    deadline: z.string().nullable(),
    slip: z.object({ min: z.number(), max: z.number(), verdict: z.string() }).optional(),
    drift: z
      .object({
        days: z.number().nullable(),
        reschedules: z.number(),
        reasonCodes: z.array(z.string()),
      })
      .optional(),
    progress: z.looseObject({ percent: z.number(), asOf: fuzzyDateSchema }).optional(),
    reschedules: z.array(
      z.looseObject({ target: fuzzyDateSchema, reasonCode: z.string(), eventId: z.string() }),
    ),
    cancelReason: z.string().optional(),
    outOfOrder: z.boolean(),
    sources: z.array(sourceSchema),
  })
  .meta({ id: 'MilestoneView' });

const summaryShape = {
  projectId: z.string(),
  name: z.string(),
  kind: z.string(),
  province: z.string(),
  regency: z.string().optional(),
  city: z.string().optional(),
  stage: z.enum(stages),
  health: z.enum(healthStates),
  status: z.string(),
  nextMilestone: z
    .object({
      milestoneId: z.string(),
      type: z.string(),
      label,
      target: date,
      due: z.enum(dueStates).nullable(),
    })
    .optional(),
  lastEventAt: z.string(),
};

export const projectSummarySchema = z.looseObject(summaryShape).meta({ id: 'ProjectSummary' });

export const projectViewSchema = z
  .looseObject({
    ...summaryShape,
    site: z.string().optional(),
    timeZone: z.string(),
    sectors: z.array(z.string()),
    parties: z.array(z.looseObject({ name: z.string(), role: z.string() })),
    facts: z.array(
      z.looseObject({
        factId: z.string(),
        eventId: z.string(),
        fact: z.looseObject({ fact: z.string() }),
      }),
    ),
    healthReasons: z.array(
      z.object({ rule: z.string(), milestoneIds: z.array(z.string()), detail: z.string() }),
    ),
    milestones: z.array(milestoneViewSchema),
    conflicts: z.array(z.looseObject({ conflictId: z.string(), field: z.string() })),
    statusReason: z.string().optional(),
    sources: z.array(sourceSchema),
    revision: z.string(),
    position: z.string(),
  })
  .meta({ id: 'ProjectView' });

export const projectListSchema = z.object({
  items: z.array(projectSummarySchema),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
});

export const timelineSchema = z.object({
  projectId: z.string(),
  timeZone: z.string(),
  milestones: z.array(milestoneViewSchema),
});

export const dueMilestonesSchema = z.object({
  items: z.array(
    milestoneViewSchema.extend({
      projectId: z.string(),
      projectName: z.string(),
      province: z.string(),
    }),
  ),
});

export const portfolioSchema = z.object({
  groups: z.array(
    z.object({
      key: z.string(),
      projects: z.number().int(),
      investment: z.array(
        z.object({
          currency: z.string(),
          kind: z.string(),
          amount: z.string(),
          low: z.string(),
          high: z.string(),
          projects: z.number().int(),
        }),
      ),
      jobs: z.object({ projected: z.number(), actual: z.number() }),
    }),
  ),
});

export const historySchema = z.object({
  projectId: z.string(),
  items: z.array(
    z.object({
      eventId: z.string(),
      type: z.string(),
      revision: z.string(),
      position: z.string(),
      recordedAt: z.string(),
      actor: z.string(),
      sources: z.array(sourceSchema),
      data: z.record(z.string(), z.unknown()),
      metadata: z.record(z.string(), z.unknown()),
      retracted: z.boolean(),
      retractedBy: z.string().optional(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
