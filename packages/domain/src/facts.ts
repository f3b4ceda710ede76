import { z } from 'zod';
import { areaScopes, investmentKinds, jobsComparators, jobsKinds } from './vocabulary.js';
import { currencySchema, decimalSchema, limits, textSchema } from './primitives.js';

/**
 * Stated facts: money, jobs and area are stated by a source, never computed or converted.
 * One schema serves the event and the HTTP body (flat, discriminated by `fact`).
 */
const compareDecimals = (a: string, b: string): number => {
  const [ai = '', af = ''] = a.split('.');
  const [bi = '', bf = ''] = b.split('.');
  const width = Math.max(ai.length, bi.length);
  const fraction = Math.max(af.length, bf.length);
  const pad = (i: string, f: string) => i.padStart(width, '0') + f.padEnd(fraction, '0');
  const x = pad(ai, af);
  const y = pad(bi, bf);
  return x < y ? -1 : x > y ? 1 : 0;
};

export const investmentFactSchema = z
  .strictObject({
    fact: z.literal('investment'),
    kind: z.enum(investmentKinds),
    amount: decimalSchema.optional(),
    low: decimalSchema.optional(),
    high: decimalSchema.optional(),
    currency: currencySchema,
    text: textSchema(limits.shortText).optional(),
  })
  .superRefine((f, ctx) => {
    const range = f.low !== undefined || f.high !== undefined;
    if (f.amount === undefined && !range)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'give amount, or low and high' });
    if (f.amount !== undefined && range)
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message: 'give amount or a low/high range, not both',
      });
    if (range && (f.low === undefined || f.high === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [f.low === undefined ? 'low' : 'high'],
        message: 'a range needs both low and high',
      });
    if (f.low !== undefined && f.high !== undefined && compareDecimals(f.low, f.high) > 0)
      ctx.addIssue({ code: 'custom', path: ['high'], message: 'must not be below low' });
  });

export const jobsFactSchema = z
  .strictObject({
    fact: z.literal('jobs'),
    kind: z.enum(jobsKinds),
    count: z.number().int().min(0).max(100_000_000).optional(),
    comparator: z.enum(jobsComparators).optional(),
    text: textSchema(limits.shortText).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.count === undefined && f.text === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['count'],
        message: 'give a count, or a text for a qualitative statement',
      });
    if (f.count === undefined && f.comparator !== undefined)
      ctx.addIssue({ code: 'custom', path: ['comparator'], message: 'a comparator needs a count' });
  });

export const areaFactSchema = z.strictObject({
  fact: z.literal('area'),
  hectares: decimalSchema,
  scope: z.enum(areaScopes),
  comparator: z.enum(jobsComparators).optional(),
  text: textSchema(limits.shortText).optional(),
});

export const factSchema = z.discriminatedUnion('fact', [
  investmentFactSchema,
  jobsFactSchema,
  areaFactSchema,
]);
export type Fact = z.infer<typeof factSchema>;
export type InvestmentFact = z.infer<typeof investmentFactSchema>;
