import {
  createProjectFold,
  foldProject,
  projectFoldOf,
  type ProjectFold,
  type ProjectModel,
} from './projectModel.js';
import { foldedKey } from './text.js';
import {
  toHistoryEntry,
  type DecodeOptions,
  type HistoryEntry,
  type LogEntry,
} from './historyEntry.js';

/**
 * Where a read model finds a project's past when it needs more than the fold: to refold after a
 * retraction, to answer "as known at", and for the auditors' history. A service reads it back
 * from the event store (memory stays proportional to projects, not events); tests and one-off
 * replays may keep it in memory.
 */
export interface HistorySource {
  /** The entries of a project's stream up to `upTo` (inclusive), in order. */
  load(projectId: string, upTo: bigint): Promise<HistoryEntry[]>;
  /** Called with every entry the model applies (a memory source keeps them). */
  record?(entry: HistoryEntry): void;
}

/** Keeps every entry in memory: for tests, the CLI's replay and small stores. */
export function memoryHistory(): HistorySource {
  const histories = new Map<string, HistoryEntry[]>();
  return {
    load: (projectId, upTo) =>
      Promise.resolve((histories.get(projectId) ?? []).filter((e) => e.position <= upTo)),
    record(entry) {
      const list = histories.get(entry.projectId);
      if (list) list.push(entry);
      else histories.set(entry.projectId, [entry]);
    },
  };
}

/** What a snapshot keeps of one project: its fold and what the model knows around it. */
export interface ProjectRecord extends ProjectFacts {
  readonly model: ProjectModel | null;
}

/** What the model knows around a project's fold. */
interface ProjectFacts {
  readonly projectId: string;
  /** Position of the last entry applied to this project. */
  readonly position: bigint;
  readonly events: number;
  /** Earliest and latest recordedAt of its entries, to answer "as known at" without the log. */
  readonly firstRecordedAt: string;
  readonly lastRecordedAt: string;
  /** A retraction is not folded in yet: refold from the history after restoring. */
  readonly stale: boolean;
}

/**
 * A project as a snapshot's index lists it, without its fold: enough to count it, list it by
 * province and know what it has seen; the fold is loaded when something needs it.
 */
export interface StoredProject extends ProjectFacts {
  /** The province of its model; null when it has none (its registration retracted). */
  readonly province: string | null;
}

export const storedProjectOf = ({ model, ...facts }: ProjectRecord): StoredProject => ({
  ...facts,
  province: model?.location.province ?? null,
});

/** A retraction read ahead of the entries it takes out of force (see expectRetractions). */
export interface ComingRetraction {
  readonly projectId: string;
  /** The entry retracted. */
  readonly eventId: string;
  /** The retraction's own id. */
  readonly by: string;
}

/** Reads a stored project's model back (a snapshot's), synchronously: the fold is needed now. */
export type ModelLoader = (projectId: string) => ProjectModel | null;

interface Tracked {
  /** Null while the fold is only in the snapshot (restored, not needed yet). */
  fold: ProjectFold | null;
  hasModel: boolean;
  position: bigint;
  events: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
  /** The province as last indexed, and its folded key (null: not indexed). */
  province: string | null;
  provinceKey: string | null;
}

/**
 * The in-memory read model: every project's current fold. Views that depend on "now" are
 * computed at query time; "as known at" and histories come from the HistorySource.
 */
export interface ReadModel {
  /** Applies one logged event; returns the project id it changed (null for repeats and foreign streams). */
  apply(entry: LogEntry): string | null;
  /** Refolds the projects a retraction changed since the last call; returns their ids. */
  settle(): Promise<string[]>;
  /**
   * Retractions further on in the log, known before their entries are applied (a catch-up from
   * zero reads them first): each entry they take out of force is left out as it is applied,
   * instead of being folded in and its project refolded from the store when the retraction
   * comes. The folds end up as they would by applying everything and settling. Replaces any
   * earlier list; in log order, the first retraction of an entry is the one that counts.
   */
  expectRetractions(retractions: Iterable<ComingRetraction>): void;
  readonly position: bigint;
  readonly eventCount: number;
  readonly projectCount: number;
  /** Current models; with a province, only that province's (an index, not a scan). */
  projects(province?: string): Iterable<ProjectModel>;
  project(projectId: string): ProjectModel | null;
  /** The models as known at an instant (ISO): only entries recorded by then count. */
  projectsKnownAt(knownAt: string): Promise<ProjectModel[]>;
  projectKnownAt(projectId: string, knownAt: string): Promise<ProjectModel | null>;
  history(projectId: string): Promise<readonly HistoryEntry[] | null>;
  /** Every project's record. */
  records(): Iterable<ProjectRecord>;
  /** One project's record (null: unknown), for snapshots. */
  record(projectId: string): ProjectRecord | null;
  /** The projects changed since the last call (or since the start): what a snapshot must write. */
  takeChanged(): Set<string>;
  /** Marks projects changed again (a snapshot that failed to write them). */
  markChanged(projectIds: Iterable<string>): void;
  /**
   * Starts from a snapshot: the projects it lists and the position they were all folded up to
   * at least. Folds are not read here: each is loaded the first time something needs it, so a
   * restart is ready in the time it takes to read the list.
   */
  restore(position: bigint, projects: Iterable<StoredProject>, load: ModelLoader): void;
  /** Restored projects whose folds are not loaded yet. */
  readonly coldCount: number;
  /** Loads up to `count` cold folds (a background warm-up); returns how many remain. */
  warm(count: number): number;
  /**
   * Grows whenever a project of the province (of any, without one) changes or joins or leaves
   * it: what was computed from those projects at an equal count is still right (time aside).
   */
  changeCount(province?: string): number;
}

