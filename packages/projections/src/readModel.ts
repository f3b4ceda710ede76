import { foldProject, projectFoldOf, type ProjectFold, type ProjectModel } from './projectModel.js';
import { toHistoryEntry, type HistoryEntry, type LogEntry } from './historyEntry.js';

/**
 * The in-memory read model: every project's full history and its current fold. Views that
 * depend on "now" are computed at query time; `knownAt` folds the history recorded up to it.
 */
export interface ReadModel {
  /** Applies one logged event; returns the project id it changed (null for foreign streams). */
  apply(entry: LogEntry): string | null;
  readonly position: bigint;
  /** Current models, or the models as known at an instant (ISO). */
  projects(knownAt?: string): Iterable<ProjectModel>;
  project(projectId: string, knownAt?: string): ProjectModel | null;
  history(projectId: string): readonly HistoryEntry[] | null;
  /** All histories, for snapshots. */
  histories(): Iterable<readonly HistoryEntry[]>;
  readonly eventCount: number;
}

const knownBy = (entries: readonly HistoryEntry[], knownAt: string): HistoryEntry[] => {
  const at = Date.parse(knownAt);
  return entries.filter((e) => Date.parse(e.recordedAt) <= at);
};

export function createReadModel(): ReadModel {
  const histories = new Map<string, HistoryEntry[]>();
  const current = new Map<string, ProjectModel>();
  const folds = new Map<string, ProjectFold>();
  let position = 0n;
  let eventCount = 0;

  const publish = (projectId: string, model: ProjectModel | null) => {
    if (model) current.set(projectId, model);
    else current.delete(projectId);
  };
  /** A retraction changes the past: refold the project's history with it in force. */
  const refold = (projectId: string) => {
    const fold = projectFoldOf(histories.get(projectId) ?? []);
    folds.set(projectId, fold);
    publish(projectId, fold.model());
  };

  const atInstant = (projectId: string, knownAt: string): ProjectModel | null => {
    const entries = histories.get(projectId);
    return entries ? foldProject(knownBy(entries, knownAt)) : null;
  };

  return {
    apply(logged) {
      // At-least-once delivery: an event at or below the position already folded is a repeat.
      if (logged.position <= position) return null;
      position = logged.position;
      const entry = toHistoryEntry(logged);
      if (!entry) return null;
      let list = histories.get(entry.projectId);
      if (!list) histories.set(entry.projectId, (list = []));
      list.push(entry);
      eventCount++;
      // New entries fold incrementally; only a retraction refolds the project's history.
      const fold = folds.get(entry.projectId);
      if (entry.event.type === 'EntryRetracted' || !fold) refold(entry.projectId);
      else {
        fold.add(entry);
        publish(entry.projectId, fold.model());
      }
      return entry.projectId;
    },
    get position() {
      return position;
    },
    get eventCount() {
      return eventCount;
    },
    *projects(knownAt) {
      if (knownAt === undefined) {
        yield* current.values();
        return;
      }
      for (const id of histories.keys()) {
        const model = atInstant(id, knownAt);
        if (model) yield model;
      }
    },
    project(projectId, knownAt) {
      return knownAt === undefined
        ? (current.get(projectId) ?? null)
        : atInstant(projectId, knownAt);
    },
    history: (projectId) => histories.get(projectId) ?? null,
    histories: () => histories.values(),
  };
}
