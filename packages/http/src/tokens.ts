import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { provinceSchema } from '@kawasan/domain';
import { ConfigError } from './config.js';
import { HttpProblem } from './problem.js';

export const roles = ['manager', 'viewer', 'auditor', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Who is calling, from the bearer token. */
export interface Principal {
  readonly actor: string;
  readonly roles: readonly Role[];
  /** Official province names a manager may write; null: every province. */
  readonly provinces: readonly string[] | null;
}

// Visible ASCII only: keeps tokens header-safe and rules out whitespace tricks.
const tokenText = z
  .string()
  .min(16, 'must be at least 16 characters')
  .max(512)
  .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII');

const tokenEntrySchema = z
  .strictObject({
    token: tokenText.optional(),
    sha256: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits')
      .optional(),
    actor: z.string().trim().min(1).max(200),
    roles: z.array(z.enum(roles)).min(1),
    provinces: z.array(provinceSchema).min(1).optional(),
    revoked: z.boolean().optional(),
  })
  .refine((e) => (e.token === undefined) !== (e.sha256 === undefined), {
    message: 'give exactly one of token or sha256',
  });
export type TokenEntry = z.input<typeof tokenEntrySchema>;

/** The AUTH_TOKENS_FILE format (also used for the development tokens file). */
export const tokensFileSchema = z.looseObject({ tokens: z.array(tokenEntrySchema).max(10_000) });

interface Known {
  readonly digest: Buffer;
  readonly principal: Principal;
  readonly revoked: boolean;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

const unauthorized = (detail: string, invalidToken: boolean) =>
  new HttpProblem(401, 'unauthorized', detail, {
    headers: {
      'www-authenticate': invalidToken
        ? 'Bearer realm="kawasan", error="invalid_token"'
        : 'Bearer realm="kawasan"',
    },
  });

const BEARER = /^Bearer +([\x21-\x7e]{1,512}) *$/i;

/**
 * Known tokens, kept only as SHA-256 digests. A presented token is hashed and looked up by its
 * digest, then compared with timingSafeEqual, so neither the lookup nor the comparison leaks how
 * much of a real token a guess got right.
 */
export class TokenRegistry {
  readonly #byDigest = new Map<string, Known>();

  constructor(entries: readonly z.output<typeof tokenEntrySchema>[] = []) {
    for (const entry of entries) {
      const digest =
        entry.sha256 !== undefined
          ? Buffer.from(entry.sha256.toLowerCase(), 'hex')
          : sha256(entry.token ?? '');
      const principal: Principal = {
        actor: entry.actor,
        roles: [...new Set(entry.roles)],
        provinces: entry.provinces ?? null,
      };
      this.#add(digest, principal, entry.revoked === true);
    }
  }

  #add(digest: Buffer, principal: Principal, revoked = false): void {
    const key = digest.toString('hex');
    if (this.#byDigest.has(key)) throw new TypeError('the same token is listed twice');
    this.#byDigest.set(key, { digest, principal, revoked });
  }

  /** Validates entries as a tokens file would be (tests, in-process set-ups). */
  static fromEntries(entries: readonly TokenEntry[]): TokenRegistry {
    return new TokenRegistry(tokensFileSchema.parse({ tokens: entries }).tokens);
  }

  get size(): number {
    return this.#byDigest.size;
  }

  /** The principal of an `Authorization` header value; 401 for anything else. */
  authenticate(authorization: string | undefined): Principal {
    if (authorization === undefined || authorization === '')
      throw unauthorized('send Authorization: Bearer <token>', false);
    const match = BEARER.exec(authorization);
    if (!match) throw unauthorized('the Authorization header is not a bearer token', true);
    const presented = sha256(match[1]!);
    const known = this.#byDigest.get(presented.toString('hex'));
    if (!known || !timingSafeEqual(known.digest, presented) || known.revoked)
      throw unauthorized('the token is unknown or revoked', true);
    return known.principal;
  }

  /**
   * A random token that lives only in this process (for the demo loader): never written
   * anywhere, and gone when revoked or when the process ends.
   */
  issueEphemeral(principal: Principal): { token: string; revoke: () => void } {
    const token = randomBytes(32).toString('base64url');
    const digest = sha256(token);
    this.#add(digest, principal);
    return { token, revoke: () => void this.#byDigest.delete(digest.toString('hex')) };
  }
}

/** Reads and validates a tokens file; a bad file stops start-up with a message naming it. */
export async function loadTokensFile(
  path: string,
  variable = 'AUTH_TOKENS_FILE',
): Promise<TokenRegistry> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${variable} ${path} cannot be read as JSON: ${reason}`, [variable]);
  }
  const parsed = tokensFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`${variable} ${path} is not a valid tokens file: ${issues.join('; ')}`, [
      variable,
    ]);
  }
  try {
    return new TokenRegistry(parsed.data.tokens);
  } catch (error) {
    throw new ConfigError(`${variable} ${path}: ${(error as Error).message}`, [variable]);
  }
}
