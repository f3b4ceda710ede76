/**
 * Fills an empty SQLite store with a large, realistic log for scale benchmarks and for timing the
 * audit commands (see generateScaleStore in @kawasan/audit/testing): projects across all
 * provinces and kinds, milestones with fuzzy targets, reschedules, facts, status changes and
 * retractions, decided, hash-chained and appended through the event-store port as the command
 * service would, streams interleaved in the log.
 *
 *   node services/cli/dist/bench/generateStore.js <dataDir> [events=2000000] [projects=100000]
 *        [--summary <file>]   also write the summary (counts per type, kind, province) as JSON
 *   node services/cli/dist/bench/generateStore.js --version   the generator's content version
 *
 * Then, e.g.: time DATA_DIR=<dataDir> npm run cli -- verify
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateScaleStore, SCALE_GENERATOR_VERSION } from '@kawasan/audit/testing';
import { openSqliteEventStore } from '@kawasan/event-store';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { summary: { type: 'string' }, version: { type: 'boolean' } },
});
if (values.version) {
  console.log(SCALE_GENERATOR_VERSION);
  process.exit(0);
}
const [dataDir, eventsArg = '2000000', projectsArg = '100000'] = positionals;
const events = Number(eventsArg);
const projects = Number(projectsArg);
if (dataDir === undefined || !Number.isInteger(events) || !Number.isInteger(projects)) {
  console.error('usage: generateStore.js <dataDir> [events] [projects] [--summary <file>]');
  process.exit(2);
}
const store = await openSqliteEventStore({ file: join(dataDir, 'events.sqlite') });
if ((await store.headPosition()) !== 0n) {
  console.error(`${dataDir} already holds events; give an empty directory`);
  process.exit(1);
}
const started = performance.now();
let lastReport = started;
const summary = await generateScaleStore(store, {
  workers: Number(process.env.GENERATOR_WORKERS ?? Math.max(1, availableParallelism())),
  projects,
  events,
  onProgress: (written) => {
    const now = performance.now();
    if (now - lastReport < 5000) return;
    lastReport = now;
    const rate = written / ((now - started) / 1000);
    console.log(`  ${written} / ${events} events, ${rate.toFixed(0)} events/s`);
  },
});
await store.close();
const rate = summary.events / summary.seconds;
console.log(
  `${summary.events} events in ${summary.projects} project streams written to ${dataDir} ` +
    `in ${summary.seconds.toFixed(1)} s (${rate.toFixed(0)} events/s, ${summary.appends} appends)`,
);
console.log(
  `  milestones ${summary.milestones}, rescheduled ${summary.rescheduledMilestones} ` +
    `(${((100 * summary.rescheduledMilestones) / Math.max(1, summary.milestones)).toFixed(1)}%), ` +
    `retractions ${summary.byType['EntryRetracted'] ?? 0}, kinds ${JSON.stringify(summary.byKind)}`,
);
if (values.summary !== undefined)
  writeFileSync(
    values.summary,
    JSON.stringify({ generatorVersion: SCALE_GENERATOR_VERSION, ...summary }, null, 2),
  );
