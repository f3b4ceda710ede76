import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import t from 'tap';
import { DateTime } from 'luxon';
import { openSqliteEventStore, type EventStore } from '@kawasan/event-store';
import { exportJsonl, importJsonl } from './jsonlExport.js';
import { replayedViews, replayReadModel } from './replay.js';
import { generatedStore } from './testing/index.js';
import { verifyStore } from './verifyStore.js';

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

async function* linesOf(text: string) {
  yield* text.split('\n');
}

const hashes = async (store: EventStore) => {
  const out: string[] = [];
  for await (const e of store.readAll())
    out.push(`${e.stream}@${e.revision}:${String(e.metadata['hash'])}`);
  return out;
};

t.test('export → import into an empty store: identical events, hashes and views', async (t) => {
  const dir = t.testdir();
  const source = await generatedStore(dir, { projects: 4, commandsPerProject: 9 });
  t.teardown(() => source.store.close());
  // A foreign stream travels too (the export is lossless, not only projects).
  await source.store.append(
    'ops-notes',
    [{ id: crypto.randomUUID(), type: 'Noted', data: [1, 'x'], metadata: {} }],
    {
      expectedRevision: 'no_stream',
    },
  );
  const file = join(dir, 'export.jsonl');
  const lines = await collect(exportJsonl(source.store));
  t.equal(lines.length, source.events + 1);
  t.ok(lines.every((l) => l.endsWith('\n')));
  t.match(JSON.parse(lines[0]!), {
    stream: `project-${source.projectIds[0]}`,
    revision: '0',
    position: '1',
    id: /^[0-9a-f-]{36}$/,
    type: 'ProjectRegistered',
    data: { projectId: source.projectIds[0] },
    metadata: { hash: /^[0-9a-f]{64}$/ },
    created: /^\d{4}-/,
  });
  await writeFile(file, lines.join(''));

  const target = await openSqliteEventStore({ file: join(dir, 'copy', 'events.sqlite') });
  t.teardown(() => target.close());
  const summary = await importJsonl(
    target,
    createInterface({ input: createReadStream(file), crlfDelay: Infinity }),
    { batchSize: 3 },
  );
  t.match(summary, { events: source.events + 1, streams: 5, failures: [] });
  t.strictSame(await hashes(target), await hashes(source.store), 'same streams, revisions, hashes');
  t.strictSame(
    (await collect(exportJsonl(target))).map((l) => {
      const { created: _c, ...rest } = JSON.parse(l);
      return rest;
    }),
    lines.map((l) => {
      const { created: _c, ...rest } = JSON.parse(l);
      return rest;
    }),
    'a second export equals the first but for the commit times',
  );
  t.match(await verifyStore(target), { ok: true, streams: 4 });
  const asOf = DateTime.fromISO('2027-06-01T00:00:00Z', { zone: 'utc' });
  const before = replayedViews(await replayReadModel(source.store), asOf);
  const after = replayedViews(await replayReadModel(target), asOf);
  t.strictSame(after.list, before.list, 'identical project lists');
  for (const id of source.projectIds)
    t.strictSame(after.project(id), before.project(id), `identical view of ${id}`);

  const one = await collect(exportJsonl(source.store, { projectId: source.projectIds[2]! }));
  t.ok(
    one.length > 0 && one.every((l) => JSON.parse(l).stream === `project-${source.projectIds[2]}`),
  );

  await t.rejects(importJsonl(target, linesOf(lines.join(''))), {
    name: 'ImportError',
    message: /not empty/,
  });
});

t.test('a file that cannot be imported is named by its line', async (t) => {
  const dir = t.testdir();
  const source = await generatedStore(dir, { projects: 1, commandsPerProject: 3 });
  t.teardown(() => source.store.close());
  const lines = await collect(exportJsonl(source.store));
  const empty = async (name: string) => {
    const store = await openSqliteEventStore({ file: join(dir, name, 'events.sqlite') });
    t.teardown(() => store.close());
    return store;
  };
  await t.rejects(importJsonl(await empty('a'), linesOf(`${lines[0]}{oops\n`)), {
    message: /^line 2: not JSON/,
  });
  await t.rejects(importJsonl(await empty('b'), linesOf('{"stream":"x"}')), {
    message: /^line 1: not an exported event \(revision/,
  });
  // Revision 1 without revision 0: the store refuses the expected revision.
  await t.rejects(importJsonl(await empty('c'), linesOf(lines.slice(1).join(''))), {
    message: /^line 1: appending project-gen-00000 from revision 1/,
  });
  // A tampered line is imported as it is (evidence) and reported.
  const edited = lines.map((l, i) =>
    i === 1 ? l.replace('"actor":"generator"', '"actor":"x"') : l,
  );
  const summary = await importJsonl(await empty('d'), linesOf(edited.join('')));
  t.match(summary.failures, [{ projectId: 'gen-00000', revision: '1', reason: 'hash_mismatch' }]);
});
