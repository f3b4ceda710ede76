import type { EventStore } from '@kawasan/event-store';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    store: EventStore;
  }
}

/** Decorates the app with its event store and closes the store when the app closes. */
export const storePlugin = fp(
  (app: FastifyInstance, options: { store: EventStore }, done: (error?: Error) => void) => {
    app.decorate('store', options.store);
    app.addHook('onClose', () => options.store.close());
    done();
  },
  { name: 'kawasan-event-store' },
);
