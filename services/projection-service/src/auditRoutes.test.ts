import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { SqliteTamper } from '@kawasan/audit/testing';
import { openEventStore } from '@kawasan/event-store';
import { buildApp } from './buildApp.js';
import { bearer, startBothServices, testTokens, type Caller } from './testing/bothServices.js';

/** Both services, two projects written through the command service, and a tamperer. */
async function setup(t: Test, options: { digestSigningKeyFile?: string } = {}) {
  const { dir, file, views, command } = await startBothServices(t, {
    clock: () => new Date('2026-11-22T08:00:00Z'),
    ...options,
  });
  const tamper = new SqliteTamper(file);
  t.teardown(() => tamper.close());
  const project = async (projectId: string, province: string) => {
    await command('/projects', {
      projectId,
      name: projectId,
      kind: 'plant',
      location: { province },
    });
    await command(`/projects/${projectId}/milestones`, {
      milestoneId: 'mou',
      type: 'mou_signed',
      target: 'Mei 2026',
    });
    return command(`/projects/${projectId}/milestones/mou/reschedule`, {
      target: 'Juni 2026',
      reasonCode: 'permit',
    });
  };
  await project('ki-sadai', 'Kepulauan Bangka Belitung');
  await project('kek-galang', 'Kepulauan Riau');
  const get = (url: string, who: Caller = 'auditor') =>
    views.inject({ method: 'GET', url, headers: bearer(who) });
  const post = (url: string, payload: object) =>
    views.inject({ method: 'POST', url, payload, headers: bearer('auditor') });
  return { dir, tamper, command, project, get, post };
}

t.test('GET /audit/verify: ok, then the exact place of each forgery', async (t) => {
  const { tamper, get } = await setup(t);
  const ok = await get('/audit/verify');
  t.equal(ok.statusCode, 200);
  t.strictSame(ok.json(), { ok: true, streams: 2, events: 6, failures: [] });
  t.equal((await get('/audit/verify', 'viewer')).statusCode, 403, 'auditors only');
  t.match((await get('/audit/verify?projectId=nope-nope')).json(), { code: 'unknown_project' });

  const edited = tamper.editDataByte('project-ki-sadai', 1n);
  const deleted = tamper.deleteEvent('project-kek-galang', 1n);
  const after = tamper.row('project-kek-galang', 2n);
  const report = (await get('/audit/verify')).json();
  t.match(report, {
    ok: false,
    streams: 2,
    failures: [
      { projectId: 'ki-sadai', revision: '1', eventId: edited.id, reason: 'hash_mismatch' },
      { projectId: 'kek-galang', revision: '2', eventId: after.id, reason: 'revision_gap' },
    ],
  });
  t.not(after.id, deleted.id);
  t.match((await get('/audit/verify?projectId=kek-galang')).json(), {
    ok: false,
    streams: 1,
    failures: [{ projectId: 'kek-galang', revision: '2' }],
  });
});

t.test('GET /audit/verify names metadata edits, swaps and inserted events', async (t) => {
  const { tamper, get, project } = await setup(t);
  await project('kek-mandalika', 'Nusa Tenggara Barat');
  const meta = tamper.editMetadata('project-ki-sadai', 2n, 'actor', 'mallory');
  const [, second] = tamper.swapEvents('project-kek-galang', 1n, 2n);
  const inserted = randomUUID();
  tamper.insertEvent('project-kek-mandalika', 1n, {
    id: inserted,
    type: 'ProjectStatusChanged',
    data: { projectId: 'kek-mandalika', from: 'active', to: 'on_hold', reason: 'forged' },
    metadata: { actor: 'mallory', recordedAt: new Date().toISOString() },
  });
  t.match((await get('/audit/verify')).json().failures, [
    { projectId: 'ki-sadai', revision: '2', eventId: meta.id, reason: 'hash_mismatch' },
    { projectId: 'kek-galang', revision: '1', eventId: second.id, reason: 'prev_hash_mismatch' },
    { projectId: 'kek-mandalika', revision: '1', eventId: inserted, reason: 'missing_hash' },
  ]);
  const docs = (await get('/docs/json')).json<{ paths: Record<string, unknown> }>();
  t.ok(
    ['/audit/verify', '/audit/digest', '/audit/digest/verify', '/audit/public-key'].every(
      (path) => path in docs.paths,
    ),
    'the audit routes are in the OpenAPI document',
  );
});

