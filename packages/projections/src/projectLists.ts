import { healthStates, type Health } from '@kawasan/domain';
import type { DateTime } from 'luxon';
import type { ProjectRow } from './projectRow.js';
import {
  comparators,
  encodeCursor,
  firstInOrder,
  matcher,
  type ProjectFilter,
  type ProjectSort,
} from './queries.js';
import type { ReadModel } from './readModel.js';
import { byName, foldedKey } from './text.js';
import type { ViewCache } from './viewCache.js';
import type { ProjectSummary } from './views.js';

/** The rows of a province (or of all projects) in name order, and while that stays right. */
interface NameOrder {
  /** The read model's changeCount for these projects when the rows were gathered. */
  readonly changeCount: number;
  /** Every row holds for asOf in [from, until). */
  readonly from: number;
  readonly until: number;
  readonly rows: readonly ProjectRow[];
  /** Rows with names that compare equal share a group number (for `-name`). */
  groups?: Int32Array;
  /** The rows per health, for lists filtered by province only. */
  counts?: Record<Health, number>;
  /** Indices of the rows of each health, in name order. */
  byHealth?: Record<Health, number[]>;
}

/** The order every list falls back on: by name, then by id (listProjects' tie-breakers). */
const byNameThenId = (a: ProjectRow, b: ProjectRow) =>
  byName(a.name, b.name) || byName(a.projectId, b.projectId);

export interface ProjectPage {
  items: ProjectSummary[];
  nextCursor: string | null;
  total: number;
  counts: Record<Health, number>;
}

/**
 * Lists of current projects, as listProjects makes them, without sorting or rebuilding rows per
 * request: each province's rows are kept in name order until one of its projects changes or
 * time reaches a row's next change, and a project change re-sorts only when a name or the
 * membership changed. A request then filters in one pass, in name order, so sorting by name
 * needs no comparisons at all and other sorts break ties by position in that order.
 */
export class ProjectLists {
  readonly #orders = new Map<string | null, NameOrder>();

  constructor(
    private readonly model: ReadModel,
    private readonly views: ViewCache,
  ) {}

  list(options: {
    filter: ProjectFilter;
    sort: ProjectSort;
    limit: number;
    offset: number;
    asOf: DateTime;
  }): ProjectPage {
    const { filter, sort, limit, offset } = options;
    const order = this.#nameOrder(filter.province, options.asOf);
    const rows = order.rows;
    // The rows that can match, as indices in name order: those of the health asked for (kept
    // per health), or all. Past the province and health, a filter is checked row by row.
    const candidates =
      filter.health === undefined ? null : (order.byHealth ??= healthIndex(rows))[filter.health];
    const n = candidates ? candidates.length : rows.length;
    const rowAt = candidates ? (j: number) => candidates[j]! : (j: number) => j;
    const checked =
      filter.kind !== undefined ||
      filter.stage !== undefined ||
      filter.sector !== undefined ||
      filter.q !== undefined;
    const matches = checked ? matcher(filter) : null;
    let counts = zeroCounts();
    let total = 0;
    let page: number[] = [];
    if (!matches) {
      // Every candidate matches: the total and counts are known without a pass.
      total = n;
      if (filter.health !== undefined) counts[filter.health] = n;
      else counts = order.counts ??= countsOf(rows);
    }
    if (sort === 'name' || sort === '-name') {
      let seen = 0;
      /** Takes row i, the next in the sort's order; false once nothing more is needed. */
      const visit = (i: number): boolean => {
        if (matches) {
          const row = rows[i]!;
          if (!matches(row)) return true;
          counts[row.health]++;
          total++;
        }
        if (seen >= offset && seen < offset + limit) page.push(i);
        seen++;
        return matches !== null || seen < offset + limit;
      };
      if (sort === 'name') {
        for (let j = 0; j < n; j++) if (!visit(rowAt(j))) break;
      } else {
        // Names descending, but equal names keep their ids ascending (the tie-breakers' order).
        const groups = (order.groups ??= groupsOf(rows));
        walk: for (let last = n - 1; last >= 0;) {
          const group = groups[rowAt(last)];
          let first = last;
          while (first > 0 && groups[rowAt(first - 1)] === group) first--;
          for (let j = first; j <= last; j++) if (!visit(rowAt(j))) break walk;
          last = first - 1;
        }
      }
    } else {
      const compare = comparators[sort];
      const matching: number[] = [];
      for (let j = 0; j < n; j++) {
        const i = rowAt(j);
        if (matches) {
          const row = rows[i]!;
          if (!matches(row)) continue;
          counts[row.health]++;
          total++;
        }
        matching.push(i);
      }
      page = firstInOrder(
        matching,
        offset + limit,
        (a, b) => compare(rows[a]!, rows[b]!) || a - b,
      ).slice(offset, offset + limit);
    }
    const end = offset + page.length;
    return {
      items: page.map((i) => {
        const { sectors: _sectors, provinceKey: _key, ...summary } = rows[i]!;
        return summary;
      }),
      nextCursor: end < total ? encodeCursor(end) : null,
      total,
      counts: { ...counts },
    };
  }

