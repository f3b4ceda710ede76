import type { EventStore } from '@kawasan/event-store';
import {
  createHttpServer,
  HttpProblem,
  MetricsRegistry,
  requireRole,
  type HttpApp,
  type RateLimitOptions,
  type TokenRegistry,
} from '@kawasan/http';
import type { FastifyBaseLogger } from 'fastify';
import { registerAuditRoutes } from './auditRoutes.js';
import { registerDashboardRoutes } from './dashboardRoutes.js';
import { ViewCache } from '@kawasan/projections';
import { Projector } from './projector.js';
import { registerReadRoutes } from './readRoutes.js';
import { UpdatesHub } from './updatesHub.js';

export interface ProjectionServiceDeps {
  readonly store: EventStore;
  readonly tokens: TokenRegistry;
  /** Where the checkpoint is kept (under DATA_DIR). */
  readonly snapshotFile: string;
  readonly logger?: FastifyBaseLogger | undefined;
  /** Per-token rate limit and request timeout (from RATE_LIMIT_PER_MINUTE, REQUEST_TIMEOUT_MS). */
  readonly limits?: { rateLimit?: RateLimitOptions; requestTimeoutMs?: number } | undefined;
  readonly clock?: () => Date;
  /** Concurrent `GET /updates` streams allowed; more get 503. */
  readonly maxSseClients?: number;
  /** PEM Ed25519 key that signs audit digests (DIGEST_SIGNING_KEY_FILE); unsigned without it. */
  readonly digestSigningKeyFile?: string | undefined;
  /** Where the dashboard page posts commands (COMMAND_PUBLIC_URL); without it the page only reads. */
  readonly commandPublicUrl?: string | undefined;
}

export const SERVICE_VERSION = '0.1.0';

/**
 * The projection service, loaded but not listening. `app.ready()` starts the projector;
 * closing the app stops it (writing a last checkpoint) and closes the store.
 */
export async function buildApp(
  deps: ProjectionServiceDeps,
): Promise<HttpApp & { projector: Projector }> {
  const registry = new MetricsRegistry();
  const projector = new Projector({
    store: deps.store,
    snapshotFile: deps.snapshotFile,
    ...(deps.logger && { log: deps.logger }),
  });
  const app = await createHttpServer({
    logger: deps.logger,
    tokens: deps.tokens,
    rateLimit: deps.limits?.rateLimit,
    requestTimeoutMs: deps.limits?.requestTimeoutMs,
    metrics: registry,
    ready: async () => {
      await deps.store.ping();
      const status = projector.status();
      if (!status.caughtUp)
        throw new HttpProblem(
          503,
          'not_ready',
          `views at ${status.position}, store at ${status.headAtStart}`,
        );
    },
    docs: {
      title: 'Kawasan projection service',
      version: SERVICE_VERSION,
      description:
        'Views of industrial-zone projects folded from the event log: status, health with reasons, timelines, due lists, portfolio totals, history.',
    },
  });
  registry.gauge('projection_position', 'Global position the views include', () =>
    Number(projector.status().position),
  );
  registry.gauge(
    'projection_events',
    'Events folded into the views',
    () => projector.status().eventCount,
  );
  registry.gauge(
    'projection_lag_positions',
    'Newest project position in the store minus the views position, when last checked',
    () => {
      const status = projector.status();
      return Math.max(0, Number(status.headAtStart - status.position));
    },
  );

  const hub = new UpdatesHub(deps.maxSseClients ?? 100);
  projector.on('change', (projectId, at) => hub.publish(projectId, at));

  const views = new ViewCache();
  registerReadRoutes(app, { projector, views, clock: deps.clock ?? (() => new Date()) });
  registry.gauge(
    'projection_view_cache_hits',
    'Project views served from the cache',
    () => views.hits,
  );
  registry.gauge(
    'projection_view_cache_misses',
    'Project views built for a read',
    () => views.misses,
  );
  await registerAuditRoutes(app, deps);
  await registerDashboardRoutes(app, { commandUrl: deps.commandPublicUrl });
  app.get(
    '/updates',
    {
      onRequest: requireRole('viewer', 'auditor'),
      schema: {
        summary: 'Server-Sent Events: event project, data { projectId, position } per change',
        tags: ['views'],
      },
    },
    async (request, reply) => {
      if (hub.size >= hub.maxClients)
        throw new HttpProblem(
          503,
          'too_many_streams',
          'too many open update streams; retry later',
          { headers: { 'retry-after': '5' } },
        );
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        'x-projection-position': projector.model.position.toString(),
        'x-request-id': request.id,
      });
      hub.add(reply, projector.model.position);
    },
  );

  app.addHook('onReady', async () => projector.start());
  app.addHook('preClose', (done) => {
    hub.close();
    done();
  });
  app.addHook('onClose', async () => {
    await projector.stop();
    await deps.store.close();
  });
  return Object.assign(app, { projector });
}
