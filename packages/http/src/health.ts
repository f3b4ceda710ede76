import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { problemFor } from './errorHandler.js';
import { HttpProblem } from './problem.js';

/** Resolves when the service can serve (store reachable, views caught up); throws otherwise. */
export type ReadyCheck = () => Promise<void>;

const statusSchema = z.object({ status: z.string() });

/** `/health`: the process runs. `/ready`: `check` passes, else 503 problem+json. */
export const healthPlugin = fp(
  (app: FastifyInstance, options: { ready: ReadyCheck }, done: (error?: Error) => void) => {
    app.get(
      '/health',
      {
        config: { public: true },
        schema: {
          summary: 'Liveness: 200 while the process runs',
          tags: ['operations'],
          security: [],
          response: { 200: statusSchema },
        },
      },
      (_request, reply) => reply.send({ status: 'ok' }),
    );
    app.get(
      '/ready',
      {
        config: { public: true },
        schema: {
          summary: 'Readiness: 200 when the service can serve, 503 otherwise',
          tags: ['operations'],
          security: [],
          response: { 200: statusSchema },
        },
      },
      async () => {
        try {
          await options.ready();
        } catch (error) {
          if (problemFor(error).problem.status === 503) throw error;
          // Whatever else failed, readiness answers 503 so orchestrators retry rather than give up.
          throw new HttpProblem(503, 'not_ready', 'the service is not ready', {
            headers: { 'retry-after': '1' },
            cause: error,
          });
        }
        return { status: 'ready' };
      },
    );
    done();
  },
  { name: 'kawasan-health' },
);
