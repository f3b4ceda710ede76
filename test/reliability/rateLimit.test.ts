import t from 'tap';
import { startStack, TOKENS } from '../e2e/support/stack.js';

// Slow and abusive clients: a per-token rate limit (429 with Retry-After) that leaves other
// tokens and the health checks alone, and a request timeout that cuts off a client sending its
// request too slowly.
const LIMIT = 20;
const stack = await startStack({
  env: { RATE_LIMIT_PER_MINUTE: String(LIMIT), REQUEST_TIMEOUT_MS: '1500' },
});
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

t.test('a client that sends its request too slowly is cut off', async (t) => {
  const { connect } = await import('node:net');
  const url = new URL(stack.commandUrl);
  const socket = connect(Number(url.port), url.hostname);
  await new Promise((r) => socket.once('connect', r));
  // Headers promise 100 bytes of body; only 4 ever come.
  socket.write(
    `POST /projects HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.manager}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na`,
  );
  const started = Date.now();
  const answer = await new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.once('close', () => resolve(text));
  });
  t.match(
    answer,
    /^HTTP\/1\.1 408/,
    `answered 408 Request Timeout: ${JSON.stringify(answer.slice(0, 120))}`,
  );
  t.ok(Date.now() - started < 10_000, `cut off after ${Date.now() - started} ms (limit 1.5 s)`);
  t.equal((await fetch(`${stack.commandUrl}/health`)).status, 200, 'the service keeps serving');
});
