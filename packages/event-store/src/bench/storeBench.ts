/**
 * Throughput of the SQLite adapter against raw better-sqlite3 doing the same work with the same
 * pragmas and schema. Run: `npx tsc -b packages/event-store && node
 * packages/event-store/dist/bench/storeBench.js`. BENCH_SCALE multiplies the sizes (default 1).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventToAppend } from '../eventStore.js';
import { openSqliteEventStore } from '../sqlite/sqliteEventStore.js';
import { applySchema } from '../sqlite/sqliteSchema.js';

const scale = Number(process.env['BENCH_SCALE'] ?? '1');
if (!Number.isFinite(scale) || scale <= 0) throw new Error('BENCH_SCALE must be a number > 0');
const SINGLE_APPENDS = Math.max(1, Math.round(2000 * scale));
const BATCHES = Math.max(1, Math.round(200 * scale));
const BATCH_SIZE = 100;
const STREAMS = 50;

const makeEvent = (i: number): EventToAppend => ({
  id: randomUUID(),
  type: 'MilestoneRecorded',
  data: {
    projectId: `kek-${i % STREAMS}`,
    milestone: 'land-acquisition',
    achievedOn: '2025-03',
    note: 'Pembebasan lahan tahap II selesai',
  },
  metadata: { actor: 'petugas@bkpm.go.id', correlationId: randomUUID() },
});

const batchOf = (b: number): EventToAppend[] =>
  Array.from({ length: BATCH_SIZE }, (_, i) => makeEvent(b * BATCH_SIZE + i));

interface Sizes {
  singles: number;
  batches: number;
}

const MEASURED: Sizes = { singles: SINGLE_APPENDS, batches: BATCHES };
// A small first pass on scratch files, so JIT warm-up does not penalise whichever side runs first.
const WARM_UP: Sizes = { singles: 100, batches: 10 };

interface Row {
  operation: string;
  count: number;
  adapter: number;
  raw: number;
}

async function timed(work: () => Promise<number> | number): Promise<number> {
  const started = performance.now();
  const count = await work();
  return count / ((performance.now() - started) / 1000);
}

async function benchAdapter(file: string, sizes: Sizes): Promise<number[]> {
  const store = await openSqliteEventStore({ file });
  const singles = Array.from({ length: sizes.singles }, (_, i) => makeEvent(i));
  const single = await timed(async () => {
    for (const [i, event] of singles.entries()) {
      await store.append(`project-${i % STREAMS}`, [event], { expectedRevision: 'any' });
    }
    return sizes.singles;
  });
  const batches = Array.from({ length: sizes.batches }, (_, b) => batchOf(b));
  const batched = await timed(async () => {
    for (const [b, events] of batches.entries()) {
      await store.append(`batch-${b}`, events, { expectedRevision: 'no_stream' });
    }
    return sizes.batches * BATCH_SIZE;
  });
  const read = await timed(async () => {
    let n = 0;
    for await (const _ of store.readAll()) n++;
    return n;
  });
  await store.close();
  return [single, batched, read];
}

async function benchRaw(file: string, sizes: Sizes): Promise<number[]> {
  const db = new Database(file, { timeout: 5000 });
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  applySchema(db);
  const insert = db.prepare(
    'INSERT INTO events (stream, revision, id, type, data, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const write = (stream: string, revision: number, e: EventToAppend): void => {
    const created = new Date().toISOString();
    insert.run(
      stream,
      revision,
      e.id,
      e.type,
      JSON.stringify(e.data),
      JSON.stringify(e.metadata),
      created,
    );
  };
  const one = db.transaction(write);
  const many = db.transaction((stream: string, events: EventToAppend[]) =>
    events.forEach((e, i) => write(stream, i, e)),
  );
  const singles = Array.from({ length: sizes.singles }, (_, i) => makeEvent(i));
  // The raw reference knows each stream's revision in memory; the adapter has to look it up.
  const single = await timed(() => {
    singles.forEach((e, i) => one.immediate(`project-${i % STREAMS}`, Math.floor(i / STREAMS), e));
    return sizes.singles;
  });
  const batches = Array.from({ length: sizes.batches }, (_, b) => batchOf(b));
  const batched = await timed(() => {
    batches.forEach((events, b) => many.immediate(`batch-${b}`, events));
    return sizes.batches * BATCH_SIZE;
  });
  const read = await timed(() => {
    const rows = db
      .prepare(
        'SELECT position, stream, revision, id, type, data, metadata, created FROM events ORDER BY position',
      )
      .all() as { data: string; metadata: string }[];
    for (const row of rows) {
      JSON.parse(row.data);
      JSON.parse(row.metadata);
    }
    return rows.length;
  });
  db.close();
  return [single, batched, read];
}

function printTable(rows: Row[]): void {
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  const header = ['operation', 'count', 'adapter/s', 'raw/s', 'adapter/raw'];
  const cells = rows.map((r) => [
    r.operation,
    fmt(r.count),
    fmt(r.adapter),
    fmt(r.raw),
    (r.adapter / r.raw).toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]): string =>
    c.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'event-store-bench-'));
  try {
    await benchAdapter(join(dir, 'warm-adapter.db'), WARM_UP);
    await benchRaw(join(dir, 'warm-raw.db'), WARM_UP);
    const adapter = await benchAdapter(join(dir, 'adapter.db'), MEASURED);
    const raw = await benchRaw(join(dir, 'raw.db'), MEASURED);
    const total = SINGLE_APPENDS + BATCHES * BATCH_SIZE;
    console.log(
      `event-store bench: SQLite WAL, synchronous=FULL, node ${process.version}, BENCH_SCALE=${scale}`,
    );
    printTable([
      {
        operation: 'single-event appends (appends/s)',
        count: SINGLE_APPENDS,
        adapter: adapter[0] ?? 0,
        raw: raw[0] ?? 0,
      },
      {
        operation: `batched appends of ${BATCH_SIZE} (events/s)`,
        count: BATCHES * BATCH_SIZE,
        adapter: adapter[1] ?? 0,
        raw: raw[1] ?? 0,
      },
      {
        operation: 'readAll whole log (events/s)',
        count: total,
        adapter: adapter[2] ?? 0,
        raw: raw[2] ?? 0,
      },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `tap <dir>` runs every file it finds; a benchmark is not a test, and would compete for the CPU.
if (process.env['TAP'] === '1') process.stderr.write('storeBench: skipped under tap\n');
else await main();
