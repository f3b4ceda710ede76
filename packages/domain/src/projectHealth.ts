import type { DateTime } from 'luxon';
import { lastDayText } from './fuzzyDate.js';
import { driftOf, dueState, isOpen, type MilestoneRecord } from './milestoneRules.js';
import { milestoneTypeLabel, type Health, type ProjectStatus } from './vocabulary.js';

export const DRIFT_AT_RISK_DAYS = 90;
export const STALLED_AFTER_DAYS = 180;

export type HealthRule =
  'cancelled' | 'on_hold' | 'completed' | 'overdue' | 'due_soon' | 'drift' | 'stalled' | 'on_track';

/** Why a project has its health: the rule and the milestones behind it. */
export interface HealthReason {
  readonly rule: HealthRule;
  readonly milestoneIds: readonly string[];
  readonly detail: string;
}

export interface HealthInput {
  readonly status: ProjectStatus;
  readonly milestones: readonly MilestoneRecord[];
  /** When the last event known for the project was recorded (ISO instant), for "stalled". */
  readonly lastEventAt: string | null;
}

const phaseWords: Record<MilestoneRecord['phase'], string> = {
  start: ' start',
  complete: '',
  point: '',
};
/** "Masterplan start", or the title a person gave the milestone. */
const label = (m: MilestoneRecord) =>
  m.title ?? `${milestoneTypeLabel(m.type).en}${phaseWords[m.phase]}`;

/**
 * Health, first that applies: cancelled, on_hold, completed, overdue, at_risk, on_track.
 * The reasons list every overdue and at-risk finding, worst first, so "why is this red?"
 * is answered even when several things are wrong at once.
 */
export function projectHealth(
  input: HealthInput,
  asOf: DateTime,
): { health: Health; reasons: HealthReason[] } {
  if (input.status === 'cancelled')
    return {
      health: 'cancelled',
      reasons: [{ rule: 'cancelled', milestoneIds: [], detail: 'The project is cancelled.' }],
    };
  if (input.status === 'on_hold')
    return {
      health: 'on_hold',
      reasons: [{ rule: 'on_hold', milestoneIds: [], detail: 'The project is on hold.' }],
    };

  const operating = input.milestones.filter(
    (m) => m.type === 'commercial_operation' && m.scope === 'project' && m.status === 'achieved',
  );
  if (operating.length > 0)
    return {
      health: 'completed',
      reasons: [
        {
          rule: 'completed',
          milestoneIds: operating.map((m) => m.milestoneId),
          detail: 'Commercial operation achieved.',
        },
      ],
    };

  const reasons: HealthReason[] = [];
  const open = input.milestones.filter(isOpen);
  const byDue = (state: string) => open.filter((m) => dueState(m, asOf) === state);
  // The last day included, as people say it: "due by 31 Mar 2026".
  const deadlineText = (m: MilestoneRecord) => lastDayText(m.target!)!;

  for (const m of byDue('overdue'))
    reasons.push({
      rule: 'overdue',
      milestoneIds: [m.milestoneId],
      detail: `${label(m)} was due by ${deadlineText(m)}.`,
    });
  for (const m of byDue('due_soon'))
    reasons.push({
      rule: 'due_soon',
      milestoneIds: [m.milestoneId],
      detail: `${label(m)} is due by ${deadlineText(m)}.`,
    });
  for (const m of open) {
    const drift = driftOf(m);
    if (drift?.days != null && drift.days > DRIFT_AT_RISK_DAYS)
      reasons.push({
        rule: 'drift',
        milestoneIds: [m.milestoneId],
        detail: `${label(m)} has drifted ${drift.days} days over ${drift.reschedules} reschedule(s).`,
      });
  }
  const stalled = stalledDays(input.lastEventAt, asOf);
  if (stalled !== null && stalled >= STALLED_AFTER_DAYS)
    reasons.push({
      rule: 'stalled',
      milestoneIds: [],
      detail: `No new entry for ${stalled} days.`,
    });

  if (reasons.some((r) => r.rule === 'overdue')) return { health: 'overdue', reasons };
  if (reasons.length > 0) return { health: 'at_risk', reasons };
  return {
    health: 'on_track',
    reasons: [{ rule: 'on_track', milestoneIds: [], detail: 'Nothing overdue or at risk.' }],
  };
}

/** Whole days from the last recorded entry to asOf (0 when asOf is before it). */
function stalledDays(lastEventAt: string | null, asOf: DateTime): number | null {
  if (lastEventAt === null) return null;
  const days = Math.floor((asOf.toMillis() - Date.parse(lastEventAt)) / 86_400_000);
  return Math.max(0, days);
}
