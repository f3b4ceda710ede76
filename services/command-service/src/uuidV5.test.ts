import t from 'tap';
import { KAWASAN_NAMESPACE, uuidV5 } from './uuidV5.js';

const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const URL_NS = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

t.test('RFC 4122 version 5 test vectors', async (t) => {
  // The values Python's uuid.uuid5 gives for the same inputs.
  t.equal(uuidV5('python.org', DNS), '886313e1-3b8a-5372-9b90-0c9aee199e5d');
  t.equal(uuidV5('https://www.example.com/', URL_NS), '3d3ed9d2-aa3d-5fa6-90e8-ed662e90f559');
  t.equal(uuidV5('urn:kawasan:event-ids', URL_NS), KAWASAN_NAMESPACE, 'how the namespace was made');
  t.equal(uuidV5('python.org', DNS.toUpperCase()), uuidV5('python.org', DNS));
});

t.test('deterministic, version and variant bits set, namespace checked', async (t) => {
  const a = uuidV5('["event","ani","key-1",0]', KAWASAN_NAMESPACE);
  t.equal(a, uuidV5('["event","ani","key-1",0]', KAWASAN_NAMESPACE));
  t.not(a, uuidV5('["event","ani","key-1",1]', KAWASAN_NAMESPACE));
  t.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  t.throws(() => uuidV5('x', 'not-a-uuid'), TypeError);
});
