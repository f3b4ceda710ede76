/**
 * The page's whole client library: reads from the projection service (same origin), commands
 * to the command service (CORS), both with the bearer token; problem+json becomes ApiError.
 */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

export interface CommandReply {
  readonly projectId: string;
  readonly revision: string;
  readonly position: string;
  readonly eventIds: readonly string[];
  readonly milestoneId?: string;
}

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function failure(res: Response): Promise<ApiError> {
  let body: { code?: unknown; detail?: unknown; errors?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not problem+json: keep the status alone
  }
  const issues = Array.isArray(body.errors) ? (body.errors as Issue[]) : [];
  return new ApiError(
    res.status,
    typeof body.code === 'string' ? body.code : `http_${res.status}`,
    typeof body.detail === 'string' ? body.detail : res.statusText,
    issues,
  );
}

/** 128 random bits as hex (crypto.randomUUID needs a secure context; this does not). */
function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class Api {
  /** Called when a read is refused with 401 (the token was revoked or mistyped). */
  onUnauthorized: (() => void) | null = null;

  constructor(
    private readonly token: () => string | null,
    readonly commandUrl: string | null,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const token = this.token();
    return {
      accept: 'application/json',
      ...(token && { authorization: `Bearer ${token}` }),
      ...extra,
    };
  }

  async get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    const res = await fetch(withQuery(path, query), {
      headers: this.headers(),
      ...(signal && { signal }),
    });
    if (res.status === 401) this.onUnauthorized?.();
    if (!res.ok) throw await failure(res);
    return (await res.json()) as T;
  }

  /** A command; a fresh Idempotency-Key makes a retried click harmless. */
  async command(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<CommandReply> {
    if (!this.commandUrl)
      throw new ApiError(0, 'no_command_service', 'the command service is not configured');
    let res: Response;
    try {
      res = await fetch(`${this.commandUrl}${path}`, {
        method,
        headers: this.headers({
          'content-type': 'application/json',
          'idempotency-key': randomKey(),
        }),
        body: JSON.stringify(body),
      });
    } catch {
      // A network failure, or an answer without CORS headers: a 401 is given before the CORS
      // hook runs, so a refused token looks the same from here.
      throw new ApiError(0, 'unreachable', 'the command service could not be reached');
    }
    if (!res.ok) throw await failure(res);
    return (await res.json()) as CommandReply;
  }
}
