import { generateKeyPairSync } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { takeDigest, verifyDigest, type Digest } from './digest.js';
import { digestSignerFromPem, loadDigestSigner, publicKeyFromPem } from './digestSigner.js';
import { generateProjects, generatedStore, SqliteTamper } from './testing/index.js';

const now = new Date('2026-11-22T08:00:00Z');

async function setup(t: Test) {
  const dir = t.testdir();
  const generated = await generatedStore(dir);
  const tamper = new SqliteTamper(generated.file);
  t.teardown(async () => {
    tamper.close();
    await generated.store.close();
  });
  const digestNow = async () => {
    const outcome = await takeDigest(generated.store, { now });
    if (!outcome.ok) throw new Error(outcome.detail);
    return outcome.digest;
  };
  return { ...generated, dir, tamper, digestNow };
}

const ed25519Pem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

t.test('a digest still verifies after more appends', async (t) => {
  const { store, digestNow } = await setup(t);
  const digest = await digestNow();
  t.match(digest, {
    recipe: 'kawasan-merkle-v1',
    position: (await store.headPosition()).toString(),
    root: /^[0-9a-f]{64}$/,
    streams: 3,
    createdAt: now.toISOString(),
  });
  t.notOk('signature' in digest);
  await generateProjects(store, { projects: 2, commandsPerProject: 3, idPrefix: 'later' });
  const check = await verifyDigest(store, digest);
  t.match(check, { ok: true, root: digest.root, streams: 3, signature: 'absent' });
  t.match(check.detail, /still gives root/);
  const later = await digestNow();
  t.not(later.root, digest.root, 'a later digest commits to the new heads');
  t.equal(later.streams, 5);
});

t.test('an edit at or before the position breaks it; after the position it does not', async (t) => {
  const { store, tamper, projectIds, digestNow } = await setup(t);
  const stream = `project-${projectIds[0]}`;
  const digest = await digestNow();
  await generateProjects(store, { projects: 1, commandsPerProject: 4, idPrefix: 'later' });
  tamper.editDataByte('project-later-00000', 2n);
  t.match(await verifyDigest(store, digest), { ok: true }, 'an edit after the position');
  const row = tamper.editMetadata(stream, 1n, 'recordedAt', '2020-01-01T00:00:00.000Z');
  const check = await verifyDigest(store, digest);
  t.equal(check.ok, false);
  t.match(check.failure, { projectId: projectIds[0], revision: '1', eventId: row.id });
  t.match(check.detail, new RegExp(`project ${projectIds[0]} revision 1 \\(event ${row.id}\\)`));
  t.match(await takeDigest(store, { now }), {
    ok: false,
    code: 'chain_broken',
    failure: { revision: '1' },
  });
});

t.test('the head of a stream removed: the root differs', async (t) => {
  const { store, tamper, projectIds, digestNow } = await setup(t);
  const digest = await digestNow();
  const headOf = async (stream: string) => {
    let last = 0n;
    for await (const e of store.readStream(stream)) last = e.revision;
    return last;
  };
  // Streams take turns, so the first project's head is not the log's last event.
  const first = `project-${projectIds[0]}`;
  tamper.deleteEvent(first, await headOf(first));
  const check = await verifyDigest(store, digest);
  t.equal(check.ok, false);
  t.not(check.root, digest.root);
  t.match(check.detail, /changed, removed or added/);
  const last = `project-${projectIds[2]}`;
  tamper.deleteEvent(last, await headOf(last));
  t.match(
    await verifyDigest(store, digest),
    { ok: false, detail: /log ends at position/ },
    "the log's last event removed",
  );
  t.match(await verifyDigest(store, { ...digest, streams: 4 }), { ok: false });
  t.match(await verifyDigest(store, { ...digest, position: '999999' }), {
    ok: false,
    detail: /log ends at position/,
  });
  t.match(await takeDigest(store, { now, position: 999999n }), {
    ok: false,
    code: 'position_beyond_log',
  });
});

t.test('an earlier position commits to the heads at that position', async (t) => {
  const { store, digestNow } = await setup(t);
  const early = await takeDigest(store, { now, position: 5n });
  t.match(early, { ok: true, digest: { position: '5' } });
  if (!early.ok) return;
  t.ok(early.digest.streams <= 3);
  t.not(early.digest.root, (await digestNow()).root);
  t.match(await verifyDigest(store, early.digest), { ok: true });
});

t.test('signed digests: valid, tampered, wrong key, unchecked', async (t) => {
  const { store, file, dir } = await setup(t);
  const keyFile = join(dir, 'digest-key.pem');
  const pem = ed25519Pem();
  await writeFile(keyFile, pem);
  const signer = await loadDigestSigner(keyFile);
  const outcome = await takeDigest(store, { now, signer });
  if (!outcome.ok) throw new Error(outcome.detail);
  const digest: Digest = outcome.digest;
  t.match(digest, { signature: /^[A-Za-z0-9+/]+=*$/, keyId: signer.keyId });
  const publicKey = publicKeyFromPem(signer.publicKeyPem);
  t.match(await verifyDigest(store, digest, { publicKey }), { ok: true, signature: 'valid' });
  t.match(await verifyDigest(store, digest, { publicKey: publicKeyFromPem(pem) }), {
    signature: 'valid',
  });
  t.match(await verifyDigest(store, digest), { ok: true, signature: 'unchecked' });
  t.match(
    await verifyDigest(store, { ...digest, createdAt: '2026-11-23T08:00:00.000Z' }, { publicKey }),
    {
      ok: false,
      signature: 'invalid',
      detail: /signature does not/,
    },
  );
  const other = digestSignerFromPem(ed25519Pem());
  t.match(await verifyDigest(store, digest, { publicKey: publicKeyFromPem(other.publicKeyPem) }), {
    ok: false,
    signature: 'invalid',
  });
  t.match(await verifyDigest(store, { ...digest, signature: '!!' }, { publicKey }), {
    signature: 'invalid',
  });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  t.throws(() => digestSignerFromPem(rsa), /must be Ed25519/);
  t.throws(() => publicKeyFromPem(rsa), /must be Ed25519/);
  // Tampering with the log still fails a valid signature.
  const tamper = new SqliteTamper(file);
  tamper.editDataByte(tamper.row(`project-gen-00001`, 0n).stream, 0n);
  tamper.close();
  t.match(await verifyDigest(store, digest, { publicKey }), { ok: false, signature: 'valid' });
});
