import {
  achieveMilestoneBody,
  cancelMilestoneBody,
  changeStatusBody,
  flagConflictBody,
  milestoneIdSchema,
  planMilestoneBody,
  projectIdSchema,
  registerProjectBody,
  reportProgressBody,
  rescheduleMilestoneBody,
  resolveConflictBody,
  retractEntryBody,
  reviseProjectBody,
  startMilestoneBody,
  stateFactBody,
} from '@kawasan/domain';
import type { HttpApp } from '@kawasan/http';
import { z } from 'zod';
import { commandRunner, commandSpec, type CommandRouteDeps } from './commandRoute.js';

// POST /projects has no path parameters; an empty schema keeps every route's options alike.
const noParams = z.object({});
const projectParams = z.object({ projectId: projectIdSchema });
const milestoneParams = projectParams.extend({ milestoneId: milestoneIdSchema });
const conflictParams = projectParams.extend({ conflictId: z.string().min(1).max(100) });

/** Every command of api.md, plus resolving a source conflict. Bodies are the domain's schemas. */
export function registerCommandRoutes(app: HttpApp, deps: CommandRouteDeps): void {
  const run = commandRunner(deps);

  app.post(
    '/projects',
    commandSpec({
      summary: 'Register a project',
      description:
        'ProjectRegistered. Without projectId one is made from the name. 409 project_exists if the id is taken.',
      params: noParams,
      body: registerProjectBody,
    }),
    (request, reply) =>
      run(request, reply, (ids) => {
        const { sources: _sources, projectId, ...rest } = request.body;
        return {
          type: 'RegisterProject',
          projectId: projectId ?? ids.projectId(rest.name),
          ...rest,
        };
      }),
  );

  app.patch(
    '/projects/:projectId',
    commandSpec({
      summary: 'Revise a project’s details',
      description: 'ProjectDetailsRevised: any of name, location, timeZone, sectors, parties.',
      params: projectParams,
      body: reviseProjectBody,
    }),
    (request, reply) =>
      run(request, reply, () => {
        const { sources: _sources, ...changes } = request.body;
        return { type: 'ReviseProjectDetails', ...request.params, ...changes };
      }),
  );

  app.post(
    '/projects/:projectId/milestones',
    commandSpec({
      summary: 'Plan a milestone, or record one achieved',
      description:
        'MilestonePlanned and/or MilestoneAchieved: give target, achievedOn or both. 409 milestone_exists for a reused id.',
      params: projectParams,
      body: planMilestoneBody,
    }),
    (request, reply) =>
      run(request, reply, (ids) => {
        const { sources: _sources, milestoneId, type, ...rest } = request.body;
        return {
          type: 'PlanMilestone',
          ...request.params,
          milestoneId: milestoneId ?? ids.milestoneId(type),
          milestoneType: type,
          ...rest,
        };
      }),
  );

  app.post(
    '/projects/:projectId/milestones/:milestoneId/reschedule',
    commandSpec({
      summary: 'Move a milestone’s target',
      description:
        'MilestoneRescheduled with a reason code. 409 milestone_cancelled when cancelled.',
      params: milestoneParams,
      body: rescheduleMilestoneBody,
    }),
    (request, reply) =>
      run(request, reply, () => {
        const { sources: _sources, ...rest } = request.body;
        return { type: 'RescheduleMilestone', ...request.params, ...rest };
      }),
  );

  app.post(
    '/projects/:projectId/milestones/:milestoneId/start',
    commandSpec({
      summary: 'Record that work on a milestone started',
      description: 'MilestoneStarted.',
      params: milestoneParams,
      body: startMilestoneBody,
    }),
    (request, reply) =>
      run(request, reply, () => ({
        type: 'StartMilestone',
        ...request.params,
        on: request.body.on,
      })),
  );

  app.post(
    '/projects/:projectId/milestones/:milestoneId/achieve',
    commandSpec({
      summary: 'Record that a milestone was achieved',
      description:
        'MilestoneAchieved, optionally in the venue’s time zone. 409 milestone_cancelled when cancelled.',
      params: milestoneParams,
      body: achieveMilestoneBody,
    }),
    (request, reply) =>
      run(request, reply, () => {
        const { sources: _sources, ...rest } = request.body;
        return { type: 'AchieveMilestone', ...request.params, ...rest };
      }),
  );

  app.post(
    '/projects/:projectId/milestones/:milestoneId/cancel',
    commandSpec({
      summary: 'Cancel a milestone',
      description: 'MilestoneCancelled with a reason.',
      params: milestoneParams,
      body: cancelMilestoneBody,
    }),
    (request, reply) =>
      run(request, reply, () => ({
        type: 'CancelMilestone',
        ...request.params,
        reason: request.body.reason,
      })),
  );

  app.post(
    '/projects/:projectId/milestones/:milestoneId/progress',
    commandSpec({
      summary: 'Report progress on a milestone',
      description: 'ProgressReported: a percentage as of a date.',
      params: milestoneParams,
      body: reportProgressBody,
    }),
    (request, reply) =>
      run(request, reply, () => {
        const { sources: _sources, ...rest } = request.body;
        return { type: 'ReportProgress', ...request.params, ...rest };
      }),
  );

  app.post(
    '/projects/:projectId/facts',
    commandSpec({
      summary: 'State a fact from a source: investment, jobs or area',
      description: 'FactStated. Amounts and hectares are decimal strings, never converted.',
      params: projectParams,
      body: stateFactBody,
    }),
    (request, reply) =>
      run(request, reply, () => {
        const { sources: _sources, ...fact } = request.body;
        return { type: 'StateFact', ...request.params, fact };
      }),
  );

  app.post(
    '/projects/:projectId/status',
    commandSpec({
      summary: 'Change the project’s status',
      description:
        'ProjectStatusChanged to active, on_hold or cancelled, with a reason. A cancelled project accepts only reactivation.',
      params: projectParams,
      body: changeStatusBody,
    }),
    (request, reply) =>
      run(request, reply, () => ({
        type: 'ChangeProjectStatus',
        ...request.params,
        to: request.body.to,
        reason: request.body.reason,
      })),
  );

  app.post(
    '/projects/:projectId/conflicts',
    commandSpec({
      summary: 'Flag sources that disagree',
      description: 'SourceConflictFlagged: a field and at least two claims with their sources.',
      params: projectParams,
      body: flagConflictBody,
    }),
    (request, reply) =>
      run(request, reply, () => ({
        type: 'FlagSourceConflict',
        ...request.params,
        field: request.body.field,
        claims: request.body.claims,
      })),
  );

  app.post(
    '/projects/:projectId/conflicts/:conflictId/resolve',
    commandSpec({
      summary: 'Resolve a flagged source conflict (extension of api.md)',
      description: 'SourceConflictResolved with the resolution and optionally the value chosen.',
      params: conflictParams,
      body: resolveConflictBody,
    }),
    (request, reply) =>
      run(request, reply, () => {
        const { sources: _sources, ...rest } = request.body;
        return { type: 'ResolveSourceConflict', ...request.params, ...rest };
      }),
  );

  app.post(
    '/projects/:projectId/retractions',
    commandSpec({
      summary: 'Retract a mistaken entry',
      description:
        'EntryRetracted: the entry stays in the history and is folded as if absent; correct it with a new entry.',
      params: projectParams,
      body: retractEntryBody,
    }),
    (request, reply) =>
      run(request, reply, () => ({
        type: 'RetractEntry',
        ...request.params,
        eventId: request.body.eventId,
        reason: request.body.reason,
      })),
  );
}
