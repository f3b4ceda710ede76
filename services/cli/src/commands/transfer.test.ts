import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { generatedStore } from '@kawasan/audit/testing';
import { openSqliteEventStore } from '@kawasan/event-store';
import { runCliInProcess as cli } from '../testing/runCliInProcess.js';

const hashesOf = async (file: string) => {
  const store = await openSqliteEventStore({ file, readonly: true });
  const out: string[] = [];
  for await (const e of store.readAll())
    out.push(`${e.id} ${e.stream}@${e.revision} ${String(e.metadata['hash'])}`);
  await store.close();
  return out;
};

t.test('export → import into an empty store → identical hashes and history', async (t) => {
  const dir = t.testdir();
  const source = join(dir, 'source');
  const copy = join(dir, 'copy');
  const { store, projectIds, events } = await generatedStore(source, {
    projects: 3,
    commandsPerProject: 7,
  });
  await store.close();
  const exportFile = join(dir, 'log.jsonl');
  const exported = await cli(['export', '--format', 'jsonl', '--out', exportFile], {
    DATA_DIR: source,
  });
  t.equal(exported.code, 0, exported.stderr);
  t.match(exported.stdout, `exported ${events} events to ${exportFile}`);
  const toStdout = await cli(['export'], { DATA_DIR: source });
  t.equal(
    toStdout.stdout,
    await readFile(exportFile, 'utf8'),
    'jsonl is the default, stdout the default target',
  );

  const imported = await cli(['import', exportFile], { DATA_DIR: copy });
  t.equal(imported.code, 0, imported.stderr);
  t.match(
    imported.stdout,
    `imported ${events} events in 3 streams; the store's head is position ${events}`,
  );
  t.match(imported.stdout, 'every project chain in the file verifies');
  t.strictSame(
    await hashesOf(join(copy, 'events.sqlite')),
    await hashesOf(join(source, 'events.sqlite')),
  );
  t.equal((await cli(['verify'], { DATA_DIR: copy })).code, 0);
  t.equal(
    (await cli(['history', projectIds[2]!, '--json'], { DATA_DIR: copy })).stdout,
    (await cli(['history', projectIds[2]!, '--json'], { DATA_DIR: source })).stdout,
  );
  const again = await cli(['import', exportFile], { DATA_DIR: copy });
  t.equal(again.code, 1);
  t.match(again.stderr, /the store is not empty/);

  const lines = (await readFile(exportFile, 'utf8')).split('\n');
  lines[4] = lines[4]!.replace('"actor":"generator"', '"actor":"mallory"');
  const edited = join(dir, 'edited.jsonl');
  await writeFile(edited, lines.join('\n'));
  const warned = await cli(['import', edited, '--json'], { DATA_DIR: join(dir, 'third') });
  t.equal(warned.code, 1, 'a file with a broken chain is imported as evidence, and says so');
  t.match(JSON.parse(warned.stdout), { failures: [{ reason: 'hash_mismatch' }] });
});

t.test('CSV: one row per milestone, for all projects or one', async (t) => {
  const dir = t.testdir();
  const { store, projectIds } = await generatedStore(dir, { projects: 2, commandsPerProject: 8 });
  await store.close();
  const csv = await cli(['export', '--format', 'csv', '--as-of', '2026-11-22'], { DATA_DIR: dir });
  t.equal(csv.code, 0, csv.stderr);
  const rows = csv.stdout.split('\r\n').filter(Boolean);
  t.equal(
    rows[0],
    'project,milestone,type,status,baseline,target,achieved,slip,drift,reschedules,sources',
  );
  t.equal(rows.length, 1 + 2 * 2);
  // In timeline order: the planned m-1 (March 2026) before m-0, rescheduled to Q3 2026.
  t.equal(rows[1], `${projectIds[0]},m-1,feasibility_study,planned,2026-03,2026-03,,,0,0,ANTARA`);
  t.match(rows[2], new RegExp(`^${projectIds[0]},m-0,mou_signed,achieved,2025-01,2026-Q3,`));
  const out = join(dir, 'one.csv');
  const one = await cli(['export', '--format', 'csv', '--project', projectIds[1]!, '--out', out], {
    DATA_DIR: dir,
  });
  t.match(one.stdout, `exported 2 milestones to ${out}`);
  t.equal((await readFile(out, 'utf8')).split('\r\n').filter(Boolean).length, 3);
});
