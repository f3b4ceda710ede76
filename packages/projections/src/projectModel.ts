import {
  assertNever,
  type Fact,
  type FuzzyDate,
  type Location,
  type MilestonePhase,
  type MilestoneRecord,
  type MilestoneStatus,
  type MilestoneType,
  type Party,
  type ProjectKind,
  type ProjectStatus,
  type ReasonCode,
  type Source,
  type Stage,
} from '@kawasan/domain';
import type { HistoryEntry } from './historyEntry.js';

/** A milestone as known: everything the views show, folded from the entries in force. */
export interface MilestoneModel extends MilestoneRecord {
  readonly reschedules: readonly {
    target: FuzzyDate;
    reasonCode: ReasonCode;
    reason?: string;
    eventId: string;
  }[];
  readonly startedOn: FuzzyDate | null;
  readonly progress: { percent: number; asOf: FuzzyDate; verifiedBy?: string } | null;
  readonly cancelReason: string | null;
  readonly sources: readonly Source[];
}

export interface FactModel {
  readonly factId: string;
  readonly eventId: string;
  readonly fact: Fact;
  readonly sources: readonly Source[];
  readonly recordedAt: string;
}

export interface ConflictModel {
  readonly conflictId: string;
  readonly eventId: string;
  readonly field: string;
  readonly claims: readonly { value: string; source: string }[];
  readonly resolution: { resolution: string; value?: string } | null;
  readonly sources: readonly Source[];
}

