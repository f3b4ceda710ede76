import { Writable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { pino } from 'pino';
import t from 'tap';
import { genReqId, loggerOptions } from './logger.js';

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
