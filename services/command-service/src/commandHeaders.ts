import { z } from 'zod';

/**
 * Optional headers of every command. A loose object: the validated headers replace
 * request.headers, so every other header must survive.
 */
export const commandHeadersSchema = z.looseObject({
  'if-match': z
    .string()
    .regex(/^"(0|[1-9][0-9]{0,19})"$/, 'must be a quoted revision such as "3"')
    .optional()
    .describe('The revision the change is based on; 412 revision_mismatch when stale'),
  'idempotency-key': z
    .string()
    .min(1, 'must be 1 to 255 characters')
    .max(255, 'must be 1 to 255 characters')
    .regex(/^[\x20-\x7e]+$/, 'must be printable ASCII')
    .optional()
    .describe('Makes a retry of the same request safe: the first reply is returned again'),
  'x-correlation-id': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, 'must be 1 to 200 printable ASCII characters')
    .optional()
    .describe('Recorded in the events’ metadata; defaults to the request id'),
});

/** The revision of a well-formed If-Match value (`"12"` → 12n). */
export const ifMatchRevision = (value: string | undefined): bigint | undefined =>
  value === undefined ? undefined : BigInt(value.slice(1, -1));
