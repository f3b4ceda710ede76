/**
 * The timeline chart (SVG). One row per milestone: the baseline target, the current target
 * and the achieved date, each drawn as the interval of its precision (a quarter is a band, a
 * day is a tick), the drift from baseline to current target as an arrow, and today's line.
 */
import type { FuzzyDate } from '@kawasan/domain';
import type { MilestoneView } from '@kawasan/projections';
import { dayNumber, fuzzyRange, fuzzyShort, isoOfDay } from './dates.js';
import { s } from './dom.js';
import { lang, pick, t, tc, typeLabel, vocab } from './i18n.js';

const ROW = 60;
const TOP = 36;
const SIDE = 12;
const CHAR = 7; // average width of a 12-13px character, for trimming labels

export function milestoneName(m: MilestoneView): string {
  const phase = pick(vocab().phases[m.phase]);
  return m.title ?? `${typeLabel(m.type)}${phase ? ` – ${phase}` : ''}`;
}

const dated = (d: FuzzyDate | null): d is FuzzyDate & { start: string; end: string } =>
  d !== null && d.start !== null && d.end !== null;

function trim(text: string, width: number): string {
  const max = Math.max(8, Math.floor(width / CHAR));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export interface TimelineOptions {
  /** The evaluation instant (today, or the "as of" date). */
  readonly asOf: string;
  readonly width: number;
  readonly zone: string;
  /** "Today", or "As of" when looking at another day. */
  readonly todayLabel: string;
}

export function renderTimeline(
  milestones: readonly MilestoneView[],
  options: TimelineOptions,
): SVGSVGElement {
  const l = lang();
  const width = Math.max(300, Math.round(options.width));
  const height = TOP + ROW * Math.max(1, milestones.length) + 8;
  // The zone's calendar day of asOf: the line sits where the project's people are.
  const todayIso = new Intl.DateTimeFormat('en-CA', { timeZone: options.zone }).format(
    new Date(options.asOf),
  );
  const today = dayNumber(todayIso);

  const days: number[] = [today];
  for (const m of milestones)
    for (const d of [m.baseline, m.target, m.achievedOn])
      if (dated(d)) days.push(dayNumber(d.start), dayNumber(d.end));
  const span = Math.max(...days) - Math.min(...days);
  const pad = Math.max(45, Math.round(span * 0.04));
  const from = Math.min(...days) - pad;
  const to = Math.max(...days) + pad;
  const x = (day: number) => SIDE + ((day - from) / (to - from)) * (width - 2 * SIDE);

  const svg = s('svg', {
    class: 'timeline',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-labelledby': 'timeline-title',
    'data-milestones': milestones.length,
  });
  svg.append(
    s(
      'title',
      { id: 'timeline-title' },
      `${t('timeline')}: ${milestones.length} ${t('milestones').toLowerCase()}`,
    ),
    s(
      'defs',
      {},
      s(
        'marker',
        {
          id: 'arrow',
          viewBox: '0 0 8 8',
          refX: 7,
          refY: 4,
          markerWidth: 7,
          markerHeight: 7,
          orient: 'auto',
        },
        s('path', { d: 'M0,0 L8,4 L0,8 z', class: 'tl-arrowhead' }),
      ),
    ),
  );

  // Axis: a line per year, a lighter one per quarter when the span is short enough to read.
  const firstYear = Number(isoOfDay(from).slice(0, 4));
  const lastYear = Number(isoOfDay(to).slice(0, 4));
  const yearWidth = (width - 2 * SIDE) / ((to - from) / 365.25);
  const step = yearWidth < 40 ? Math.ceil(40 / yearWidth) : 1;
  for (let year = firstYear; year <= lastYear + 1; year++) {
    if (yearWidth > 120)
      for (const month of [4, 7, 10]) {
        const q = dayNumber(`${year}-${String(month).padStart(2, '0')}-01`);
        if (q > from && q < to)
          svg.append(
            s('line', { class: 'tl-grid-minor', x1: x(q), x2: x(q), y1: TOP - 4, y2: height - 8 }),
          );
      }
    const day = dayNumber(`${year}-01-01`);
    if (day <= from || day >= to) continue;
    svg.append(
      s('line', { class: 'tl-grid', x1: x(day), x2: x(day), y1: TOP - 16, y2: height - 8 }),
    );
    if ((year - firstYear) % step === 0)
      svg.append(s('text', { class: 'tl-year', x: x(day) + 3, y: TOP - 6 }, year));
  }

  const interval = (
    d: FuzzyDate & { start: string; end: string },
    y: number,
    h: number,
    cls: string,
  ) => {
    if (d.precision === 'day')
      return s('rect', {
        class: `${cls} tl-tick`,
        x: x(dayNumber(d.start)) - 1.5,
        y: y - 3,
        width: 3,
        height: h + 6,
      });
    const x1 = x(dayNumber(d.start));
    return s('rect', {
      class: cls,
      x: x1,
      y,
      width: Math.max(3, x(dayNumber(d.end)) - x1),
      height: h,
    });
  };

  milestones.forEach((m, i) => {
    const y = TOP + i * ROW;
    const name = milestoneName(m);
    const state =
      m.status === 'achieved' || m.status === 'cancelled'
        ? tc('ms', m.status)
        : tc('due', m.due ?? 'undated');
    const drift = m.drift?.days
      ? ` · ${t('drift')} ${m.drift.days > 0 ? '+' : ''}${t('days', { n: m.drift.days })}`
      : '';
    const g = s('g', {
      class: `tl-row tl-${m.status}${m.due ? ` tl-due-${m.due}` : ''}`,
      'data-milestone': m.milestoneId,
      'data-target': m.target?.value ?? '',
      'data-baseline': m.baseline?.value ?? '',
    });
    const detail = [
      name,
      `${t('baseline')}: ${m.baseline ? `${fuzzyShort(m.baseline, l)} (${fuzzyRange(m.baseline, l)})` : '–'}`,
      `${t('target')}: ${m.target ? `${fuzzyShort(m.target, l)} (${fuzzyRange(m.target, l)})` : '–'}`,
      `${t('achievedOn')}: ${m.achievedOn ? `${fuzzyShort(m.achievedOn, l)} (${fuzzyRange(m.achievedOn, l)})` : '–'}`,
      `${state}${drift}`,
    ].join('\n');
    g.append(s('title', {}, detail));
    if (i % 2 === 1)
      g.append(s('rect', { class: 'tl-stripe', x: 0, y: y - 4, width, height: ROW }));
    // On a narrow screen the row keeps only the name; the table below carries the state.
    const status = width >= 560 ? `${state}${drift}` : '';
    g.append(
      s(
        'text',
        { class: 'tl-label', x: SIDE, y: y + 12 },
        trim(name, width - 2 * SIDE - status.length * CHAR - 12),
      ),
    );
    if (status)
      g.append(
        s('text', { class: 'tl-state', x: width - SIDE, y: y + 12, 'text-anchor': 'end' }, status),
      );
    if (dated(m.baseline)) g.append(interval(m.baseline, y + 20, 6, 'tl-baseline'));
    if (dated(m.target)) g.append(interval(m.target, y + 31, 12, 'tl-target'));
    if (dated(m.achievedOn)) g.append(interval(m.achievedOn, y + 29, 16, 'tl-achieved'));
    if (dated(m.baseline) && dated(m.target) && m.drift?.days) {
      const x1 = x(dayNumber(m.baseline.end));
      const x2 = x(dayNumber(m.target.end));
      g.append(
        s('line', {
          class: 'tl-drift',
          x1,
          x2,
          y1: y + 27,
          y2: y + 27,
          'marker-end': 'url(#arrow)',
        }),
      );
    }
    if (!dated(m.baseline) && !dated(m.target) && !dated(m.achievedOn))
      g.append(s('text', { class: 'tl-undated', x: SIDE, y: y + 40 }, t('undated')));
    svg.append(g);
  });

  const tx = x(today);
  svg.append(
    s('line', { class: 'tl-today', x1: tx, x2: tx, y1: 2, y2: height - 4 }),
    s(
      'text',
      {
        class: 'tl-today-label',
        x: tx + (tx > width / 2 ? -5 : 5),
        y: 12,
        'text-anchor': tx > width / 2 ? 'end' : 'start',
      },
      `${options.todayLabel} ${fuzzyShort({ value: todayIso, precision: 'day', start: todayIso, end: todayIso, timeZone: options.zone }, l)}`,
    ),
  );
  return svg;
}
