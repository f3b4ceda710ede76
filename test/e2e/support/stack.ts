import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openEventStore, type EventStoreConfig } from '@kawasan/event-store';

/** Tokens the end-to-end stack accepts: one per role, a scoped manager, and a write-only manager. */
export const TOKENS = {
  admin: 'e2e-admin-token-000000000000000',
  manager: 'e2e-manager-token-0000000000000',
  babel: 'e2e-babel-manager-token-000000',
  writer: 'e2e-write-only-manager-token-00',
  viewer: 'e2e-viewer-token-00000000000000',
  auditor: 'e2e-auditor-token-0000000000000',
  revoked: 'e2e-revoked-token-0000000000000',
} as const;
export type Caller = keyof typeof TOKENS;

/** The workspace root, found upwards (this file runs from src under tap and from dist in bench). */
function workspaceRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('pnpm-workspace.yaml not found above ' + import.meta.dirname);
    dir = parent;
  }
  return dir;
}
const root = workspaceRoot();

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitReady(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${url}: process exited with ${child.exitCode}: ${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} not ready after ${timeoutMs} ms: ${output().slice(-3000)}`);
}

export interface Stack {
  readonly commandUrl: string;
  readonly queryUrl: string;
  readonly dataDir: string;
  /** The store's head position read directly from the store, not through the services. */
  storeHead(): Promise<bigint>;
  startProjection(dataDir?: string): Promise<string>;
  stopProjection(): Promise<void>;
  /** SIGKILL a service (no chance to flush or close), for crash tests. */
  kill(service: 'command' | 'projection'): Promise<void>;
  startCommand(): Promise<void>;
  /** The store configuration the services use, to open it directly from a test. */
  readonly storeConfig: EventStoreConfig;
  stop(): Promise<void>;
  /** What the services printed, for assertions on logs. */
  output(): string;
}

export interface StackOptions {
  /** Where the store and tokens live; a fresh temporary directory (removed on stop) when absent. */
  dataDir?: string;
  seedDemo?: boolean;
  env?: Record<string, string>;
}

/** Both services as real processes on free ports, over the store named by the environment. */
export async function startStack(given: StackOptions): Promise<Stack> {
  const temporary =
    given.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'kawasan-e2e-')) : null;
  const options = { ...given, dataDir: given.dataDir ?? temporary! };
  const [commandPort, queryPort] = [await freePort(), await freePort()];
  const tokensFile = join(options.dataDir, 'tokens.json');
  await writeFile(
    tokensFile,
    JSON.stringify({
      tokens: [
        { token: TOKENS.admin, actor: 'e2e-admin', roles: ['admin'] },
        { token: TOKENS.manager, actor: 'e2e-manager', roles: ['manager', 'viewer'] },
        {
          token: TOKENS.babel,
          actor: 'e2e-babel',
          roles: ['manager', 'viewer'],
          provinces: ['Kepulauan Bangka Belitung'],
        },
        { token: TOKENS.writer, actor: 'e2e-writer', roles: ['manager'] },
        { token: TOKENS.viewer, actor: 'e2e-viewer', roles: ['viewer'] },
        { token: TOKENS.auditor, actor: 'e2e-auditor', roles: ['auditor'] },
        { token: TOKENS.revoked, actor: 'e2e-revoked', roles: ['admin'], revoked: true },
      ],
    }),
    { mode: 0o600 },
  );
  const queryUrl = `http://127.0.0.1:${queryPort}`;
  const env = (dataDir: string): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOST: '127.0.0.1',
    COMMAND_PORT: String(commandPort),
    QUERY_PORT: String(queryPort),
    DATA_DIR: dataDir,
    AUTH_TOKENS_FILE: tokensFile,
    SEED_DEMO: options.seedDemo ? 'on' : 'off',
    LOG_LEVEL: 'info',
    QUERY_PUBLIC_URL: queryUrl,
    // Load and fuzz tests send bursts with one token; the rate limit has its own test.
    RATE_LIMIT_PER_MINUTE: '0',
    ...options.env,
  });
  let output = '';
  const run = (service: string, dataDir: string) => {
    const child = spawn(process.execPath, [join(root, 'services', service, 'dist', 'main.js')], {
      env: env(dataDir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    return child;
  };
  const stopChild = async (child: ChildProcess | null) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };

  let command: ChildProcess | null = null;
  const startCommand = async () => {
    const child = run('command-service', options.dataDir);
    command = child;
    await waitReady(`http://127.0.0.1:${commandPort}/ready`, child, () => output);
  };
  await startCommand();
  let projection: ChildProcess | null = null;
  const startProjection = async (dataDir = options.dataDir) => {
    const child = run('projection-service', dataDir);
    projection = child;
    await waitReady(`${queryUrl}/ready`, child, () => output);
    return queryUrl;
  };
  const kill = async (child: ChildProcess | null) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  };
  await startProjection();

  const connectionString = options.env?.EVENTSTORE_CONNECTION_STRING;
  const storeConfig: EventStoreConfig =
    options.env?.EVENT_STORE === 'esdb' && connectionString !== undefined
      ? { kind: 'esdb', connectionString }
      : { kind: 'sqlite', file: join(options.dataDir, 'events.sqlite') };
  return {
    commandUrl: `http://127.0.0.1:${commandPort}`,
    queryUrl,
    dataDir: options.dataDir,
    async storeHead() {
      const store = await openEventStore(storeConfig);
      try {
        return await store.headPosition();
      } finally {
        await store.close();
      }
    },
    storeConfig,
    startProjection,
    stopProjection: () => stopChild(projection),
    kill: (service) => kill(service === 'command' ? command : projection),
    startCommand,
    async stop() {
      await stopChild(projection);
      await stopChild(command);
      if (temporary) rmSync(temporary, { recursive: true, force: true });
    },
    output: () => output,
  };
}
