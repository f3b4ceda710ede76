import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import {
  areaScopes,
  describeFuzzyDate,
  dueStates,
  fuzzyDateSchema,
  healthLabels,
  investmentKinds,
  jobsComparators,
  jobsKinds,
  milestonePhaseLabels,
  milestoneStatuses,
  milestoneTypeInfo,
  otherMilestoneLabel,
  partyRoles,
  projectKindLabels,
  projectStatusLabels,
  provinces,
  reasonCodeLabels,
  stageLabels,
  timeZoneSchema,
  tryParseFuzzyDate,
  zoneAbbreviations,
} from '@kawasan/domain';
import { HttpProblem, principalOf, problemSchema, type HttpApp } from '@kawasan/http';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';

export interface DashboardRouteDeps {
  /** Where the browser posts commands (COMMAND_PUBLIC_URL); without it the page is read-only. */
  readonly commandUrl?: string | undefined;
  /** The built page (`public/` and `dist/`); defaults to the @kawasan/dashboard package. */
  readonly assetsDir?: string | undefined;
}

const defaultAssetsDir = (): string =>
  dirname(createRequire(import.meta.url).resolve('@kawasan/dashboard/package.json'));

/** The codes and labels the page shows, straight from the domain vocabulary. */
const vocabulary = {
  kinds: projectKindLabels,
  stages: stageLabels,
  health: healthLabels,
  milestoneTypes: { ...milestoneTypeInfo, other: { stage: null, label: otherMilestoneLabel } },
  phases: milestonePhaseLabels,
  milestoneStatuses,
  reasonCodes: reasonCodeLabels,
  projectStatuses: projectStatusLabels,
  dueStates,
  partyRoles,
  investmentKinds,
  jobsKinds,
  jobsComparators,
  areaScopes,
  provinces: provinces.map(({ name, timeZone }) => ({ name, timeZone })),
  zones: zoneAbbreviations,
};

const label = z.object({ en: z.string(), id: z.string() });
const configSchema = z.object({
  commandUrl: z.string().nullable(),
  vocabulary: z.looseObject({ kinds: z.record(z.string(), label) }),
});
const meSchema = z.object({
  actor: z.string(),
  roles: z.array(z.string()),
  provinces: z.array(z.string()).nullable(),
});
const previewQuery = z.object({
  input: z.string().max(200),
  timeZone: timeZoneSchema.default('Asia/Jakarta'),
});
const previewSchema = z.object({ input: z.string(), date: fuzzyDateSchema, description: label });
const assetParams = z.object({ '*': z.string().max(200) });
// Plain file names only: no dot segments, no hidden files, nothing but what the page needs.
const assetName = /^[a-z0-9][a-zA-Z0-9_-]*\.(?:js|css|svg)$/;

/**
 * The dashboard: its page and assets (public, like /docs: no data in them), its vocabulary, who
 * the caller is (`GET /me`) and a fuzzy-date preview for its forms, so the page never has to
 * reimplement the domain's date parsing.
 */
export async function registerDashboardRoutes(
  app: HttpApp,
  deps: DashboardRouteDeps = {},
): Promise<void> {
  const root = deps.assetsDir ?? defaultAssetsDir();
  const publicDir = join(root, 'public');
  const scriptDir = join(root, 'dist');
  const commandUrl = deps.commandUrl ?? null;
  await app.register(fastifyStatic, { root: publicDir, serve: false });

  // The page holds a bearer token, so it runs only its own scripts and talks only to the APIs.
  const contentSecurityPolicy = [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${commandUrl ? ` ${new URL(commandUrl).origin}` : ''}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const sendAsset = (reply: FastifyReply, name: string, dir: string) => {
    if (!assetName.test(name)) throw new HttpProblem(404, 'not_found', `no asset ${name}`);
    return reply.header('x-content-type-options', 'nosniff').sendFile(name, dir);
  };
  const page = { public: true };
  const asset = { config: page, schema: { hide: true, params: assetParams } };

  app.get('/', { config: page, schema: { hide: true } }, (_request, reply) =>
    reply
      .headers({
        'content-security-policy': contentSecurityPolicy,
        'cache-control': 'no-cache',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
      })
      .sendFile('index.html', publicDir, { cacheControl: false }),
  );
  // Scripts are what tsc built; styles and icons are kept as written.
  app.get('/assets/js/*', asset, (request, reply) =>
    sendAsset(reply, request.params['*'], scriptDir),
  );
  app.get('/assets/*', asset, (request, reply) => sendAsset(reply, request.params['*'], publicDir));

  app.get(
    '/dashboard/config',
    {
      config: page,
      schema: {
        summary: 'What the dashboard page needs before sign-in: labels and the command URL',
        tags: ['dashboard'],
        security: [],
        response: { 200: configSchema },
      },
    },
    () => ({ commandUrl, vocabulary }),
  );

  app.get(
    '/me',
    {
      schema: {
        summary: 'The caller: actor, roles and the provinces a manager may write',
        tags: ['dashboard'],
        response: { 200: meSchema, 401: problemSchema },
      },
    },
    (request) => {
      const { actor, roles, provinces: scope } = principalOf(request);
      return { actor, roles: [...roles], provinces: scope ? [...scope] : null };
    },
  );

  app.get(
    '/dates/preview',
    {
      schema: {
        summary: 'How a fuzzy date input would be read: "triwulan pertama 2026" → 2026-Q1',
        tags: ['dashboard'],
        querystring: previewQuery,
        response: { 200: previewSchema, 400: problemSchema, 401: problemSchema },
      },
    },
    (request) => {
      const { input, timeZone } = request.query;
      const parsed = tryParseFuzzyDate(input, timeZone);
      if (!parsed.ok)
        throw new HttpProblem(400, 'invalid_date', parsed.message, {
          errors: [{ path: 'input', message: parsed.message }],
        });
      return {
        input,
        date: parsed.value,
        description: {
          en: describeFuzzyDate(parsed.value, 'en'),
          id: describeFuzzyDate(parsed.value, 'id'),
        },
      };
    },
  );
}
