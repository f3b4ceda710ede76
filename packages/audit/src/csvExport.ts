import type { EventStore } from '@kawasan/event-store';
import {
  foldProject,
  projectView,
  toHistoryEntry,
  type HistoryEntry,
  type MilestoneView,
} from '@kawasan/projections';
import type { DateTime } from 'luxon';
import { discoverProjectStreams, streamOfProject } from './projectStreams.js';

export const csvColumns = [
  'project',
  'milestone',
  'type',
  'status',
  'baseline',
  'target',
  'achieved',
  'slip',
  'drift',
  'reschedules',
  'sources',
] as const;

/** RFC 4180: a field with a quote, comma, CR or LF is quoted, quotes doubled; lines end CRLF. */
export const csvField = (value: string): string =>
  /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;

export const csvRow = (fields: readonly string[]): string =>
  `${fields.map(csvField).join(',')}\r\n`;

const dateCell = (d: MilestoneView['target']): string => d?.value ?? '';

/** Slip in days: "min..max" for an imprecise achievement, one number when both ends agree. */
const slipCell = (s: MilestoneView['slip']): string =>
  s === undefined ? '' : s.min === s.max ? String(s.min) : `${s.min}..${s.max}`;

export function milestoneRow(projectId: string, m: MilestoneView): string {
  const outlets = [...new Set(m.sources.map((s) => s.outlet))];
  return csvRow([
    projectId,
    m.milestoneId,
    m.type,
    m.status,
    dateCell(m.baseline),
    dateCell(m.target),
    dateCell(m.achievedOn),
    slipCell(m.slip),
    m.drift?.days == null ? '' : String(m.drift.days),
    String(m.drift?.reschedules ?? 0),
    outlets.join('; '),
  ]);
}

/**
 * One CSV row per milestone, project by project. Each project's stream is read and folded on its
 * own and its rows written before the next is read, so memory holds one project, never the log.
 * `asOf` only matters for fields evaluated against "now"; none of the columns are, but the
 * views need an instant.
 */
export async function* exportCsv(
  store: EventStore,
  options: { projectId?: string | undefined; asOf: DateTime },
): AsyncGenerator<string, void, undefined> {
  yield csvRow(csvColumns);
  const streams =
    options.projectId === undefined
      ? (await discoverProjectStreams(store)).streams
      : [streamOfProject(options.projectId)];
  for (const stream of streams) {
    const entries: HistoryEntry[] = [];
    for await (const event of store.readStream(stream)) {
      const entry = toHistoryEntry(event);
      if (entry) entries.push(entry);
    }
    const model = foldProject(entries);
    if (!model) continue;
    for (const m of projectView(model, options.asOf).milestones)
      yield milestoneRow(model.projectId, m);
  }
}
