/** Worker thread of generateScaleStore: generates one shard, posting each turn for appending. */
import { parentPort, workerData } from 'node:worker_threads';
import { runShard, type ShardSpec } from './scaleStore.js';

const port = parentPort!;
let acks = 0;
let waiting: (() => void) | null = null;
port.on('message', () => {
  acks++;
  waiting?.();
});
let sent = 0;
const done = await runShard(workerData as ShardSpec, async (turn) => {
  port.postMessage({ turn });
  sent++;
  // Keep at most two turns in flight: this one is generated while the last is being stored.
  while (sent - acks > 1) await new Promise<void>((resolve) => (waiting = resolve));
  waiting = null;
});
while (sent > acks) await new Promise<void>((resolve) => (waiting = resolve));
port.postMessage({ done }); // the main thread terminates this worker when it has it
