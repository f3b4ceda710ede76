import {
  decide,
  foldEvents,
  type Command,
  type DomainEvent,
  type FoldableEvent,
} from '@kawasan/domain';
import type { LogEntry } from './historyEntry.js';

/** A tiny command path: decide against the folded stream, then log with ids and recordedAt. */
export function logbook() {
  const log: LogEntry[] = [];
  const streams = new Map<string, FoldableEvent[]>();
  let n = 0;
  return {
    log,
    run(command: Command, recordedAt: string, sources: unknown[] = []): DomainEvent[] {
      const stream = `project-${command.projectId}`;
      const past = streams.get(stream) ?? [];
      const events = decide(command, foldEvents(past), { newId: (k) => `${k}-${n + 1}` });
      for (const event of events) {
        n++;
        const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
        past.push({ ...event, eventId: id });
        log.push({
          stream,
          revision: BigInt(past.length - 1),
          position: BigInt(n),
          id,
          type: event.type,
          data: event.data,
          metadata: { schemaVersion: 1, actor: 'tester', recordedAt, sources },
        });
      }
      streams.set(stream, past);
      return events;
    },
  };
}
