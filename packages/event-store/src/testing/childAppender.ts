/**
 * A separate process for the contract suite: opens the store from `argv[2]` (JSON passed to
 * openEventStore) and appends what it is told on stdin, answering on stdout (see childProtocol).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isEventStoreError, WrongExpectedRevisionError } from '../errors.js';
import type { EventStore, EventToAppend } from '../eventStore.js';
import { openEventStore, type EventStoreConfig } from '../openEventStore.js';
import { decodeRevision, type ChildCommand, type ChildMessage } from './childProtocol.js';

const BARRIER_TIMEOUT_MS = 30_000;

// stdout to a pipe is synchronous on Linux, so a message is out before the next blocking step.
const send = (message: ChildMessage): void => {
  process.stdout.write(`${JSON.stringify(message)}\n`);
};

function waitForBarrier(file: string): void {
  const deadline = Date.now() + BARRIER_TIMEOUT_MS;
  // A busy spin reacts within microseconds, which is what makes the two writers truly race.
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`barrier ${file} never appeared`);
  }
}

async function append(
  store: EventStore,
  stream: string,
  expected: string,
  events: EventToAppend[],
): Promise<void> {
  const started = performance.now();
  try {
    const result = await store.append(stream, events, {
      expectedRevision: decodeRevision(expected),
    });
    send({
      type: 'result',
      ok: true,
      nextExpectedRevision: result.nextExpectedRevision.toString(),
      position: result.position.toString(),
      elapsedMs: performance.now() - started,
    });
  } catch (error) {
    if (!isEventStoreError(error)) throw error;
    const actual = error instanceof WrongExpectedRevisionError ? String(error.actual) : undefined;
    send({
      type: 'result',
      ok: false,
      code: error.code,
      message: error.message,
      ...(actual === undefined ? {} : { actual }),
    });
  }
}

async function handle(store: EventStore, command: ChildCommand): Promise<void> {
  switch (command.cmd) {
    case 'append':
      if (command.barrier !== undefined) {
        send({ type: 'waiting' });
        waitForBarrier(command.barrier);
      }
      return append(store, command.stream, command.expectedRevision, command.events);
    case 'appendGenerated': {
      const pad = 'k'.repeat(command.payloadChars);
      const events = Array.from({ length: command.count }, (_, i) => ({
        id: randomUUID(),
        type: 'BulkWritten',
        data: { i, pad },
        metadata: { pid: process.pid },
      }));
      send({ type: 'starting' });
      return append(store, command.stream, command.expectedRevision, events);
    }
    case 'exit':
      return;
  }
}

async function main(): Promise<void> {
  const configJson = process.argv[2];
  if (configJson === undefined) {
    process.stderr.write('usage: childAppender <openEventStore config as JSON>\n');
    // `tap <dir>` runs every file it finds; being run bare by tap is not a failure.
    process.exit(process.env['TAP'] === '1' ? 0 : 2);
  }
  const store = await openEventStore(JSON.parse(configJson) as EventStoreConfig);
  send({ type: 'ready', pid: process.pid });
  for await (const line of createInterface({ input: process.stdin })) {
    const command = JSON.parse(line) as ChildCommand;
    if (command.cmd === 'exit') break;
    await handle(store, command);
  }
  await store.close();
}

// Exit explicitly: a paused stdin would otherwise keep the process alive after the loop ends.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    send({
      type: 'fatal',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exit(1);
  },
);
