import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { HttpProblem } from './problem.js';

export interface RateLimitOptions {
  /** Requests allowed per window, per token (per address for requests without one). */
  readonly max: number;
  readonly timeWindowMs: number;
}

/**
 * The bucket a request counts against: a digest of its bearer token (never the token itself,
 * which must not sit in memory maps or logs), or the client address without one.
 */
export function rateLimitKey(request: FastifyRequest): string {
  const authorization = request.headers.authorization;
  return authorization
    ? `token:${createHash('sha256').update(authorization).digest('hex')}`
    : `ip:${request.ip}`;
}

/** Per-token rate limiting (@fastify/rate-limit), so one client cannot starve the others. */
export async function registerRateLimit(
  app: FastifyInstance,
  options: RateLimitOptions,
): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    max: options.max,
    timeWindow: options.timeWindowMs,
    keyGenerator: rateLimitKey,
    // Health checks, metrics and docs are for operators and probes; never throttle them.
    allowList: (request) => request.routeOptions.config.public === true,
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(
        429,
        'rate_limited',
        `too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`,
        {
          headers: { 'retry-after': String(Math.ceil(context.ttl / 1000)) },
        },
      ),
  });
}