export function createReadModel(
  source: HistorySource = memoryHistory(),
  /** How applied entries are decoded (a service trusts its own store: see DecodeOptions). */
  decode: DecodeOptions = {},
): ReadModel {
  /** Every project seen, in the order first seen (the order of `projects()`). */
  const tracked = new Map<string, Tracked>();
  let withModel = 0;
  /** Projects whose past a retraction changed, refolded by settle(). */
  const stale = new Set<string>();
  /** Restored projects whose fold is still only in the snapshot. */
  const cold = new Set<string>();
  /** Retracted entry id → its coming retraction (expectRetractions). */
  let coming = new Map<string, ComingRetraction>();
  let load: ModelLoader = () => null;
  /** Projects changed since takeChanged() was last called. */
  let changedSinceTaken = new Set<string>();
  /** Folded province → project ids (each project's own province is on its Tracked). */
  const byProvince = new Map<string, Set<string>>();
  /** Changes per folded province, and in all (see changeCount). */
  const changes = new Map<string, number>();
  let allChanges = 0;
  let position = 0n;
  let eventCount = 0;

  const changed = (key: string | null) => {
    if (key !== null) changes.set(key, (changes.get(key) ?? 0) + 1);
  };
  const index = (projectId: string, t: Tracked, province: string | null) => {
    allChanges++;
    changed(t.provinceKey);
    if (t.province === province) return;
    if (t.provinceKey !== null) byProvince.get(t.provinceKey)?.delete(projectId);
    const key = province === null ? null : foldedKey(province);
    t.province = province;
    t.provinceKey = key;
    if (key === null) return;
    changed(key);
    const ids = byProvince.get(key);
    if (ids) ids.add(projectId);
    else byProvince.set(key, new Set([projectId]));
  };
  const setHasModel = (t: Tracked, has: boolean) => {
    if (t.hasModel !== has) withModel += has ? 1 : -1;
    t.hasModel = has;
  };
  const publish = (projectId: string, t: Tracked) => {
    const model = t.fold!.model();
    setHasModel(t, model !== null);
    index(projectId, t, model?.location.province ?? null);
    changedSinceTaken.add(projectId);
  };
  /** The project's fold, loaded from the snapshot the first time it is needed. */
  const foldOf = (projectId: string, t: Tracked): ProjectFold => {
    if (t.fold) return t.fold;
    const model = load(projectId);
    if (!model) throw new Error(`the snapshot has no fold for project ${projectId}`);
    t.fold = createProjectFold(new Map(model.retractedBy), model);
    cold.delete(projectId);
    return t.fold;
  };
  const modelOf = (projectId: string): ProjectModel | null => {
    const t = tracked.get(projectId);
    return t?.hasModel ? foldOf(projectId, t).model() : null;
  };

  const knownBy = async (projectId: string, knownAt: string): Promise<ProjectModel | null> => {
    const t = tracked.get(projectId);
    if (!t) return null;
    const at = Date.parse(knownAt);
    // Everything recorded by then: the current fold is the answer; nothing yet: no project.
    if (Date.parse(t.lastRecordedAt) <= at && !stale.has(projectId))
      return foldOf(projectId, t).model();
    if (Date.parse(t.firstRecordedAt) > at) return null;
    const entries = await source.load(projectId, position);
    return foldProject(entries.filter((e) => Date.parse(e.recordedAt) <= at));
  };

  return {
    apply(logged) {
      // At-least-once delivery: an event at or below the position already folded is a repeat.
      if (logged.position <= position) return null;
      position = logged.position;
      const entry = toHistoryEntry(logged, decode);
      if (!entry) return null;
      let t = tracked.get(entry.projectId);
      // A snapshot may hold a project folded past the snapshot's position: skip what it has.
      if (t && entry.position <= t.position) return null;
      source.record?.(entry);
      eventCount++;
      if (!t) {
        t = {
          fold: createProjectFold(),
          hasModel: false,
          position: 0n,
          events: 0,
          firstRecordedAt: entry.recordedAt,
          lastRecordedAt: entry.recordedAt,
          province: null,
          provinceKey: null,
        };
        tracked.set(entry.projectId, t);
      }
      const fold = foldOf(entry.projectId, t);
      const retraction = coming.size > 0 ? coming.get(entry.eventId) : undefined;
      // A retraction in another project's stream takes nothing out of force (as in a refold).
      if (retraction !== undefined && retraction.projectId === entry.projectId) {
        coming.delete(entry.eventId);
        fold.retract(entry.eventId, retraction.by);
      }
      t.position = entry.position;
      t.events++;
      if (entry.recordedAt < t.firstRecordedAt) t.firstRecordedAt = entry.recordedAt;
      if (entry.recordedAt > t.lastRecordedAt) t.lastRecordedAt = entry.recordedAt;
      const event = entry.event;
      if (event.type === 'EntryRetracted') {
        // Applied now: nothing later may take the entry out on its behalf.
        if (coming.get(event.data.eventId)?.by === entry.eventId) coming.delete(event.data.eventId);
        const by = fold.retractedBy.get(event.data.eventId);
        if (by === undefined) {
          // A retraction changes the past: the project is refolded from its history (settle).
          fold.retract(event.data.eventId, entry.eventId);
          stale.add(entry.projectId);
        } else if (by === entry.eventId) {
          // Read ahead, the entry was taken out already; recorded again so the retractions are
          // listed in the order of the log, as a refold lists them.
          fold.retract(event.data.eventId, by);
        }
      }
      fold.add(entry);
      publish(entry.projectId, t);
      return entry.projectId;
    },
    async settle() {
      const ids = [...stale];
      for (const projectId of ids) {
        const t = tracked.get(projectId)!;
        const upTo = t.position;
        const fold = projectFoldOf(await source.load(projectId, upTo));
        // Entries applied while the history was being read are folded on top.
        if (t.position !== upTo) {
          const later = await source.load(projectId, t.position);
          for (const e of later) if (e.position > upTo) fold.add(e);
        }
        t.fold = fold;
        cold.delete(projectId);
        stale.delete(projectId);
        publish(projectId, t);
      }
      return ids;
    },
    expectRetractions(retractions) {
      coming = new Map();
      for (const r of retractions) if (!coming.has(r.eventId)) coming.set(r.eventId, r);
    },
    get position() {
      return position;
    },
    get eventCount() {
      return eventCount;
    },
    get projectCount() {
      return withModel;
    },
    *projects(province) {
      const ids = province === undefined ? tracked.keys() : byProvince.get(foldedKey(province));
      for (const id of ids ?? []) {
        const model = modelOf(id);
        if (model) yield model;
      }
    },
    project: modelOf,
    async projectsKnownAt(knownAt) {
      const models: ProjectModel[] = [];
      for (const projectId of tracked.keys()) {
        const model = await knownBy(projectId, knownAt);
        if (model) models.push(model);
      }
      return models;
    },
    projectKnownAt: knownBy,
    async history(projectId) {
      return tracked.has(projectId) ? source.load(projectId, position) : null;
    },
    record(projectId) {
      const t = tracked.get(projectId);
      if (!t) return null;
      return {
        projectId,
        model: t.hasModel ? foldOf(projectId, t).model() : null,
        position: t.position,
        events: t.events,
        firstRecordedAt: t.firstRecordedAt,
        lastRecordedAt: t.lastRecordedAt,
        stale: stale.has(projectId),
      };
    },
    *records() {
      for (const projectId of tracked.keys()) yield this.record(projectId)!;
    },
    takeChanged() {
      const taken = changedSinceTaken;
      changedSinceTaken = new Set();
      return taken;
    },
    markChanged(projectIds) {
      for (const projectId of projectIds) changedSinceTaken.add(projectId);
    },
    restore(at, projects, loader) {
      load = loader;
      for (const p of projects) {
        const before = tracked.get(p.projectId);
        const t: Tracked = {
          fold: null,
          hasModel: before?.hasModel ?? false,
          position: p.position,
          events: p.events,
          firstRecordedAt: p.firstRecordedAt,
          lastRecordedAt: p.lastRecordedAt,
          province: before?.province ?? null,
          provinceKey: before?.provinceKey ?? null,
        };
        tracked.set(p.projectId, t);
        eventCount += p.events;
        setHasModel(t, p.province !== null);
        index(p.projectId, t, p.province);
        // Without a model (its registration retracted) the retractions are unknown: refold.
        if (p.province === null) t.fold = createProjectFold();
        else cold.add(p.projectId);
        if (p.province === null || p.stale) stale.add(p.projectId);
      }
      if (at > position) position = at;
    },
    get coldCount() {
      return cold.size;
    },
    warm(count) {
      for (const projectId of cold) {
        if (count-- <= 0) break;
        foldOf(projectId, tracked.get(projectId)!);
      }
      return cold.size;
    },
    changeCount: (province) =>
      province === undefined ? allChanges : (changes.get(foldedKey(province)) ?? 0),
  };
}
