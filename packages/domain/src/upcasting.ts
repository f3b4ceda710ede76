import { DomainError } from './errors.js';
import {
  currentSchemaVersion,
  eventDataSchemas,
  isEventType,
  type DomainEvent,
  type EventType,
} from './events.js';

/** Turns data of schema version n into version n + 1. Old events are upcast on read, never rewritten. */
export type Upcaster = (data: unknown) => unknown;
export type Upcasters = Partial<Record<EventType, Readonly<Record<number, Upcaster>>>>;

/** No event shape has changed yet: every type is at version 1. */
export const defaultUpcasters: Upcasters = {};

export interface StoredEventShape {
  readonly type: string;
  readonly data: unknown;
  readonly schemaVersion: number;
}

/**
 * Builds the parser used on every read: upcasts step by step to the current version, then
 * validates with the event's zod schema, so folds only ever see current, valid shapes.
 */
export function makeEventParser(upcasters: Upcasters, targetVersion = currentSchemaVersion) {
  return function parseStoredEvent(stored: StoredEventShape): DomainEvent {
    const { type } = stored;
    if (!isEventType(type))
      throw new DomainError('validation_failed', `unknown event type ${type}`);
    if (!Number.isInteger(stored.schemaVersion) || stored.schemaVersion > targetVersion)
      throw new DomainError(
        'validation_failed',
        `${type} has schema version ${stored.schemaVersion}; this build reads up to ${targetVersion}`,
      );
    let data = stored.data;
    for (let version = stored.schemaVersion; version < targetVersion; version++) {
      const step = upcasters[type]?.[version];
      if (!step)
        throw new DomainError(
          'validation_failed',
          `no upcaster for ${type} from version ${version}`,
        );
      data = step(data);
    }
    const parsed = eventDataSchemas[type].safeParse(data);
    if (!parsed.success)
      throw new DomainError(
        'validation_failed',
        `stored ${type} does not match its schema: ${parsed.error.message}`,
      );
    return { type, data: parsed.data } as DomainEvent;
  };
}

export const parseStoredEvent = makeEventParser(defaultUpcasters);
