import t from 'tap';
import type { z } from 'zod';
import {
  achieveMilestoneBody,
  changeStatusBody,
  flagConflictBody,
  planMilestoneBody,
  registerProjectBody,
  reportProgressBody,
  rescheduleMilestoneBody,
  retractEntryBody,
  reviseProjectBody,
  stateFactBody,
} from './commands.js';

/** Every rejection names the field (its path) and why. */
const issuesOf = (schema: z.ZodType, body: unknown) => {
  const result = schema.safeParse(body);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

const project = {
  name: 'KI Belitung',
  kind: 'industrial_estate',
  location: { province: 'kepulauan bangka belitung' },
};

t.test(
  'register: province matched case-insensitively and stored as written officially',
  async (t) => {
    const parsed = registerProjectBody.parse(project);
    t.equal(parsed.location.province, 'Kepulauan Bangka Belitung');
    t.equal(
      registerProjectBody.parse({ ...project, location: { province: 'Kaltim' } }).location.province,
      'Kalimantan Timur',
    );
  },
);

t.test('rejections name the field and the reason', async (t) => {
  const cases: [string, z.ZodType, unknown, string, RegExp][] = [
    [
      'unknown province suggests names',
      registerProjectBody,
      { ...project, location: { province: 'Kalimantan Timurr' } },
      'location.province',
      /did you mean Kalimantan Timur/,
    ],
    ['bad kind', registerProjectBody, { ...project, kind: 'factory' }, 'kind', /industrial_estate/],
    ['bad project id', registerProjectBody, { ...project, projectId: 'A!' }, 'projectId', /a-z/],
    [
      'missing name',
      registerProjectBody,
      { kind: 'plant', location: { province: 'Bali' } },
      'name',
      /./,
    ],
    ['empty name', registerProjectBody, { ...project, name: '   ' }, 'name', /empty/],
    [
      'control characters',
      registerProjectBody,
      { ...project, name: 'a\u0000b' },
      'name',
      /control/,
    ],
    ['too long', registerProjectBody, { ...project, name: 'x'.repeat(201) }, 'name', /200/],
    ['unknown field', registerProjectBody, { ...project, nmae: 'x' }, '', /nmae/],
    [
      'bad zone',
      registerProjectBody,
      { ...project, timeZone: 'Asia/Atlantis' },
      'timeZone',
      /IANA/,
    ],
    [
      'too many sectors',
      registerProjectBody,
      { ...project, sectors: Array(31).fill('x') },
      'sectors',
      /30/,
    ],
    [
      'bad source url',
      registerProjectBody,
      { ...project, sources: [{ outlet: 'x', url: 'javascript:alert(1)' }] },
      'sources.0.url',
      /http/,
    ],
    [
      'bad country',
      registerProjectBody,
      { ...project, parties: [{ name: 'x', role: 'investor', country: 'china' }] },
      'parties.0.country',
      /ISO 3166/,
    ],
    ['revise needs a field', reviseProjectBody, { sources: [] }, '', /at least one/],
    [
      'bad date, with accepted forms',
      planMilestoneBody,
      { type: 'masterplan', target: '31/4/2026' },
      'target',
      /accepted forms/,
    ],
    [
      'weekday mismatch',
      planMilestoneBody,
      { type: 'mou_signed', achievedOn: 'Jumat (4/12/2025)' },
      'achievedOn',
      /Jumat.*Thursday/,
    ],
    ['no date at all', planMilestoneBody, { type: 'masterplan' }, 'target', /target, achievedOn/],
    [
      'other needs a title',
      planMilestoneBody,
      { type: 'other', stage: 'licensing', target: '2026' },
      'title',
      /title/,
    ],
    [
      'other needs a stage',
      planMilestoneBody,
      { type: 'other', title: 'x', target: '2026' },
      'stage',
      /stage/,
    ],
    [
      'only other takes a stage',
      planMilestoneBody,
      { type: 'masterplan', stage: 'licensing', target: '2026' },
      'stage',
      /only/,
    ],
    [
      'bad milestone type',
      planMilestoneBody,
      { type: 'opening', target: '2026' },
      'type',
      /mou_signed/,
    ],
    [
      'bad reason code',
      rescheduleMilestoneBody,
      { target: '2026', reasonCode: 'weather' },
      'reasonCode',
      /force_majeure/,
    ],
    ['achieve needs on', achieveMilestoneBody, {}, 'on', /./],
    ['percent over 100', reportProgressBody, { percent: 101, asOf: '2026' }, 'percent', /100/],
    ['percent as string', reportProgressBody, { percent: '95', asOf: '2026' }, 'percent', /number/],
    [
      'investment needs amount or range',
      stateFactBody,
      { fact: 'investment', kind: 'committed', currency: 'USD' },
      'amount',
      /low and high/,
    ],
    [
      'amount and range',
      stateFactBody,
      { fact: 'investment', kind: 'committed', currency: 'USD', amount: '1', low: '1', high: '2' },
      'amount',
      /not both/,
    ],
    [
      'half a range',
      stateFactBody,
      { fact: 'investment', kind: 'committed', currency: 'IDR', low: '1' },
      'high',
      /both/,
    ],
    [
      'inverted range',
      stateFactBody,
      {
        fact: 'investment',
        kind: 'committed',
        currency: 'IDR',
        low: '1700000000000',
        high: '1600000000000',
      },
      'high',
      /below/,
    ],
    [
      'float amount refused',
      stateFactBody,
      { fact: 'investment', kind: 'committed', currency: 'USD', amount: 1e8 },
      'amount',
      /string/,
    ],
    [
      'bad currency',
      stateFactBody,
      { fact: 'investment', kind: 'committed', currency: 'usd', amount: '1' },
      'currency',
      /ISO 4217/,
    ],
    [
      'jobs need count or text',
      stateFactBody,
      { fact: 'jobs', kind: 'projected' },
      'count',
      /text/,
    ],
    [
      'comparator needs count',
      stateFactBody,
      { fact: 'jobs', kind: 'projected', text: 'ribuan', comparator: '>' },
      'comparator',
      /count/,
    ],
    [
      'area decimal',
      stateFactBody,
      { fact: 'area', hectares: '24,8', scope: 'plot' },
      'hectares',
      /decimal/,
    ],
    ['unknown fact', stateFactBody, { fact: 'weather' }, 'fact', /./],
    ['status value', changeStatusBody, { to: 'paused', reason: 'x' }, 'to', /on_hold/],
    [
      'one claim is no conflict',
      flagConflictBody,
      { field: 'area', claims: [{ value: '1', source: 'a' }] },
      'claims',
      /two/,
    ],
    [
      'retraction needs a uuid',
      retractEntryBody,
      { eventId: '42', reason: 'x' },
      'eventId',
      /UUID/i,
    ],
  ];
  for (const [name, schema, body, path, message] of cases) {
    const issues = issuesOf(schema, body);
    const hit = issues.find((i) => i.path === path && message.test(i.message));
    t.ok(hit, `${name}: ${JSON.stringify(issues)}`);
  }
});

t.test('accepted bodies', async (t) => {
  t.ok(
    planMilestoneBody.safeParse({
      type: 'masterplan',
      phase: 'start',
      target: 'triwulan pertama 2026',
    }).success,
  );
  t.ok(
    stateFactBody.safeParse({
      fact: 'investment',
      kind: 'committed',
      currency: 'IDR',
      low: '1600000000000',
      high: '1700000000000',
      text: 'Rp1,6–1,7 triliun',
    }).success,
  );
  t.ok(
    stateFactBody.safeParse({ fact: 'jobs', kind: 'projected', count: 3500, comparator: '>' })
      .success,
  );
  t.ok(
    stateFactBody.safeParse({
      fact: 'area',
      hectares: '24.8',
      scope: 'plot',
      sources: [{ outlet: 'Bisnis.com' }],
    }).success,
  );
  t.ok(
    flagConflictBody.safeParse({
      field: 'area',
      claims: [
        { value: '2.84', source: 'a' },
        { value: '24.8', source: 'b' },
      ],
    }).success,
  );
});
