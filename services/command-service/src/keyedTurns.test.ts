import t from 'tap';
import { KeyedTurns } from './keyedTurns.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** Jobs that note in `log` when they start and end, a turn apart. */
const logged = (log: string[]) => (name: string) => async () => {
  log.push(`start ${name}`);
  await tick();
  log.push(`end ${name}`);
  return name;
};

t.test('work on one key runs one at a time, in arrival order', async (t) => {
  // Given turns and a log of starts and ends
  const turns = new KeyedTurns();
  const log: string[] = [];
  const job = logged(log);
  // When three jobs arrive on one key at once
  const results = await Promise.all([
    turns.run('a', job('1')),
    turns.run('a', job('2')),
    turns.run('a', job('3')),
  ]);
  // Then each starts only after the one before it ended
  t.strictSame(results, ['1', '2', '3']);
  t.strictSame(log, ['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
});

t.test('different keys run concurrently', async (t) => {
  const turns = new KeyedTurns();
  const log: string[] = [];
  const job = logged(log);
  await Promise.all([turns.run('a', job('a')), turns.run('b', job('b'))]);
  t.strictSame(log, ['start a', 'start b', 'end a', 'end b']);
});

t.test('a failure is its caller’s alone and does not block the key', async (t) => {
  const turns = new KeyedTurns();
  const failing = turns.run('a', () => Promise.reject(new Error('boom')));
  const next = turns.run('a', () => Promise.resolve('after'));
  await t.rejects(failing, { message: 'boom' });
  t.equal(await next, 'after');
});

t.test('idle keys are forgotten', async (t) => {
  const turns = new KeyedTurns();
  const running = turns.run('a', async () => {
    await tick();
  });
  t.equal(turns.busy, 1, 'a key with work is held');
  await running;
  await tick();
  t.equal(turns.busy, 0, 'and released when its last work is done');
});
