import type { MetricsRegistry } from '@kawasan/http';

/** The command service's own series, next to the shared request durations. */
export interface CommandMetrics {
  appended(command: string, events: number): void;
  conflict(command: string): void;
  observe(command: string, outcome: string, seconds: number): void;
}

export function registerCommandMetrics(registry: MetricsRegistry): CommandMetrics {
  const appends = registry.counter('command_appends_total', 'Successful appends by command');
  const events = registry.counter(
    'command_events_appended_total',
    'Events appended by type of command',
  );
  const conflicts = registry.counter(
    'command_revision_conflicts_total',
    'Appends refused because the stream moved (each retry counts)',
  );
  const durations = registry.histogram(
    'command_duration_seconds',
    'Time from reading the stream to the reply, by command and outcome',
  );
  return {
    appended: (command, count) => {
      appends.inc({ command });
      events.inc({ command }, count);
    },
    conflict: (command) => conflicts.inc({ command }),
    observe: (command, outcome, seconds) => durations.observe(seconds, { command, outcome }),
  };
}