export interface ProjectModel {
  readonly projectId: string;
  readonly name: string;
  readonly kind: ProjectKind;
  readonly location: Location;
  readonly timeZone: string;
  readonly sectors: readonly string[];
  readonly parties: readonly Party[];
  readonly status: ProjectStatus;
  readonly statusReason: string | null;
  readonly milestones: ReadonlyMap<string, MilestoneModel>;
  readonly facts: readonly FactModel[];
  readonly conflicts: readonly ConflictModel[];
  readonly sources: readonly Source[];
  /** Revision and position of the last entry known (retractions included). */
  readonly revision: bigint;
  readonly position: bigint;
  readonly lastEventAt: string;
  /** eventId → id of the retraction that took it out of force. */
  readonly retractedBy: ReadonlyMap<string, string>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const mergeSources = (a: readonly Source[], b: readonly Source[]): readonly Source[] => {
  if (b.length === 0) return a;
  const seen = new Set(a.map((s) => JSON.stringify(s)));
  return [...a, ...b.filter((s) => !seen.has(JSON.stringify(s)))];
};

function newMilestone(
  id: string,
  shape: {
    type: MilestoneType;
    title?: string | undefined;
    stage?: Stage | undefined;
    phase: MilestonePhase;
    scope: string;
  },
  status: MilestoneStatus,
): Mutable<MilestoneModel> {
  return {
    milestoneId: id,
    type: shape.type,
    title: shape.title,
    stage: shape.stage,
    phase: shape.phase,
    scope: shape.scope,
    status,
    baseline: null,
    target: null,
    achievedOn: null,
    reschedules: [],
    startedOn: null,
    progress: null,
    cancelReason: null,
    sources: [],
  };
}

/**
 * A project's fold, one entry at a time, so a live read model adds each new entry without
 * refolding the history. `retractedBy` names entries to skip: a retraction changes the past, so
 * it is handled by refolding with the full map (foldProject).
 */
export type ProjectFold = ReturnType<typeof createProjectFold>;

export function createProjectFold(
  /** eventId → retraction id; the model shares it, so a retraction recorded here shows at once. */
  retractedBy: Map<string, string> = new Map(),
  /** A model folded earlier (from a snapshot) to carry on from. */
  from: ProjectModel | null = null,
) {
  const milestones = new Map<string, Mutable<MilestoneModel>>(
    [...(from?.milestones.values() ?? [])].map((m) => [m.milestoneId, { ...m }]),
  );
  let project: Mutable<ProjectModel> | null = from && { ...from, milestones, retractedBy };
  const touch = (m: Mutable<MilestoneModel>, e: HistoryEntry) => {
    m.sources = mergeSources(m.sources, e.sources);
  };

  const add = (e: HistoryEntry): void => {
    if (project) {
      project.revision = e.revision;
      project.position = e.position;
      project.lastEventAt = e.recordedAt;
    }
    if (retractedBy.has(e.eventId)) return;
    const event = e.event;
    if (event.type === 'ProjectRegistered') {
      const d = event.data;
      project = {
        projectId: d.projectId,
        name: d.name,
        kind: d.kind,
        location: d.location,
        timeZone: d.timeZone,
        sectors: d.sectors,
        parties: d.parties,
        status: 'active',
        statusReason: null,
        milestones,
        facts: [],
        conflicts: [],
        sources: e.sources,
        revision: e.revision,
        position: e.position,
        lastEventAt: e.recordedAt,
        retractedBy,
      };
      return;
    }
    if (!project) return;
    project.sources = mergeSources(project.sources, e.sources);
    switch (event.type) {
      case 'ProjectDetailsRevised': {
        const d = event.data;
        if (d.name !== undefined) project.name = d.name;
        if (d.location !== undefined) project.location = d.location;
        if (d.timeZone !== undefined) project.timeZone = d.timeZone;
        if (d.sectors !== undefined) project.sectors = d.sectors;
        if (d.parties !== undefined) project.parties = d.parties;
        break;
      }
      case 'MilestonePlanned': {
        const d = event.data;
        if (milestones.has(d.milestoneId)) break;
        const m = newMilestone(d.milestoneId, d, 'planned');
        m.baseline = d.target;
        m.target = d.target;
        touch(m, e);
        milestones.set(d.milestoneId, m);
        break;
      }
      case 'MilestoneRescheduled': {
        const m = milestones.get(event.data.milestoneId);
        if (!m) break;
        const { target, reasonCode, reason } = event.data;
        m.target = target;
        m.reschedules = [
          ...m.reschedules,
          { target, reasonCode, ...(reason !== undefined && { reason }), eventId: e.eventId },
        ];
        touch(m, e);
        break;
      }
      case 'MilestoneStarted': {
        const m = milestones.get(event.data.milestoneId);
        if (!m) break;
        m.startedOn = event.data.on;
        if (m.status === 'planned') m.status = 'in_progress';
        touch(m, e);
        break;
      }
      case 'MilestoneAchieved': {
        const d = event.data;
        let m = milestones.get(d.milestoneId);
        if (!m) {
          if (d.type === undefined) break;
          m = newMilestone(
            d.milestoneId,
            {
              type: d.type,
              title: d.title,
              stage: d.stage,
              phase: d.phase ?? 'point',
              scope: d.scope ?? 'project',
            },
            'achieved',
          );
          milestones.set(d.milestoneId, m);
        }
        m.status = 'achieved';
        m.achievedOn = d.on;
        touch(m, e);
        break;
      }
      case 'MilestoneCancelled': {
        const m = milestones.get(event.data.milestoneId);
        if (!m) break;
        m.status = 'cancelled';
        m.cancelReason = event.data.reason;
        touch(m, e);
        break;
      }
      case 'ProgressReported': {
        const m = milestones.get(event.data.milestoneId);
        if (!m) break;
        const { percent, asOf, verifiedBy } = event.data;
        m.progress = { percent, asOf, ...(verifiedBy !== undefined && { verifiedBy }) };
        touch(m, e);
        break;
      }
      case 'FactStated':
        project.facts = [
          ...project.facts,
          {
            factId: event.data.factId,
            eventId: e.eventId,
            fact: event.data.fact,
            sources: e.sources,
            recordedAt: e.recordedAt,
          },
        ];
        break;
      case 'ProjectStatusChanged':
        project.status = event.data.to;
        project.statusReason = event.data.reason;
        break;
      case 'SourceConflictFlagged':
        project.conflicts = [
          ...project.conflicts,
          {
            conflictId: event.data.conflictId,
            eventId: e.eventId,
            field: event.data.field,
            claims: event.data.claims,
            resolution: null,
            sources: e.sources,
          },
        ];
        break;
      case 'SourceConflictResolved': {
        const { conflictId, resolution, value } = event.data;
        project.conflicts = project.conflicts.map((c) =>
          c.conflictId === conflictId
            ? { ...c, resolution: { resolution, ...(value !== undefined && { value }) } }
            : c,
        );
        break;
      }
      case 'EntryRetracted':
        break;
      default:
        assertNever(event);
    }
  };
  return { add, retractedBy, model: (): ProjectModel | null => project };
}

/** The fold of a whole history, ready to take further entries one at a time. */
export function projectFoldOf(entries: readonly HistoryEntry[]): ProjectFold {
  const retractedBy = new Map<string, string>();
  for (const e of entries)
    if (e.event.type === 'EntryRetracted' && !retractedBy.has(e.event.data.eventId))
      retractedBy.set(e.event.data.eventId, e.eventId);
  const fold = createProjectFold(retractedBy);
  for (const e of entries) fold.add(e);
  return fold;
}

/**
 * Folds a project's history into its model. Entries retracted by a retraction in the same
 * list are skipped, so a mistaken entry counts as if it had never been made.
 * Returns null when no ProjectRegistered is in force.
 */
export const foldProject = (entries: readonly HistoryEntry[]): ProjectModel | null =>
  projectFoldOf(entries).model();
