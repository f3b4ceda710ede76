import { copyFile, mkdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { SqliteTamper } from '@kawasan/audit/testing';
import { demoSteps } from '@kawasan/demo-data';
import { buildApp as buildCommandApp } from '@kawasan/command-service';
import { openEventStore } from '@kawasan/event-store';
import { TokenRegistry } from '@kawasan/http';
import { buildApp as buildProjectionApp } from '@kawasan/projection-service';
import { runCliInProcess as cli } from '../testing/runCliInProcess.js';

const ADMIN = 'cli-admin-token-00000000000000';
const AUDITOR = 'cli-auditor-token-000000000000';
const tokens = () =>
  TokenRegistry.fromEntries([
    { token: ADMIN, actor: 'cli-admin', roles: ['admin'] },
    { token: AUDITOR, actor: 'cli-auditor', roles: ['auditor'] },
  ]);

async function listen(t: Test, app: Awaited<ReturnType<typeof buildCommandApp>>) {
  t.teardown(() => app.close());
  return app.listen({ host: '127.0.0.1', port: 0 });
}

/** A command service over `dir`, and a projection service over the same file once seeded. */
async function services(t: Test, dir: string) {
  const file = join(dir, 'events.sqlite');
  const commandUrl = await listen(
    t,
    await buildCommandApp({
      store: await openEventStore({ kind: 'sqlite', file }),
      tokens: tokens(),
      queryPublicUrl: 'http://q',
    }),
  );
  const projection = async () =>
    listen(
      t,
      await buildProjectionApp({
        store: await openEventStore({ kind: 'sqlite', file }),
        tokens: tokens(),
        snapshotFile: join(dir, 'checkpoint.json'),
      }),
    );
  return { commandUrl, projection };
}

t.test('seed through the command service, then replay --check against the views', async (t) => {
  const dir = t.testdir();
  const env = { DATA_DIR: dir, KAWASAN_TOKEN: ADMIN };
  const { commandUrl, projection } = await services(t, dir);
  const seeded = await cli(['seed', '--url', commandUrl], env);
  t.equal(seeded.code, 0, seeded.stderr);
  t.match(
    seeded.stdout,
    new RegExp(
      `demo data loaded through http://127.0.0.1:\\d+: ${demoSteps.length} steps written\n$`,
    ),
  );
  const again = await cli(['seed', '--url', commandUrl, '--json'], env);
  t.match(
    JSON.parse(again.stdout),
    { steps: demoSteps.length, created: 0, replayed: demoSteps.length },
    'idempotent',
  );
  t.equal((await cli(['verify'], env)).code, 0);
  const refused = await cli(['seed', '--url', commandUrl, '--token', AUDITOR], env);
  t.equal(refused.code, 1);
  t.match(refused.stderr, /demo step 1 \(POST \/projects\) was refused: 403/);

  const queryUrl = await projection();
  const check = [
    'replay',
    '--check',
    '--url',
    queryUrl,
    '--token',
    AUDITOR,
    '--as-of',
    '2026-11-22',
  ];
  const ok = await cli(check, env);
  t.equal(ok.code, 0, ok.stderr);
  t.match(
    ok.stdout,
    /^OK: a replay from position zero gives the service's views of 5 projects \(position \d+, asOf 2026-11-22T00:00:00.000Z\)/,
  );
  t.match(JSON.parse((await cli([...check, '--json'], env)).stdout), { ok: true, projects: 5 });

  // The CLI reads a copy of the log in which one target was edited: the views differ.
  const copy = join(dir, 'copy');
  await mkdir(copy);
  for (const suffix of ['', '-wal'])
    await copyFile(join(dir, `events.sqlite${suffix}`), join(copy, `events.sqlite${suffix}`)).catch(
      () => undefined,
    );
  let planned = -1n;
  const reader = await openEventStore({ kind: 'sqlite', file: join(copy, 'events.sqlite') });
  for await (const e of reader.readStream('project-ksb-ki'))
    if (
      e.type === 'MilestonePlanned' &&
      (e.data as { milestoneId: string }).milestoneId === 'smelter-cc'
    )
      planned = e.revision;
  await reader.close();
  const tamper = new SqliteTamper(join(copy, 'events.sqlite'));
  tamper.editData('project-ksb-ki', planned, (data) => ({
    ...data,
    target: { ...(data['target'] as object), value: '2023' },
  }));
  tamper.close();
  const different = await cli(check, { ...env, DATA_DIR: copy });
  t.equal(different.code, 1, different.stderr);
  t.match(
    different.stdout,
    /^DIFFERENT: GET \/projects\/ksb-ki at milestones\[\d+\]\.baseline\.value/,
  );
  t.match(different.stdout, /replay: {2}"2023"\n {2}service: "2022"/);
  const doc = JSON.parse((await cli([...check, '--json'], { ...env, DATA_DIR: copy })).stdout);
  t.match(doc, { ok: false, where: 'GET /projects/ksb-ki', path: /baseline\.value$/ });

  const unauthorised = await cli(
    ['replay', '--check', '--url', queryUrl, '--token', 'x'.repeat(20)],
    env,
  );
  t.equal(unauthorised.code, 1);
  t.match(unauthorised.stderr, /answered 401/);
  const unreachable = await cli(['replay', '--check', '--url', 'http://127.0.0.1:9'], env);
  t.equal(unreachable.code, 1);
  t.match(unreachable.stderr, /cannot reach the projection service/);
});

t.test('tokens default to the development tokens file', async (t) => {
  const dir = t.testdir({
    'dev-tokens.json': JSON.stringify({
      tokens: [{ actor: 'dev-admin', token: 'from-dev-file-0000000' }],
    }),
  });
  const run = await cli(['seed', '--url', 'http://127.0.0.1:9'], { DATA_DIR: dir });
  t.equal(run.code, 1, 'the token was found; the service was not');
  t.match(run.stderr, /cannot reach the command service/);
  const none = await cli(['seed'], { DATA_DIR: dir, AUTH_TOKENS_FILE: join(dir, 'tokens.json') });
  t.equal(none.code, 2);
  t.match(none.stderr, /give a token with --token or KAWASAN_TOKEN/);
});

t.test('a service that moves on during the check is read again, then given up on', async (t) => {
  const dir = t.testdir();
  // An empty log and a fake service whose position moves with every answer.
  const store = await openEventStore({ kind: 'sqlite', file: join(dir, 'events.sqlite') });
  await store.close();
  let position = 0;
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    position++;
    res.setHeader('x-projection-position', String(position));
    res.setHeader('content-type', 'application/json');
    const list = { items: [{ projectId: 'p-one' }], nextCursor: null, total: 1, counts: {} };
    res.end(JSON.stringify(req.url?.startsWith('/projects?') ? list : { projectId: 'p-one' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => server.close());
  const { port } = server.address() as AddressInfo;
  const run = await cli(['replay', '--check', '--url', `http://127.0.0.1:${port}`], {
    DATA_DIR: dir,
    KAWASAN_TOKEN: AUDITOR,
  });
  t.equal(run.code, 1);
  t.match(run.stderr, /the views moved from position \d+ to \d+ during the check 3 times/);
  t.equal(requests, 6, 'three attempts of a list page and a project');
});
