import {
  healthStates,
  stageRank,
  type DueState,
  type Fact,
  type Health,
  type Stage,
} from '@kawasan/domain';
import type { DateTime } from 'luxon';
import { addDecimals } from './decimal.js';
import { byCode, byName, fold } from './text.js';
import type { ProjectModel } from './projectModel.js';
import { projectView, type MilestoneView, type ProjectSummary } from './views.js';
import { rowOfView, type ProjectRow } from './projectRow.js';

export interface ProjectFilter {
  province?: string | undefined;
  kind?: string | undefined;
  stage?: Stage | undefined;
  health?: Health | undefined;
  sector?: string | undefined;
  q?: string | undefined;
}

export const projectSorts = [
  'name',
  '-name',
  'attention',
  'stage',
  '-stage',
  'lastEventAt',
  '-lastEventAt',
] as const;
export type ProjectSort = (typeof projectSorts)[number];

/** Worst first: what needs attention leads the list. */
const attentionRank: Record<Health, number> = {
  overdue: 0,
  at_risk: 1,
  on_track: 2,
  on_hold: 3,
  completed: 4,
  cancelled: 5,
};

/** The filter as a predicate, with what the user typed folded once, not once per project. */
export function matcher(f: ProjectFilter): (row: ProjectRow) => boolean {
  const province = f.province === undefined ? undefined : fold(f.province);
  const sector = f.sector === undefined ? undefined : fold(f.sector);
  const needle = f.q === undefined ? undefined : fold(f.q);
  return (row) => {
    if (province !== undefined && row.provinceKey !== province) return false;
    if (f.kind !== undefined && row.kind !== f.kind) return false;
    if (f.stage !== undefined && row.stage !== f.stage) return false;
    if (f.health !== undefined && row.health !== f.health) return false;
    if (sector !== undefined && !row.sectors.some((s) => fold(s) === sector)) return false;
    if (needle !== undefined) {
      const hay = [
        row.projectId,
        row.name,
        row.province,
        row.regency ?? '',
        row.city ?? '',
        ...row.sectors,
      ]
        .map(fold)
        .join('\n');
      if (!hay.includes(needle)) return false;
    }
    return true;
  };
}

export const comparators: Record<ProjectSort, (a: ProjectRow, b: ProjectRow) => number> = {
  name: (a, b) => byName(a.name, b.name),
  '-name': (a, b) => byName(b.name, a.name),
  attention: (a, b) => attentionRank[a.health] - attentionRank[b.health],
  stage: (a, b) => stageRank(a.stage) - stageRank(b.stage),
  '-stage': (a, b) => stageRank(b.stage) - stageRank(a.stage),
  lastEventAt: (a, b) => byCode(a.lastEventAt, b.lastEventAt),
  '-lastEventAt': (a, b) => byCode(b.lastEventAt, a.lastEventAt),
};

/** Opaque cursor: the offset into the sorted, filtered list (the order is stable: id breaks ties). */
export const encodeCursor = (offset: number): string =>
  Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
export function decodeCursor(cursor: string): number | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const o = (parsed as { o?: unknown }).o;
    return typeof o === 'number' && Number.isInteger(o) && o >= 0 ? o : null;
  } catch {
    return null;
  }
}

const rowAt =
  (asOf: DateTime) =>
  (model: ProjectModel): ProjectRow => {
    const view = projectView(model, asOf);
    return rowOfView(view);
  };

