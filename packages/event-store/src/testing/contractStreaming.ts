import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Test } from 'tap';
import type { EventStore, RecordedEvent } from '../eventStore.js';
import { collect, makeTestEvent, uniqueStream } from './contractHelpers.js';

const LOG_BYTES = 36 * 1024 * 1024;
const PAYLOAD_CHARS = 4096;
const BATCH = 500;

/** A real full GC, also when node was started without --expose-gc (as tap starts it). */
function fullGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Heap retained while a read is suspended after its first few events. GC runs while the
 * iterator is still alive, so anything the adapter buffered for the read is counted.
 */
async function retainedWhileReading(
  gc: () => void,
  read: AsyncIterable<RecordedEvent>,
): Promise<{ bytes: number; firstIds: string[] }> {
  gc();
  const before = process.memoryUsage().heapUsed;
  const iterator = read[Symbol.asyncIterator]();
  const firstIds: string[] = [];
  for (let i = 0; i < 3; i++) {
    const next = await iterator.next();
    if (next.done === true) break;
    firstIds.push(next.value.id);
  }
  gc();
  const bytes = process.memoryUsage().heapUsed - before;
  await iterator.return?.();
  return { bytes, firstIds };
}

export function streamingContract(t: Test, store: () => EventStore): void {
  t.test('reads stream the log instead of loading it', async (t) => {
    const s = store();
    const gc = fullGc();
    const stream = uniqueStream('bulk-read');
    let written = 0;
    const firstIds: string[] = [];
    for (let revision = 0; written < LOG_BYTES; revision += BATCH) {
      const events = Array.from({ length: BATCH }, (_, i) =>
        // Distinct payloads, so nothing can be shared between rows.
        makeTestEvent({
          data: { i: revision + i, pad: `${revision + i}:`.padEnd(PAYLOAD_CHARS, '.') },
        }),
      );
      if (revision === 0) firstIds.push(...events.slice(0, 3).map((e) => e.id));
      written += events.reduce((n, e) => n + JSON.stringify(e.data).length, 0);
      await s.append(stream, events, {
        expectedRevision: revision === 0 ? 'no_stream' : BigInt(revision - 1),
      });
    }
    const [first] = await collect(s.readStream(stream, { maxCount: 1 }));
    const limit = written / 4;
    const all = await retainedWhileReading(gc, s.readAll({ fromPosition: first?.position ?? 0n }));
    const one = await retainedWhileReading(gc, s.readStream(stream));
    t.same(all.firstIds, firstIds, 'readAll yields the first events');
    t.same(one.firstIds, firstIds, 'readStream yields the first events');
    const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);
    t.ok(all.bytes < limit, `readAll retained ${mb(all.bytes)} MB of a ${mb(written)} MB log`);
    t.ok(one.bytes < limit, `readStream retained ${mb(one.bytes)} MB of a ${mb(written)} MB log`);
  });
}
