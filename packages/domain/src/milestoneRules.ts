import { DateTime } from 'luxon';
import { daysBetween, deadlineMillisOf, type FuzzyDate } from './fuzzyDate.js';
import {
  milestoneTypeInfo,
  stageRank,
  type DueState,
  type MilestonePhase,
  type MilestoneStatus,
  type MilestoneType,
  type ReasonCode,
  type Stage,
} from './vocabulary.js';

/** A milestone as the rules see it: built by the read models from the events in force. */
export interface MilestoneRecord {
  readonly milestoneId: string;
  readonly type: MilestoneType;
  readonly title?: string | undefined;
  /** Explicit only for type `other`. */
  readonly stage?: Stage | undefined;
  readonly phase: MilestonePhase;
  readonly scope: string;
  readonly status: MilestoneStatus;
  readonly baseline: FuzzyDate | null;
  readonly target: FuzzyDate | null;
  readonly achievedOn: FuzzyDate | null;
  readonly reschedules: readonly { readonly target: FuzzyDate; readonly reasonCode: ReasonCode }[];
}

export const DUE_SOON_DAYS = 30;

export const milestoneStage = (m: Pick<MilestoneRecord, 'type' | 'stage'>): Stage =>
  m.type === 'other' ? (m.stage ?? 'idea') : milestoneTypeInfo[m.type].stage;

export const isOpen = (m: Pick<MilestoneRecord, 'status'>): boolean =>
  m.status === 'planned' || m.status === 'in_progress';

/** Stage of a project: the highest stage of any achieved milestone; `idea` when none. */
export function projectStage(milestones: Iterable<MilestoneRecord>): Stage {
  let best: Stage = 'idea';
  for (const m of milestones) {
    if (m.status !== 'achieved') continue;
    const stage = milestoneStage(m);
    if (stageRank(stage) > stageRank(best)) best = stage;
  }
  return best;
}

/**
 * Due state of an open milestone at `asOf`: the deadline is the end of its current target at
 * local midnight in the target's zone. Closed milestones have no due state (null).
 */
export function dueState(m: MilestoneRecord, asOf: DateTime): DueState | null {
  if (!isOpen(m)) return null;
  const deadline = m.target ? deadlineMillisOf(m.target) : null;
  if (deadline === null) return 'undated';
  if (asOf.toMillis() >= deadline) return 'overdue';
  // Indonesia keeps no daylight saving: a day is 24 hours (and a luxon diff costs far more).
  const daysLeft = (deadline - asOf.toMillis()) / 86_400_000;
  return daysLeft < DUE_SOON_DAYS ? 'due_soon' : 'not_due';
}

export interface Slip {
  readonly min: number;
  readonly max: number;
  readonly verdict: 'late' | 'on_time' | 'indeterminate';
}

/** Slip of an achievement against the target in force when it was achieved, in whole days. */
export function slipOf(target: FuzzyDate | null, achievedOn: FuzzyDate | null): Slip | null {
  if (!target?.end || !achievedOn?.start || !achievedOn.end) return null;
  const min = daysBetween(target.end, achievedOn.start);
  const max = daysBetween(target.end, achievedOn.end);
  const verdict = min >= 0 ? 'late' : max <= 0 ? 'on_time' : 'indeterminate';
  return { min, max, verdict };
}

export interface Drift {
  readonly days: number | null;
  readonly reschedules: number;
  readonly reasonCodes: readonly ReasonCode[];
}

/** Drift = current target end − baseline end, in days (null when either is undated). */
export function driftOf(m: MilestoneRecord): Drift | null {
  if (!m.baseline) return null;
  const days = m.baseline.end && m.target?.end ? daysBetween(m.baseline.end, m.target.end) : null;
  return {
    days,
    reschedules: m.reschedules.length,
    reasonCodes: [...new Set(m.reschedules.map((r) => r.reasonCode))],
  };
}

/** Order of the milestone types in domain.md's table: the usual sequence of a project. */
const typeOrder = new Map<MilestoneType, number>(
  (Object.keys(milestoneTypeInfo) as MilestoneType[]).map((t, i) => [t, i]),
);
const sequenceOf = (m: MilestoneRecord): number =>
  m.type === 'other'
    ? stageRank(milestoneStage(m)) * 100
    : stageRank(milestoneStage(m)) * 100 + (typeOrder.get(m.type) ?? 0);

/**
 * An achievement is out of order when a milestone that usually comes before it was achieved
 * strictly after it (a tenant land agreement before the KEK regulation). Only milestones of the
 * same scope count, except that a project-scope achievement also depends on every other scope
 * (the plant's land deal needs the estate's regulation, not the reverse). Accepted, never refused.
 */
export function outOfOrderIds(milestones: readonly MilestoneRecord[]): Set<string> {
  const flagged = new Set<string>();
  const achieved = milestones.filter(
    (m) => m.status === 'achieved' && m.achievedOn?.end && m.achievedOn.start,
  );
  for (const a of achieved) {
    for (const b of achieved) {
      if (a === b || sequenceOf(b) >= sequenceOf(a)) continue;
      if (b.scope !== a.scope && a.scope !== 'project') continue;
      if (b.achievedOn!.start! >= a.achievedOn!.end!) flagged.add(a.milestoneId);
    }
  }
  return flagged;
}
