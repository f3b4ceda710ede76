import t from 'tap';
import { startStack, TOKENS } from '../e2e/support/stack.js';

// Abusive clients: a per-token rate limit (429 with Retry-After) that leaves other tokens and
// the health checks alone.
const LIMIT = 20;
const stack = await startStack({ env: { RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
t.teardown(() => stack.stop());
const get = (token: string | null, path = '/projects') =>
  fetch(`${stack.queryUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

t.test('one token hammering gets 429; others are still served', async (t) => {
  const statuses: number[] = [];
  for (let i = 0; i < LIMIT + 5; i++) statuses.push((await get(TOKENS.viewer)).status);
  t.same(statuses.slice(0, LIMIT), Array(LIMIT).fill(200), `the first ${LIMIT} pass`);
  const limited = await get(TOKENS.viewer);
  t.equal(limited.status, 429);
  t.match(limited.headers.get('content-type'), /^application\/problem\+json/);
  t.match(await limited.json(), { code: 'rate_limited' });
  t.ok(Number(limited.headers.get('retry-after')) > 0, 'Retry-After says when to come back');
  t.equal((await get(TOKENS.auditor)).status, 200, 'another token is not starved');
  t.equal((await get(null, '/health')).status, 200, 'health checks are never throttled');
  const write = await fetch(`${stack.commandUrl}/projects`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKENS.admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Limited', kind: 'plant', location: { province: 'Bali' } }),
  });
  t.equal(write.status, 201, 'the command service counts per token too');
});
