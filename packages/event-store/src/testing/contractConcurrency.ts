import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Test } from 'tap';
import type { EventStore, ExpectedRevision } from '../eventStore.js';
import { ChildAppender } from './childAppenderClient.js';
import { encodeRevision, type ChildResult } from './childProtocol.js';
import {
  collect,
  countStream,
  delay,
  ids,
  makeTestEvents,
  uniqueStream,
} from './contractHelpers.js';

const RACE_ROUNDS = 5;
const KILL_ROUNDS = 4;
const BULK_EVENTS = 20_000;

export function concurrencyContract(t: Test, store: () => EventStore, childConfig: unknown): void {
  t.test('two processes racing on one stream: exactly one wins each round', async (t) => {
    const s = store();
    const barrierDir = mkdtempSync(join(tmpdir(), 'event-store-race-'));
    const writers = await Promise.all([
      ChildAppender.spawn(childConfig),
      ChildAppender.spawn(childConfig),
    ]);
    t.teardown(async () => {
      await Promise.all(writers.map((w) => w.kill()));
      rmSync(barrierDir, { recursive: true, force: true });
    });
    const stream = uniqueStream('race');
    let expected: ExpectedRevision = 'no_stream';
    for (let round = 0; round < RACE_ROUNDS; round++) {
      const barrier = join(barrierDir, `go-${round}`);
      const batches = writers.map(() => makeTestEvents(2));
      writers.forEach((writer, i) =>
        writer.send({
          cmd: 'append',
          stream,
          expectedRevision: encodeRevision(expected),
          events: batches[i] ?? [],
          barrier,
        }),
      );
      await Promise.all(writers.map((w) => w.next('waiting')));
      writeFileSync(barrier, '');
      const results: ChildResult[] = await Promise.all(writers.map((w) => w.next('result')));
      const winners = results.flatMap((r, i) => (r.ok ? [{ r, i }] : []));
      const losers = results.flatMap((r) => (r.ok ? [] : [r]));
      t.equal(winners.length, 1, `round ${round}: exactly one writer wins`);
      const [winner] = winners;
      const [loser] = losers;
      if (winner === undefined || loser === undefined || !winner.r.ok) continue;
      t.equal(loser.code, 'wrong_expected_revision', `round ${round}: the other gets the conflict`);
      t.equal(loser.actual, winner.r.nextExpectedRevision, 'and is told the winning revision');
      const landed = await collect(s.readStream(stream, { fromRevision: BigInt(round * 2) }));
      t.same(ids(landed), ids(batches[winner.i] ?? []), `round ${round}: only the winner's events`);
      expected = BigInt(winner.r.nextExpectedRevision);
    }
    await Promise.all(writers.map((w) => w.exit()));
  });

  t.test(
    `a writer SIGKILLed during a ${BULK_EVENTS}-event append leaves all or nothing`,
    async (t) => {
      const s = store();
      const children = await Promise.all(
        Array.from({ length: KILL_ROUNDS + 1 }, () => ChildAppender.spawn(childConfig)),
      );
      t.teardown(() => Promise.all(children.map((c) => c.kill())));
      const bulk = {
        cmd: 'appendGenerated',
        expectedRevision: 'no_stream',
        count: BULK_EVENTS,
        payloadChars: 64,
      } as const;

      // One undisturbed append measures how long the write takes, to spread the kills across it.
      const [calibrator, ...victims] = children as [ChildAppender, ...ChildAppender[]];
      const whole = uniqueStream('bulk');
      calibrator.send({ ...bulk, stream: whole });
      await calibrator.next('starting');
      const started = performance.now();
      const done = await calibrator.next('result');
      const appendMs = performance.now() - started;
      t.ok(done.ok, 'an undisturbed bulk append succeeds');
      t.equal(await countStream(s, whole), BULK_EVENTS);
      await calibrator.exit();

      let killedInside = 0;
      let finishedFirst = 0;
      for (const [round, victim] of victims.entries()) {
        const stream = uniqueStream('killed');
        // Varied delays from "at once" to just before the measured end of the append.
        const killAfterMs = Math.floor(((round + Math.random()) / victims.length) * appendMs * 0.9);
        victim.send({ ...bulk, stream });
        await victim.next('starting');
        await delay(killAfterMs);
        const exit = await victim.kill();
        const answered = victim.pending().some((m) => m.type === 'result');
        const count = await countStream(s, stream);
        t.ok(
          count === 0 || count === BULK_EVENTS,
          `round ${round}: ${count} events after the kill`,
        );
        if (count === 0 && exit.signal === 'SIGKILL' && !answered) killedInside++;
        if (count === BULK_EVENTS) finishedFirst++;
        // The store must stay writable after a writer died holding (or about to hold) the lock.
        const next = await s.append(stream, makeTestEvents(1), {
          expectedRevision: count === 0 ? 'no_stream' : BigInt(count - 1),
        });
        t.equal(
          next.nextExpectedRevision,
          BigInt(count),
          `round ${round}: the stream is still writable`,
        );
      }
      t.comment(
        `bulk append took ~${Math.round(appendMs)} ms; ${killedInside} of ${victims.length} kills ` +
          `landed inside append() (nothing committed), ${finishedFirst} after it committed`,
      );
    },
  );
}
