import { join } from 'node:path';
import { openSqliteEventStore, type SqliteEventStore } from '@kawasan/event-store';
import { generateProjects } from './generateProjects.js';

/** A SQLite store in `dir` holding a few realistic, interleaved project streams. */
export async function generatedStore(
  dir: string,
  options: { projects?: number; commandsPerProject?: number; start?: Date } = {},
): Promise<{ store: SqliteEventStore; file: string; projectIds: string[]; events: number }> {
  const file = join(dir, 'events.sqlite');
  const store = await openSqliteEventStore({ file });
  const generated = await generateProjects(store, {
    projects: options.projects ?? 3,
    commandsPerProject: options.commandsPerProject ?? 8,
    ...(options.start && { start: options.start }),
  });
  return { store, file, ...generated };
}
