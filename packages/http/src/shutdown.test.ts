import { EventEmitter } from 'node:events';
import Fastify from 'fastify';
import t from 'tap';
import { closeOnSignals } from './shutdown.js';

const exited = () => {
  let resolve!: (code: number) => void;
  const promise = new Promise<number>((r) => (resolve = r));
  return { promise, exit: (code: number) => resolve(code) };
};

t.test('SIGTERM closes the app (onClose runs) and exits 0', async (t) => {
  const app = Fastify();
  let closed = 0;
  app.addHook('onClose', async () => {
    closed += 1;
  });
  await app.ready();
  const signals = new EventEmitter();
  const { promise, exit } = exited();
  closeOnSignals(app, { exit, signals });
  signals.emit('SIGTERM');
  signals.emit('SIGINT');
  t.equal(await promise, 0);
  t.equal(closed, 1, 'closed once, however many signals arrive');
});

t.test('a failing close exits 1', async (t) => {
  const app = Fastify();
  app.addHook('onClose', async () => {
    throw new Error('store would not close');
  });
  await app.ready();
  const signals = new EventEmitter();
  const { promise, exit } = exited();
  closeOnSignals(app, { exit, signals });
  signals.emit('SIGINT');
  t.equal(await promise, 1);
});

t.test('a stuck close gives up after the timeout with exit 1', async (t) => {
  const app = Fastify();
  let release!: () => void;
  app.addHook('onClose', () => new Promise<void>((r) => (release = r)));
  await app.ready();
  const signals = new EventEmitter();
  const { promise, exit } = exited();
  closeOnSignals(app, { exit, signals, timeoutMs: 20 });
  // The shutdown timer is unref'd (it must not keep a closed server alive); hold the loop here.
  const keepAlive = setTimeout(() => undefined, 5000);
  signals.emit('SIGTERM');
  t.equal(await promise, 1);
  clearTimeout(keepAlive);
  release();
});
