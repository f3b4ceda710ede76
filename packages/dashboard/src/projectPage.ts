/**
 * One project: health with its reasons in plain words, the timeline chart, milestones with the
 * manager's actions, facts with sources, parties, conflicts and, for auditors, the history.
 * "Known at" and "as of" redraw it as it was known then and evaluated on that day.
 */
import type { FuzzyDate } from '@kawasan/domain';
import type { MilestoneView, ProjectView } from '@kawasan/projections';
import { ApiError, type CommandReply } from './api.js';
import {
  achieveForm,
  cancelForm,
  planMilestoneForm,
  rescheduleForm,
  retractForm,
  stateFactForm,
} from './commandForms.js';
import { formatInstant, fuzzyRange, fuzzyShort, lastDay } from './dates.js';
import { fill, h, type Child } from './dom.js';
import { kindLabel, lang, stageLabel, t, tc, typeLabel, zoneName, pick, vocab } from './i18n.js';
import { moneyText } from './money.js';
import type { Session } from './session.js';
import { milestoneName, renderTimeline } from './timeline.js';
import {
  dueBadge,
  healthBadge,
  keepFocus,
  listOrNone,
  liveChanged,
  readParams,
  section,
  sourceList,
  timeTravelControls,
  writeParams,
  type Page,
  type TimeTravel,
} from './widgets.js';

interface HistoryItem {
  eventId: string;
  type: string;
  revision: string;
  recordedAt: string;
  actor: string;
  data: Record<string, unknown>;
  retracted: boolean;
}

type Fact = ProjectView['facts'][number] & {
  fact: {
    fact: string;
    kind?: string;
    amount?: string;
    low?: string;
    high?: string;
    currency?: string;
    count?: number;
    comparator?: string;
    text?: string;
    hectares?: string;
    scope?: string;
  };
  sources?: ProjectView['sources'];
  recordedAt?: string;
};

function reasonText(reason: ProjectView['healthReasons'][number], view: ProjectView): string {
  // The English words come from the server as they are (the rules' own explanation).
  if (lang() === 'en') return reason.detail;
  const m = view.milestones.find((x) => x.milestoneId === reason.milestoneIds[0]);
  const label = m ? milestoneName(m) : '';
  switch (reason.rule) {
    case 'overdue':
    case 'due_soon':
      return t(`reason_${reason.rule}`, { label, date: m?.target ? lastDay(m.target, 'id') : '' });
    case 'drift':
      return t('reason_drift', { label, days: m?.drift?.days ?? 0, n: m?.drift?.reschedules ?? 0 });
    case 'stalled':
      return t('reason_stalled', { days: /(\d+)/.exec(reason.detail)?.[1] ?? '?' });
    default:
      return tc('reason', reason.rule);
  }
}

function factText(f: Fact['fact']): string {
  const l = lang();
  switch (f.fact) {
    case 'investment':
      return `${tc('inv', f.kind ?? '')}: ${moneyText({ amount: f.amount, low: f.low, high: f.high, currency: f.currency ?? '' }, l)}`;
    case 'jobs':
      return `${tc('jobs', f.kind ?? '')}: ${f.count !== undefined ? `${f.comparator && f.comparator !== '=' ? `${f.comparator} ` : ''}${f.count.toLocaleString(l === 'en' ? 'en-GB' : 'id-ID')}` : ''}`;
    case 'area':
      return `${t('areaFact')}: ${f.hectares ?? '?'} ha (${tc('area', f.scope ?? '')})`;
    default:
      return f.fact;
  }
}

const dateCell = (d: FuzzyDate | null): Child => {
  if (!d) return h('span', { class: 'none' }, '–');
  const l = lang();
  return h(
    'span',
    { title: `${fuzzyRange(d, l)}, ${zoneName(d.timeZone)}` },
    fuzzyShort(d, l),
    d.text && d.text !== d.value ? h('span', { class: 'sub' }, `“${d.text}”`) : null,
  );
};

/** A short line for a history entry: the fields people look for first. */
function summarize(data: Record<string, unknown>): string {
  const keys = [
    'milestoneId',
    'type',
    'target',
    'on',
    'reasonCode',
    'reason',
    'to',
    'eventId',
    'field',
    'name',
  ];
  const parts = keys
    .filter((k) => data[k] !== undefined && data[k] !== null)
    .map((k) => {
      const v = data[k];
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
        return `${k}: ${v}`;
      const date = v as FuzzyDate;
      return `${k}: ${date.text ?? date.value ?? t('undated')}`;
    });
  const fact = data['fact'];
  if (typeof fact === 'object' && fact !== null) parts.push(factText(fact as Fact['fact']));
  return parts.join(' · ');
}

