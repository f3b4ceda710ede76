import t from 'tap';
import { DateTime } from 'luxon';
import { csvField, csvRow, exportCsv } from './csvExport.js';
import { generatedStore } from './testing/index.js';

const asOf = DateTime.fromISO('2026-11-22T00:00:00Z', { zone: 'utc' });

t.test('RFC 4180 quoting', async (t) => {
  t.equal(csvField('plain text'), 'plain text');
  t.equal(csvField('Batang, Jawa Tengah'), '"Batang, Jawa Tengah"');
  t.equal(csvField('KEK "Gresik"'), '"KEK ""Gresik"""');
  t.equal(csvField('two\nlines'), '"two\nlines"');
  t.equal(csvField('cr\r'), '"cr\r"');
  t.equal(csvRow(['a', 'b,c', '']), 'a,"b,c",\r\n');
});

t.test('one row per milestone, written project by project', async (t) => {
  const { store, projectIds } = await generatedStore(t.testdir(), {
    projects: 2,
    commandsPerProject: 13,
  });
  t.teardown(() => store.close());
  const rows: string[] = [];
  for await (const row of exportCsv(store, { asOf })) rows.push(row);
  t.equal(
    rows[0],
    'project,milestone,type,status,baseline,target,achieved,slip,drift,reschedules,sources\r\n',
  );
  // 13 commands: register, fact, then m-0 (5 commands), m-1 (5 commands), m-2 planned.
  t.equal(rows.length, 1 + 2 * 3);
  t.equal(
    rows[1],
    `${projectIds[0]},m-0,mou_signed,achieved,2025-01,2026-Q3,2026-10-15,14..15,607,1,ANTARA\r\n`,
  );
  // Timeline order: by current target.
  t.equal(rows[2], `${projectIds[0]},m-2,env_approval,planned,2027-05,2027-05,,,0,0,ANTARA\r\n`);
  t.equal(
    rows[3],
    `${projectIds[0]},m-1,feasibility_study,achieved,2026-03,2027-Q4,2027-10-15,-78..-77,640,1,ANTARA\r\n`,
    'achieved ahead of the rescheduled target: negative slip',
  );
  const one: string[] = [];
  for await (const row of exportCsv(store, { asOf, projectId: projectIds[1]! })) one.push(row);
  t.equal(one.length, 4);
  t.ok(one.slice(1).every((r) => r.startsWith(`${projectIds[1]},`)));
  const none: string[] = [];
  for await (const row of exportCsv(store, { asOf, projectId: 'nope-nope' })) none.push(row);
  t.equal(none.length, 1, 'only the header');
});
