/**
 * A small load run against both services started as processes on a temp store: sequential
 * durable commands and view reads, printing p50/p99 latency. Not a test: `npm run bench`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStack, TOKENS } from '../e2e/support/stack.js';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};

async function main() {
  const n = Number(process.env.LATENCY_REQUESTS ?? 500);
  const stack = await startStack({
    dataDir: mkdtempSync(join(tmpdir(), 'kawasan-latency-')),
    seedDemo: true,
  });
  const headers = { authorization: `Bearer ${TOKENS.admin}`, 'content-type': 'application/json' };
  try {
    const commands: number[] = [];
    let position = '0';
    for (let i = 0; i < n; i++) {
      const body = JSON.stringify({ fact: 'jobs', kind: 'projected', count: i, comparator: '~' });
      const started = performance.now();
      const res = await fetch(`${stack.commandUrl}/projects/ksb-ki/facts`, {
        method: 'POST',
        headers,
        body,
      });
      const reply = (await res.json()) as { position: string };
      commands.push(performance.now() - started);
      if (res.status !== 201) throw new Error(`command answered ${res.status}`);
      position = reply.position;
    }
    const reads: number[] = [];
    const lists: number[] = [];
    await fetch(`${stack.queryUrl}/projects/ksb-ki?minPosition=${position}&waitMs=10000`, {
      headers,
    });
    for (let i = 0; i < n; i++) {
      let started = performance.now();
      await (await fetch(`${stack.queryUrl}/projects/btg-acemed`, { headers })).arrayBuffer();
      reads.push(performance.now() - started);
      started = performance.now();
      await (
        await fetch(`${stack.queryUrl}/projects?province=Jawa%20Tengah`, { headers })
      ).arrayBuffer();
      lists.push(performance.now() - started);
    }
    const rows = [
      ['POST /projects/{id}/facts (durable, 201)', stats(commands)],
      ['GET /projects/{id}', stats(reads)],
      ['GET /projects?province=…', stats(lists)],
    ] as const;
    console.log(`latency, one client, sequential, node ${process.version}`);
    console.log('request                                      n     p50 ms   p99 ms');
    for (const [name, s] of rows)
      console.log(
        `${name.padEnd(42)} ${String(s.n).padStart(5)} ${s.p50.toFixed(2).padStart(8)} ${s.p99.toFixed(2).padStart(8)}`,
      );
  } finally {
    await stack.stop();
  }
}

await main();
