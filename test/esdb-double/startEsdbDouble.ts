/**
 * Starts the EventStoreDB double (`main.ts`) in a child process and returns a handle on it.
 * Under tap, test files run from TypeScript through a loader that `process.execArgv` carries, so
 * the child runs `main.ts` the same way. A process of its own also keeps the double's copy of the
 * client's generated protobuf classes away from the copy the adapter under test loads.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DoubleCommandBody, DoubleMessage, DoubleStats } from './main.js';

export interface EsdbDoubleSettings {
  /** Whether ServerFeatures lists BatchAppend (the client then appends with it) or is UNIMPLEMENTED. */
  batchAppend: boolean;
  maxAppendSize?: number;
  idempotentPosition?: boolean;
  statsIntervalMs?: number;
}

export interface StartedEsdbDouble {
  /** `esdb://127.0.0.1:<port>?tls=false`: a single node, so the client does no gossip. */
  readonly connectionString: string;
  readonly port: number;
  /** Cuts every open client connection; clients reconnect on their next call. */
  dropConnections(): Promise<void>;
  /** While on, every call fails with UNAVAILABLE ("Server Is Not Ready"), running ones too. */
  setUnavailable(on: boolean): Promise<void>;
  /** While on, writes fail with the `not-leader` exception pointing back at this node. */
  setNotLeader(on: boolean): Promise<void>;
  setBatchAppend(on: boolean): Promise<void>;
  /** Counters of what the double has served (e.g. how many subscriptions were opened). */
  stats(): Promise<DoubleStats>;
  stop(): Promise<void>;
}

const mainScript = fileURLToPath(
  new URL(import.meta.url.endsWith('.ts') ? './main.ts' : './main.js', import.meta.url),
);

const STARTUP_TIMEOUT_MS = 60_000;
const COMMAND_TIMEOUT_MS = 10_000;

export async function startEsdbDouble(settings: EsdbDoubleSettings): Promise<StartedEsdbDouble> {
  const args = ['--port', '0', '--batch-append', String(settings.batchAppend)];
  if (settings.maxAppendSize !== undefined) {
    args.push('--max-append-size', String(settings.maxAppendSize));
  }
  if (settings.idempotentPosition !== undefined) {
    args.push('--idempotent-position', String(settings.idempotentPosition));
  }
  if (settings.statsIntervalMs !== undefined) {
    args.push('--stats-interval-ms', String(settings.statsIntervalMs));
  }
  const child = spawn(process.execPath, [...process.execArgv, mainScript, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.stdin.on('error', () => undefined);
  const exited = once(child, 'exit');
  const waiters = new Map<number | 'listening', (message: DoubleMessage) => void>();
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as DoubleMessage;
    const key = message.type === 'listening' ? 'listening' : message.id;
    waiters.get(key)?.(message);
    waiters.delete(key);
  });

  const awaitMessage = (key: number | 'listening', ms: number): Promise<DoubleMessage> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(key);
        reject(new Error(`esdb double: no answer within ${ms} ms: ${stderr}`));
      }, ms);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`esdb double exited: ${stderr}`));
      });
      waiters.set(key, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });

  const listening = await awaitMessage('listening', STARTUP_TIMEOUT_MS).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  if (listening.type !== 'listening') throw new Error('esdb double: unexpected first message');

  let nextId = 1;
  const request = async (cmd: DoubleCommandBody): Promise<DoubleMessage> => {
    const id = nextId++;
    const answer = awaitMessage(id, COMMAND_TIMEOUT_MS);
    child.stdin.write(`${JSON.stringify({ ...cmd, id })}\n`);
    const message = await answer;
    if (message.type === 'failed') throw new Error(`esdb double: ${message.message}`);
    return message;
  };
  const command = async (cmd: DoubleCommandBody): Promise<void> => {
    await request(cmd);
  };

  let stopped: Promise<void> | null = null;
  return {
    connectionString: listening.connectionString,
    port: listening.port,
    dropConnections: () => command({ cmd: 'drop' }),
    setUnavailable: (on) => command({ cmd: on ? 'unavailable' : 'available' }),
    setNotLeader: (on) => command({ cmd: on ? 'not-leader' : 'available' }),
    setBatchAppend: (on) => command({ cmd: 'batchAppend', on }),
    stats: async () => {
      const message = await request({ cmd: 'stats' });
      if (message.type !== 'done' || message.stats === undefined) throw new Error('no stats');
      return message.stats;
    },
    stop: () => {
      stopped ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.stdin.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      })();
      return stopped;
    },
  };
}
