import { nextTimeChange } from '@kawasan/domain';
import type { DateTime } from 'luxon';
import type { ProjectModel } from './projectModel.js';
import { rowOfView, type ProjectRow } from './projectRow.js';
import { projectView, type ProjectView } from './views.js';

interface Kept<T> {
  /** The model's position when computed: any new entry changes it. */
  readonly position: bigint;
  /** The view holds for asOf in [from, until): nothing time-driven changes in between. */
  readonly from: number;
  readonly until: number;
  readonly value: T;
}

const holds = <T>(kept: Kept<T> | undefined, model: ProjectModel, at: number): kept is Kept<T> =>
  kept !== undefined && kept.position === model.position && kept.from <= at && at < kept.until;

/**
 * Views kept between reads. A view changes only with a new entry (the model's position) or when
 * time crosses a due or stalled boundary (nextTimeChange), so a read at "now" mostly finds the
 * view already built and serialised. Full views are bounded (least recently used go first);
 * list rows are small and kept for every project.
 */
export class ViewCache {
  readonly #views = new Map<string, Kept<{ view: ProjectView; json: string }>>();
  readonly #rows = new Map<string, Kept<ProjectRow>>();
  hits = 0;
  misses = 0;

  constructor(readonly capacity = 10_000) {}

  #build(model: ProjectModel, asOf: DateTime) {
    const view = projectView(model, asOf);
    const records = [...model.milestones.values()];
    const until = nextTimeChange(
      { status: model.status, milestones: records, lastEventAt: model.lastEventAt || null },
      asOf,
    );
    return { view, kept: { position: model.position, from: asOf.toMillis(), until } };
  }

  /** The project's view at asOf, with its JSON (what GET /projects/{id} sends). */
  view(model: ProjectModel, asOf: DateTime): { view: ProjectView; json: string } {
    const at = asOf.toMillis();
    const kept = this.#views.get(model.projectId);
    if (holds(kept, model, at)) {
      this.hits++;
      // Least recently used first out: a hit moves to the back.
      this.#views.delete(model.projectId);
      this.#views.set(model.projectId, kept);
      return kept.value;
    }
    this.misses++;
    const { view, kept: validity } = this.#build(model, asOf);
    const value = { view, json: JSON.stringify(view) };
    this.#views.delete(model.projectId);
    this.#views.set(model.projectId, { ...validity, value });
    if (this.#views.size > this.capacity) this.#views.delete(this.#views.keys().next().value!);
    this.#rows.set(model.projectId, { ...validity, value: rowOfView(view) });
    return value;
  }

  /** The project's list row at asOf. */
  row(model: ProjectModel, asOf: DateTime): ProjectRow {
    const at = asOf.toMillis();
    const kept = this.#rows.get(model.projectId);
    if (holds(kept, model, at)) return kept.value;
    const { view, kept: validity } = this.#build(model, asOf);
    const row = rowOfView(view);
    this.#rows.set(model.projectId, { ...validity, value: row });
    return row;
  }

  /** Forgets projects no longer known (a refold that removed a registration). */
  forget(projectId: string): void {
    this.#views.delete(projectId);
    this.#rows.delete(projectId);
  }
}
