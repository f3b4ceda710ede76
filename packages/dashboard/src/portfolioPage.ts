/**
 * The portfolio: every project with its health (colour and words), next milestone and its due
 * state; filters in the URL; counts per health; stated investment per currency; worst first.
 */
import type { ProjectSummary } from '@kawasan/projections';
import { ApiError } from './api.js';
import { registerProjectForm } from './commandForms.js';
import { fuzzyRange, fuzzyShort } from './dates.js';
import { fill, h } from './dom.js';
import { healthLabel, kindLabel, lang, stageLabel, t, tc, typeLabel, vocab } from './i18n.js';
import { addDecimals, exactAmount, moneyText } from './money.js';
import type { Session } from './session.js';
import {
  dueBadge,
  healthBadge,
  keepFocus,
  liveChanged,
  readParams,
  section,
  timeTravelControls,
  writeParams,
  type Page,
  type TimeTravel,
} from './widgets.js';

interface ProjectList {
  items: ProjectSummary[];
  total: number;
  counts: Record<string, number>;
}
interface Investment {
  currency: string;
  kind: string;
  amount: string;
  low: string;
  high: string;
  projects: number;
}
interface Summary {
  groups: { key: string; projects: number; investment: Investment[] }[];
}

const filterNames = ['province', 'kind', 'stage', 'health', 'q'] as const;
type Filters = Partial<Record<(typeof filterNames)[number], string | undefined>>;

/** Sums investment per currency and kind over groups. */
function totalsOf(groups: Summary['groups']): Investment[] {
  const byKey = new Map<string, Investment[]>();
  for (const g of groups)
    for (const i of g.investment)
      byKey.set(`${i.currency}|${i.kind}`, [...(byKey.get(`${i.currency}|${i.kind}`) ?? []), i]);
  return [...byKey.values()].map((list) => ({
    currency: list[0]!.currency,
    kind: list[0]!.kind,
    amount: addDecimals(list.map((i) => i.amount)),
    low: addDecimals(list.map((i) => i.low)),
    high: addDecimals(list.map((i) => i.high)),
    projects: list.reduce((n, i) => n + i.projects, 0),
  }));
}

