/**
 * Services benchmark (not a test): both services started as processes, as a user would, measured
 * with autocannon beside a bare fastify answering the same requests without storing anything.
 * Prints a table and writes its section of BENCHMARKS.md at the repository root.
 *   npm run bench   (BENCH_SECONDS sets each run's duration, default 8)
 */
import { loadRun, type Row } from './loadRun.js';
import { startBareServer } from './bareServer.js';
import { startStack, TOKENS } from '../e2e/support/stack.js';
import { runHeader, writeSection } from './report.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const PROJECTS = 50;
const auth = { authorization: `Bearer ${TOKENS.admin}`, 'content-type': 'application/json' };
const fact = JSON.stringify({ fact: 'jobs', kind: 'projected', count: 1 });

const load = (
  name: string,
  options: {
    url: string;
    method?: 'GET' | 'POST';
    connections: number;
    paths: string[];
    body?: string;
  },
): Promise<Row> => loadRun(name, { ...options, seconds: SECONDS, headers: auth });

const stack = await startStack({ seedDemo: true });
const bare = await startBareServer({
  project: { projectId: 'bench-0', name: 'x', milestones: [] },
  list: { items: [] },
});
const rows: Row[] = [];
const lag: number[] = [];
try {
  const ids = Array.from({ length: PROJECTS }, (_, i) => `bench-${i}`);
  for (const projectId of ids)
    await fetch(`${stack.commandUrl}/projects`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        projectId,
        name: projectId,
        kind: 'plant',
        location: { province: 'Jawa Tengah' },
      }),
    });
  const factPaths = ids.map((id) => `/projects/${id}/facts`);
  const viewPaths = ['/projects/btg-acemed', '/projects/ksb-ki', '/projects/blt-ki'];
  for (const connections of [1, 50]) {
    rows.push(
      await load(`bare POST, ${connections} conn`, {
        url: bare.url,
        method: 'POST',
        connections,
        paths: factPaths,
        body: fact,
      }),
    );
    rows.push(
      await load(`durable POST fact, ${connections} conn`, {
        url: stack.commandUrl,
        method: 'POST',
        connections,
        paths: factPaths,
        body: fact,
      }),
    );
  }
  rows.push(await load('bare GET, 10 conn', { url: bare.url, connections: 10, paths: viewPaths }));
  rows.push(
    await load('GET /projects/{id}, 10 conn', {
      url: stack.queryUrl,
      connections: 10,
      paths: viewPaths,
    }),
  );
  rows.push(
    await load('GET /projects?province=…, 10 conn', {
      url: stack.queryUrl,
      connections: 10,
      paths: ['/projects?province=Jawa%20Tengah&limit=20'],
    }),
  );
  // Lag: from a command's 201 to the views including it.
  for (let i = 0; i < 200; i++) {
    const res = await fetch(`${stack.commandUrl}${factPaths[i % PROJECTS]}`, {
      method: 'POST',
      headers: auth,
      body: fact,
    });
    const { position } = (await res.json()) as { position: string };
    const started = performance.now();
    await (
      await fetch(`${stack.queryUrl}/projects/bench-0?minPosition=${position}&waitMs=10000`, {
        headers: auth,
      })
    ).arrayBuffer();
    lag.push(performance.now() - started);
  }
} finally {
  await bare.close();
  await stack.stop();
}

lag.sort((a, b) => a - b);
const pct = (p: number) => lag[Math.min(lag.length - 1, Math.floor((p / 100) * lag.length))]!;
const ratio = (a: string, b: string) => {
  const x = rows.find((r) => r.name === a)!;
  const y = rows.find((r) => r.name === b)!;
  return (x.rps / y.rps).toFixed(2);
};
const table = [
  '| run | req/s | p50 ms | p99 ms | non-2xx |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} |`),
].join('\n');
const report = `## Services with the demo data

Measured by \`npm run bench\` (\`test/bench/serviceBench.ts\`): both services started as processes
with the demo data on the embedded SQLite store, loaded with autocannon for ${SECONDS} s per run,
beside a bare fastify in its own process answering the same requests (same zod body validation;
GETs send the same JSON as bytes made once) without storing.

${runHeader()}

${table}

- durable POST / bare POST: 1 connection ${ratio('durable POST fact, 1 conn', 'bare POST, 1 conn')}, 50 connections ${ratio('durable POST fact, 50 conn', 'bare POST, 50 conn')}
- GET /projects/{id} / bare GET: ${ratio('GET /projects/{id}, 10 conn', 'bare GET, 10 conn')}
- lag from 201 to visible in the views (200 samples): p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms

Replay, restart-to-ready and memory at 2M events / 100k projects: see the scale section.
`;
console.log(report);
await writeSection('services', report);
