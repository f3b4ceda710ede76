import { DomainError } from './errors.js';
import type { Command } from './commands.js';
import type { DomainEvent } from './events.js';
import { parseFuzzyDate, type FuzzyDate } from './fuzzyDate.js';
import { findProvince } from './provinces.js';
import { assertNever, type MilestoneState, type ProjectState } from './projectState.js';

/** What a decision may use besides the command and the state: ids come in, never from a clock or RNG here. */
export interface DecideContext {
  /** A fresh id for facts and conflicts (deterministic when the caller gave an idempotency key). */
  readonly newId: (kind: 'fact' | 'conflict') => string;
}

const dateIn = (input: string, timeZone: string, path: string): FuzzyDate => {
  try {
    return parseFuzzyDate(input, timeZone);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new DomainError('validation_failed', `${path}: ${message}`, [{ path, message }]);
  }
};

const requireProject = (state: ProjectState, projectId: string, reactivation = false): void => {
  if (!state.exists)
    throw new DomainError('unknown_project', `project ${projectId} is not registered`);
  if (state.status === 'cancelled' && !reactivation)
    throw new DomainError(
      'project_cancelled',
      `project ${projectId} is cancelled; reactivate it first`,
    );
};

const requireMilestone = (state: ProjectState, milestoneId: string): MilestoneState => {
  const milestone = state.milestones.get(milestoneId);
  if (!milestone)
    throw new DomainError('unknown_milestone', `milestone ${milestoneId} does not exist`);
  return milestone;
};

/** Open = neither cancelled nor achieved; `verb` names what was refused. */
const requireOpen = (milestone: MilestoneState, milestoneId: string, verb: string): void => {
  if (milestone.status === 'cancelled')
    throw new DomainError(
      'milestone_cancelled',
      `milestone ${milestoneId} is cancelled and cannot be ${verb}`,
    );
  if (milestone.status === 'achieved')
    throw new DomainError(
      'milestone_achieved',
      `milestone ${milestoneId} is already achieved and cannot be ${verb}`,
    );
};

