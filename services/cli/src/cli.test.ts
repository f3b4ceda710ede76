import { randomUUID } from 'node:crypto';
import t from 'tap';
import { generatedStore, SqliteTamper } from '@kawasan/audit/testing';
import { runCliInProcess as cli } from './testing/runCliInProcess.js';

t.test('usage and configuration errors exit 2', async (t) => {
  const env = { DATA_DIR: t.testdir() };
  const none = await cli([], env);
  t.equal(none.code, 2);
  t.match(none.stderr, /Usage: kawasan <command>/);
  const help = await cli(['--help'], env);
  t.equal(help.code, 0);
  t.match(help.stdout, /digest verify <file>/);
  t.equal((await cli(['verify', '--help'], env)).code, 0);
  const cases: [string[], RegExp][] = [
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['verify', '--bogus'], /Unknown option '--bogus'/],
    [['verify', 'extra'], /unexpected argument 'extra'/],
    [['history'], /missing the project id/],
    [['digest', 'verify'], /missing the digest file/],
    [['digest', '--position', 'ten'], /--position must be/],
    [['replay'], /replay --check/],
    [['export', '--format', 'xml'], /--format must be jsonl or csv/],
    [['export', '--as-of', 'yesterday'], /--as-of must be an ISO instant/],
    [['history', 'x', '--known-at', 'soon'], /--known-at must be/],
    [['import', 'no-such-file.jsonl'], /cannot read no-such-file.jsonl/],
    [['digest', 'verify', 'no-such-digest.json'], /not a readable JSON digest/],
  ];
  for (const [args, message] of cases) {
    const run = await cli(args, env);
    t.equal(run.code, 2, args.join(' '));
    t.match(run.stderr, message, args.join(' '));
  }
  const badConfig = await cli(['verify'], { ...env, EVENT_STORE: 'oracle' });
  t.equal(badConfig.code, 2);
  t.match(badConfig.stderr, /EVENT_STORE must be sqlite or esdb/);
  const noStore = await cli(['verify'], env);
  t.equal(noStore.code, 1, 'no store file: the check cannot run');
  t.match(noStore.stderr, /kawasan verify: .*events\.sqlite/);
});

t.test('verify names the project, revision and event of every forgery', async (t) => {
  const dir = t.testdir();
  const { store, file, projectIds, events } = await generatedStore(dir, {
    projects: 6,
    commandsPerProject: 6,
  });
  await store.close();
  const env = { DATA_DIR: dir };
  const ok = await cli(['verify'], env);
  t.equal(ok.code, 0, ok.stderr);
  t.match(ok.stdout, `OK: 6 project streams, ${events} events`);
  t.strictSame(JSON.parse((await cli(['verify', '--json'], env)).stdout), {
    ok: true,
    streams: 6,
    events,
    failures: [],
  });

  const streams = projectIds.map((id) => `project-${id}`);
  const tamper = new SqliteTamper(file);
  const byte = tamper.editDataByte(streams[0]!, 2n);
  const meta = tamper.editMetadata(streams[1]!, 3n, 'recordedAt', '2025-01-01T00:00:00.000Z');
  tamper.deleteEvent(streams[2]!, 1n);
  const afterGap = tamper.row(streams[2]!, 2n);
  const [, swapped] = tamper.swapEvents(streams[3]!, 2n, 4n);
  const inserted = randomUUID();
  tamper.insertEvent(streams[4]!, 3n, {
    id: inserted,
    type: 'ProjectStatusChanged',
    data: { projectId: projectIds[4], from: 'active', to: 'cancelled', reason: 'forged' },
    metadata: { actor: 'mallory', recordedAt: '2026-01-01T00:00:30.000Z' },
  });
  tamper.close();

  const broken = await cli(['verify'], env);
  t.equal(broken.code, 1);
  t.match(broken.stdout, 'BROKEN: 5 broken chains in 6 project streams');
  const expected = [
    [projectIds[0], 2, byte.id, 'hash_mismatch'],
    [projectIds[1], 3, meta.id, 'hash_mismatch'],
    [projectIds[2], 2, afterGap.id, 'revision_gap'],
    [projectIds[3], 2, swapped.id, 'prev_hash_mismatch'],
    [projectIds[4], 3, inserted, 'missing_hash'],
  ] as const;
  for (const [projectId, revision, eventId, reason] of expected)
    t.match(
      broken.stdout,
      `project ${projectId} revision ${revision} (event ${eventId}): ${reason}`,
      `${reason} in ${projectId}`,
    );
  const report = JSON.parse((await cli(['verify', '--json'], env)).stdout);
  t.strictSame(
    report.failures.map((f: Record<string, unknown>) => [
      f.projectId,
      Number(f.revision),
      f.eventId,
      f.reason,
    ]),
    expected,
  );
  const one = await cli(['verify', '--project', projectIds[5]!], env);
  t.equal(one.code, 0);
  t.match(one.stdout, 'OK: 1 project stream,');
  t.equal((await cli(['verify', '--project', projectIds[3]!], env)).code, 1);
  const missing = await cli(['verify', '--project', 'nope-nope'], env);
  t.equal(missing.code, 1);
  t.match(missing.stderr, /nope-nope has no events/);
});

t.test('history: entries with who and when, as known at an instant', async (t) => {
  const dir = t.testdir();
  const { store, projectIds } = await generatedStore(dir, {
    projects: 1,
    commandsPerProject: 3,
    start: new Date('2026-01-01T00:00:00Z'),
  });
  await store.close();
  const env = { DATA_DIR: dir };
  const all = await cli(['history', projectIds[0]!], env);
  t.equal(all.code, 0, all.stderr);
  t.match(all.stdout, `${projectIds[0]}: 3 entries`);
  t.match(all.stdout, / {3}0 2026-01-01T00:00:01.000Z generator +ProjectRegistered/);
  const json = JSON.parse(
    (await cli(['history', projectIds[0]!, '--json', '--known-at', '2026-01-01T00:00:02Z'], env))
      .stdout,
  );
  t.match(json, { projectId: projectIds[0], knownAt: '2026-01-01T00:00:02.000Z' });
  t.equal(json.items.length, 2);
  t.match(json.items[1], {
    type: 'FactStated',
    revision: '1',
    actor: 'generator',
    retracted: false,
  });
  const before = await cli(['history', projectIds[0]!, '--known-at', '2025-12-31'], env);
  t.equal(before.code, 1);
  t.match(before.stderr, /had no entry recorded by 2025-12-31T23:59:59.999Z/);
});
