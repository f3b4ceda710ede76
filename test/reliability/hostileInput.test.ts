import t from 'tap';
import fc from 'fast-check';
import { tryParseFuzzyDate } from '@kawasan/domain';
import { startStack, TOKENS } from '../e2e/support/stack.js';

// Property-based fuzzing of every command route with hostile input. Every answer must be a 4xx
// problem+json (never 5xx), the store's position must never move, and the process stays up.
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const stack = await startStack({ dataDir: t.testdir() });
t.teardown(() => stack.stop());

const headers = { authorization: `Bearer ${TOKENS.admin}`, 'content-type': 'application/json' };
const seed = async (path: string, body: unknown) => {
  const res = await fetch(`${stack.commandUrl}${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
};
await seed('/projects', {
  projectId: 'fuzz-ki',
  name: 'Fuzz',
  kind: 'industrial_estate',
  location: { province: 'Bali' },
});
await seed('/projects/fuzz-ki/milestones', {
  milestoneId: 'fz-mou',
  type: 'mou_signed',
  target: '2027',
});
const head = await stack.storeHead();

const routes = [
  ['POST', '/projects'],
  ['PATCH', '/projects/fuzz-ki'],
  ['POST', '/projects/fuzz-ki/milestones'],
  ['POST', '/projects/fuzz-ki/milestones/fz-mou/reschedule'],
  ['POST', '/projects/fuzz-ki/milestones/fz-mou/start'],
  ['POST', '/projects/fuzz-ki/milestones/fz-mou/achieve'],
  ['POST', '/projects/fuzz-ki/milestones/fz-mou/cancel'],
  ['POST', '/projects/fuzz-ki/milestones/fz-mou/progress'],
  ['POST', '/projects/fuzz-ki/facts'],
  ['POST', '/projects/fuzz-ki/status'],
  ['POST', '/projects/fuzz-ki/conflicts'],
  ['POST', '/projects/fuzz-ki/retractions'],
] as const;

let tried = 0;
const seen = new Map<number, number>();
async function send(
  method: string,
  path: string,
  body: string,
  extra: Record<string, string> = {},
) {
  tried++;
  const res = await fetch(`${stack.commandUrl}${path}`, {
    method,
    headers: { ...headers, ...extra },
    body,
  });
  const text = await res.text();
  seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text };
}
const refused = (r: { status: number; type: string; text: string }) =>
  r.status >= 400 &&
  r.status < 500 &&
  r.type.startsWith('application/problem+json') &&
  /"code":"[a-z_]+"/.test(r.text);

const route = fc.constantFrom(...routes);
const invalidDate = fc
  .string({ maxLength: 40 })
  .filter((s) => !tryParseFuzzyDate(s, 'Asia/Jakarta').ok);
const unicode = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 50 }),
  fc.constantFrom(
    '\u0000',
    '\ud800',
    '\udfff',
    'a\u202eb',
    '\u200b\u200b',
    '\ufeff',
    '𝓚𝓪𝔀𝓪𝓼𝓪𝓷',
    'é'.normalize('NFD'),
  ),
);
const pollution = fc.constantFrom(
  '{"__proto__":{"admin":true},"name":"x","kind":"plant","location":{"province":"Bali"}}',
  '{"constructor":{"prototype":{"polluted":1}},"to":"on_hold","reason":"x"}',
  '{"fact":"area","hectares":"1","scope":"plot","__proto__":{"x":1}}',
  '{"location":{"province":"Bali","__proto__":{"isAdmin":true}},"name":"x","kind":"plant"}',
);
const deep = fc.integer({ min: 50, max: 5000 }).map((d) => '['.repeat(d) + ']'.repeat(d));
const huge = fc.constantFrom(
  JSON.stringify({ name: 'x'.repeat(60_000), kind: 'plant', location: { province: 'Bali' } }),
  JSON.stringify({
    reason: 'r',
    to: 'on_hold',
    sources: Array.from({ length: 5000 }, () => ({ outlet: 'o' })),
  }),
  JSON.stringify({ fact: 'jobs', kind: 'projected', text: 'x'.repeat(10_000) }),
);

/** Bodies that are shaped like the real thing but always broken somewhere. */
const nearMiss = fc.oneof(
  invalidDate.map((target) => ({ type: 'masterplan', target })),
  invalidDate.map((on) => ({ on })),
  invalidDate.map((target) => ({ target, reasonCode: 'land' })),
  invalidDate.map((asOf) => ({ percent: 50, asOf })),
  unicode.map((s) => ({ name: s, kind: 'plant', location: { province: `${s}x` } })),
  fc.record({ to: unicode, reason: fc.string() }),
  fc.record({
    fact: fc.constantFrom('investment', 'jobs', 'area'),
    amount: fc.oneof(fc.double(), fc.string()),
    currency: unicode,
  }),
  fc.record({ eventId: unicode, reason: fc.string() }),
  fc.record({
    field: fc.string(),
    claims: fc.array(fc.record({ value: fc.string() }), { maxLength: 3 }),
  }),
  fc
    .dictionary(
      fc
        .string({ minLength: 1, maxLength: 12 })
        .filter((k) => !['name', 'type', 'target'].includes(k)),
      fc.anything(),
      { minKeys: 1, maxKeys: 5 },
    )
    .map((o) => ({ ...o, zzUnknown: 1 })),
);

t.test('hostile bodies on every route', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      route,
      fc.oneof(
        fc
          .anything()
          .filter((v) => typeof v !== 'object' || v === null || Array.isArray(v))
          .map((v) => JSON.stringify(v) ?? 'undefined'),
        fc.string().filter((s) => {
          try {
            JSON.parse(s);
            return false;
          } catch {
            return true;
          }
        }),
        nearMiss.map((b) => JSON.stringify(b)),
        pollution,
        deep,
        huge,
      ),
      async ([method, path], body) => {
        const r = await send(method, path, body);
        return (
          refused(r) ||
          (console.error(method, path, body.slice(0, 200), r.status, r.text.slice(0, 300)), false)
        );
      },
    ),
    { numRuns: RUNS * 4 },
  );
  t.pass('every hostile body was refused with a 4xx problem+json');
});

t.test('hostile path parameters and headers', async (t) => {
  const segment = fc.oneof(
    fc.constantFrom(
      '..',
      '..%2F..%2Fetc%2Fpasswd',
      '%00',
      '%0d%0aSet-Cookie:x',
      'UPPER',
      'a'.repeat(300),
      '%E2%80%AE',
      '%ff',
      '.',
      '~root',
    ),
    fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent),
  );
  await fc.assert(
    fc.asyncProperty(segment, segment, async (project, milestone) => {
      const body = JSON.stringify({ on: '2026-01-01' });
      const r = await send('POST', `/projects/${project}/milestones/${milestone}/achieve`, body);
      return (
        refused(r) || (console.error(project, milestone, r.status, r.text.slice(0, 200)), false)
      );
    }),
    { numRuns: RUNS },
  );
  const key = await send('POST', '/projects/fuzz-ki/status', '{"to":"on_hold","reason":"x"}', {
    'idempotency-key': 'k'.repeat(256),
  });
  t.ok(refused(key), 'an over-long idempotency key is refused');
  const ifMatch = await send('POST', '/projects/fuzz-ki/status', '{"to":"on_hold","reason":"x"}', {
    'if-match': '"-1; drop table"',
  });
  t.ok(refused(ifMatch), 'a malformed If-Match is refused');
});

t.test('nothing was written and the service still answers', async (t) => {
  t.equal(await stack.storeHead(), head, "the store's position never moved");
  t.equal((await fetch(`${stack.commandUrl}/health`)).status, 200);
  t.notOk(seen.has(500), 'no 5xx');
  t.comment(
    `figures: inputs=${tried} statuses=${JSON.stringify(Object.fromEntries([...seen].sort()))}`,
  );
});
