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
import {
  entrySources,
  internDate,
  internFact,
  internString,
  internValue,
  mergeSources,
} from './interning.js';

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

const NO_RESCHEDULES: MilestoneModel['reschedules'] = Object.freeze([]);
const NO_SOURCES: readonly Source[] = Object.freeze([]);

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
    // Not shared: ids are unique, and the Map's key is this very string.
    milestoneId: id,
    type: internString(shape.type),
    title: internString(shape.title),
    stage: internString(shape.stage),
    phase: internString(shape.phase),
    scope: internString(shape.scope),
    status,
    baseline: null,
    target: null,
    achievedOn: null,
    // Shared empty lists (folds replace lists, never push to them): 684k milestones at scale.
    reschedules: NO_RESCHEDULES,
    startedOn: null,
    progress: null,
    cancelReason: null,
    sources: NO_SOURCES,
  };
}

/** A model folded elsewhere (a snapshot line) with its repeated values shared, as a fold shares them. */
function sharedModel(
  from: ProjectModel,
  milestones: Map<string, Mutable<MilestoneModel>>,
  retractedBy: Map<string, string>,
): Mutable<ProjectModel> {
  // A source cited by several entries is one object in a fold: one again after the snapshot.
  const cited = new Map<string, Source>();
  const share = (list: readonly Source[]) =>
    entrySources(list).map((s) => {
      const key = JSON.stringify(s);
      const known = cited.get(key);
      if (known) return known;
      cited.set(key, s);
      return s;
    });
  for (const m of from.milestones.values()) {
    // Filled in place, not spread: a milestone built by spreading two objects took about 460
    // bytes more than the literal a fold builds (at 684k milestones, nearly a third of the heap).
    const copy = newMilestone(m.milestoneId, m, m.status);
    copy.baseline = internDate(m.baseline);
    copy.target = internDate(m.target);
    copy.achievedOn = internDate(m.achievedOn);
    copy.reschedules = m.reschedules.map((r) => ({
      target: internDate(r.target),
      reasonCode: internString(r.reasonCode),
      ...(r.reason !== undefined && { reason: internString(r.reason) }),
      eventId: r.eventId,
    }));
    copy.startedOn = internDate(m.startedOn);
    copy.progress = m.progress && {
      percent: m.progress.percent,
      asOf: internDate(m.progress.asOf),
      ...(m.progress.verifiedBy !== undefined && {
        verifiedBy: internString(m.progress.verifiedBy),
      }),
    };
    copy.cancelReason = m.cancelReason === null ? null : internString(m.cancelReason);
    copy.sources = share(m.sources);
    milestones.set(copy.milestoneId, copy);
  }
  return {
    ...from,
    kind: internString(from.kind),
    location: internValue(from.location),
    timeZone: internString(from.timeZone),
    sectors: internValue(from.sectors),
    parties: internValue(from.parties),
    status: internString(from.status),
    facts: from.facts.map((f) => ({
      ...f,
      fact: internFact(f.fact),
      sources: share(f.sources),
    })),
    conflicts: from.conflicts.map((c) => ({
      ...c,
      field: internString(c.field),
      claims: internValue(c.claims),
      sources: share(c.sources),
    })),
    sources: share(from.sources),
    milestones,
    retractedBy,
  };
}

/** The retractions of a project without any: never written to (ProjectFold.retract replaces it). */
const NONE_RETRACTED: Map<string, string> = new Map();

/**
 * A project's fold, one entry at a time, so a live read model adds each new entry without
 * refolding the history. `retractedBy` names entries to skip: a retraction changes the past, so
 * it is handled by refolding with the full map (foldProject).
 *
 * A class, not closures: at 100k projects every per-fold function object counts. Repeated
 * values (zones, types, fuzzy dates, sources) are kept as shared copies (interning.ts).
 */
export class ProjectFold {
  readonly #milestones = new Map<string, Mutable<MilestoneModel>>();
  #project: Mutable<ProjectModel> | null;
  #retractedBy: Map<string, string>;

  constructor(
    /** eventId → retraction id; the model shares it, so a retraction recorded here shows at once. */
    retractedBy: Map<string, string> = NONE_RETRACTED,
    /** A model folded earlier (from a snapshot) to carry on from. */
    from: ProjectModel | null = null,
  ) {
    this.#retractedBy = retractedBy.size === 0 ? NONE_RETRACTED : retractedBy;
    this.#project = from && sharedModel(from, this.#milestones, this.#retractedBy);
  }

  get retractedBy(): ReadonlyMap<string, string> {
    return this.#retractedBy;
  }

