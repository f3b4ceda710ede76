/**
 * Fills an empty SQLite store with realistic project streams for timing the audit commands:
 * domain commands decided, hash-chained and appended through the event-store port, projects
 * taking turns so their streams interleave in the log.
 *
 *   node services/cli/dist/bench/generateStore.js <dataDir> [events=100000] [projects=1000]
 *
 * Then, e.g.: time DATA_DIR=<dataDir> npm run cli -- verify
 */
import { join } from 'node:path';
import { generateProjects } from '@kawasan/audit/testing';
import { openSqliteEventStore } from '@kawasan/event-store';

const [dataDir, eventsArg = '100000', projectsArg = '1000'] = process.argv.slice(2);
if (dataDir === undefined) {
  console.error('usage: generateStore.js <dataDir> [events] [projects]');
  process.exit(2);
}
const projects = Number(projectsArg);
// Every command of the generator decides exactly one event.
const commandsPerProject = Math.ceil(Number(eventsArg) / projects);
const store = await openSqliteEventStore({ file: join(dataDir, 'events.sqlite') });
if ((await store.headPosition()) !== 0n) {
  console.error(`${dataDir} already holds events; give an empty directory`);
  process.exit(1);
}
const started = performance.now();
const { events } = await generateProjects(store, {
  projects,
  commandsPerProject,
  commandsPerTurn: 10,
  start: new Date('2024-01-01T00:00:00Z'),
});
await store.close();
const seconds = (performance.now() - started) / 1000;
console.log(
  `${events} events in ${projects} project streams written to ${dataDir} in ${seconds.toFixed(1)} s`,
);
