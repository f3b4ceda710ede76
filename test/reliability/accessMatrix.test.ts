import t from 'tap';
import { startStack, TOKENS } from '../e2e/support/stack.js';

// Every route × every role × in/out of province scope × no, malformed or revoked token,
// asserting the documented status. Writes that are allowed use a fresh id so they succeed.
const stack = await startStack({ dataDir: t.testdir() });
t.teardown(() => stack.stop());

type Who = keyof typeof TOKENS | 'none' | 'malformed' | 'basic';
const who: Who[] = [
  'admin',
  'manager',
  'babel',
  'writer',
  'viewer',
  'auditor',
  'revoked',
  'none',
  'malformed',
  'basic',
];
const authorization = (w: Who): Record<string, string> =>
  w === 'none'
    ? {}
    : w === 'malformed'
      ? { authorization: 'Bearer' }
      : w === 'basic'
        ? { authorization: 'Basic YWRtaW46YWRtaW4=' }
        : { authorization: `Bearer ${TOKENS[w]}` };

let n = 0;
async function call(base: string, method: string, path: string, as: Who, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...authorization(as),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  await res.arrayBuffer();
  return res.status;
}
const admin = (path: string, body: unknown) => call(stack.commandUrl, 'POST', path, 'admin', body);
// One project inside the scoped manager's province (Bangka Belitung), one outside it (Bali).
for (const [projectId, province] of [
  ['in-scope', 'Kepulauan Bangka Belitung'],
  ['out-scope', 'Bali'],
] as const) {
  await admin('/projects', { projectId, name: projectId, kind: 'plant', location: { province } });
  await admin(`/projects/${projectId}/milestones`, {
    milestoneId: 'ms-0',
    type: 'masterplan',
    target: '2027',
  });
}

const unauthenticated: Who[] = ['revoked', 'none', 'malformed', 'basic'];
/** The documented answer for a write (api.md: manager within its provinces, or admin). */
const writeStatus = (as: Who, inScope: boolean) =>
  unauthenticated.includes(as)
    ? 401
    : as === 'admin' || as === 'manager' || (as === 'babel' && inScope) || as === 'writer'
      ? 201
      : 403;
/** Reads: viewer, auditor, admin (and tokens that also hold viewer); history: auditor, admin. */
const readStatus = (as: Who, auditOnly: boolean) =>
  unauthenticated.includes(as)
    ? 401
    : as === 'admin' ||
        as === 'auditor' ||
        (!auditOnly && ['manager', 'babel', 'viewer'].includes(as))
      ? 200
      : 403;

const writes = (projectId: string, i: number): [string, string, unknown][] => [
  [
    'POST',
    '/projects',
    {
      projectId: `${projectId}-new-${i}`,
      name: 'x',
      kind: 'plant',
      location: { province: projectId === 'in-scope' ? 'Kepulauan Bangka Belitung' : 'Bali' },
    },
  ],
  ['PATCH', `/projects/${projectId}`, { sectors: [`s${i}`] }],
  [
    'POST',
    `/projects/${projectId}/milestones`,
    { milestoneId: `ms-${i}`, type: 'masterplan', target: '2027' },
  ],
  [
    'POST',
    `/projects/${projectId}/milestones/ms-0/reschedule`,
    { target: `${2028 + i}`, reasonCode: 'land' },
  ],
  ['POST', `/projects/${projectId}/milestones/ms-0/start`, { on: '2026-01-01' }],
  ['POST', `/projects/${projectId}/milestones/ms-0/progress`, { percent: i, asOf: '2026-02' }],
  ['POST', `/projects/${projectId}/facts`, { fact: 'area', hectares: `${i}`, scope: 'plot' }],
  [
    'POST',
    `/projects/${projectId}/conflicts`,
    {
      field: 'area',
      claims: [
        { value: '1', source: 'a' },
        { value: '2', source: 'b' },
      ],
    },
  ],
];

t.test('command routes', async (t) => {
  let i = 1;
  for (const as of who)
    for (const [projectId, inScope] of [
      ['in-scope', true],
      ['out-scope', false],
    ] as const)
      for (const [method, path, body] of writes(projectId, i++)) {
        n++;
        t.equal(
          await call(stack.commandUrl, method, path, as, body),
          writeStatus(as, inScope),
          `${as} ${method} ${path}`,
        );
      }
});

t.test('projection routes', async (t) => {
  const reads: [string, boolean][] = [
    ['/projects', false],
    ['/projects/in-scope', false],
    ['/projects/in-scope/timeline', false],
    ['/milestones?due=not_due', false],
    ['/portfolio/summary?groupBy=province', false],
    ['/projects/in-scope/history', true],
  ];
  for (const as of who)
    for (const [path, auditOnly] of reads) {
      n++;
      t.equal(
        await call(stack.queryUrl, 'GET', path, as),
        readStatus(as, auditOnly),
        `${as} GET ${path}`,
      );
    }
  for (const path of ['/health', '/ready', '/metrics', '/docs/json'])
    for (const base of [stack.commandUrl, stack.queryUrl])
      t.equal(await call(base, 'GET', path, 'none'), 200, `${path} is public`);
  t.comment(`figures: access checks=${n}`);
  t.notMatch(stack.output(), /e2e-[a-z-]*token/, 'tokens never appear in the logs');
});
