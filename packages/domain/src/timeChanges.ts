import type { DateTime } from 'luxon';
import { deadlineMillisOf } from './fuzzyDate.js';
import { DUE_SOON_DAYS, isOpen } from './milestoneRules.js';
import { STALLED_AFTER_DAYS, type HealthInput } from './projectHealth.js';

const DAY_MS = 86_400_000;

/**
 * The first instant after `asOf` at which anything the rules derive from time alone can change
 * for these milestones: a due state (due soon 30 days before a deadline, overdue at it) or the
 * stalled count (whole days since the last entry, once it reaches 180). Until then a view
 * computed at `asOf` stays exact, so read models can keep it; Infinity when nothing is timed.
 * Conservative: an instant it names may change nothing (a stalled count on a closed project).
 */
export function nextTimeChange(input: HealthInput, asOf: DateTime): number {
  const now = asOf.toMillis();
  let next = Infinity;
  const consider = (at: number) => {
    // An instant equal to asOf counts: "due soon" starts just after its boundary.
    if (at >= now && at < next) next = at;
  };
  for (const m of input.milestones) {
    if (!isOpen(m) || !m.target) continue;
    const deadline = deadlineMillisOf(m.target);
    if (deadline === null) continue;
    // Indonesia keeps no daylight saving, so a day is always 24 hours here.
    consider(deadline - DUE_SOON_DAYS * DAY_MS);
    consider(deadline);
  }
  if (input.lastEventAt !== null) {
    const last = Date.parse(input.lastEventAt);
    const stalledFrom = last + STALLED_AFTER_DAYS * DAY_MS;
    consider(
      now < stalledFrom ? stalledFrom : last + (Math.floor((now - last) / DAY_MS) + 1) * DAY_MS,
    );
  }
  return next;
}
