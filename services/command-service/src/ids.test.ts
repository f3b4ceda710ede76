import t from 'tap';
import { projectIdPattern, milestoneIdPattern } from '@kawasan/domain';
import { idempotentIds, randomIds, slugify } from './ids.js';

t.test('slugify', async (t) => {
  t.equal(slugify('Kawasan Industri Sadai (KIS)', 57), 'kawasan-industri-sadai-kis');
  t.equal(slugify('  Café Señor – Ñusantara!! ', 57), 'cafe-senor-nusantara');
  t.equal(slugify('mou_signed', 57), 'mou-signed');
  t.equal(slugify('a'.repeat(30) + ' ' + 'b'.repeat(30), 40), 'a'.repeat(30) + '-' + 'b'.repeat(9));
  t.equal(slugify('a'.repeat(39) + ' b', 40), 'a'.repeat(39), 'no trailing dash after cutting');
  t.equal(slugify('中国', 57), '');
});

t.test('generated ids fit the domain patterns', async (t) => {
  for (const ids of [randomIds(), idempotentIds('ani@bkpm', 'key-1')]) {
    for (const name of ['Kawasan Industri Belitung', '中国 项目', 'x', 'K'.repeat(200)]) {
      t.match(ids.projectId(name), projectIdPattern, name.slice(0, 20));
    }
    t.match(ids.projectId('中国 项目'), /^project-[0-9a-f]{8}$/);
    t.match(ids.milestoneId('commercial_operation'), /^commercial-operation-[0-9a-f]{8}$/);
    t.match(ids.milestoneId('commercial_operation'), milestoneIdPattern);
    t.match(ids.eventId(0), /^[0-9a-f-]{36}$/);
  }
});

t.test('idempotent ids depend only on actor, key and position', async (t) => {
  const a = idempotentIds('ani@bkpm', 'key-1');
  const b = idempotentIds('ani@bkpm', 'key-1');
  t.equal(a.projectId('KI Belitung'), b.projectId('KI Belitung'));
  t.equal(a.milestoneId('masterplan'), b.milestoneId('masterplan'));
  t.equal(a.eventId(1), b.eventId(1));
  t.not(a.eventId(0), a.eventId(1));
  t.not(a.eventId(0), idempotentIds('budi@bkpm', 'key-1').eventId(0));
  t.not(a.eventId(0), idempotentIds('ani@bkpm', 'key-2').eventId(0));
  // JSON names keep ("a:b", "c") and ("a", "b:c") apart.
  t.not(idempotentIds('a:b', 'c').eventId(0), idempotentIds('a', 'b:c').eventId(0));
  const first = a.decideContext();
  const again = b.decideContext();
  t.equal(first.newId('fact'), again.newId('fact'), 'each attempt decides the same ids');
  t.not(first.newId('fact'), again.newId('conflict'));
  t.not(first.newId('fact'), first.newId('fact'), 'but two facts in one decision differ');

  const random = randomIds();
  t.not(random.eventId(0), random.eventId(0));
  t.not(random.projectId('KI'), random.projectId('KI'));
  t.not(random.decideContext().newId('fact'), random.decideContext().newId('fact'));
});
