import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export interface DocsOptions {
  readonly title: string;
  readonly version: string;
  readonly description: string;
}

export const DOCS_PREFIX = '/docs';

/**
 * OpenAPI 3.1 generated from the routes' zod schemas, served as JSON at /docs/json with the
 * Swagger UI (assets from the package itself, no CDN) at /docs. Register before the routes:
 * the document is built from the routes added after it.
 */
export const docsPlugin = fp(
  async (app: FastifyInstance, options: DocsOptions) => {
    // The UI and its JSON are public; mark them before swagger-ui adds its routes.
    app.addHook('onRoute', (route) => {
      if (route.url === DOCS_PREFIX || route.url.startsWith(`${DOCS_PREFIX}/`))
        route.config = { ...route.config, public: true };
    });
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: options.title, version: options.version, description: options.description },
        components: {
          securitySchemes: {
            bearer: {
              type: 'http',
              scheme: 'bearer',
              description: 'A token from AUTH_TOKENS_FILE (or DATA_DIR/dev-tokens.json)',
            },
          },
        },
        security: [{ bearer: [] }],
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(swaggerUi, { routePrefix: DOCS_PREFIX });
  },
  { name: 'kawasan-docs' },
);
