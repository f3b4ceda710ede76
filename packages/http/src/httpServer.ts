import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyReply,
  type FastifyRequest,
  type FastifyInstance,
  type RawServerDefault,
} from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { authPlugin } from './auth.js';
import { docsPlugin, type DocsOptions } from './docs.js';
import { errorHandlingPlugin, problemFor, sendProblem } from './errorHandler.js';
import { healthPlugin, type ReadyCheck } from './health.js';
import { genReqId } from './logger.js';
import { metricsPlugin, type MetricsRegistry } from './metrics.js';
import { registerRateLimit, type RateLimitOptions } from './rateLimit.js';
import type { TokenRegistry } from './tokens.js';

/** A fastify instance whose routes are typed by zod schemas. */
export type HttpApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface HttpServerOptions {
  /** A pino logger (see loggerOptions); without one the app logs nothing (tests). */
  readonly logger?: FastifyBaseLogger | undefined;
  readonly tokens: TokenRegistry;
  readonly ready: ReadyCheck;
  readonly docs: DocsOptions;
  readonly metrics?: MetricsRegistry | undefined;
  /** Per-token rate limit; off when absent (tests), on from configuration in a real run. */
  readonly rateLimit?: RateLimitOptions | undefined;
  /** Cut off clients that take longer than this to send a request (slowloris). Default 30 s. */
  readonly requestTimeoutMs?: number | undefined;
}

/**
 * One log line per request, written when it is answered, instead of fastify's two (one on
 * arrival): log lines are a measurable share of a small request's cost. The line of an answered
 * request has a fixed shape with no secret in it, so it goes through a logger that skips the
 * wildcard redaction every other line gets (2.2 of 3.6 µs a line, about 4% of a cached GET).
 */
class OneLinePerRequest extends LogController {
  readonly #access: FastifyBaseLogger | undefined;

  constructor(logger: FastifyBaseLogger | undefined) {
    super();
    // A child's redact option replaces its parent's (pino): only the header a line could carry.
    this.#access = logger?.child(
      {},
      { redact: { paths: ['authorization'], censor: '[redacted]' } },
    );
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const req = { method: request.method, url: request.url };
    const res = { statusCode: reply.statusCode };
    const responseTime = reply.elapsedTime;
    // (the request's own logger carries reqId already; the access logger is the service's)
    if (error) reply.log.error({ req, res, responseTime, err: error }, 'request errored');
    else this.#access?.info({ reqId: request.id, req, res, responseTime }, 'request completed');
  }
}

/** api.md: bodies over 64 KiB are 413. */
export const BODY_LIMIT = 65_536;

/**
 * The shared skeleton of both services, loaded but not listening: zod validation and serialisation, JSON
 * bodies only, problem+json errors, request ids, metrics, bearer auth, OpenAPI docs, /health
 * and /ready. A service registers its routes on the returned app.
 */
export async function createHttpServer(options: HttpServerOptions): Promise<HttpApp> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT,
    genReqId,
    logController: new OneLinePerRequest(options.logger),
    // onReady loads the projection's snapshot: 100k projects take longer than the default 10 s.
    pluginTimeout: 0,
    // A client gets requestTimeoutMs to send its whole request (slowloris), checked often enough
    // that the limit means what it says (Node checks every 30 s by default).
    serverFactory: (handler) => {
      const requestTimeout = options.requestTimeoutMs ?? 30_000;
      return createServer(
        { requestTimeout, connectionsCheckingInterval: Math.min(1000, requestTimeout / 2) },
        handler,
      );
    },
    // The router's own refusals (an over-long or malformed path) are problem+json too.
    frameworkErrors: (error, _request, reply) => {
      sendProblem(reply, problemFor(error));
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // fastify also parses text/plain by default; api.md allows JSON only (anything else is 415).
  app.removeContentTypeParser('text/plain');
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  // Awaited in order so routes the service adds afterwards are seen by auth, metrics and docs.
  await app.register(errorHandlingPlugin);
  if (options.rateLimit && options.rateLimit.max > 0)
    await registerRateLimit(app, options.rateLimit);
  await app.register(metricsPlugin, options.metrics ? { registry: options.metrics } : {});
  await app.register(authPlugin, { tokens: options.tokens });
  await app.register(docsPlugin, options.docs);
  await app.register(healthPlugin, { ready: options.ready });
  return app;
}
