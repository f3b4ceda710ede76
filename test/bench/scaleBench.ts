/**
 * Scale benchmark (not a test): a realistic store of 2M events in 100k projects, then
 *  - the raw reference: every row read with better-sqlite3 in position order, data and metadata
 *    JSON-parsed;
 *  - the projection service replaying it from zero (no checkpoint), spawn to /ready, as a process;
 *  - view reads at scale with autocannon beside a bare fastify sending the same JSON's bytes;
 *  - stop (SIGTERM, which saves the checkpoint) and restart-to-ready;
 *  - the command service on the same store: durable POST at 1 and 50 connections beside a bare
 *    POST, and the lag from 201 to visible in the views;
 *  - peak RSS (VmHWM) of both services;
 * each beside the issue's target. Prints everything and writes the `scale` section of
 * BENCHMARKS.md.
 *
 *   node test/dist/bench/scaleBench.js
 *   BENCH_SCALE_EVENTS / BENCH_SCALE_PROJECTS   store size (default 2000000 / 100000)
 *   BENCH_SCALE_DIR   where the store is kept and reused (default <tmpdir>/kawasan-scale-bench)
 *   BENCH_SECONDS     each autocannon run (default 8)
 *   BENCH_CPU_PROF=<dir>   start the services with --cpu-prof --cpu-prof-dir=<dir>
 *
 * The store is generated once (services/cli/dist/bench/generateStore.js) and reused while
 * <dir>/store.json names the same size and generator version; events the bench itself appended
 * are deleted on reuse, so every run starts from the generated log.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../e2e/support/stack.js';
import { loadRun, type Row } from './loadRun.js';
import { startBareServer, type BareServer } from './bareServer.js';
import { TOKENS } from '../e2e/support/stack.js';
import { repoRoot, runHeader, writeSection } from './report.js';

const env = process.env;
const EVENTS = Number(env.BENCH_SCALE_EVENTS ?? 2_000_000);
const PROJECTS = Number(env.BENCH_SCALE_PROJECTS ?? 100_000);
const SECONDS = Number(env.BENCH_SECONDS ?? 8);
const base = env.BENCH_SCALE_DIR ?? join(tmpdir(), 'kawasan-scale-bench');
const dataDir = join(base, 'data');
const dbFile = join(dataDir, 'events.sqlite');
const markerFile = join(base, 'store.json');
const tokensFile = join(base, 'tokens.json');
const generator = join(repoRoot, 'services', 'cli', 'dist', 'bench', 'generateStore.js');
const nodeArgs = env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_CPU_PROF}`] : [];
const auth = { authorization: `Bearer ${TOKENS.admin}`, 'content-type': 'application/json' };
const fact = JSON.stringify({ fact: 'jobs', kind: 'projected', count: 1 });
const MiB = 2 ** 20;

// better-sqlite3 is a dependency of the event store, not of these tests: load it from there.
interface Statement {
  iterate(...params: unknown[]): IterableIterator<Record<string, unknown>>;
  all(...params: unknown[]): Record<string, unknown>[];
  run(...params: unknown[]): { changes: number };
}
interface Db {
  prepare(sql: string): Statement;
  pragma(sql: string): unknown;
  defaultSafeIntegers(on: boolean): Db;
  close(): void;
}
const Database = createRequire(join(repoRoot, 'packages', 'event-store', 'package.json'))(
  'better-sqlite3',
) as new (file: string, options?: { readonly?: boolean }) => Db;

const log = (line: string) => console.log(`[scale] ${line}`);
const fixed = (n: number, digits = 0) => n.toFixed(digits);
const ms = (n: number) => `${n.toFixed(1)} ms`;

// ---------------------------------------------------------------------------------------------
// The store

interface Marker {
  generatorVersion: number;
  events: number;
  projects: number;
  seconds: number;
  byType: Record<string, number>;
  byKind: Record<string, number>;
  milestones: number;
  rescheduledMilestones: number;
}

/** Reuses the generated store when the marker matches, otherwise generates it afresh. */
function ensureStore(): { marker: Marker; generated: boolean } {
  const version = Number(execFileSync(process.execPath, [generator, '--version'], { encoding: 'utf8' })); // prettier-ignore
  const marker = existsSync(markerFile)
    ? (JSON.parse(readFileSync(markerFile, 'utf8')) as Marker)
    : null;
  if (
    marker?.generatorVersion === version &&
    marker.events === EVENTS &&
    marker.projects === PROJECTS &&
    existsSync(dbFile)
  ) {
    // Back to the generated log: drop what earlier runs of this bench appended.
    const db = new Database(dbFile);
    const dropped = db.prepare('DELETE FROM events WHERE position > ?').run(EVENTS).changes;
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    log(`reusing ${dbFile} (${EVENTS} events${dropped ? `, ${dropped} bench events dropped` : ''})`); // prettier-ignore
    return { marker, generated: false };
  }
  rmSync(markerFile, { force: true });
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  log(`generating ${EVENTS} events in ${PROJECTS} projects into ${dataDir}`);
  execFileSync(
    process.execPath,
    [generator, dataDir, String(EVENTS), String(PROJECTS), '--summary', markerFile],
    { stdio: 'inherit' },
  );
  return { marker: JSON.parse(readFileSync(markerFile, 'utf8')) as Marker, generated: true };
}

