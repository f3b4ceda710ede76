import t from 'tap';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProjectRecord } from '@kawasan/projections';
import { readSnapshot, writeSnapshot } from './snapshot.js';

const record = (n: number): ProjectRecord => ({
  projectId: `p-${n}`,
  model: null,
  position: BigInt(n),
  events: 1,
  firstRecordedAt: '2026-01-01T00:00:00Z',
  lastRecordedAt: '2026-01-01T00:00:00Z',
  stale: false,
});

t.test('a snapshot of many projects is written in chunks and read back whole', async (t) => {
  const file = join(t.testdir(), 'snap.jsonl');
  const records = Array.from({ length: 1234 }, (_, i) => record(i + 1));
  t.equal(await writeSnapshot(file, 1234n, records), 1234);
  const read = await readSnapshot(file);
  t.equal(read?.position, 1234n);
  t.same(read?.records, records);
});

t.test('an incomplete, foreign or missing snapshot is ignored (the views replay)', async (t) => {
  const dir = t.testdir();
  const file = join(dir, 'snap.jsonl');
  t.equal(await readSnapshot(join(dir, 'none.jsonl')), null, 'missing');
  await writeSnapshot(file, 3n, [record(1), record(2)]);
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
  await writeFile(file, lines.slice(0, -1).join('\n') + '\n');
  t.equal(await readSnapshot(file), null, 'no trailer: cut short');
  await writeFile(file, [...lines.slice(0, 2), lines.at(-1)].join('\n') + '\n');
  t.equal(await readSnapshot(file), null, 'a line missing: the count disagrees');
  await writeFile(file, JSON.stringify({ format: 1, position: '3', entries: [] }));
  t.equal(await readSnapshot(file), null, 'the old single-document format');
  await writeFile(file, '{"format":2,"position":"3"}\n{not json\n');
  t.equal(await readSnapshot(file), null, 'garbage');
});

t.test('a failed write leaves the previous snapshot in place', async (t) => {
  const file = join(t.testdir(), 'snap.jsonl');
  await writeSnapshot(file, 1n, [record(1)]);
  function* failing(): Generator<ProjectRecord> {
    yield record(2);
    throw new Error('model changed under us');
  }
  await t.rejects(writeSnapshot(file, 2n, failing()), /changed under us/);
  t.equal((await readSnapshot(file))?.position, 1n);
});
