#!/usr/bin/env node
// Starts both services on the embedded SQLite store (with the demo data on an empty store),
// waits until they answer, and prints where everything is. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const env = {
  ...process.env,
  DATA_DIR: resolve(root, process.env.DATA_DIR ?? 'data'),
  SEED_DEMO: process.env.SEED_DEMO ?? 'on',
  EVENT_STORE: process.env.EVENT_STORE ?? 'sqlite',
};
const host = env.HOST ?? '127.0.0.1';
const services = [
  { name: 'command-service', port: env.COMMAND_PORT ?? '3001' },
  { name: 'projection-service', port: env.QUERY_PORT ?? '3002' },
];

const children = [];
let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3000).unref();
  Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r() : c.once('exit', r)))),
  ).then(() => process.exit(code));
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitReady(url, child) {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url} exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not become ready`);
}

try {
  for (const service of services) {
    const child = spawn(
      process.execPath,
      [resolve(root, 'services', service.name, 'dist', 'main.js')],
      {
        env,
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    children.push(child);
    child.on('exit', (code) => {
      if (!stopping) {
        console.error(`${service.name} stopped (exit ${code}); stopping the other one`);
        stop(code ?? 1);
      }
    });
    // The command service loads the demo data before it listens; the projection service then
    // catches up from the log, so start them in order.
    await waitReady(`http://${host}:${service.port}/ready`, child);
  }
  const tokens = env.AUTH_TOKENS_FILE ?? resolve(env.DATA_DIR, 'dev-tokens.json');
  console.log(`
Kawasan tracker is running on the embedded store (${resolve(env.DATA_DIR, 'events.sqlite')})
  command service     http://${host}:${services[0].port}   (API docs: /docs)
  projection service  http://${host}:${services[1].port}   (API docs: /docs)
  bearer tokens       ${tokens}
Press Ctrl-C to stop.
`);
} catch (error) {
  console.error(String(error));
  stop(1);
}
