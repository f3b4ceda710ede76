import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { client } from './support/client.js';
import { startStack, TOKENS } from './support/stack.js';

// The auditor's tools as an auditor runs them: the built CLI as a process, beside the running
// services on the demo data.
const dataDir = t.testdir();
const stack = await startStack({ dataDir, seedDemo: true });
t.teardown(() => stack.stop());
const api = client(stack);
const cliMain = join(import.meta.dirname, '..', '..', 'services', 'cli', 'dist', 'main.js');

function kawasan(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [cliMain, ...args], {
      env: {
        PATH: process.env.PATH,
        DATA_DIR: dataDir,
        AUTH_TOKENS_FILE: join(dataDir, 'tokens.json'),
        KAWASAN_QUERY_URL: stack.queryUrl,
        KAWASAN_TOKEN: TOKENS.auditor,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const asOf = '2026-11-22T00:00:00Z';

t.test('replay --check: a replay from zero equals the running service', async (t) => {
  const run = await kawasan(['replay', '--check', '--as-of', asOf]);
  t.equal(run.code, 0, run.stderr);
  t.match(run.stdout, /^OK: a replay from position zero gives the service's views of 5 projects/);
});

t.test('verify: the CLI and the service agree the demo log is intact', async (t) => {
  const run = await kawasan(['verify', '--json']);
  t.equal(run.code, 0, run.stderr);
  const cliReport = JSON.parse(run.stdout);
  t.match(cliReport, { ok: true, streams: 5, failures: [] });
  const served = await api.get('/audit/verify', 'auditor');
  t.strictSame(served.body, cliReport);
});

t.test('a digest from the service verifies with the CLI after more appends', async (t) => {
  const served = await api.get('/audit/digest', 'auditor');
  t.equal(served.status, 200);
  const file = join(dataDir, 'digest-from-service.json');
  await writeFile(file, JSON.stringify(served.body));
  const cliDigest = await kawasan(['digest', '--json', '--position', served.body.position]);
  t.equal(JSON.parse(cliDigest.stdout).root, served.body.root, 'the CLI computes the same root');

  const written = await api.post('/projects/pgk-kek/facts', {
    fact: 'area',
    hectares: '250',
    scope: 'allocated',
  });
  t.equal(written.status, 201);
  const check = await kawasan(['digest', 'verify', file]);
  t.equal(check.code, 0, check.stderr);
  t.match(check.stdout, `OK: the log up to position ${served.body.position} still gives root`);
  const byService = await fetch(`${stack.queryUrl}/audit/digest/verify`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKENS.auditor}`, 'content-type': 'application/json' },
    body: JSON.stringify(served.body),
  }).then((r) => r.json());
  t.match(byService, { ok: true, root: served.body.root });
});

t.test('export → import into an empty store → the same hashes and the same views', async (t) => {
  const exported = join(dataDir, 'log.jsonl');
  const run = await kawasan(['export', '--format', 'jsonl', '--out', exported]);
  t.equal(run.code, 0, run.stderr);
  const lines = (await readFile(exported, 'utf8')).trim().split('\n');
  t.equal(BigInt(JSON.parse(lines.at(-1)!).position), await stack.storeHead());

  const copy = join(dataDir, 'imported');
  const imported = await kawasan(['import', exported], { DATA_DIR: copy });
  t.equal(imported.code, 0, imported.stderr);
  t.match(imported.stdout, `imported ${lines.length} events in 5 streams`);
  const again = await kawasan(['export', '--format', 'jsonl'], { DATA_DIR: copy });
  const strip = (l: string) => {
    const { created: _c, ...rest } = JSON.parse(l);
    return rest;
  };
  t.strictSame(again.stdout.trim().split('\n').map(strip), lines.map(strip), 'identical events');
  // The imported log, replayed, gives exactly what the service folded from the original.
  const replay = await kawasan(['replay', '--check', '--as-of', asOf], { DATA_DIR: copy });
  t.equal(replay.code, 0, replay.stdout + replay.stderr);

  const csv = await kawasan(['export', '--format', 'csv', '--project', 'ksb-ki']);
  t.equal(csv.code, 0, csv.stderr);
  t.match(csv.stdout, /\r\nksb-ki,smelter-cc,construction_completed,[a-z_]+,2022,2024,/);
});