  /** The province's rows in name order at asOf, kept while nothing in them changed. */
  #nameOrder(province: string | undefined, asOf: DateTime): NameOrder {
    const key = province === undefined ? null : foldedKey(province);
    const at = asOf.toMillis();
    const changeCount = this.model.changeCount(province);
    const known = this.#orders.get(key);
    if (known && known.changeCount === changeCount && known.from <= at && at < known.until)
      return known;
    let from = -Infinity;
    let until = Infinity;
    const rowOf = (id: string): ProjectRow | null => {
      const model = this.model.project(id);
      if (!model) return null;
      const kept = this.views.keptRow(model, asOf);
      if (kept.from > from) from = kept.from;
      if (kept.until < until) until = kept.until;
      return kept.row;
    };
    // The same projects under the same names: the previous order stands, with fresh rows.
    let rows = known && reordered(known.rows, rowOf, key);
    if (rows) {
      let members = 0;
      for (const _ of this.model.projects(province)) members++;
      if (members !== rows.length) rows = null;
    }
    if (!rows) {
      from = -Infinity;
      until = Infinity;
      rows = [];
      for (const model of this.model.projects(province)) rows.push(rowOf(model.projectId)!);
      rows.sort(byNameThenId);
    }
    const order = { changeCount, from, until, rows };
    this.#orders.set(key, order);
    return order;
  }
}

/** The previous order's projects with their rows now; null when one left, moved or was renamed. */
function reordered(
  previous: readonly ProjectRow[],
  rowOf: (id: string) => ProjectRow | null,
  key: string | null,
): ProjectRow[] | null {
  const rows: ProjectRow[] = [];
  for (const before of previous) {
    const row = rowOf(before.projectId);
    if (!row || row.name !== before.name || (key !== null && row.provinceKey !== key)) return null;
    rows.push(row);
  }
  return rows;
}

const zeroCounts = () =>
  Object.fromEntries(healthStates.map((h) => [h, 0])) as Record<Health, number>;

function countsOf(rows: readonly ProjectRow[]): Record<Health, number> {
  const counts = zeroCounts();
  for (const row of rows) counts[row.health]++;
  return counts;
}

function groupsOf(rows: readonly ProjectRow[]): Int32Array {
  const groups = new Int32Array(rows.length);
  for (let i = 1; i < rows.length; i++)
    groups[i] = groups[i - 1]! + (byName(rows[i - 1]!.name, rows[i]!.name) === 0 ? 0 : 1);
  return groups;
}

function healthIndex(rows: readonly ProjectRow[]): Record<Health, number[]> {
  const index = Object.fromEntries(healthStates.map((h) => [h, [] as number[]])) as Record<
    Health,
    number[]
  >;
  rows.forEach((row, i) => index[row.health].push(i));
  return index;
}