/** The first `k` rows in order, without sorting them all (a page is small, a province is not). */
export function firstInOrder<T>(rows: T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (k * 4 >= rows.length || k > 1000) return rows.sort(compare).slice(0, k);
  const best: T[] = [];
  for (const row of rows) {
    if (best.length === k && compare(row, best[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(row, best[mid]!) < 0) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, row);
    if (best.length > k) best.pop();
  }
  return best;
}

export function listProjects(
  projects: Iterable<ProjectModel>,
  options: {
    filter: ProjectFilter;
    sort: ProjectSort;
    limit: number;
    offset: number;
    asOf: DateTime;
    /** A project's row at asOf; by default built afresh (a service passes its ViewCache). */
    rowOf?: (model: ProjectModel) => ProjectRow;
  },
): {
  items: ProjectSummary[];
  nextCursor: string | null;
  total: number;
  counts: Record<Health, number>;
} {
  const rowOf = options.rowOf ?? rowAt(options.asOf);
  const rows: ProjectRow[] = [];
  const counts = Object.fromEntries(healthStates.map((h) => [h, 0])) as Record<Health, number>;
  const matches = matcher(options.filter);
  for (const project of projects) {
    const row = rowOf(project);
    if (!matches(row)) continue;
    rows.push(row);
    counts[row.health]++;
  }
  const compare = comparators[options.sort];
  const ordered = firstInOrder(
    rows,
    options.offset + options.limit,
    (a, b) => compare(a, b) || byName(a.name, b.name) || byName(a.projectId, b.projectId),
  );
  const page = ordered.slice(options.offset, options.offset + options.limit);
  const end = options.offset + page.length;
  return {
    items: page.map(({ sectors: _sectors, provinceKey: _key, ...summary }) => summary),
    nextCursor: end < rows.length ? encodeCursor(end) : null,
    total: rows.length,
    counts,
  };
}

export type DueMilestone = MilestoneView & {
  projectId: string;
  projectName: string;
  province: string;
};

export function milestonesDue(
  projects: Iterable<ProjectModel>,
  options: {
    due?: DueState | undefined;
    province?: string | undefined;
    type?: string | undefined;
    asOf: DateTime;
  },
): DueMilestone[] {
  const items: DueMilestone[] = [];
  for (const project of projects) {
    if (
      options.province !== undefined &&
      fold(project.location.province) !== fold(options.province)
    )
      continue;
    for (const m of projectView(project, options.asOf).milestones) {
      if (m.due === null) continue;
      if (options.due !== undefined && m.due !== options.due) continue;
      if (options.type !== undefined && m.type !== options.type) continue;
      items.push({
        ...m,
        projectId: project.projectId,
        projectName: project.name,
        province: project.location.province,
      });
    }
  }
  return items.sort(
    (a, b) => byCode(a.deadline ?? '~', b.deadline ?? '~') || byCode(a.projectId, b.projectId),
  );
}

export const portfolioGroupings = ['province', 'stage', 'kind', 'health'] as const;
export type PortfolioGrouping = (typeof portfolioGroupings)[number];

export interface PortfolioGroup {
  key: string;
  projects: number;
  /** Per currency and kind; a project counts with its latest statement of each. Never converted. */
  investment: {
    currency: string;
    kind: string;
    amount: string;
    low: string;
    high: string;
    projects: number;
  }[];
  jobs: { projected: number; actual: number };
}

export function portfolioSummary(
  projects: Iterable<ProjectModel>,
  options: { groupBy: PortfolioGrouping; asOf: DateTime },
): { groups: PortfolioGroup[] } {
  const groups = new Map<string, { projects: ProjectModel[] }>();
  for (const project of projects) {
    const view = projectView(project, options.asOf);
    const key = options.groupBy === 'province' ? view.province : view[options.groupBy];
    const group = groups.get(key) ?? { projects: [] };
    group.projects.push(project);
    groups.set(key, group);
  }
  return {
    groups: [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, g]) => ({ key, projects: g.projects.length, ...totals(g.projects) })),
  };
}

function totals(models: ProjectModel[]): Pick<PortfolioGroup, 'investment' | 'jobs'> {
  const money = new Map<
    string,
    {
      currency: string;
      kind: string;
      points: string[];
      lows: string[];
      highs: string[];
      projects: number;
    }
  >();
  const jobs = { projected: 0, actual: 0 };
  for (const model of models) {
    const latest = new Map<string, Fact>();
    for (const { fact } of model.facts) {
      if (fact.fact === 'investment') latest.set(`i|${fact.currency}|${fact.kind}`, fact);
      if (fact.fact === 'jobs' && fact.count !== undefined) latest.set(`j|${fact.kind}`, fact);
    }
    for (const fact of latest.values()) {
      if (fact.fact === 'jobs') jobs[fact.kind] += fact.count ?? 0;
      if (fact.fact !== 'investment') continue;
      const key = `${fact.currency}|${fact.kind}`;
      const bucket = money.get(key) ?? {
        currency: fact.currency,
        kind: fact.kind,
        points: [],
        lows: [],
        highs: [],
        projects: 0,
      };
      if (fact.amount !== undefined) bucket.points.push(fact.amount);
      bucket.lows.push(fact.amount ?? fact.low ?? '0');
      bucket.highs.push(fact.amount ?? fact.high ?? '0');
      bucket.projects++;
      money.set(key, bucket);
    }
  }
  return {
    investment: [...money.values()]
      .sort((a, b) => a.currency.localeCompare(b.currency) || a.kind.localeCompare(b.kind))
      .map((b) => ({
        currency: b.currency,
        kind: b.kind,
        amount: addDecimals(b.points),
        low: addDecimals(b.lows),
        high: addDecimals(b.highs),
        projects: b.projects,
      })),
    jobs,
  };
}
