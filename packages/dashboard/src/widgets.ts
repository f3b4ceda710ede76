/** Small pieces both pages use: badges, the time-travel controls, sources, sections. */
import type { Source } from '@kawasan/domain';
import { instantToZoned, zonedToInstant } from './dates.js';
import { h, type Child } from './dom.js';
import { healthLabel, t, tc, zoneName } from './i18n.js';

export interface Page {
  /** Draws again from the data already loaded (after a language switch). */
  render(): void;
  /** Loads again; `minPosition` waits for the views to include a write. */
  refresh(minPosition?: string): Promise<void>;
  /** A change arrived on the live stream. */
  onChange(projectId: string, position: string): void;
  /** Whether live changes apply (not while looking at the past). */
  readonly live: boolean;
  dispose(): void;
}

export const healthBadge = (health: string): HTMLElement =>
  h(
    'span',
    { class: `badge health health-${health}`, 'data-health': health },
    h('span', { class: 'dot', 'aria-hidden': 'true' }),
    healthLabel(health),
  );

export const dueBadge = (due: string | null): HTMLElement | null =>
  due === null
    ? null
    : h('span', { class: `badge due due-${due}`, 'data-due': due }, tc('due', due));

export const section = (id: string, title: string, ...children: Child[]): HTMLElement =>
  h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);

/** A list of `items` drawn by `item`, or "None recorded." when there are none. */
export const listOrNone = <T>(
  items: readonly T[],
  cls: string,
  item: (x: T) => HTMLElement,
): HTMLElement =>
  items.length === 0 ? h('p', {}, t('noneYet')) : h('ul', { class: cls }, items.map(item));

export function sourceList(sources: readonly Source[]): HTMLElement | null {
  if (sources.length === 0) return null;
  return h(
    'ul',
    { class: 'sources' },
    sources.map((src) =>
      h(
        'li',
        {},
        src.url
          ? h('a', { href: src.url, rel: 'noopener noreferrer', target: '_blank' }, src.outlet)
          : src.outlet,
        src.publishedOn ? ` (${src.publishedOn})` : '',
        src.title ? ` – ${src.title}` : '',
      ),
    ),
  );
}

export interface TimeTravel {
  knownAt?: string | undefined;
  asOf?: string | undefined;
}

/** "Known at" (an instant, typed in `zone`) and "as of" (a day) controls, kept in the URL. */
export function timeTravelControls(
  zone: string,
  current: TimeTravel,
  apply: (next: TimeTravel) => void,
): HTMLElement {
  const known = h('input', {
    id: 'known-at',
    name: 'knownAt',
    type: 'datetime-local',
    step: 1,
    value: current.knownAt ? instantToZoned(current.knownAt, zone) : '',
    'aria-describedby': 'known-at-hint',
  });
  const asOf = h('input', {
    id: 'as-of',
    name: 'asOf',
    type: 'date',
    value: current.asOf ?? '',
    'aria-describedby': 'as-of-hint',
  });
  const form = h(
    'form',
    { class: 'time-travel', 'aria-label': t('timeTravel') },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'known-at' }, t('knownAt')),
      known,
      h('p', { class: 'hint', id: 'known-at-hint' }, t('knownAtHint', { zone: zoneName(zone) })),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'as-of' }, t('asOf')),
      asOf,
      h('p', { class: 'hint', id: 'as-of-hint' }, t('asOfHint')),
    ),
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'submit' }, t('apply')),
      h('button', { type: 'button', onclick: () => apply({}) }, t('now')),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply({
      knownAt: known.value ? (zonedToInstant(known.value, zone) ?? undefined) : undefined,
      asOf: asOf.value || undefined,
    });
  });
  return form;
}

/** Tells the top bar that whether live changes apply may have changed (time travel). */
export const LIVE_CHANGED = 'kawasan:live-changed';
export const liveChanged = (): boolean => document.dispatchEvent(new Event(LIVE_CHANGED));

/** Reads and writes the page's query string (filters and time travel live in the URL). */
export function readParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

export function writeParams(params: Record<string, string | undefined>, push = false): void {
  const next = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) next.set(key, value);
  const url = `${window.location.pathname}${next.size ? `?${next.toString()}` : ''}`;
  if (url === `${window.location.pathname}${window.location.search}`) return;
  if (push) window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}

/** Keeps focus on "the same" control across a redraw (live refreshes redraw whole regions). */
export function keepFocus(region: HTMLElement, redraw: () => void): void {
  const active = document.activeElement;
  const key =
    active instanceof HTMLElement && region.contains(active) ? active.dataset['focus'] : undefined;
  redraw();
  if (key) region.querySelector<HTMLElement>(`[data-focus="${CSS.escape(key)}"]`)?.focus();
}
