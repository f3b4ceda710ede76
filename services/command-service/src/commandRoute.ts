import { performance } from 'node:perf_hooks';
import type { Command, Source } from '@kawasan/domain';
import { canonicalJson, type EventStore } from '@kawasan/event-store';
import {
  HttpProblem,
  PROBLEM_CONTENT_TYPE,
  principalOf,
  problemFor,
  problemSchema,
  requireRole,
} from '@kawasan/http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { commandHeadersSchema, ifMatchRevision } from './commandHeaders.js';
import type { CommandMetrics } from './commandMetrics.js';
import { commandReplySchema, type CommandReply } from './commandReply.js';
import { executeCommand } from './executeCommand.js';
import type { StreamCache } from './projectStream.js';
import { requestHashOf } from './idempotency.js';
import { idempotentIds, randomIds, type IdSource } from './ids.js';

export interface CommandRouteDeps {
  readonly store: EventStore;
  readonly clock: () => Date;
  readonly metrics: CommandMetrics;
  readonly maxAttempts: number;
  readonly retryDelay: (attempt: number) => number;
  readonly streams: StreamCache;
  /** Base URL of the projection service, for Location. */
  readonly queryPublicUrl: string;
}

const problemResponse = {
  description: 'A problem (RFC 9457) with a stable code',
  content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
};

/**
 * Route options shared by every command: manager or admin only (checked in onRequest, before
 * the body is read), the command headers, and the reply and problem schemas for OpenAPI.
 */
export function commandSpec<P extends z.ZodType, B extends z.ZodType>(spec: {
  summary: string;
  description: string;
  params: P;
  body: B;
}) {
  return {
    onRequest: requireRole('manager'),
    schema: {
      ...spec,
      tags: ['commands'],
      headers: commandHeadersSchema,
      response: {
        200: commandReplySchema.describe('An idempotent replay: the first reply again'),
        201: commandReplySchema.describe('Applied: the new revision and global position'),
        '4xx': problemResponse,
        '5xx': problemResponse,
      },
    },
  };
}

/** What the runner needs of a request; the typed fastify request of each route fits. */
type CommandHttpRequest = FastifyRequest & {
  headers: z.output<typeof commandHeadersSchema>;
  body: { sources?: Source[] | undefined };
};

/** Refuses what JSON can carry but the hash chain cannot canonicalise (lone surrogates). */
function assertStorable(body: unknown): void {
  try {
    canonicalJson(body ?? null);
  } catch (error) {
    const message = (error as Error).message.replace(/^canonicalJson: /, '');
    throw new HttpProblem(400, 'validation_failed', `the body cannot be stored: ${message}`, {
      errors: [{ path: 'body', message }],
    });
  }
}

/**
 * Runs a command built from a validated request: ids (deterministic with an Idempotency-Key),
 * the write path, and the reply with ETag and Location. Errors go to the one error handler.
 */
export function commandRunner(deps: CommandRouteDeps) {
  return async function run(
    request: CommandHttpRequest,
    reply: FastifyReply,
    build: (ids: IdSource) => Command,
  ): Promise<CommandReply> {
    const started = performance.now();
    const principal = principalOf(request);
    const { headers, body } = request;
    const key = headers['idempotency-key'];
    const ids = key === undefined ? randomIds() : idempotentIds(principal.actor, key);
    const command = build(ids);
    let outcome = 'error';
    try {
      assertStorable(body);
      const result = await executeCommand(deps, {
        command,
        principal,
        sources: body.sources ?? [],
        ids,
        idempotency:
          key === undefined
            ? undefined
            : { key, requestHash: requestHashOf(request.method, request.url, body) },
        ifMatch: ifMatchRevision(headers['if-match']),
        correlationId: headers['x-correlation-id'] ?? request.id,
        causationId: request.id,
      });
      outcome = String(result.status);
      void reply
        .code(result.status)
        .header('etag', `"${result.reply.revision}"`)
        .header('location', `${deps.queryPublicUrl}/projects/${result.reply.projectId}`);
      return result.reply;
    } catch (error) {
      outcome = problemFor(error).problem.code;
      throw error;
    } finally {
      deps.metrics.observe(command.type, outcome, (performance.now() - started) / 1000);
    }
  };
}
