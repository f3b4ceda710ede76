import { z } from 'zod';

/** One bad field of a rejected request: a dotted path (`location.province`) and why. */
export interface ProblemIssue {
  readonly path: string;
  readonly message: string;
}

/** RFC 9457 problem details with the stable `code` clients switch on (api.md). */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: readonly ProblemIssue[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The zod shape of a problem, for the OpenAPI document and response serialisation. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details with a stable code' });

const titles: Readonly<Record<string, string>> = {
  validation_failed: 'The request is not valid',
  invalid_json: 'The body is not valid JSON',
  invalid_date: 'A date is not valid',
  unknown_province: 'Unknown province',
  bad_request: 'Bad request',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  unknown_project: 'Unknown project',
  unknown_milestone: 'Unknown milestone',
  unknown_entry: 'Unknown entry',
  unknown_conflict: 'Unknown source conflict',
  project_exists: 'Project already exists',
  milestone_exists: 'Milestone already exists',
  milestone_cancelled: 'Milestone is cancelled',
  milestone_achieved: 'Milestone is already achieved',
  project_cancelled: 'Project is cancelled',
  status_unchanged: 'Status unchanged',
  entry_already_retracted: 'Entry already retracted',
  entry_not_retractable: 'Entry cannot be retracted',
  conflict_resolved: 'Source conflict already resolved',
  revision_conflict: 'Concurrent change',
  revision_mismatch: 'Stale revision',
  duplicate_event_id: 'Event id already stored',
  payload_too_large: 'Body too large',
  uri_too_long: 'URI too long',
  bad_url: 'Malformed URL',
  unsupported_media_type: 'Unsupported media type',
  idempotency_key_reused: 'Idempotency key reused with another request',
  store_unavailable: 'Event store unavailable',
  not_ready: 'Not ready',
  internal_error: 'Internal error',
};

/** A URI per code (RFC 9457 `type`); a URN because there is no documentation host to point at. */
export const problemType = (code: string): string => `urn:kawasan:problem:${code}`;

export function makeProblem(
  status: number,
  code: string,
  detail: string,
  errors?: readonly ProblemIssue[],
): Problem {
  return {
    type: problemType(code),
    title: titles[code] ?? code.replaceAll('_', ' '),
    status,
    detail,
    code,
    ...(errors !== undefined && errors.length > 0 && { errors }),
  };
}

/**
 * An error that already knows its HTTP answer. Throw it from hooks and handlers; the one error
 * handler turns it into problem+json (no per-route catch blocks).
 */
export class HttpProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: readonly ProblemIssue[] | undefined;
  /** Extra response headers, e.g. `WWW-Authenticate` or `Retry-After`. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    detail: string,
    options: {
      errors?: readonly ProblemIssue[];
      headers?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpProblem';
    this.status = status;
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  toProblem(): Problem {
    return makeProblem(this.status, this.code, this.message, this.errors);
  }
}

export const isHttpProblem = (e: unknown): e is HttpProblem => e instanceof HttpProblem;
