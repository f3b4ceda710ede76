import {
  digestSchema,
  loadDigestSigner,
  publicKeyFromPem,
  takeDigest,
  verifyDigest,
  verifyStore,
} from '@kawasan/audit';
import type { EventStore } from '@kawasan/event-store';
import { HttpProblem, problemSchema, requireRole, type HttpApp } from '@kawasan/http';
import { z } from 'zod';

export interface AuditRouteDeps {
  readonly store: EventStore;
  readonly clock?: (() => Date) | undefined;
  /** PEM Ed25519 private key (DIGEST_SIGNING_KEY_FILE): digests are signed when it is set. */
  readonly digestSigningKeyFile?: string | undefined;
}

const failureSchema = z.object({
  projectId: z.string().nullable(),
  stream: z.string().nullable(),
  revision: z.string().nullable(),
  eventId: z.string().nullable(),
  reason: z.string(),
  detail: z.string(),
});

const verifyReportSchema = z.object({
  ok: z.boolean(),
  streams: z.number().int(),
  events: z.number().int(),
  failures: z.array(failureSchema),
});

const digestCheckSchema = z.object({
  ok: z.boolean(),
  detail: z.string(),
  root: z.string().nullable(),
  streams: z.number().int().nullable(),
  signature: z.enum(['valid', 'invalid', 'absent', 'unchecked']),
  failure: failureSchema.optional(),
});

const errors = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

const outcomeStatus = { position_beyond_log: 400, chain_broken: 409, log_unreadable: 409 } as const;

/**
 * Tamper evidence for auditors (architecture.md): chain verification and Merkle digests computed
 * from the log itself through the store port, never from the in-memory views.
 */
export async function registerAuditRoutes(app: HttpApp, deps: AuditRouteDeps): Promise<void> {
  const { store } = deps;
  const clock = deps.clock ?? (() => new Date());
  // A bad key file stops start-up here, naming the file, rather than failing the first request.
  const signer =
    deps.digestSigningKeyFile === undefined
      ? undefined
      : await loadDigestSigner(deps.digestSigningKeyFile);
  const publicKey = signer ? publicKeyFromPem(signer.publicKeyPem) : null;
  const auditors = requireRole('auditor');

  app.get(
    '/audit/verify',
    {
      onRequest: auditors,
      schema: {
        summary: 'Recompute every project hash chain; name where one breaks (auditors)',
        tags: ['audit'],
        querystring: z.object({ projectId: z.string().max(64).optional() }),
        response: { 200: verifyReportSchema, ...errors },
      },
    },
    async (request) => {
      const { projectId } = request.query;
      const report = await verifyStore(store, { projectId });
      if (projectId !== undefined && report.streams === 0)
        throw new HttpProblem(404, 'unknown_project', `project ${projectId} has no events`);
      return report;
    },
  );

  app.get(
    '/audit/digest',
    {
      onRequest: auditors,
      schema: {
        summary: 'Merkle root over every project stream head at a log position (auditors)',
        description:
          'leaf = SHA-256(RFC 8785 JSON {hash, revision, stream}) per project stream, sorted by name; node = SHA-256(left hex || right hex); an odd node is promoted. Signed with Ed25519 when DIGEST_SIGNING_KEY_FILE is set.',
        tags: ['audit'],
        querystring: z.object({
          position: z
            .string()
            .regex(/^\d{1,20}$/, 'must be a log position')
            .optional(),
        }),
        response: { 200: digestSchema, ...errors },
      },
    },
    async (request) => {
      const { position } = request.query;
      const outcome = await takeDigest(store, {
        position: position === undefined ? undefined : BigInt(position),
        now: clock(),
        signer,
      });
      if (!outcome.ok)
        throw new HttpProblem(outcomeStatus[outcome.code], outcome.code, outcome.detail);
      return outcome.digest;
    },
  );

  app.post(
    '/audit/digest/verify',
    {
      onRequest: auditors,
      schema: {
        summary: 'Recompute a kept digest from the current log and check its signature (auditors)',
        tags: ['audit'],
        body: digestSchema,
        response: { 200: digestCheckSchema, ...errors },
      },
    },
    async (request) => verifyDigest(store, request.body, { publicKey }),
  );

  app.get(
    '/audit/public-key',
    {
      onRequest: auditors,
      schema: {
        summary: 'The Ed25519 public key that signs digests (auditors)',
        tags: ['audit'],
        response: {
          200: z.object({
            algorithm: z.literal('Ed25519'),
            keyId: z.string(),
            publicKey: z.string(),
          }),
          ...errors,
        },
      },
    },
    (_request, reply) => {
      if (!signer)
        throw new HttpProblem(
          404,
          'no_signing_key',
          'digests are not signed: DIGEST_SIGNING_KEY_FILE is not set',
        );
      reply.send({
        algorithm: 'Ed25519',
        keyId: signer.keyId,
        publicKey: signer.publicKeyPem,
      });
    },
  );
}
