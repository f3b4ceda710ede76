import t from 'tap';
import { parseEvents, type SseMessage } from './sseParser.js';

t.test('complete messages are emitted; a partial one waits for the rest', async (t) => {
  const seen: SseMessage[] = [];
  let tail = parseEvents(
    'retry: 2000\nevent: ready\ndata: {"position":"4"}\n\n: keep-alive\n\nevent: project\nid: 5\ndata: {"projectId":"blt',
    (m) => seen.push(m),
  );
  t.same(seen, [{ event: 'ready', data: '{"position":"4"}' }], 'comments carry no message');
  tail = parseEvents(`${tail}-ki","position":"5"}\r\n\r\n`, (m) => seen.push(m));
  t.equal(tail, '');
  t.same(seen[1], { event: 'project', data: '{"projectId":"blt-ki","position":"5"}' });
});

t.test('multi-line data and the default event name', async (t) => {
  const seen: SseMessage[] = [];
  parseEvents('data: a\ndata:b\n\n', (m) => seen.push(m));
  t.same(seen, [{ event: 'message', data: 'a\nb' }]);
});
