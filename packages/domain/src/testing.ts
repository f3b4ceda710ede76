import type { Command } from './commands.js';
import { decide, type DecideContext } from './decide.js';
import type { DomainEvent } from './events.js';
import { foldEvents, type FoldableEvent } from './projectState.js';
import { isDomainError } from './errors.js';

/** A DecideContext whose ids are predictable: fact-1, conflict-1, … */
export function fixedContext(): DecideContext {
  const counters = new Map<string, number>();
  return {
    newId: (kind) => {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      return `${kind}-${n}`;
    },
  };
}

export type Outcome = { events: DomainEvent[] } | { error: { code: string; message: string } };

/**
 * Given/when for decider tests: folds the given events, runs the command, and returns either
 * the events decided or the domain error's code, so a test reads as given / when / then.
 */
export function givenWhen(
  given: readonly FoldableEvent[],
  when: Command,
  context = fixedContext(),
): Outcome {
  try {
    return { events: decide(when, foldEvents(given), context) };
  } catch (error) {
    if (isDomainError(error)) return { error: { code: error.code, message: error.message } };
    throw error;
  }
}
