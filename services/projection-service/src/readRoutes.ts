import { DateTime } from 'luxon';
import { HttpProblem, problemSchema, requireRole, type HttpApp } from '@kawasan/http';
import {
  dueMilestonesSchema,
  historySchema,
  portfolioSchema,
  projectListSchema,
  projectViewSchema,
  timelineSchema,
  decodeCursor,
  encodeCursor,
  listProjects,
  milestonesDue,
  portfolioSummary,
  projectView,
  ProjectLists,
  ViewCache,
  type ProjectModel,
} from '@kawasan/projections';
import type { Projector } from './projector.js';
import {
  historyQuery,
  isoOf,
  listProjectsQuery,
  milestonesQuery,
  portfolioQuery,
  projectIdParams,
  projectQuery,
} from './readParams.js';

export interface ReadRouteDeps {
  readonly projector: Projector;
  readonly clock: () => Date;
  /** Views kept between reads (see ViewCache). */
  readonly views: ViewCache;
}

const readers = requireRole('viewer', 'auditor');
const errors = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  503: problemSchema,
};

/** Read-your-writes: wait (bounded) until the views include the caller's position. */
async function awaitPosition(
  projector: Projector,
  query: { minPosition?: string | undefined; waitMs: number },
) {
  if (query.minPosition === undefined) return;
  const reached = await projector.waitFor(BigInt(query.minPosition), query.waitMs);
  if (!reached)
    throw new HttpProblem(
      503,
      'projection_behind',
      `the views have not reached position ${query.minPosition} yet`,
      {
        headers: { 'retry-after': '1' },
      },
    );
}

const badCursor = () =>
  new HttpProblem(400, 'validation_failed', 'cursor is not valid', {
    errors: [{ path: 'cursor', message: 'use the nextCursor of a previous page' }],
  });

export function registerReadRoutes(app: HttpApp, deps: ReadRouteDeps): void {
  const { projector, views } = deps;
  const lists = new ProjectLists(projector.model, views);
  const now = (asOf: DateTime | undefined) =>
    asOf ?? DateTime.fromJSDate(deps.clock(), { zone: 'utc' });
  const projectOr404 = async (
    projectId: string,
    knownAt: DateTime | undefined,
  ): Promise<ProjectModel> => {
    const project = knownAt
      ? await projector.model.projectKnownAt(projectId, isoOf(knownAt)!)
      : projector.model.project(projectId);
    if (!project)
      throw new HttpProblem(
        404,
        'unknown_project',
        knownAt
          ? `project ${projectId} had no entry recorded by ${isoOf(knownAt)}`
          : `project ${projectId} is not known`,
      );
    return project;
  };

  /** The view as known now (kept between reads), or as known at an instant (folded for it). */
  const viewOf = async (
    projectId: string,
    q: { knownAt?: DateTime | undefined; asOf?: DateTime | undefined },
  ) => {
    const project = await projectOr404(projectId, q.knownAt);
    if (q.knownAt) {
      const view = projectView(project, now(q.asOf));
      return { view, body: Buffer.from(JSON.stringify(view)) };
    }
    return views.view(project, now(q.asOf));
  };
  /** Current models, or the models as known at an instant. */
  const modelsOf = async (knownAt: DateTime | undefined, province?: string) =>
    knownAt ? projector.model.projectsKnownAt(isoOf(knownAt)!) : projector.model.projects(province);

  // Every answer says how far the views have folded, so a client can tell how fresh it is.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-projection-position', projector.model.position.toString());
  });

  app.get(
    '/projects',
    {
      onRequest: readers,
      schema: {
        summary: 'Projects with filters, sort and cursor pagination',
        tags: ['views'],
        querystring: listProjectsQuery,
        response: { 200: projectListSchema, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      await awaitPosition(projector, q);
      const offset = q.cursor === undefined ? 0 : decodeCursor(q.cursor);
      if (offset === null) throw badCursor();
      const asOf = now(q.asOf);
      const options = {
        filter: {
          province: q.province,
          kind: q.kind,
          stage: q.stage,
          health: q.health,
          sector: q.sector,
          q: q.q,
        },
        sort: q.sort,
        limit: q.limit,
        offset,
        asOf,
      };
      // Now: from the rows kept in name order. As known at an instant: folded for it.
      if (!q.knownAt) return lists.list(options);
      return listProjects(await modelsOf(q.knownAt), options);
    },
  );

  app.get(
    '/projects/:projectId',
    {
      onRequest: readers,
      schema: {
        summary: 'One project: status, health with reasons, milestones, facts',
        tags: ['views'],
        params: projectIdParams,
        querystring: projectQuery,
        response: { 200: projectViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const q = request.query;
      await awaitPosition(projector, q);
      const { body } = await viewOf(request.params.projectId, q);
      // Already JSON (kept by the cache): sent as is, not through the response serialiser.
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  );

  app.get(
    '/projects/:projectId/timeline',
    {
      onRequest: readers,
      schema: {
        summary: 'Milestones in target order with baseline, target, achieved, slip, drift',
        tags: ['views'],
        params: projectIdParams,
        querystring: projectQuery,
        response: { 200: timelineSchema, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      await awaitPosition(projector, q);
      const { view } = await viewOf(request.params.projectId, q);
      return { projectId: view.projectId, timeZone: view.timeZone, milestones: view.milestones };
    },
  );

  app.get(
    '/projects/:projectId/history',
    {
      onRequest: requireRole('auditor'),
      schema: {
        summary: 'Every entry with who, when, sources, hashes and retraction (auditors)',
        tags: ['audit'],
        params: projectIdParams,
        querystring: historyQuery,
        response: { 200: historySchema, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      await awaitPosition(projector, q);
      const project = await projectOr404(request.params.projectId, undefined);
      const history = (await projector.model.history(request.params.projectId)) ?? [];
      const offset = q.cursor === undefined ? 0 : decodeCursor(q.cursor);
      if (offset === null) throw badCursor();
      const page = history.slice(offset, offset + q.limit);
      return {
        projectId: project.projectId,
        items: page.map((e) => {
          const by = project.retractedBy.get(e.eventId);
          return {
            eventId: e.eventId,
            type: e.event.type,
            revision: e.revision.toString(),
            position: e.position.toString(),
            recordedAt: e.recordedAt,
            actor: e.actor,
            sources: [...e.sources],
            data: e.event.data,
            metadata: { ...e.metadata },
            retracted: by !== undefined,
            ...(by !== undefined && { retractedBy: by }),
          };
        }),
        nextCursor:
          offset + page.length < history.length ? encodeCursor(offset + page.length) : null,
      };
    },
  );

  app.get(
    '/milestones',
    {
      onRequest: readers,
      schema: {
        summary: 'Milestones across projects by due state',
        tags: ['views'],
        querystring: milestonesQuery,
        response: { 200: dueMilestonesSchema, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      await awaitPosition(projector, q);
      return {
        items: milestonesDue(await modelsOf(q.knownAt, q.province), {
          due: q.due,
          province: q.province,
          type: q.type,
          asOf: now(q.asOf),
        }),
      };
    },
  );

  app.get(
    '/portfolio/summary',
    {
      onRequest: readers,
      schema: {
        summary: 'Totals per province, stage, kind or health; money per currency',
        tags: ['views'],
        querystring: portfolioQuery,
        response: { 200: portfolioSchema, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      await awaitPosition(projector, q);
      return portfolioSummary(await modelsOf(q.knownAt), {
        groupBy: q.groupBy,
        asOf: now(q.asOf),
      });
    },
  );
}
