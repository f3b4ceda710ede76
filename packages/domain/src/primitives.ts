import { z } from 'zod';
import { isValidTimeZone } from './timeZone.js';
import { findProvince, suggestProvinces } from './provinces.js';
import { partyRoles, reasonCodes } from './vocabulary.js';
import { precisions, tryParseFuzzyDate } from './fuzzyDate.js';

/** Bounds on every string and array, so no request can make the log or the views grow unbounded. */
export const limits = {
  shortText: 200,
  text: 2000,
  url: 2000,
  sources: 20,
  sectors: 30,
  parties: 50,
  people: 20,
  claims: 10,
} as const;

export const projectIdPattern = /^[a-z0-9][a-z0-9-]{2,63}$/;
export const milestoneIdPattern = /^[a-z0-9][a-z0-9-]{1,63}$/;

export const projectIdSchema = z
  .string()
  .regex(
    projectIdPattern,
    'must be 3–64 characters of a-z, 0-9 and "-", starting with a letter or digit',
  );
export const milestoneIdSchema = z
  .string()
  .regex(
    milestoneIdPattern,
    'must be 2–64 characters of a-z, 0-9 and "-", starting with a letter or digit',
  );
export const eventIdSchema = z.uuid();

/** A non-empty single-line-ish string; control characters other than newlines and tabs are refused. */
export const textSchema = (max: number = limits.shortText) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine(
      // eslint-disable-next-line no-control-regex -- refusing control characters is the point
      (s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s),
      'must not contain control characters',
    );

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Jakarta');

/** A published date as a canonical fuzzy value: 2025-12-07, 2024-06, 2023. */
export const publishedOnSchema = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    'must be a date like 2025-12-07, 2024-06 or 2023',
  );

export const sourceSchema = z.strictObject({
  outlet: textSchema(),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .max(limits.url)
    .optional(),
  publishedOn: publishedOnSchema.optional(),
  title: textSchema(500).optional(),
});
export type Source = z.infer<typeof sourceSchema>;
export const sourcesSchema = z.array(sourceSchema).max(limits.sources);

/** Province names are matched case-insensitively (and by common alias) and stored as written officially. */
export const provinceSchema = z.string().transform((input, ctx) => {
  const province = findProvince(input);
  if (province) return province.name;
  ctx.addIssue({
    code: 'custom',
    message: `unknown province "${input.slice(0, 80)}"; did you mean ${suggestProvinces(input).join(', ')}?`,
  });
  return z.NEVER;
});

export const locationSchema = z.strictObject({
  province: provinceSchema,
  regency: textSchema().optional(),
  city: textSchema().optional(),
  site: textSchema().optional(),
});
export type Location = z.infer<typeof locationSchema>;

export const personSchema = z.strictObject({
  name: textSchema(),
  title: textSchema().optional(),
});

export const partySchema = z.strictObject({
  name: textSchema(),
  role: z.enum(partyRoles),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as ID or CN')
    .optional(),
  people: z.array(personSchema).max(limits.people).optional(),
});
export type Party = z.infer<typeof partySchema>;

export const sectorsSchema = z.array(textSchema(100)).max(limits.sectors);
export const reasonCodeSchema = z.enum(reasonCodes);

/** The stored form of a fuzzy date (see fuzzyDate.ts). */
export const fuzzyDateSchema = z.object({
  value: z.string().nullable(),
  precision: z.enum(precisions),
  start: z.string().nullable(),
  end: z.string().nullable(),
  timeZone: z.string(),
  text: z.string().optional(),
});

/**
 * A fuzzy date as typed by a person. The syntax does not depend on the zone, so it is checked
 * here (any zone will do); the decider interprets it in the project's zone.
 */
export const fuzzyDateInputSchema = z
  .string()
  .max(limits.shortText, `must be at most ${limits.shortText} characters`)
  .superRefine((input, ctx) => {
    const parsed = tryParseFuzzyDate(input, 'Asia/Jakarta');
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  });

/** Decimal strings for money and area: never floats, never converted. */
export const decimalSchema = z
  .string()
  .regex(
    /^\d{1,24}(\.\d{1,6})?$/,
    'must be a non-negative decimal string such as "1600000000000" or "24.8"',
  );
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as IDR or USD');
