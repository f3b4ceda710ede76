import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { isDomainError, type DomainErrorCode } from '@kawasan/domain';
import { isEventStoreError, type EventStoreErrorCode } from '@kawasan/event-store';
import {
  isHttpProblem,
  makeProblem,
  PROBLEM_CONTENT_TYPE,
  type Problem,
  type ProblemIssue,
} from './problem.js';

/** The one place domain codes become statuses; the type makes a new code a compile error here. */
export const domainErrorStatus: Readonly<Record<DomainErrorCode, number>> = {
  validation_failed: 400,
  invalid_date: 400,
  unknown_province: 400,
  unknown_project: 404,
  unknown_milestone: 404,
  unknown_entry: 404,
  unknown_conflict: 404,
  project_exists: 409,
  milestone_exists: 409,
  milestone_cancelled: 409,
  milestone_achieved: 409,
  project_cancelled: 409,
  status_unchanged: 409,
  entry_already_retracted: 409,
  entry_not_retractable: 409,
  conflict_resolved: 409,
};

/** What an answer to an error consists of, so services and tests can reuse the mapping. */
export interface ProblemAnswer {
  readonly problem: Problem;
  readonly headers: Readonly<Record<string, string>>;
}

interface ValidationEntry {
  instancePath: string;
  keyword: string;
  message?: string | undefined;
  params: Record<string, unknown>;
}

const dotted = (instancePath: string): string => instancePath.split('/').filter(Boolean).join('.');
const joinPath = (base: string, key: string): string => (base === '' ? key : `${base}.${key}`);

/** One entry per issue; an unknown key is reported at its own path so a client can point at it. */
export function validationIssues(
  validation: readonly ValidationEntry[],
  context: string,
): ProblemIssue[] {
  return validation.flatMap((entry): ProblemIssue[] => {
    const base = dotted(entry.instancePath);
    const keys = entry.params['keys'];
    if (entry.keyword === 'unrecognized_keys' && Array.isArray(keys))
      return keys.map((key) => ({
        path: joinPath(base, String(key)),
        message: `unknown field "${String(key)}"`,
      }));
    return [{ path: base === '' ? context : base, message: entry.message ?? 'is not valid' }];
  });
}

const zodIssues = (error: z.ZodError): ProblemIssue[] =>
  validationIssues(
    error.issues.map((issue) => ({
      instancePath: `/${issue.path.map(String).join('/')}`,
      keyword: issue.code,
      message: issue.message,
      params: issue.code === 'unrecognized_keys' ? { keys: issue.keys } : {},
    })),
    'body',
  );

const validationFailed = (errors: ProblemIssue[]): ProblemAnswer => ({
  problem: makeProblem(
    400,
    'validation_failed',
    errors.map((e) => `${e.path}: ${e.message}`).join('; '),
    errors,
  ),
  headers: {},
});

const fromStatus = (status: number, code: string, detail: string): ProblemAnswer => ({
  problem: makeProblem(status, code, detail),
  headers: {},
});

function eventStoreAnswer(code: EventStoreErrorCode, message: string): ProblemAnswer {
  switch (code) {
    case 'wrong_expected_revision':
      return fromStatus(
        409,
        'revision_conflict',
        'the project changed concurrently; read it again and retry',
      );
    case 'duplicate_event_id':
      return fromStatus(409, 'duplicate_event_id', message);
    case 'store_unavailable':
      // The cause (a path, an SQLite message) stays in the log, not in the answer.
      return {
        problem: makeProblem(503, 'store_unavailable', 'the event store is unavailable; retry'),
        headers: { 'retry-after': '1' },
      };
    case 'invalid_append':
      return fromStatus(500, 'internal_error', 'an unexpected error occurred');
  }
}

/** fastify's own request errors: parsing, media types and sizes. */
function fastifyAnswer(error: FastifyError): ProblemAnswer | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return fromStatus(415, 'unsupported_media_type', 'send the body as application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return fromStatus(413, 'payload_too_large', 'the body is larger than 64 KiB');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return fromStatus(400, 'invalid_json', 'the body is not valid JSON');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return fromStatus(400, 'invalid_json', 'the body is empty; send a JSON object');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return fromStatus(414, 'uri_too_long', 'a path segment is longer than 100 characters');
    case 'FST_ERR_BAD_URL':
      return fromStatus(400, 'bad_url', 'the URL is not valid');
  }
  if (error instanceof SyntaxError && error.statusCode === 400)
    return fromStatus(400, 'invalid_json', 'the body is not valid JSON');
  const status = error.statusCode;
  // Other 4xx errors fastify raises (bad content length, bad URL) carry safe messages.
  if (status !== undefined && status >= 400 && status < 500)
    return fromStatus(status, status === 404 ? 'not_found' : 'bad_request', error.message);
  return undefined;
}

const isFastifyError = (e: unknown): e is FastifyError =>
  e instanceof Error && ('code' in e || 'statusCode' in e);

/**
 * Maps any error to its problem answer: validation, domain codes, event-store errors, fastify's
 * request errors. Anything unrecognised is a 500 that reveals nothing of the cause.
 */
export function problemFor(error: unknown): ProblemAnswer {
  if (isHttpProblem(error)) return { problem: error.toProblem(), headers: error.headers };
  if (error instanceof z.ZodError) return validationFailed(zodIssues(error));
  if (error instanceof Error && 'validation' in error && Array.isArray(error.validation)) {
    const context = 'validationContext' in error ? String(error.validationContext) : 'body';
    return validationFailed(validationIssues(error.validation as ValidationEntry[], context));
  }
  if (isDomainError(error)) {
    const errors = error.errors.length > 0 ? [...error.errors] : undefined;
    return {
      problem: makeProblem(domainErrorStatus[error.code], error.code, error.message, errors),
      headers: {},
    };
  }
  if (isEventStoreError(error)) return eventStoreAnswer(error.code, error.message);
  if (isFastifyError(error)) {
    const answer = fastifyAnswer(error);
    if (answer) return answer;
  }
  return fromStatus(500, 'internal_error', 'an unexpected error occurred');
}

/** Sends a problem answer as application/problem+json. */
export function sendProblem(reply: FastifyReply, answer: ProblemAnswer): FastifyReply {
  return reply
    .code(answer.problem.status)
    .headers(answer.headers)
    .type(PROBLEM_CONTENT_TYPE)
    .send(answer.problem);
}

function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const answer = problemFor(error);
  const { status } = answer.problem;
  if (status >= 500 && status !== 503) request.log.error({ err: error }, 'request failed');
  else if (status === 503) request.log.warn({ err: error }, 'dependency unavailable');
  else request.log.info({ code: answer.problem.code, status }, 'request rejected');
  return sendProblem(reply, answer);
}

/** The one error handler and the not-found handler, both speaking problem+json. */
export const errorHandlingPlugin = fp(
  (app: FastifyInstance, _options: unknown, done: (error?: Error) => void) => {
    app.setErrorHandler(handleError);
    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, {
        problem: makeProblem(
          404,
          'not_found',
          `no route for ${request.method} ${request.url.slice(0, 200)}`,
        ),
        headers: {},
      }),
    );
    done();
  },
  { name: 'kawasan-error-handling' },
);