export function projectPage(root: HTMLElement, session: Session, projectId: string): Page {
  const params = readParams();
  const travel: TimeTravel = {
    knownAt: params.get('knownAt') ?? undefined,
    asOf: params.get('asOf') ?? undefined,
  };
  let view: ProjectView | null = null;
  let history: HistoryItem[] | null = null;
  let failure: string | null = null;
  let disposed = false;
  let seq = 0;
  let liveTimer: number | undefined;
  const body = h('div', { id: 'project-body', 'aria-busy': 'true' });
  const chartBox = h('div', { class: 'timeline-box' });
  let chartWidth = 0;
  const resize = new ResizeObserver(() => {
    if (Math.abs(chartBox.clientWidth - chartWidth) > 8) drawChart();
  });
  resize.observe(chartBox);

  function drawChart(): void {
    if (!view) return;
    chartWidth = chartBox.clientWidth;
    const asOf = travel.asOf ? `${travel.asOf}T00:00:00Z` : new Date().toISOString();
    fill(
      chartBox,
      renderTimeline(view.milestones, {
        asOf,
        width: chartWidth || 800,
        zone: view.timeZone,
        todayLabel: travel.asOf ? t('asOf') : t('today'),
      }),
    );
  }

  async function refresh(minPosition?: string): Promise<void> {
    const mine = ++seq;
    body.setAttribute('aria-busy', 'true');
    const path = `/projects/${encodeURIComponent(projectId)}`;
    try {
      const [nextView, nextHistory] = await Promise.all([
        session.api.get<ProjectView>(path, { ...travel, minPosition }),
        session.canAudit
          ? session.api
              .get<{ items: HistoryItem[] }>(`${path}/history`, { limit: 1000, minPosition })
              .then((r) => r.items)
          : Promise.resolve(null),
      ]);
      if (mine !== seq) return;
      view = nextView;
      // History is always complete; an auditor looking at the past sees what was recorded by then.
      history =
        nextHistory && travel.knownAt
          ? nextHistory.filter((e) => e.recordedAt <= travel.knownAt!)
          : nextHistory;
      failure = null;
    } catch (error) {
      if (mine !== seq) return;
      view = null;
      failure = t('loadFailed', {
        detail: error instanceof ApiError ? error.message : String(error),
      });
    }
    if (!disposed) keepFocus(body, drawBody);
  }

  const after = (reply: CommandReply) => void refresh(reply.position);

  function milestoneActions(v: ProjectView, m: MilestoneView): Child {
    if (!session.canWriteIn(v.province) || travel.knownAt) return null;
    if (m.status === 'achieved' || m.status === 'cancelled') return null;
    const name = milestoneName(m);
    const button = (label: string, key: string, open: () => void) =>
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          'aria-label': `${label}: ${name}`,
          'data-action': key,
          'data-focus': `${key}-${m.milestoneId}`,
          onclick: open,
        },
        label,
      );
    return h(
      'div',
      { class: 'actions' },
      button(t('achieve'), 'achieve', () =>
        achieveForm(session.api, v.projectId, v.timeZone, m, after),
      ),
      button(t('reschedule'), 'reschedule', () =>
        rescheduleForm(session.api, v.projectId, v.timeZone, m, after),
      ),
      button(t('cancelMilestone'), 'cancel', () => cancelForm(session.api, v.projectId, m, after)),
    );
  }

  function milestoneTable(v: ProjectView): HTMLElement {
    const writable = session.canWriteIn(v.province) && !travel.knownAt;
    return h(
      'table',
      { class: 'milestones' },
      h('caption', { class: 'visually-hidden' }, t('milestones')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [
            t('milestones'),
            t('baseline'),
            t('target'),
            t('achievedOn'),
            t('status'),
            t('drift'),
            writable ? t('actions') : null,
          ]
            .filter(Boolean)
            .map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        v.milestones.map((m) =>
          h(
            'tr',
            { 'data-milestone': m.milestoneId },
            h(
              'th',
              { scope: 'row', 'data-label': t('milestones') },
              milestoneName(m),
              h(
                'span',
                { class: 'sub' },
                m.title ? `${typeLabel(m.type)} · ` : '',
                stageLabel(m.stage),
                m.scope !== 'project' ? ` · ${m.scope}` : '',
              ),
              m.outOfOrder ? h('span', { class: 'badge flag' }, t('outOfOrder')) : null,
            ),
            h('td', { 'data-label': t('baseline') }, dateCell(m.baseline)),
            h('td', { 'data-label': t('target') }, dateCell(m.target)),
            h('td', { 'data-label': t('achievedOn') }, dateCell(m.achievedOn)),
            h(
              'td',
              { 'data-label': t('status') },
              m.status === 'planned' || m.status === 'in_progress'
                ? dueBadge(m.due)
                : h('span', { class: `badge ms-${m.status}` }, tc('ms', m.status)),
              m.slip
                ? h(
                    'span',
                    { class: 'sub' },
                    `${t('slip')}: ${m.slip.min === m.slip.max ? m.slip.min : `${m.slip.min}…${m.slip.max}`} (${m.slip.verdict.replaceAll('_', ' ')})`,
                  )
                : null,
            ),
            h(
              'td',
              { 'data-label': t('drift') },
              m.drift?.days
                ? [
                    `${m.drift.days > 0 ? '+' : ''}${t('days', { n: m.drift.days })}`,
                    h(
                      'span',
                      { class: 'sub' },
                      t('driftText', { days: m.drift.days, n: m.drift.reschedules }),
                      m.drift.reasonCodes.length
                        ? ` (${m.drift.reasonCodes.map((c) => pick(vocab().reasonCodes[c], c)).join(', ')})`
                        : '',
                    ),
                  ]
                : '–',
            ),
            writable ? h('td', { 'data-label': t('actions') }, milestoneActions(v, m)) : null,
          ),
        ),
      ),
    );
  }

  function drawBody(): void {
    body.setAttribute('aria-busy', 'false');
    if (failure || !view)
      return fill(body, h('p', { class: 'form-error', role: 'alert' }, failure ?? ''));
    const v = view;
    const l = lang();
    const zone = zoneName(v.timeZone);
    const writable = session.canWriteIn(v.province) && !travel.knownAt;
    const when = (iso: string) => formatInstant(iso, v.timeZone, zone, l);
    const facts = v.facts as Fact[];
    fill(
      body,
      h(
        'header',
        { class: 'project-head' },
        h('h1', {}, v.name),
        h(
          'p',
          { class: 'meta' },
          `${kindLabel(v.kind)} · ${[v.regency ?? v.city, v.province].filter(Boolean).join(', ')} · ${zone} · ${t('stage')}: ${stageLabel(v.stage)}`,
          v.status !== 'active' ? ` · ${pick(vocab().projectStatuses[v.status])}` : '',
        ),
        h('p', {}, healthBadge(v.health)),
      ),
      travel.knownAt || travel.asOf
        ? h(
            'p',
            { class: 'past-note', role: 'note' },
            t('pastView', {
              knownAt: travel.knownAt ? when(travel.knownAt) : t('nowWord'),
              asOf: travel.asOf
                ? fuzzyShort(
                    {
                      value: travel.asOf,
                      precision: 'day',
                      start: travel.asOf,
                      end: travel.asOf,
                      timeZone: v.timeZone,
                    },
                    l,
                  )
                : t('today').toLowerCase(),
            }),
          )
        : null,
      section(
        'reasons-title',
        t('reasons'),
        h(
          'ul',
          { class: 'reasons' },
          v.healthReasons.map((r) => h('li', { 'data-rule': r.rule }, reasonText(r, v))),
        ),
      ),
      section(
        'timeline-title-h',
        t('timeline'),
        chartBox,
        h(
          'ul',
          { class: 'legend' },
          [
            ['tl-baseline', t('baseline')],
            ['tl-target', t('target')],
            ['tl-achieved', t('achievedOn')],
            ['tl-today', travel.asOf ? t('asOf') : t('today')],
            ['tl-drift', t('drift')],
          ].map(([cls, text]) =>
            h('li', {}, h('span', { class: `swatch ${cls}`, 'aria-hidden': 'true' }), text),
          ),
        ),
      ),
      section(
        'milestones-title',
        t('milestones'),
        writable
          ? h(
              'div',
              { class: 'buttons' },
              h(
                'button',
                {
                  type: 'button',
                  class: 'primary',
                  'data-focus': 'plan',
                  onclick: () => planMilestoneForm(session.api, v.projectId, v.timeZone, after),
                },
                t('planMilestone'),
              ),
            )
          : null,
        h('div', { class: 'table-wrap' }, milestoneTable(v)),
      ),
      section(
        'facts-title',
        t('facts'),
        writable
          ? h(
              'div',
              { class: 'buttons' },
              h(
                'button',
                {
                  type: 'button',
                  'data-focus': 'fact',
                  onclick: () => stateFactForm(session.api, v.projectId, after),
                },
                t('stateFact'),
              ),
            )
          : null,
        listOrNone(facts, 'facts', (f) =>
          h(
            'li',
            { 'data-fact': f.factId },
            h('strong', {}, factText(f.fact)),
            f.fact.text ? h('span', { class: 'sub' }, `“${f.fact.text}”`) : null,
            f.recordedAt
              ? h('span', { class: 'sub' }, `${t('recordedAt')}: ${when(f.recordedAt)}`)
              : null,
            sourceList(f.sources ?? []),
            writable
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'small',
                    'aria-label': `${t('retract')}: ${factText(f.fact)}`,
                    onclick: () => retractForm(session.api, v.projectId, f.eventId, after),
                  },
                  t('retract'),
                )
              : null,
          ),
        ),
      ),
      section(
        'parties-title',
        t('parties'),
        listOrNone(v.parties, 'parties', (p) => {
          const people = (p['people'] as { name: string; title?: string }[] | undefined) ?? [];
          return h(
            'li',
            {},
            h('strong', {}, p.name),
            ` (${tc('role', p.role)}${typeof p['country'] === 'string' ? `, ${p['country']}` : ''})`,
            people.length
              ? h(
                  'ul',
                  {},
                  people.map((x) => h('li', {}, x.title ? `${x.name} – ${x.title}` : x.name)),
                )
              : null,
          );
        }),
      ),
      section(
        'conflicts-title',
        t('conflicts'),
        listOrNone(v.conflicts, 'conflicts', (c) => {
          const claims = (c['claims'] as { value: string; source: string }[] | undefined) ?? [];
          const resolution = c['resolution'] as string | null | undefined;
          return h(
            'li',
            {},
            h('strong', {}, c.field),
            h(
              'ul',
              {},
              claims.map((x) => h('li', {}, `${x.value} — ${x.source}`)),
            ),
            h('span', { class: 'sub' }, `${t('resolution')}: ${resolution ?? t('unresolved')}`),
          );
        }),
      ),
      section('sources-title', t('sources'), sourceList(v.sources) ?? h('p', {}, t('noneYet'))),
      history
        ? section(
            'history-title',
            t('history'),
            h(
              'div',
              { class: 'table-wrap' },
              h(
                'table',
                { class: 'history' },
                h(
                  'thead',
                  {},
                  h(
                    'tr',
                    {},
                    [t('recordedAt'), t('actor'), t('entry'), '', writable ? t('actions') : null]
                      .filter((c) => c !== null)
                      .map((c) => h('th', { scope: 'col' }, c)),
                  ),
                ),
                h(
                  'tbody',
                  {},
                  history.map((e) =>
                    h(
                      'tr',
                      { 'data-event': e.eventId, class: e.retracted ? 'retracted' : '' },
                      h('td', { 'data-label': t('recordedAt') }, when(e.recordedAt)),
                      h('td', { 'data-label': t('actor') }, e.actor),
                      h(
                        'td',
                        { 'data-label': t('entry') },
                        h('strong', {}, e.type),
                        e.retracted ? h('span', { class: 'badge flag' }, t('retracted')) : null,
                        h('span', { class: 'sub' }, summarize(e.data)),
                      ),
                      h(
                        'td',
                        {},
                        h(
                          'details',
                          {},
                          h('summary', {}, `#${e.revision}`),
                          h('pre', {}, JSON.stringify({ eventId: e.eventId, ...e.data }, null, 2)),
                        ),
                      ),
                      writable
                        ? h(
                            'td',
                            {},
                            e.retracted || e.type === 'ProjectRegistered'
                              ? null
                              : h(
                                  'button',
                                  {
                                    type: 'button',
                                    class: 'small',
                                    'aria-label': `${t('retract')}: ${e.type} #${e.revision}`,
                                    onclick: () =>
                                      retractForm(session.api, v.projectId, e.eventId, after),
                                  },
                                  t('retract'),
                                ),
                          )
                        : null,
                    ),
                  ),
                ),
              ),
            ),
          )
        : null,
    );
    drawChart();
  }

  function render(): void {
    const zone = view?.timeZone ?? 'Asia/Jakarta';
    fill(
      root,
      h(
        'nav',
        { class: 'crumbs', 'aria-label': t('portfolio') },
        h('a', { href: '/', 'data-nav': '' }, t('backToPortfolio')),
      ),
      h(
        'details',
        { class: 'card', open: Boolean(travel.knownAt || travel.asOf) },
        h('summary', {}, t('timeTravel')),
        timeTravelControls(zone, travel, (next) => {
          travel.knownAt = next.knownAt;
          travel.asOf = next.asOf;
          writeParams({ project: projectId, ...travel }, true);
          render();
          liveChanged();
          void refresh();
        }),
      ),
      body,
    );
    if (view || failure) drawBody();
  }

  render();
  void refresh().then(() => {
    // The controls read the zone from the view: draw them again once it is known.
    if (!disposed && view && view.timeZone !== 'Asia/Jakarta') render();
  });
  return {
    render,
    refresh,
    get live() {
      return !travel.knownAt;
    },
    onChange(changed, position) {
      if (changed !== projectId) return;
      window.clearTimeout(liveTimer);
      liveTimer = window.setTimeout(() => void refresh(position), 100);
    },
    dispose() {
      disposed = true;
      resize.disconnect();
      window.clearTimeout(liveTimer);
    },
  };
}
