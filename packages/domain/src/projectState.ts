import type { DomainEvent, EventType } from './events.js';
import type { MilestoneStatus, ProjectStatus } from './vocabulary.js';

/** What decisions need to know about one milestone. Read models are separate and richer. */
export interface MilestoneState {
  readonly status: MilestoneStatus;
}

/** An event as folded: the store's id lets a later retraction name it. */
export type FoldableEvent = DomainEvent & { readonly eventId?: string | undefined };

export interface ProjectState {
  readonly exists: boolean;
  readonly status: ProjectStatus;
  readonly timeZone: string;
  /** Official province name: token scopes are checked against it. */
  readonly province: string | null;
  readonly milestones: ReadonlyMap<string, MilestoneState>;
  readonly conflicts: ReadonlyMap<string, { readonly resolved: boolean }>;
  /** Every entry by id with its type and whether it was retracted (for RetractEntry). */
  readonly entries: ReadonlyMap<
    string,
    { readonly type: EventType; readonly retractedBy?: string }
  >;
  /** The events in force (not retracted), kept so a retraction can refold as if the entry was absent. */
  readonly inForce: readonly FoldableEvent[];
}

export const initialState: ProjectState = {
  exists: false,
  status: 'active',
  timeZone: 'Asia/Jakarta',
  province: null,
  milestones: new Map(),
  conflicts: new Map(),
  entries: new Map(),
  inForce: [],
};

const withMilestone = (state: ProjectState, id: string, status: MilestoneStatus): ProjectState => {
  const milestones = new Map(state.milestones);
  milestones.set(id, { status });
  return { ...state, milestones };
};

/**
 * Applies an event's effect on the decision state. Total: an event that no longer applies
 * (its milestone's planning was retracted) changes nothing, so a fold never throws.
 */
function apply(state: ProjectState, event: DomainEvent): ProjectState {
  switch (event.type) {
    case 'ProjectRegistered':
      return {
        ...state,
        exists: true,
        timeZone: event.data.timeZone,
        province: event.data.location.province,
      };
    case 'ProjectDetailsRevised':
      return {
        ...state,
        timeZone: event.data.timeZone ?? state.timeZone,
        province: event.data.location?.province ?? state.province,
      };
    case 'MilestonePlanned':
      return state.milestones.has(event.data.milestoneId)
        ? state
        : withMilestone(state, event.data.milestoneId, 'planned');
    case 'MilestoneRescheduled':
      return state;
    case 'MilestoneStarted': {
      const current = state.milestones.get(event.data.milestoneId);
      return current?.status === 'planned'
        ? withMilestone(state, event.data.milestoneId, 'in_progress')
        : state;
    }
    case 'MilestoneAchieved': {
      const current = state.milestones.get(event.data.milestoneId);
      if (!current && event.data.type === undefined) return state;
      return withMilestone(state, event.data.milestoneId, 'achieved');
    }
    case 'MilestoneCancelled':
      return state.milestones.has(event.data.milestoneId)
        ? withMilestone(state, event.data.milestoneId, 'cancelled')
        : state;
    case 'ProgressReported':
    case 'FactStated':
      return state;
    case 'ProjectStatusChanged':
      return { ...state, status: event.data.to };
    case 'SourceConflictFlagged': {
      const conflicts = new Map(state.conflicts);
      conflicts.set(event.data.conflictId, { resolved: false });
      return { ...state, conflicts };
    }
    case 'SourceConflictResolved': {
      if (!state.conflicts.has(event.data.conflictId)) return state;
      const conflicts = new Map(state.conflicts);
      conflicts.set(event.data.conflictId, { resolved: true });
      return { ...state, conflicts };
    }
    case 'EntryRetracted':
      return state;
    default:
      return assertNever(event);
  }
}

export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}

/** Folds one event. A retraction refolds the events in force without the retracted entry. */
export function evolve(state: ProjectState, event: FoldableEvent): ProjectState {
  const entries = new Map(state.entries);
  if (event.eventId !== undefined) entries.set(event.eventId, { type: event.type });
  if (event.type !== 'EntryRetracted') {
    const next = apply(state, event);
    return { ...next, entries, inForce: [...state.inForce, event] };
  }
  const target = entries.get(event.data.eventId);
  if (!target || target.retractedBy !== undefined) return { ...state, entries };
  entries.set(event.data.eventId, { ...target, retractedBy: event.eventId ?? 'unknown' });
  const kept = state.inForce.filter((e) => e.eventId !== event.data.eventId);
  const refolded = kept.reduce(apply, initialState);
  return { ...refolded, entries, inForce: kept };
}

/**
 * evolve for a caller that owns the state and uses each state only synchronously (the command
 * service's stream cache): the entries and the events in force are extended in place rather
 * than copied, so a long stream costs O(1) per new event instead of O(events). The previous
 * state object sees the additions; that is why it must not be kept across turns.
 */
export function evolveOwned(state: ProjectState, event: FoldableEvent): ProjectState {
  if (event.type === 'EntryRetracted') return evolve(state, event);
  const entries = state.entries as Map<string, { type: EventType; retractedBy?: string }>;
  if (event.eventId !== undefined) entries.set(event.eventId, { type: event.type });
  (state.inForce as FoldableEvent[]).push(event);
  return { ...apply(state, event), entries, inForce: state.inForce };
}

/**
 * Folds a whole stream from the initial state: the same result as evolving event by event,
 * in one pass (retractions are found first, so nothing is refolded and no map is copied per event).
 */
export function foldEvents(events: Iterable<FoldableEvent>): ProjectState {
  const all = [...events];
  const entries = new Map<string, { type: EventType; retractedBy?: string }>();
  const retracted = new Set<string>();
  for (const event of all) {
    if (event.eventId !== undefined) entries.set(event.eventId, { type: event.type });
    if (event.type !== 'EntryRetracted') continue;
    const target = entries.get(event.data.eventId);
    if (!target || target.retractedBy !== undefined) continue;
    entries.set(event.data.eventId, { ...target, retractedBy: event.eventId ?? 'unknown' });
    retracted.add(event.data.eventId);
  }
  const inForce = all.filter(
    (e) => e.type !== 'EntryRetracted' && !(e.eventId !== undefined && retracted.has(e.eventId)),
  );
  return { ...inForce.reduce(apply, initialState), entries, inForce };
}
