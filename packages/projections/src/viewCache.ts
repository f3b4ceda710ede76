import { nextTimeChange } from '@kawasan/domain';
import type { DateTime } from 'luxon';
import type { ProjectModel } from './projectModel.js';
import { projectRow, type ProjectRow } from './projectRow.js';
import { projectView, type ProjectView } from './views.js';

/**
 * A view as kept: its JSON only (a view's objects take more room than its text), encoded once as
 * UTF-8, so each read sends the bytes as they are instead of encoding and measuring 10 kB again,
 * and they sit outside the V8 heap the collector walks.
 */
export class KeptView {
  constructor(
    readonly body: Buffer,
    /** The fold it was computed from: a refold (after a retraction) is another object. */
    readonly model: ProjectModel,
    /** The model's position when computed: any new entry changes it. */
    readonly position: bigint,
    /** The view holds for asOf in [from, until): nothing time-driven changes in between. */
    readonly from: number,
    readonly until: number,
  ) {}

  get json(): string {
    return this.body.toString();
  }

  /** The view's objects, parsed again from the JSON (only the timeline route asks). */
  get view(): ProjectView {
    return JSON.parse(this.json) as ProjectView;
  }
}

/** A row as kept: with its validity, in one object per project. */
interface KeptRow {
  readonly row: ProjectRow;
  readonly model: ProjectModel;
  readonly position: bigint;
  readonly from: number;
  readonly until: number;
}

/**
 * Same fold, same position, within the time range. The position alone is not enough: a
 * retraction moves it at once but is folded in later (settle reads the project's history), and
 * the refold that then replaces the model keeps that position.
 */
const holds = (
  kept: { model: ProjectModel; position: bigint; from: number; until: number },
  model: ProjectModel,
  at: number,
) => kept.model === model && kept.position === model.position && kept.from <= at && at < kept.until;

const untilOf = (model: ProjectModel, asOf: DateTime) =>
  nextTimeChange(
    {
      status: model.status,
      milestones: [...model.milestones.values()],
      lastEventAt: model.lastEventAt || null,
    },
    asOf,
  );

/**
 * Views kept between reads. A view changes only with a new entry (the model's position) or when
 * time crosses a due or stalled boundary (nextTimeChange), so a read at "now" mostly finds the
 * view already built and serialised. Full views are bounded by count and by the size of their
 * JSON (least recently used go first); list rows are small and kept for every project.
 */
export class ViewCache {
  readonly #views = new Map<string, KeptView>();
  readonly #rows = new Map<string, KeptRow>();
  #bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly capacity = 10_000,
    /**
     * Bytes of JSON kept at most. A view averages about 11 kB at 100k projects (a busy project's
     * is tens of kilobytes): 96 MiB keep about 8k of a typical mix, where 32 MiB kept under 3k
     * and a dashboard cycling through 5k projects missed 97% of the time.
     */
    readonly maxBytes = 96 * 1024 * 1024,
  ) {}

  /** The project's view at asOf, with its JSON (what GET /projects/{id} sends). */
  view(model: ProjectModel, asOf: DateTime): KeptView {
    const at = asOf.toMillis();
    const kept = this.#views.get(model.projectId);
    if (kept && holds(kept, model, at)) {
      this.hits++;
      // Least recently used first out: a hit moves to the back.
      this.#views.delete(model.projectId);
      this.#views.set(model.projectId, kept);
      return kept;
    }
    this.misses++;
    if (kept) this.#drop(model.projectId, kept);
    const view = projectView(model, asOf);
    const body = Buffer.from(JSON.stringify(view));
    const fresh = new KeptView(body, model, model.position, at, untilOf(model, asOf));
    this.#views.set(model.projectId, fresh);
    this.#bytes += body.length;
    while (this.#views.size > this.capacity || this.#bytes > this.maxBytes) {
      const [oldestId, oldest] = this.#views.entries().next().value!;
      this.#drop(oldestId, oldest);
    }
    return fresh;
  }

  /** The project's list row at asOf, and until when it holds (see nextTimeChange). */
  keptRow(model: ProjectModel, asOf: DateTime): KeptRow {
    const at = asOf.toMillis();
    const kept = this.#rows.get(model.projectId);
    if (kept && holds(kept, model, at)) return kept;
    const fresh = {
      row: projectRow(model, asOf),
      model,
      position: model.position,
      from: at,
      until: untilOf(model, asOf),
    };
    this.#rows.set(model.projectId, fresh);
    return fresh;
  }

  /** The project's list row at asOf. */
  row(model: ProjectModel, asOf: DateTime): ProjectRow {
    return this.keptRow(model, asOf).row;
  }

  /** Forgets projects no longer known (a refold that removed a registration). */
  forget(projectId: string): void {
    const kept = this.#views.get(projectId);
    if (kept) this.#drop(projectId, kept);
    this.#rows.delete(projectId);
  }

  #drop(projectId: string, kept: KeptView): void {
    this.#views.delete(projectId);
    this.#bytes -= kept.body.length;
  }
}
