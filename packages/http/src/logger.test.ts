import { Writable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { pino } from 'pino';
import t from 'tap';
import { createHttpServer } from './httpServer.js';
import { genReqId, loggerOptions } from './logger.js';
import { TokenRegistry } from './tokens.js';

t.test('secrets are redacted from log lines', async (t) => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const log = pino(loggerOptions({ logLevel: 'info' }), sink);
  log.info({ req: { headers: { authorization: 'Bearer s3cret-1', host: 'x' } } }, 'request');
  log.info({ token: 's3cret-2', file: { token: 's3cret-3' } }, 'token fields');
  log.info({ tokens: [{ token: 's3cret-4', actor: 'a' }] }, 'a tokens file');
  log.debug({ hidden: true }, 'below the level');
  t.equal(lines.length, 3);
  const all = lines.join('');
  t.notMatch(all, /s3cret/);
  t.match(all, /\[redacted\]/);
  t.match(JSON.parse(lines[0]!), { level: 30, msg: 'request', req: { headers: { host: 'x' } } });
  t.match(JSON.parse(lines[2]!), { tokens: [{ actor: 'a', token: '[redacted]' }] });
});

t.test('request ids: a tame X-Request-Id is honoured, anything else replaced', async (t) => {
  const request = (value?: string | string[]) =>
    ({ headers: value === undefined ? {} : { 'x-request-id': value } }) as IncomingMessage;
  t.equal(genReqId(request('abc-123.4:5_6')), 'abc-123.4:5_6');
  for (const bad of [undefined, '', 'has space', 'x'.repeat(129), ['a', 'b'], 'line\nbreak'])
    t.match(
      genReqId(request(bad)),
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
});

t.test('each request is logged once, when answered, without its token', async (t) => {
  // Given a server logging to a sink
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const app = await createHttpServer({
    logger: pino(loggerOptions({ logLevel: 'info' }), sink),
    tokens: TokenRegistry.fromEntries([]),
    ready: async () => undefined,
    docs: { title: 'Test', version: '0.0.0', description: 'test app' },
  });
  t.teardown(() => app.close());
  // When two requests are answered
  await app.inject({
    method: 'GET',
    url: '/health',
    headers: { 'x-request-id': 'req-1', authorization: 'Bearer s3cret-9' },
  });
  await app.inject({ method: 'GET', url: '/nowhere', headers: { 'x-request-id': 'req-2' } });
  // Then there is one line for each, with what an operator looks for
  const requests = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const completed = requests.filter((l) => l['msg'] === 'request completed');
  t.equal(completed.length, 2, 'one line per request');
  t.match(completed[0], {
    reqId: 'req-1',
    req: { method: 'GET', url: '/health' },
    res: { statusCode: 200 },
    responseTime: Number,
  });
  t.match(completed[1], { reqId: 'req-2', res: { statusCode: 404 } });
  t.notOk(
    requests.some((l) => l['msg'] === 'incoming request'),
    'no separate line on arrival',
  );
  t.notMatch(lines.join(''), /s3cret/);
});