  /**
   * Takes `eventId` out of force from now on (refolding is the caller's business). It goes to
   * the end of the list even when already in it.
   */
  retract(eventId: string, by: string): void {
    // Most projects never see a retraction: they share one empty map until they do.
    if (this.#retractedBy === NONE_RETRACTED) {
      this.#retractedBy = new Map();
      if (this.#project) this.#project.retractedBy = this.#retractedBy;
    }
    this.#retractedBy.delete(eventId);
    this.#retractedBy.set(eventId, by);
  }

  model(): ProjectModel | null {
    return this.#project;
  }

  add(e: HistoryEntry): void {
    const project = this.#project;
    if (project) {
      project.revision = e.revision;
      project.position = e.position;
      project.lastEventAt = e.recordedAt;
    }
    if (this.#retractedBy.has(e.eventId)) return;
    const event = e.event;
    const sources = entrySources(e.sources);
    const milestones = this.#milestones;
    if (event.type === 'ProjectRegistered') {
      const d = event.data;
      this.#project = {
        projectId: d.projectId,
        name: d.name,
        kind: internString(d.kind),
        location: internValue(d.location),
        timeZone: internString(d.timeZone),
        sectors: internValue(d.sectors),
        parties: internValue(d.parties),
        status: 'active',
        statusReason: null,
        milestones,
        facts: [],
        conflicts: [],
        sources,
        revision: e.revision,
        position: e.position,
        lastEventAt: e.recordedAt,
        retractedBy: this.#retractedBy,
      };
      return;
    }
    if (!project) return;
    project.sources = mergeSources(project.sources, sources);
    switch (event.type) {
      case 'ProjectDetailsRevised': {
        const d = event.data;
        if (d.name !== undefined) project.name = d.name;
        if (d.location !== undefined) project.location = internValue(d.location);
        if (d.timeZone !== undefined) project.timeZone = internString(d.timeZone);
        if (d.sectors !== undefined) project.sectors = internValue(d.sectors);
        if (d.parties !== undefined) project.parties = internValue(d.parties);
        break;
      }
      case 'MilestonePlanned': {
        const d = event.data;
        if (milestones.has(d.milestoneId)) break;
        const m = newMilestone(d.milestoneId, d, 'planned');
        m.baseline = internDate(d.target);
        m.target = m.baseline;
        m.sources = sources;
        milestones.set(m.milestoneId, m);
        break;
      }
      case 'MilestoneRescheduled': {
        const m = milestones.get(event.data.milestoneId);
        if (!m) break;
        const { reasonCode, reason } = event.data;
        const target = internDate(event.data.target);
        m.target = target;
        // concat, not spread: a spread array keeps ~140 spare bytes, times 100k projects.
        m.reschedules = m.reschedules.concat({
          target,
          reasonCode: internString(reasonCode),
          ...(reason !== undefined && { reason: internString(reason) }),
          eventId: e.eventId,
        });
        m.sources = mergeSources(m.sources, sources);
        break;
      }
      case 'MilestoneStarted': {
        const m = milestones.get(event.data.milestoneId);
        if (!m) break;
        m.startedOn = internDate(event.data.on);
        if (m.status === 'planned') m.status = 'in_progress';
        m.sources = mergeSources(m.sources, sources);
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
          milestones.set(m.milestoneId, m);
        }
        m.status = 'achieved';
        m.achievedOn = internDate(d.on);
        m.sources = mergeSources(m.sources, sources);
        break;
      }
      case 'MilestoneCancelled': {
        const m = milestones.get(event.data.milestoneId);
        if (!m) break;
        m.status = 'cancelled';
        m.cancelReason = internString(event.data.reason);
        m.sources = mergeSources(m.sources, sources);
        break;
      }
      case 'ProgressReported': {
        const m = milestones.get(event.data.milestoneId);
        if (!m) break;
        const { percent, verifiedBy } = event.data;
        m.progress = {
          percent,
          asOf: internDate(event.data.asOf),
          ...(verifiedBy !== undefined && { verifiedBy: internString(verifiedBy) }),
        };
        m.sources = mergeSources(m.sources, sources);
        break;
      }
      case 'FactStated':
        project.facts = project.facts.concat({
          factId: event.data.factId,
          eventId: e.eventId,
          fact: internFact(event.data.fact),
          sources,
          recordedAt: e.recordedAt,
        });
        break;
      case 'ProjectStatusChanged':
        project.status = internString(event.data.to);
        project.statusReason = internString(event.data.reason);
        break;
      case 'SourceConflictFlagged':
        project.conflicts = project.conflicts.concat({
          conflictId: event.data.conflictId,
          eventId: e.eventId,
          field: internString(event.data.field),
          claims: internValue(event.data.claims),
          resolution: null,
          sources,
        });
        break;
      case 'SourceConflictResolved': {
        const { conflictId, resolution, value } = event.data;
        project.conflicts = project.conflicts.map((c) =>
          c.conflictId === conflictId
            ? {
                ...c,
                resolution: {
                  resolution: internString(resolution),
                  ...(value !== undefined && { value: internString(value) }),
                },
              }
            : c,
        );
        break;
      }
      case 'EntryRetracted':
        break;
      default:
        assertNever(event);
    }
  }
}

/** A fold to add entries to: empty, or carrying on from a model folded earlier. */
export const createProjectFold = (
  retractedBy: Map<string, string> = NONE_RETRACTED,
  from: ProjectModel | null = null,
): ProjectFold => new ProjectFold(retractedBy, from);

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
