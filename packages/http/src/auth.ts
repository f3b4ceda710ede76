import type { FastifyInstance, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from './problem.js';
import type { Principal, Role, TokenRegistry } from './tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, set by the auth plugin; null only on public routes. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** A route anyone may call without a token (/health, /ready, /metrics, /docs). */
    public?: boolean;
  }
}

export interface AuthOptions {
  readonly tokens: TokenRegistry;
}

/**
 * Authenticates every request in `onRequest`, before the body is even read, unless its route is
 * marked `config: { public: true }`. Denying by default means a new route cannot be anonymous
 * by accident. Unknown routes are left to the 404 handler.
 */
export const authPlugin = fp(
  (app: FastifyInstance, options: AuthOptions, done: (error?: Error) => void) => {
    app.decorateRequest('principal', null);
    // A synchronous hook: fastify turns what it throws into the error handler's 401.
    app.addHook('onRequest', (request, _reply, next) => {
      if (!request.is404 && request.routeOptions.config.public !== true)
        request.principal = options.tokens.authenticate(request.headers.authorization);
      next();
    });
    done();
  },
  { name: 'kawasan-auth' },
);

/** The authenticated caller, or 401 (for handlers on routes that are not public). */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null)
    throw new HttpProblem(401, 'unauthorized', 'send Authorization: Bearer <token>', {
      headers: { 'www-authenticate': 'Bearer realm="kawasan"' },
    });
  return request.principal;
}

/**
 * A hook allowing only callers with one of `allowed` (`admin` always passes). Attach it as the
 * route's `onRequest` so a forbidden caller learns nothing about the body's validity.
 */
export function requireRole(...allowed: Role[]) {
  return (request: FastifyRequest, _reply: unknown, done: HookHandlerDoneFunction): void => {
    const principal = principalOf(request);
    if (!principal.roles.includes('admin') && !principal.roles.some((r) => allowed.includes(r)))
      throw new HttpProblem(403, 'forbidden', `this needs the role ${allowed.join(' or ')}`);
    done();
  };
}

/** Whether the caller may write a project in `province` (admins anywhere, managers in scope). */
export function canWriteProvince(principal: Principal, province: string | null): boolean {
  if (principal.roles.includes('admin')) return true;
  if (!principal.roles.includes('manager')) return false;
  if (principal.provinces === null) return true;
  return province !== null && principal.provinces.includes(province);
}

/** 403 unless the caller may write in `province`; the answer names only the caller's own scope. */
export function assertCanWriteProvince(principal: Principal, province: string | null): void {
  if (canWriteProvince(principal, province)) return;
  const scope = principal.provinces?.join(', ') ?? 'no province';
  throw new HttpProblem(403, 'forbidden', `your token may write only projects in: ${scope}`);
}
