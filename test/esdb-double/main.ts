/**
 * Runs the EventStoreDB double as a process of its own:
 *   node <ts loader> test/esdb-double/main.ts [--port 0] [--batch-append true|false]
 *     [--max-append-size <bytes>] [--idempotent-position true|false] [--stats-interval-ms <ms>]
 * It prints one JSON line `{"type":"listening","port":…,"connectionString":…}`, then obeys JSON
 * lines on stdin ({"id":1,"cmd":"drop"} | "unavailable"/"available"/"not-leader"/"stats" |
 * {"cmd":"batchAppend","on":false} | "stop"), answering {"type":"done","id":1}. It stops when
 * stdin closes, so it never outlives the process that started it.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { EsdbDouble } from './doubleServer.js';

export type DoubleCommandBody =
  | { cmd: 'drop' | 'unavailable' | 'available' | 'not-leader' | 'stats' | 'stop' }
  | { cmd: 'batchAppend'; on: boolean };

export type DoubleCommand = DoubleCommandBody & { id: number };

export type DoubleMessage =
  | { type: 'listening'; port: number; connectionString: string }
  | { type: 'done'; id: number; stats?: DoubleStats }
  | { type: 'failed'; id: number; message: string };

export interface DoubleStats {
  subscriptionsStarted: number;
}

const send = (message: DoubleMessage): void => {
  process.stdout.write(`${JSON.stringify(message)}\n`);
};

const flag = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined ? fallback : value === 'true';

function run(double: EsdbDouble, command: DoubleCommand): DoubleStats | undefined {
  switch (command.cmd) {
    case 'stats':
      return { subscriptionsStarted: double.subscriptionsStarted };
    case 'drop':
      double.dropConnections();
      return undefined;
    case 'unavailable':
    case 'available':
    case 'not-leader':
      double.setMode(command.cmd);
      return undefined;
    case 'batchAppend':
      double.setBatchAppend(command.on);
      return undefined;
    case 'stop':
      return undefined;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'batch-append': { type: 'string' },
      'max-append-size': { type: 'string' },
      'idempotent-position': { type: 'string' },
      'stats-interval-ms': { type: 'string' },
    },
  });
  const double = await EsdbDouble.start({
    port: Number(values.port),
    batchAppend: flag(values['batch-append'], true),
    idempotentPosition: flag(values['idempotent-position'], true),
    ...(values['max-append-size'] !== undefined && {
      maxAppendSize: Number(values['max-append-size']),
    }),
    ...(values['stats-interval-ms'] !== undefined && {
      statsIntervalMs: Number(values['stats-interval-ms']),
    }),
  });
  send({ type: 'listening', port: double.port, connectionString: double.connectionString });
  for await (const line of createInterface({ input: process.stdin })) {
    const command = JSON.parse(line) as DoubleCommand;
    try {
      const stats = run(double, command);
      send({ type: 'done', id: command.id, ...(stats !== undefined && { stats }) });
    } catch (error) {
      send({ type: 'failed', id: command.id, message: String(error) });
    }
    if (command.cmd === 'stop') break;
  }
  await double.stop();
}

// `tap` may run this file as a test when given a directory; being run bare is not a failure.
if (process.env['TAP'] === '1' && process.argv.length <= 2) {
  process.exit(0);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`esdb double: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
