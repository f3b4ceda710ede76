import { generateKeyPairSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { generateProjects, generatedStore, SqliteTamper } from '@kawasan/audit/testing';
import { openSqliteEventStore } from '@kawasan/event-store';
import { runCliInProcess as cli } from '../testing/runCliInProcess.js';

const pem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

t.test('digest, kept in a file, verifies after appends and fails after an edit', async (t) => {
  const dir = t.testdir();
  const { store, file, projectIds } = await generatedStore(dir, {
    projects: 3,
    commandsPerProject: 5,
  });
  const env = { DATA_DIR: dir };
  const kept = join(dir, 'digest.json');
  const taken = await cli(['digest', '--out', kept], env);
  t.equal(taken.code, 0, taken.stderr);
  t.match(taken.stdout, /digest at position 15: root [0-9a-f]{64} over 3 project streams/);
  t.match(taken.stdout, /unsigned \(no DIGEST_SIGNING_KEY_FILE\)/);
  t.match(taken.stdout, `written to ${kept}`);
  const digest = JSON.parse(await readFile(kept, 'utf8'));
  t.match(digest, { position: '15', streams: 3, createdAt: '2026-11-22T08:00:00.000Z' });
  const json = JSON.parse((await cli(['digest', '--json', '--position', '6'], env)).stdout);
  t.match(json, { position: '6', recipe: 'kawasan-merkle-v1' });
  t.match((await cli(['digest'], env)).stdout, 'keep it: kawasan digest --json > digest.json');

  await generateProjects(store, { projects: 1, commandsPerProject: 4, idPrefix: 'later' });
  const still = await cli(['digest', 'verify', kept], env);
  t.equal(still.code, 0, still.stderr);
  t.match(still.stdout, /^OK: the log up to position 15 still gives root/);
  await store.close();

  const tamper = new SqliteTamper(file);
  const row = tamper.editMetadata(`project-${projectIds[1]}`, 0n, 'actor', 'mallory');
  tamper.close();
  const failed = await cli(['digest', 'verify', kept, '--json'], env);
  t.equal(failed.code, 1);
  t.match(JSON.parse(failed.stdout), {
    ok: false,
    failure: { projectId: projectIds[1], revision: '0', eventId: row.id, reason: 'hash_mismatch' },
  });
  const refused = await cli(['digest'], env);
  t.equal(refused.code, 1);
  t.match(
    refused.stderr,
    `chain_broken: no digest of a broken log: project ${projectIds[1]} revision 0`,
  );

  await writeFile(join(dir, 'not-a-digest.json'), '{"root":"x"}');
  const bad = await cli(['digest', 'verify', join(dir, 'not-a-digest.json')], env);
  t.equal(bad.code, 2);
  t.match(bad.stderr, /is not a digest: position/);
});

t.test('signed digests: the configured key signs, --public-key checks', async (t) => {
  const dir = t.testdir();
  const { store } = await generatedStore(dir, { projects: 2, commandsPerProject: 3 });
  await store.close();
  const keyFile = join(dir, 'signing.pem');
  const otherKey = join(dir, 'other.pem');
  await writeFile(keyFile, pem());
  await writeFile(otherKey, pem());
  const signing = { DATA_DIR: dir, DIGEST_SIGNING_KEY_FILE: keyFile };
  const kept = join(dir, 'signed.json');
  const taken = await cli(['digest', '--out', kept], signing);
  t.match(taken.stdout, /signed with Ed25519 key [0-9a-f]{64}/);
  t.match((await cli(['digest', 'verify', kept], signing)).stdout, /\(signature valid\)/);
  const unchecked = await cli(['digest', 'verify', kept], { DATA_DIR: dir });
  t.equal(unchecked.code, 0);
  t.match(unchecked.stdout, /signature not checked/);
  const wrongKey = await cli(['digest', 'verify', kept, '--public-key', otherKey], {
    DATA_DIR: dir,
  });
  t.equal(wrongKey.code, 1);
  t.match(wrongKey.stdout, /FAILED: the root matches but the signature does not/);
  // A reader of the log cannot tell a moved position from a forged one: the signature can.
  const digest = JSON.parse(await readFile(kept, 'utf8'));
  await writeFile(kept, JSON.stringify({ ...digest, createdAt: '2020-01-01T00:00:00.000Z' }));
  t.equal((await cli(['digest', 'verify', kept], signing)).code, 1);
  const reader = await openSqliteEventStore({ file: join(dir, 'events.sqlite'), readonly: true });
  t.equal(await reader.headPosition(), 6n);
  await reader.close();
});
