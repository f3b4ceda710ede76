import { DateTime } from 'luxon';
import { z } from 'zod';
import { dueStates, healthStates, projectKinds, stages } from '@kawasan/domain';
import { portfolioGroupings, projectSorts } from '@kawasan/projections';

/**
 * Query parameters shared by every read. `asOf` is the instant the rules are evaluated at (a
 * date means 00:00 UTC that day); `knownAt` keeps only events recorded up to it (a date means
 * the end of that day, UTC: "what we knew on 15 January").
 */
const instant = (edge: 'start' | 'end') =>
  z
    .string()
    .max(40)
    .transform((input, ctx) => {
      const isDate = /^\d{4}-\d{2}-\d{2}$/.test(input);
      const parsed = DateTime.fromISO(input, { zone: 'utc', setZone: !isDate });
      if (!parsed.isValid) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be an ISO instant (2026-03-01T00:00:00Z) or a date (2026-03-01)',
        });
        return z.NEVER;
      }
      return isDate && edge === 'end' ? parsed.endOf('day') : parsed;
    });

export const consistencyQuery = {
  minPosition: z
    .string()
    .regex(/^\d{1,20}$/, 'must be a position returned by the command service')
    .optional(),
  waitMs: z.coerce.number().int().min(0).max(10_000).default(2000),
};

export const timeQuery = {
  asOf: instant('start').optional(),
  knownAt: instant('end').optional(),
};

export const projectIdParams = z.object({ projectId: z.string().max(64) });

export const listProjectsQuery = z.object({
  province: z.string().max(100).optional(),
  kind: z.enum(projectKinds).optional(),
  stage: z.enum(stages).optional(),
  health: z.enum(healthStates).optional(),
  sector: z.string().max(100).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(projectSorts).default('name'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  ...timeQuery,
  ...consistencyQuery,
});

export const projectQuery = z.object({ ...timeQuery, ...consistencyQuery });

export const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  cursor: z.string().max(200).optional(),
  ...consistencyQuery,
});

export const milestonesQuery = z.object({
  due: z.enum(dueStates).optional(),
  province: z.string().max(100).optional(),
  type: z.string().max(64).optional(),
  ...timeQuery,
  ...consistencyQuery,
});

export const portfolioQuery = z.object({
  groupBy: z.enum(portfolioGroupings).default('province'),
  ...timeQuery,
  ...consistencyQuery,
});

export type Instant = DateTime;
/** ISO form for read models that take knownAt as a string. */
export const isoOf = (d: DateTime | undefined): string | undefined =>
  d ? d.toUTC().toISO()! : undefined;
