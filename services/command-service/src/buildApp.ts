import type { EventStore } from '@kawasan/event-store';
import {
  createHttpServer,
  MetricsRegistry,
  type HttpApp,
  type RateLimitOptions,
  type TokenRegistry,
} from '@kawasan/http';
import type { FastifyBaseLogger } from 'fastify';
import { registerCommandMetrics } from './commandMetrics.js';
import { registerCommandRoutes } from './commandRoutes.js';
import { registerDashboardCors } from './dashboardCors.js';
import { jitteredBackoff } from './executeCommand.js';
import { StreamCache } from './projectStream.js';
import { storePlugin } from './storePlugin.js';

export interface CommandServiceDeps {
  readonly store: EventStore;
  readonly tokens: TokenRegistry;
  /** Base URL of the projection service, for the Location of each reply. */
  readonly queryPublicUrl: string;
  readonly logger?: FastifyBaseLogger | undefined;
  /** Per-token rate limit and request timeout (from RATE_LIMIT_PER_MINUTE, REQUEST_TIMEOUT_MS). */
  readonly limits?: { rateLimit?: RateLimitOptions; requestTimeoutMs?: number } | undefined;
  /** The service clock for `recordedAt`; injectable so tests can pin it. */
  readonly clock?: () => Date;
  /** Attempts at a command whose append keeps conflicting (no If-Match). Default 5. */
  readonly maxAttempts?: number;
  /** Pause before a retry, by attempt; default: jittered exponential backoff. */
  readonly retryDelay?: (attempt: number) => number;
}

export const SERVICE_VERSION = '0.1.0';

/** The command service, loaded but not listening. Closing it closes the store. */
export async function buildApp(deps: CommandServiceDeps): Promise<HttpApp> {
  const registry = new MetricsRegistry();
  const app = await createHttpServer({
    logger: deps.logger,
    tokens: deps.tokens,
    rateLimit: deps.limits?.rateLimit,
    requestTimeoutMs: deps.limits?.requestTimeoutMs,
    ready: () => deps.store.ping(),
    metrics: registry,
    docs: {
      title: 'Kawasan command service',
      version: SERVICE_VERSION,
      description:
        'Commands in, events out: every change to an industrial-zone project is validated, decided, hash-chained and appended to its event stream.',
    },
  });
  await app.register(storePlugin, { store: deps.store });
  await registerDashboardCors(app, deps.queryPublicUrl);
  registerCommandRoutes(app, {
    store: deps.store,
    clock: deps.clock ?? (() => new Date()),
    metrics: registerCommandMetrics(registry),
    maxAttempts: deps.maxAttempts ?? 5,
    retryDelay: deps.retryDelay ?? jitteredBackoff,
    streams: new StreamCache(),
    queryPublicUrl: deps.queryPublicUrl,
  });
  return app;
}