t.test('digests: taken, kept, still valid after appends, broken by an edit', async (t) => {
  const { tamper, get, post, project } = await setup(t);
  const taken = await get('/audit/digest');
  t.equal(taken.statusCode, 200);
  const digest = taken.json();
  t.match(digest, {
    recipe: 'kawasan-merkle-v1',
    position: '6',
    root: /^[0-9a-f]{64}$/,
    streams: 2,
    createdAt: '2026-11-22T08:00:00.000Z',
  });
  t.notOk('signature' in digest);
  t.match((await get('/audit/public-key')).json(), { code: 'no_signing_key' });
  await project('kek-mandalika', 'Nusa Tenggara Barat');
  t.match((await post('/audit/digest/verify', digest)).json(), { ok: true, signature: 'absent' });
  t.match((await get('/audit/digest')).json(), { position: '9', streams: 3 });
  t.match((await get('/audit/digest?position=3')).json(), { position: '3', streams: 1 });
  t.match((await get('/audit/digest?position=99')).json(), {
    status: 400,
    code: 'position_beyond_log',
  });
  t.match((await post('/audit/digest/verify', { ...digest, root: 'nope' })).json(), {
    code: 'validation_failed',
  });

  tamper.editMetadata('project-kek-mandalika', 1n, 'recordedAt', '2026-01-01T00:00:00.000Z');
  t.match((await post('/audit/digest/verify', digest)).json(), { ok: true }, 'edited after it');
  const row = tamper.editDataByte('project-ki-sadai', 0n);
  const check = (await post('/audit/digest/verify', digest)).json();
  t.match(check, { ok: false, failure: { projectId: 'ki-sadai', revision: '0', eventId: row.id } });
  t.match((await get('/audit/digest')).json(), { status: 409, code: 'chain_broken' });
});

t.test('signed digests and the public key', async (t) => {
  const keyDir = t.testdir();
  const keyFile = join(keyDir, 'digest.pem');
  await writeFile(
    keyFile,
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }),
  );
  // setup() takes its own test dir; the key file must outlive that, so it lives in a subtest's.
  await t.test('signed', async (t) => {
    const { get, post } = await setup(t, { digestSigningKeyFile: keyFile });
    const key = (await get('/audit/public-key')).json();
    t.match(key, { algorithm: 'Ed25519', keyId: /^[0-9a-f]{64}$/, publicKey: /BEGIN PUBLIC KEY/ });
    const digest = (await get('/audit/digest')).json();
    t.match(digest, { signature: /.+/, keyId: key.keyId });
    t.match((await post('/audit/digest/verify', digest)).json(), { ok: true, signature: 'valid' });
    const forged = { ...digest, position: '5' };
    t.match((await post('/audit/digest/verify', forged)).json(), {
      ok: false,
      signature: 'invalid',
    });
  });
});

t.test('a digest signing key that is not Ed25519 stops start-up', async (t) => {
  const dir = t.testdir();
  const keyFile = join(dir, 'rsa.pem');
  await writeFile(
    keyFile,
    generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    }),
  );
  const store = await openEventStore({ kind: 'sqlite', file: join(dir, 'events.sqlite') });
  t.teardown(() => store.close());
  await t.rejects(
    buildApp({
      store,
      tokens: testTokens(),
      snapshotFile: join(dir, 'c.json'),
      digestSigningKeyFile: keyFile,
    }),
    /must be Ed25519/,
  );
});