/** Turns a command into the events it causes, or throws a DomainError with a stable code. */
export function decide(
  command: Command,
  state: ProjectState,
  context: DecideContext,
): DomainEvent[] {
  const { projectId } = command;
  switch (command.type) {
    case 'RegisterProject': {
      if (state.exists)
        throw new DomainError('project_exists', `project ${projectId} already exists`);
      // The province was canonicalised by the schema; its zone is the default for every date.
      const timeZone =
        command.timeZone ?? findProvince(command.location.province)?.timeZone ?? 'Asia/Jakarta';
      return [
        {
          type: 'ProjectRegistered',
          data: {
            projectId,
            name: command.name,
            kind: command.kind,
            location: command.location,
            timeZone,
            sectors: command.sectors ?? [],
            parties: command.parties ?? [],
          },
        },
      ];
    }
    case 'ReviseProjectDetails': {
      requireProject(state, projectId);
      const { type: _type, ...changes } = command;
      // A corrected province moves the project's zone unless a zone is given explicitly.
      const movedZone =
        changes.timeZone === undefined && changes.location !== undefined
          ? findProvince(changes.location.province)?.timeZone
          : undefined;
      const timeZone = changes.timeZone ?? (movedZone !== state.timeZone ? movedZone : undefined);
      const data = Object.fromEntries(
        Object.entries({ ...changes, timeZone }).filter(([, v]) => v !== undefined),
      );
      return [{ type: 'ProjectDetailsRevised', data: data as typeof changes }];
    }
    case 'PlanMilestone': {
      requireProject(state, projectId);
      const { milestoneId } = command;
      if (state.milestones.has(milestoneId))
        throw new DomainError(
          'milestone_exists',
          `milestone ${milestoneId} already exists in ${projectId}`,
        );
      const shape = {
        type: command.milestoneType,
        ...(command.title !== undefined && { title: command.title }),
        ...(command.stage !== undefined && { stage: command.stage }),
        phase: command.phase ?? 'point',
        scope: command.scope ?? 'project',
      };
      const events: DomainEvent[] = [];
      if (command.target !== undefined)
        events.push({
          type: 'MilestonePlanned',
          data: {
            projectId,
            milestoneId,
            ...shape,
            target: dateIn(command.target, state.timeZone, 'target'),
          },
        });
      if (command.achievedOn !== undefined) {
        const zone = command.venueTimeZone ?? state.timeZone;
        const on = dateIn(command.achievedOn, zone, 'achievedOn');
        events.push({
          type: 'MilestoneAchieved',
          data: {
            projectId,
            milestoneId,
            // An unplanned achievement introduces the milestone, so it carries its shape.
            ...(events.length === 0 ? shape : {}),
            on,
            ...(command.venueTimeZone !== undefined && { venueTimeZone: command.venueTimeZone }),
          },
        });
      }
      if (events.length === 0)
        throw new DomainError('validation_failed', 'give target, achievedOn, or both', [
          { path: 'target', message: 'give target, achievedOn, or both' },
        ]);
      return events;
    }
    case 'RescheduleMilestone': {
      requireProject(state, projectId);
      requireOpen(requireMilestone(state, command.milestoneId), command.milestoneId, 'rescheduled');
      const target = dateIn(command.target, state.timeZone, 'target');
      return [
        {
          type: 'MilestoneRescheduled',
          data: {
            projectId,
            milestoneId: command.milestoneId,
            target,
            reasonCode: command.reasonCode,
            ...(command.reason !== undefined && { reason: command.reason }),
          },
        },
      ];
    }
    case 'StartMilestone': {
      requireProject(state, projectId);
      const milestone = requireMilestone(state, command.milestoneId);
      requireOpen(milestone, command.milestoneId, 'started');
      const on = dateIn(command.on, state.timeZone, 'on');
      return [
        { type: 'MilestoneStarted', data: { projectId, milestoneId: command.milestoneId, on } },
      ];
    }
    case 'AchieveMilestone': {
      requireProject(state, projectId);
      requireOpen(
        requireMilestone(state, command.milestoneId),
        command.milestoneId,
        'achieved again',
      );
      const on = dateIn(command.on, command.venueTimeZone ?? state.timeZone, 'on');
      return [
        {
          type: 'MilestoneAchieved',
          data: {
            projectId,
            milestoneId: command.milestoneId,
            on,
            ...(command.venueTimeZone !== undefined && { venueTimeZone: command.venueTimeZone }),
          },
        },
      ];
    }
    case 'CancelMilestone': {
      requireProject(state, projectId);
      requireOpen(requireMilestone(state, command.milestoneId), command.milestoneId, 'cancelled');
      return [
        {
          type: 'MilestoneCancelled',
          data: { projectId, milestoneId: command.milestoneId, reason: command.reason },
        },
      ];
    }
    case 'ReportProgress': {
      requireProject(state, projectId);
      const milestone = requireMilestone(state, command.milestoneId);
      if (milestone.status === 'cancelled')
        throw new DomainError(
          'milestone_cancelled',
          `milestone ${command.milestoneId} is cancelled`,
        );
      const asOf = dateIn(command.asOf, state.timeZone, 'asOf');
      return [
        {
          type: 'ProgressReported',
          data: {
            projectId,
            milestoneId: command.milestoneId,
            percent: command.percent,
            asOf,
            ...(command.verifiedBy !== undefined && { verifiedBy: command.verifiedBy }),
          },
        },
      ];
    }
    case 'StateFact':
      requireProject(state, projectId);
      return [
        {
          type: 'FactStated',
          data: { projectId, factId: context.newId('fact'), fact: command.fact },
        },
      ];
    case 'ChangeProjectStatus': {
      requireProject(state, projectId, command.to === 'active');
      if (state.status === command.to)
        throw new DomainError('status_unchanged', `project ${projectId} is already ${command.to}`);
      return [
        {
          type: 'ProjectStatusChanged',
          data: { projectId, from: state.status, to: command.to, reason: command.reason },
        },
      ];
    }
    case 'FlagSourceConflict':
      requireProject(state, projectId);
      return [
        {
          type: 'SourceConflictFlagged',
          data: {
            projectId,
            conflictId: context.newId('conflict'),
            field: command.field,
            claims: command.claims,
          },
        },
      ];
    case 'ResolveSourceConflict': {
      requireProject(state, projectId);
      const conflict = state.conflicts.get(command.conflictId);
      if (!conflict)
        throw new DomainError('unknown_conflict', `conflict ${command.conflictId} does not exist`);
      if (conflict.resolved)
        throw new DomainError(
          'conflict_resolved',
          `conflict ${command.conflictId} is already resolved`,
        );
      return [
        {
          type: 'SourceConflictResolved',
          data: {
            projectId,
            conflictId: command.conflictId,
            resolution: command.resolution,
            ...(command.value !== undefined && { value: command.value }),
          },
        },
      ];
    }
    case 'RetractEntry': {
      requireProject(state, projectId);
      const entry = state.entries.get(command.eventId);
      if (!entry)
        throw new DomainError(
          'unknown_entry',
          `entry ${command.eventId} is not in project ${projectId}`,
        );
      if (entry.retractedBy !== undefined)
        throw new DomainError(
          'entry_already_retracted',
          `entry ${command.eventId} is already retracted`,
        );
      if (entry.type === 'ProjectRegistered' || entry.type === 'EntryRetracted')
        throw new DomainError(
          'entry_not_retractable',
          `a ${entry.type} entry cannot be retracted; correct it with a new entry instead`,
        );
      return [
        {
          type: 'EntryRetracted',
          data: { projectId, eventId: command.eventId, reason: command.reason },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}