/** The raw reference: every row in position order, data and metadata parsed. */
function rawRead(): { events: number; seconds: number } {
  const db = new Database(dbFile, { readonly: true });
  db.defaultSafeIntegers(true);
  const started = performance.now();
  let events = 0;
  const rows = db.prepare(
    'SELECT position, stream, revision, id, type, data, metadata, created FROM events ORDER BY position',
  );
  for (const row of rows.iterate()) {
    JSON.parse(row['data'] as string);
    JSON.parse(row['metadata'] as string);
    events++;
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { events, seconds };
}

/** Project ids to read and write: all of them, and those not cancelled (which accept facts). */
function projectIds(): { all: string[]; writable: string[] } {
  const db = new Database(dbFile, { readonly: true });
  const all = db
    .prepare('SELECT stream FROM events WHERE revision = 0')
    .all()
    .map((r) => (r['stream'] as string).slice('project-'.length));
  const cancelled = new Set(
    db
      .prepare(
        `SELECT stream FROM events WHERE type = 'ProjectStatusChanged' AND data LIKE '%"to":"cancelled"%'`,
      )
      .all()
      .map((r) => (r['stream'] as string).slice('project-'.length)),
  );
  db.close();
  return { all, writable: all.filter((id) => !cancelled.has(id)) };
}

const sample = <T>(items: readonly T[], n: number): T[] =>
  Array.from({ length: n }, () => items[Math.floor(Math.random() * items.length)]!);

// ---------------------------------------------------------------------------------------------
// Services as processes

interface Service {
  readonly child: ChildProcess;
  readonly url: string;
  /** Milliseconds from spawn to /ready answering 200. */
  readonly readyMs: number;
  output(): string;
  /** How many "projection snapshot saved" lines it has logged. */
  snapshotsSaved(): number;
}

const SAVED = 'projection snapshot saved';

const ports = { command: 0, query: 0 };

async function startService(
  service: 'projection-service' | 'command-service',
  timeoutMs: number,
): Promise<Service> {
  const port = service === 'command-service' ? ports.command : ports.query;
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...nodeArgs, join(repoRoot, 'services', service, 'dist', 'main.js')],
    {
      env: {
        PATH: env.PATH,
        HOST: '127.0.0.1',
        COMMAND_PORT: String(ports.command),
        QUERY_PORT: String(ports.query),
        DATA_DIR: dataDir,
        AUTH_TOKENS_FILE: tokensFile,
        SEED_DEMO: 'off',
        LOG_LEVEL: 'info',
        QUERY_PUBLIC_URL: `http://127.0.0.1:${ports.query}`,
        RATE_LIMIT_PER_MINUTE: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let saved = 0;
  // Shorter than the line looked for: a match found in it plus the chunk is never counted twice.
  let tail = '';
  const keep = (chunk: Buffer) => {
    const fresh = chunk.toString();
    const text = tail + fresh;
    for (let i = text.indexOf(SAVED); i !== -1; i = text.indexOf(SAVED, i + 1)) saved++;
    tail = text.slice(-(SAVED.length - 1));
    output = (output + fresh).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const deadline = started + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${service} exited (${child.exitCode ?? child.signalCode}): ${output.slice(-3000)}`); // prettier-ignore
    try {
      const res = await fetch(`${url}/ready`);
      await res.arrayBuffer();
      if (res.ok)
        return {
          child,
          url,
          readyMs: performance.now() - started,
          output: () => output,
          snapshotsSaved: () => saved,
        };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  throw new Error(`${service} not ready after ${timeoutMs} ms: ${output.slice(-3000)}`);
}

/** SIGTERM and wait for the exit; milliseconds it took. */
async function stopService(service: Service | null): Promise<number> {
  if (!service) return 0;
  const { child } = service;
  if (child.exitCode !== null || child.signalCode !== null) return 0;
  const started = performance.now();
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return performance.now() - started;
}

interface Memory {
  /** Peak and current resident memory, in MiB. */
  peak: number;
  now: number;
  /** The V8 heap in use and reserved, in MiB, from the service's /metrics. */
  heapUsed?: number;
  heapTotal?: number;
}

/** Peak and current resident memory of a service, and its V8 heap. */
async function memoryOf(service: Service): Promise<Memory> {
  const pid = service.child.pid;
  const memory: Memory = { peak: NaN, now: NaN };
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1]);
    memory.peak = kib('VmHWM') / 1024;
    memory.now = kib('VmRSS') / 1024;
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    const bytes = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(metrics)?.[1]);
    memory.heapUsed = bytes('nodejs_heap_used_bytes') / 2 ** 20;
    memory.heapTotal = bytes('nodejs_heap_total_bytes') / 2 ** 20;
  } catch {
    // Whatever was read stays; the rest is NaN.
  }
  return memory;
}

/** Everything in the data directory but the event store goes: no checkpoint, no snapshot. */
function removeCheckpoints(): string[] {
  const removed = readdirSync(dataDir).filter((name) => !name.startsWith('events.sqlite'));
  for (const name of removed) rmSync(join(dataDir, name), { recursive: true, force: true });
  return removed;
}

// ---------------------------------------------------------------------------------------------
// Load

async function load(
  name: string,
  options: { url: string; method?: 'GET' | 'POST'; connections: number; paths: string[] },
): Promise<Row> {
  const row = await loadRun(name, {
    ...options,
    seconds: SECONDS,
    headers: auth,
    body: options.method === 'POST' ? fact : undefined,
  });
  log(`${name}: ${fixed(row.rps)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, non-2xx ${row.non2xx}`); // prettier-ignore
  return row;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** One connection, one request at a time, timed with performance.now() (autocannon rounds to ms). */
async function sequential(
  url: string,
  method: 'GET' | 'POST',
  paths: string[],
  n: number,
): Promise<{ p50: number; p99: number; rps: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const { hostname, port } = new URL(url);
  const once = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest({ hostname, port, path, method, agent, headers: auth }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(method === 'POST' ? fact : undefined);
    });
  for (let i = 0; i < 50; i++) await once(paths[i % paths.length]!); // warm-up
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const status = await once(paths[i % paths.length]!);
    samples.push(performance.now() - t0);
    if (status >= 300) throw new Error(`${method} ${url}${paths[i % paths.length]} answered ${status}`); // prettier-ignore
  }
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), rps: n / seconds };
}

async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { headers: auth });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

// ---------------------------------------------------------------------------------------------
// Run

const verdict = (met: boolean) => (met ? '**met**' : '**missed**');
const targets: string[] = [];
const target = (what: string, figure: string, met: boolean | null) => {
  const line = `- ${what}: ${figure} — ${met === null ? 'not measured' : verdict(met)}`;
  targets.push(line);
  log(line.slice(2));
};
const notes: string[] = [];
const rows: Row[] = [];
const rowOf = (name: string) => rows.find((r) => r.name === name);

ports.command = await freePort();
ports.query = await freePort();
mkdirSync(base, { recursive: true });
writeFileSync(
  tokensFile,
  JSON.stringify({ tokens: [{ token: TOKENS.admin, actor: 'bench-admin', roles: ['admin'] }] }),
  { mode: 0o600 },
);

const { marker, generated } = ensureStore();
const storeMiB = readdirSync(dataDir)
  .filter((n) => n.startsWith('events.sqlite'))
  .reduce((sum, n) => sum + statSync(join(dataDir, n)).size / MiB, 0);
log(`store: ${marker.events} events, ${marker.projects} projects, ${fixed(storeMiB)} MiB`);

const raw = rawRead();
const rawRate = raw.events / raw.seconds;
log(`raw reference: ${raw.events} rows in ${raw.seconds.toFixed(1)} s, ${fixed(rawRate)} events/s`);
const ids = projectIds();
const readPaths = sample(ids.all, 5000).map((id) => `/projects/${id}`);
const factPaths = sample(ids.writable, 5000).map((id) => `/projects/${id}/facts`);

let projection: Service | null = null;
let command: Service | null = null;
let bare: BareServer | null = null;
const memory: Record<string, Memory> = {};
let replay: { seconds: number; rate: number } | null = null;
let restartMs: number | null = null;
let stopMs: number | null = null;
let firstSaveMs: number | null = null;
const lag: number[] = [];
try {
  const removed = removeCheckpoints();
  if (removed.length > 0) log(`removed from the data dir before replay: ${removed.join(', ')}`);
  log('projection service: replay from zero …');
  projection = await startService('projection-service', 60 * 60_000);
  replay = { seconds: projection.readyMs / 1000, rate: EVENTS / (projection.readyMs / 1000) };
  memory['projection after replay'] = await memoryOf(projection);
  log(`replay: ready after ${replay.seconds.toFixed(1)} s, ${fixed(replay.rate)} events/s`);
  // After a replay from zero the first snapshot writes every fold (about 1 GB): the loads below
  // measure the steady state, so they wait for it (its memory is in the peak all the same).
  const saveWait = performance.now();
  while (projection.snapshotsSaved() === 0 && performance.now() - saveWait < 300_000)
    await new Promise((r) => setTimeout(r, 100));
  firstSaveMs = projection.snapshotsSaved() > 0 ? performance.now() - saveWait : null;
  log(`first snapshot saved ${firstSaveMs === null ? 'not within 300 s' : `${ms(firstSaveMs)} after ready`}`); // prettier-ignore
  memory['projection after its first snapshot'] = await memoryOf(projection);

  const projectBody = await getJson(`${projection.url}${readPaths[0]}`);
  const listPath = '/projects?province=Jawa%20Barat&limit=20';
  const overduePath = '/projects?province=Jawa%20Barat&health=overdue&limit=20';
  const listBody = await getJson(`${projection.url}${listPath}`);
  bare = await startBareServer({ project: projectBody, list: listBody });
  // Steady state: one untimed pass over the sampled projects first, so the figures are not those
  // of each project's first read (the cold-pass rates are logged).
  const coldGet = await sequential(projection.url, 'GET', readPaths, readPaths.length);
  log(
    `cold pass over ${readPaths.length} projects: ${fixed(coldGet.rps)} GET/s, p50 ${ms(coldGet.p50)}`,
  );
  rows.push(await load('bare GET project, 10 conn', { url: bare.url, connections: 10, paths: readPaths })); // prettier-ignore
  rows.push(await load('GET /projects/{id}, 10 conn', { url: projection.url, connections: 10, paths: readPaths })); // prettier-ignore
  // Once more after it: on a shared machine one run can be slowed by something else, and the
  // ratio is taken against the faster bare run (the harder comparison).
  rows.push(await load('bare GET project again, 10 conn', { url: bare.url, connections: 10, paths: readPaths })); // prettier-ignore
  rows.push(await load('bare GET list, 10 conn', { url: bare.url, connections: 10, paths: [listPath] })); // prettier-ignore
  rows.push(await load('GET /projects?province=Jawa Barat&limit=20, 10 conn', { url: projection.url, connections: 10, paths: [listPath] })); // prettier-ignore
  rows.push(await load('GET /projects?province=…&health=overdue, 10 conn', { url: projection.url, connections: 10, paths: [overduePath] })); // prettier-ignore
  memory['projection after reads'] = await memoryOf(projection);

  stopMs = await stopService(projection);
  log(`projection stopped (SIGTERM) in ${ms(stopMs)}; restarting …`);
  try {
    projection = await startService('projection-service', 60 * 60_000);
    restartMs = projection.readyMs;
    log(`restart-to-ready: ${ms(restartMs)}`);
    memory['projection after restart'] = await memoryOf(projection);
  } catch (error) {
    // Record it, then replay from zero again so the write-side figures are still measured.
    const message = error instanceof Error ? error.message : String(error);
    notes.push(`The restart from the checkpoint failed: ${message.slice(0, 1500)}`);
    log(`restart failed; replaying from zero to go on: ${message.slice(0, 300)}`);
    removeCheckpoints();
    projection = await startService('projection-service', 60 * 60_000);
  }

  command = await startService('command-service', 5 * 60_000);
  log(`command service ready in ${ms(command.readyMs)}`);
  const coldPost = await sequential(command.url, 'POST', factPaths, factPaths.length);
  log(
    `cold pass over ${factPaths.length} projects: ${fixed(coldPost.rps)} POST/s, p50 ${ms(coldPost.p50)}`,
  );
  notes.push(
    `Each load ran after one untimed sequential pass over its ${readPaths.length} sampled projects (steady state): that cold pass ran at ${fixed(coldGet.rps)} GET/s (p50 ${ms(coldGet.p50)}) and ${fixed(coldPost.rps)} POST/s (p50 ${ms(coldPost.p50)}).`,
  );
  for (const connections of [1, 50]) {
    rows.push(await load(`bare POST, ${connections} conn`, { url: bare.url, method: 'POST', connections, paths: factPaths })); // prettier-ignore
    rows.push(await load(`durable POST fact, ${connections} conn`, { url: command.url, method: 'POST', connections, paths: factPaths })); // prettier-ignore
  }
  const bareOne = rowOf('bare POST, 1 conn')!;
  const durableOne = rowOf('durable POST fact, 1 conn')!;
  bareOne.fine = await sequential(bare.url, 'POST', factPaths, 1000);
  durableOne.fine = await sequential(command.url, 'POST', factPaths, 1000);
  log(`sequential POST p50: bare ${ms(bareOne.fine.p50)}, durable ${ms(durableOne.fine.p50)}`);
  const bareGet = rowOf('bare GET project, 10 conn')!;
  const viewGet = rowOf('GET /projects/{id}, 10 conn')!;
  bareGet.fine = await sequential(bare.url, 'GET', readPaths, 1000);
  viewGet.fine = await sequential(projection.url, 'GET', readPaths, 1000);

  // Lag: from a command's 201 to the views including it.
  for (let i = 0; i < 200; i++) {
    const path = factPaths[i % factPaths.length]!;
    const res = await fetch(`${command.url}${path}`, { method: 'POST', headers: auth, body: fact });
    const { position } = (await res.json()) as { position: string };
    const started = performance.now();
    const id = path.slice('/projects/'.length, -'/facts'.length);
    const view = await fetch(
      `${projection.url}/projects/${id}?minPosition=${position}&waitMs=10000`,
      { headers: auth },
    );
    await view.arrayBuffer();
    lag.push(performance.now() - started);
  }
  lag.sort((a, b) => a - b);
  memory['projection at the end'] = await memoryOf(projection);
  memory['command at the end'] = await memoryOf(command);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  notes.push(`The run stopped early: ${message.slice(0, 1500)}`);
  console.error(error);
} finally {
  await bare?.close();
  await stopService(command);
  await stopService(projection);
}

// ---------------------------------------------------------------------------------------------
// Report

const ratio = (a: Row | undefined, b: Row | undefined) => (a && b ? a.rps / b.rps : NaN);
const peakProjection = Math.max(
  ...Object.entries(memory)
    .filter(([k]) => k.startsWith('projection'))
    .map(([, m]) => m.peak),
);
target(
  'replay from zero ≥ 0.5× raw reference',
  replay ? `${fixed(replay.rate)} events/s = ${(replay.rate / rawRate).toFixed(2)}×` : 'failed',
  replay ? replay.rate >= 0.5 * rawRate : null,
);
target(
  `restart-to-ready ≤ 5 s at ${EVENTS} events`,
  restartMs === null ? 'failed' : `${(restartMs / 1000).toFixed(2)} s`,
  restartMs === null ? null : restartMs <= 5000,
);
target(
  `projection service RSS ≤ 1 GiB at ${PROJECTS} projects`,
  Number.isFinite(peakProjection) ? `peak ${fixed(peakProjection)} MiB` : 'failed',
  Number.isFinite(peakProjection) ? peakProjection <= 1024 : null,
);
const bareGets = ['bare GET project, 10 conn', 'bare GET project again, 10 conn']
  .map(rowOf)
  .filter((r): r is Row => r !== undefined);
const fasterBareGet = bareGets.reduce<Row | undefined>(
  (best, r) => (best === undefined || r.rps > best.rps ? r : best),
  undefined,
);
const viewRatio = ratio(rowOf('GET /projects/{id}, 10 conn'), fasterBareGet);
target(
  'GET /projects/{id} ≥ 0.7× bare GET',
  `${viewRatio.toFixed(2)}×`,
  Number.isNaN(viewRatio) ? null : viewRatio >= 0.7,
);
const viewRow = rowOf('GET /projects/{id}, 10 conn');
target(
  'GET /projects/{id} p99 ≤ 10 ms (10 conn)',
  viewRow ? `${viewRow.p99} ms` : 'failed',
  viewRow ? viewRow.p99 <= 10 : null,
);
const post50 = ratio(rowOf('durable POST fact, 50 conn'), rowOf('bare POST, 50 conn'));
target(
  'durable POST at 50 conn ≥ 0.5× bare POST (stretch 0.7×)',
  `${post50.toFixed(2)}×${post50 >= 0.7 ? ' (stretch met)' : ''}`,
  Number.isNaN(post50) ? null : post50 >= 0.5,
);
const d50 = rowOf('durable POST fact, 50 conn');
const b50 = rowOf('bare POST, 50 conn');
target(
  'durable POST at 50 conn p99 ≤ 3× bare p99',
  d50 && b50 ? `${d50.p99} ms vs bare ${b50.p99} ms` : 'failed',
  d50 && b50 ? d50.p99 <= 3 * Math.max(1, b50.p99) : null,
);
const d1 = rowOf('durable POST fact, 1 conn')?.fine;
const b1 = rowOf('bare POST, 1 conn')?.fine;
target(
  'durable POST at 1 conn p50 ≤ bare p50 + 0.5 ms',
  d1 && b1 ? `${d1.p50.toFixed(2)} ms vs bare ${b1.p50.toFixed(2)} ms` : 'failed',
  d1 && b1 ? d1.p50 <= b1.p50 + 0.5 : null,
);
target(
  'lag from 201 to visible p99 ≤ 50 ms',
  lag.length > 0
    ? `p50 ${ms(percentile(lag, 50))}, p99 ${ms(percentile(lag, 99))} (${lag.length} samples)`
    : 'failed',
  lag.length > 0 ? percentile(lag, 99) <= 50 : null,
);

const table = [
  '| run | req/s | p50 ms | p99 ms | non-2xx | sequential p50 / p99 ms |',
  '|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.name} | ${fixed(r.rps)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.fine ? `${r.fine.p50.toFixed(2)} / ${r.fine.p99.toFixed(2)}` : ''} |`,
  ),
].join('\n');
const memoryLines = Object.entries(memory)
  .map(
    ([k, m]) =>
      `- ${k}: peak ${fixed(m.peak)} MiB, now ${fixed(m.now)} MiB (V8 heap: ${fixed(m.heapUsed ?? NaN)} MiB used of ${fixed(m.heapTotal ?? NaN)} MiB)`,
  )
  .join('\n');
const types = Object.entries(marker.byType)
  .sort((a, b) => b[1] - a[1])
  .map(([k, v]) => `${k} ${v}`)
  .join(', ');
const report = `## Scale: ${EVENTS} events, ${PROJECTS} projects

Measured by \`node test/dist/bench/scaleBench.js\` (part of \`npm run bench\`): a store generated by
\`services/cli/dist/bench/generateStore.js\` (${generated ? `generated in this run in ${marker.seconds.toFixed(0)} s` : 'reused from an earlier run'}),
both services started as processes on it, autocannon for ${SECONDS} s per run beside a bare fastify in its own process
answering with the same JSON (GETs send it as bytes made once) without storing anything.

${runHeader()}
- store: ${fixed(storeMiB)} MiB; ${marker.milestones} milestones, ${marker.rescheduledMilestones} rescheduled; ${types}

Targets (issue 8):

${targets.join('\n')}

Figures:

- raw reference (better-sqlite3, every row in position order, data and metadata JSON-parsed): ${fixed(rawRate)} events/s (${raw.seconds.toFixed(1)} s)
- replay from zero (projection service spawn to /ready, no checkpoint): ${replay ? `${replay.seconds.toFixed(1)} s, ${fixed(replay.rate)} events/s` : 'failed'}
- first snapshot after the replay (every fold), saved: ${firstSaveMs === null ? 'not within 300 s' : `${ms(firstSaveMs)} after ready (the loads waited for it)`}
- stop (SIGTERM, checkpoint saved): ${stopMs === null ? 'not reached' : ms(stopMs)}; restart-to-ready: ${restartMs === null ? 'not reached' : ms(restartMs)}
- command service spawn to /ready: ${command ? ms(command.readyMs) : 'not reached'}
${memoryLines}

${table}
${notes.length > 0 ? `\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}`;
console.log(report);
await writeSection('scale', report);