export function portfolioPage(
  root: HTMLElement,
  session: Session,
  navigate: (url: string) => void,
): Page {
  const params = readParams();
  const filters: Filters = Object.fromEntries(
    filterNames.map((n) => [n, params.get(n) ?? undefined]),
  );
  const travel: TimeTravel = {
    knownAt: params.get('knownAt') ?? undefined,
    asOf: params.get('asOf') ?? undefined,
  };
  let list: ProjectList | null = null;
  let totals: { scope: string; items: Investment[] } | null = null;
  let failure: string | null = null;
  let disposed = false;
  let searchTimer: number | undefined;
  let liveTimer: number | undefined;
  const results = h('div', { id: 'portfolio-results', 'aria-live': 'polite', 'aria-busy': 'true' });

  const syncUrl = (push = false) => writeParams({ ...filters, ...travel }, push);

  /** Totals follow the filter when one dimension is filtered (the summary groups by it). */
  async function loadTotals(): Promise<{ scope: string; items: Investment[] }> {
    const active = (['province', 'kind', 'stage', 'health'] as const).filter((n) => filters[n]);
    const one = active.length === 1 && !filters.q ? active[0]! : null;
    const summary = await session.api.get<Summary>('/portfolio/summary', {
      groupBy: one ?? 'health',
      ...travel,
    });
    // Several filters, or a text search: the summary cannot follow, so say it is all projects.
    if (!one) return { scope: t('allProjects'), items: totalsOf(summary.groups) };
    const value = filters[one]!;
    const groups = summary.groups.filter((g) => g.key.toLowerCase() === value.toLowerCase());
    const label =
      one === 'kind'
        ? kindLabel(value)
        : one === 'stage'
          ? stageLabel(value)
          : one === 'health'
            ? healthLabel(value)
            : value;
    return { scope: label, items: totalsOf(groups) };
  }

  let seq = 0;
  async function refresh(minPosition?: string): Promise<void> {
    // A slower, older answer must not overwrite a newer one.
    const mine = ++seq;
    results.setAttribute('aria-busy', 'true');
    try {
      const [projects, money] = await Promise.all([
        session.api.get<ProjectList>('/projects', {
          sort: 'attention',
          limit: 200,
          ...filters,
          ...travel,
          minPosition,
        }),
        loadTotals(),
      ]);
      if (mine !== seq) return;
      list = projects;
      totals = money;
      failure = null;
    } catch (error) {
      if (mine !== seq) return;
      failure = t('loadFailed', {
        detail: error instanceof ApiError ? error.message : String(error),
      });
    }
    if (!disposed) keepFocus(results, drawResults);
  }

  const select = (name: 'province' | 'kind' | 'stage' | 'health', options: [string, string][]) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: `filter-${name}` }, t(name)),
      h(
        'select',
        { id: `filter-${name}`, name },
        h('option', { value: '' }, t('all')),
        options.map(([value, label]) =>
          h('option', { value, selected: filters[name] === value }, label),
        ),
      ),
    );

  function drawFilters(): HTMLElement {
    const v = vocab();
    const search = h('input', {
      id: 'filter-q',
      name: 'q',
      type: 'search',
      value: filters.q ?? '',
    });
    const form = h(
      'form',
      { class: 'filters', role: 'search', 'aria-label': t('filters') },
      select(
        'province',
        v.provinces.map((p) => [p.name, p.name]),
      ),
      select(
        'kind',
        Object.keys(v.kinds).map((k) => [k, kindLabel(k)]),
      ),
      select(
        'stage',
        Object.keys(v.stages).map((k) => [k, stageLabel(k)]),
      ),
      select(
        'health',
        Object.keys(v.health).map((k) => [k, healthLabel(k)]),
      ),
      h('div', { class: 'field' }, h('label', { for: 'filter-q' }, t('search')), search),
      h('div', { class: 'buttons' }, h('button', { type: 'reset' }, t('clearFilters'))),
    );
    const read = () => {
      for (const name of filterNames) {
        const el = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
        filters[name] = el?.value || undefined;
      }
      syncUrl();
      void refresh();
    };
    form.addEventListener('change', read);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      read();
    });
    search.addEventListener('input', () => {
      window.clearTimeout(searchTimer);
      searchTimer = window.setTimeout(read, 300);
    });
    form.addEventListener('reset', () => window.setTimeout(read));
    return form;
  }

  function drawResults(): void {
    if (failure) return fill(results, h('p', { class: 'form-error', role: 'alert' }, failure));
    if (!list) return fill(results);
    results.setAttribute('aria-busy', 'false');
    const l = lang();
    const counts = h(
      'ul',
      { class: 'counts' },
      Object.keys(vocab().health).map((health) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: `count health-${health}`,
              'data-count': health,
              'data-focus': `count-${health}`,
              'aria-pressed': filters.health === health ? 'true' : 'false',
              onclick: () => {
                filters.health = filters.health === health ? undefined : health;
                syncUrl();
                render();
                void refresh();
              },
            },
            h('span', { class: 'count-n' }, list!.counts[health] ?? 0),
            ' ',
            healthLabel(health),
          ),
        ),
      ),
    );
    const money = totals?.items.length
      ? h(
          'ul',
          { class: 'totals' },
          totals.items.map((i) =>
            h(
              'li',
              {
                title:
                  i.low === i.high
                    ? exactAmount(i.low, l)
                    : `${exactAmount(i.low, l)} – ${exactAmount(i.high, l)}`,
              },
              h(
                'strong',
                {},
                moneyText(
                  i.low === i.high
                    ? { currency: i.currency, amount: i.low }
                    : { currency: i.currency, low: i.low, high: i.high },
                  l,
                ),
              ),
              ` ${tc('inv', i.kind)} · ${t('projectsCount', { n: i.projects })}`,
            ),
          ),
        )
      : h('p', {}, t('noInvestment'));
    const rows = list.items.map((p) => {
      const next = p.nextMilestone;
      return h(
        'tr',
        { 'data-project': p.projectId, 'data-health': p.health },
        h(
          'th',
          { scope: 'row', 'data-label': t('project') },
          h(
            'a',
            {
              href: `/?project=${encodeURIComponent(p.projectId)}`,
              'data-nav': '',
              'data-focus': `p-${p.projectId}`,
            },
            p.name,
          ),
        ),
        h('td', { 'data-label': t('kind') }, kindLabel(p.kind)),
        h(
          'td',
          { 'data-label': t('province') },
          p.province,
          p.regency || p.city ? h('span', { class: 'sub' }, p.regency ?? p.city) : null,
        ),
        h('td', { 'data-label': t('stage') }, stageLabel(p.stage)),
        h('td', { 'data-label': t('health') }, healthBadge(p.health)),
        h(
          'td',
          { 'data-label': t('nextMilestone') },
          next
            ? [
                typeLabel(next.type),
                h(
                  'span',
                  { class: 'sub', title: next.target ? fuzzyRange(next.target, l) : '' },
                  next.due === 'undated' ? null : `${fuzzyShort(next.target, l)} `,
                  dueBadge(next.due),
                ),
              ]
            : t('none'),
        ),
      );
    });
    fill(
      results,
      h(
        'div',
        { class: 'summary' },
        section('counts-title', t('byHealth'), counts),
        section(
          'totals-title',
          `${t('investment')}`,
          h('p', { class: 'hint' }, t('investmentScope', { scope: totals?.scope ?? '' })),
          money,
        ),
      ),
      h('p', { class: 'shown' }, t('shown', { n: list.items.length, total: list.total })),
      list.items.length === 0
        ? h('p', {}, t('noProjects'))
        : h(
            'table',
            { class: 'projects' },
            h('caption', { class: 'visually-hidden' }, t('portfolio')),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [
                  t('project'),
                  t('kind'),
                  t('province'),
                  t('stage'),
                  t('health'),
                  t('nextMilestone'),
                ].map((c) => h('th', { scope: 'col' }, c)),
              ),
            ),
            h('tbody', {}, rows),
          ),
    );
  }

  function render(): void {
    const actions = session.canWrite
      ? h(
          'button',
          {
            type: 'button',
            class: 'primary',
            onclick: () =>
              registerProjectForm(session.api, (reply) =>
                navigate(`/?project=${encodeURIComponent(reply.projectId)}`),
              ),
          },
          t('registerProject'),
        )
      : null;
    fill(
      root,
      h('div', { class: 'page-head' }, h('h1', {}, t('portfolio')), actions),
      drawFilters(),
      h(
        'details',
        { class: 'card', open: Boolean(travel.knownAt || travel.asOf) },
        h('summary', {}, t('timeTravel')),
        timeTravelControls(Intl.DateTimeFormat().resolvedOptions().timeZone, travel, (next) => {
          travel.knownAt = next.knownAt;
          travel.asOf = next.asOf;
          syncUrl(true);
          render();
          liveChanged();
          void refresh();
        }),
      ),
      results,
    );
    drawResults();
  }

  render();
  void refresh();
  return {
    render,
    refresh,
    get live() {
      return !travel.knownAt;
    },
    onChange() {
      // Any project can move in or out of the list: reload it, coalescing bursts.
      window.clearTimeout(liveTimer);
      liveTimer = window.setTimeout(() => void refresh(), 150);
    },
    dispose() {
      disposed = true;
      window.clearTimeout(searchTimer);
      window.clearTimeout(liveTimer);
    },
  };
}
