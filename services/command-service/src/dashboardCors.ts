import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { HttpApp } from '@kawasan/http';

const loopbackHosts = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Origins allowed to post commands from a browser: the dashboard's, i.e. the projection
 * service's public URL. On a loopback host the other loopback spellings of the same port are
 * allowed too, so `http://localhost:3002` works when the configured URL says 127.0.0.1.
 */
export function dashboardOrigins(queryPublicUrl: string): string[] {
  const url = new URL(queryPublicUrl);
  if (!loopbackHosts.includes(url.hostname)) return [url.origin];
  return loopbackHosts.map((host) => `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`);
}

/**
 * CORS for the dashboard only. A preflight carries no credentials, so OPTIONS routes are
 * marked public before the plugin adds its own; every other request still needs its token.
 */
export async function registerDashboardCors(app: HttpApp, queryPublicUrl: string): Promise<void> {
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.includes('OPTIONS')) route.config = { ...route.config, public: true };
  });
  const options: FastifyCorsOptions = {
    origin: dashboardOrigins(queryPublicUrl),
    methods: ['GET', 'POST', 'PATCH'],
    allowedHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
    exposedHeaders: ['etag', 'location', 'x-request-id'],
    maxAge: 600,
  };
  await app.register(cors, options);
}
