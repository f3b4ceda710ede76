import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

export interface CheckpointerOptions {
  file: string;
  /** The driver the worker loads (tests give one that fails). Default: this package's. */
  driver?: string;
  busyTimeoutMs: number;
  /** The appending connection: its automatic checkpoint is off while the worker does the work. */
  db: Database.Database;
  /** WAL frames past which the appending connection finishes a checkpoint so the WAL restarts. */
  restartFrames: number;
}

export interface CheckpointStats {
  /** Whether a worker checkpoints the WAL (false: none started yet, or it failed). */
  inWorker: boolean;
  /** Reports of the worker's checkpoints that found the WAL changed. */
  passes: number;
  /** Checkpoints the appending connection completed (every frame copied) so the WAL can restart. */
  finished: number;
  /** Times the worker found the WAL started over (after its own checkpoint or a finished one). */
  restarted: number;
}

interface WorkerInput {
  driver: string;
  file: string;
  busyTimeoutMs: number;
  /** Pause between checks while no frame is waiting. */
  idleMs: number;
  /** Set to 1 by the appender while it finishes a checkpoint: the worker starts no pass. */
  hold: Int32Array;
  /** Pauses of about a millisecond after which a hold lapses. */
  holdAtMost: number;
}

type WorkerMessage = { log: number; checkpointed: number } | { failed: string };

/** A row of PRAGMA wal_checkpoint, whose numbers may come as bigint (defaultSafeIntegers). */
interface CheckpointRow {
  busy: number | bigint;
  log: number | bigint;
  checkpointed: number | bigint;
}

/**
 * The worker's program, sent as source like the read ahead's (see readAheadWorker). It copies
 * WAL frames into the database file (a PASSIVE checkpoint: it never waits for, nor blocks, the
 * writer or readers), back to back while there is work, and says how far it got.
 */
function checkpointWorker(): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- an eval worker is a CommonJS script */
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  const input = threads.workerData as WorkerInput;
  const port = threads.parentPort!;
  const Driver = require(input.driver) as typeof import('better-sqlite3');
  /* eslint-enable @typescript-eslint/no-require-imports */
  try {
    const db = new Driver(input.file, { fileMustExist: true, timeout: input.busyTimeoutMs });
    // As every connection to the store: the checkpoint syncs the WAL and the database file.
    db.pragma('synchronous = FULL');
    let last = '';
    let held = 0;
    const pass = (): void => {
      try {
        // The appender means to finish a checkpoint at its next commit. If none comes soon (the
        // store went quiet), the hold lapses and the worker carries on.
        if (Atomics.load(input.hold, 0) === 1) {
          if (held++ < input.holdAtMost) {
            setTimeout(pass, 1);
            return;
          }
          Atomics.store(input.hold, 0, 0);
        }
        held = 0;
        const [result] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[];
        const { busy, log, checkpointed } = result!;
        // Busy: the appender was finishing one (its numbers are then -1): nothing to report.
        if (Number(busy) !== 0) {
          setTimeout(pass, 1);
          return;
        }
        const seen = `${log}/${checkpointed}`;
        const moved = seen !== last;
        last = seen;
        if (moved)
          port.postMessage({
            log: Number(log),
            checkpointed: Number(checkpointed),
          } satisfies WorkerMessage);
        setTimeout(pass, moved ? 0 : input.idleMs);
      } catch (error) {
        port.postMessage({ failed: String(error) } satisfies WorkerMessage);
      }
    };
    pass();
  } catch (error) {
    port.postMessage({ failed: String(error) } satisfies WorkerMessage);
  }
}

const WORKER_SOURCE = `(${checkpointWorker.toString()})()`;
const DRIVER = createRequire(import.meta.url).resolve('better-sqlite3');
/** SQLite's own default, restored when the worker fails. */
const AUTO_CHECKPOINT_PAGES = 1000;
// Frames the worker may leave behind at the end of a pass for the appending connection to finish
// them cheaply: more, and finishing would cost that thread what the worker is there to spare.
const FINISH_AT_MOST = 512;
const OVERDUE = 4;

/**
 * Moves WAL checkpoints off the appending thread. SQLite checkpoints inside the COMMIT that takes
 * the WAL past 1000 pages: under load, several milliseconds every few group commits, during
 * which the event loop serves nobody (and p99 pays). A worker thread with its own connection
 * checkpoints instead. One thing only the appender can bring about: the WAL starts over from
 * its beginning when a write begins with every frame copied (and no reader still in the WAL).
 * With appends every few ms that moment may not come by itself, so once the WAL holds
 * `restartFrames` and the worker is nearly through, the appender holds the worker off and copies
 * the few frames left right after a commit. If the worker fails, SQLite's automatic checkpoint
 * comes back.
 */
export class SqliteCheckpointer {
  readonly #worker: Worker;
  readonly #options: CheckpointerOptions;
  readonly #hold = new Int32Array(new SharedArrayBuffer(4));
  /** WAL frames at the worker's last report (0 once the appender finished a checkpoint). */
  #frames = 0;
  /** The same, kept as reported: a drop means the WAL started over. */
  #lastLog = 0;
  /** Frames the worker's last pass left to copy. */
  #behind = 0;
  #over = false;
  readonly stats: CheckpointStats = { inWorker: true, passes: 0, finished: 0, restarted: 0 };

  /** Throws when no worker can be started; SQLite's automatic checkpoint is then left as it was. */
  constructor(options: CheckpointerOptions) {
    this.#options = options;
    const input: WorkerInput = {
      driver: options.driver ?? DRIVER,
      file: options.file,
      busyTimeoutMs: options.busyTimeoutMs,
      idleMs: 50,
      hold: this.#hold,
      holdAtMost: 50,
    };
    this.#worker = new Worker(WORKER_SOURCE, { eval: true, workerData: input });
    // Never what keeps the process alive.
    this.#worker.unref();
    this.#worker.on('message', (message: WorkerMessage) => this.#receive(message));
    this.#worker.on('error', () => this.#fail());
    this.#worker.on('exit', () => this.#fail());
    // Only with a worker under way: COMMITs stop checkpointing.
    options.db.pragma('wal_autocheckpoint = 0');
  }

  /**
   * Called after each commit: finishes a checkpoint when the WAL should start over. The batch's
   * promises are settled but their callers run after this returns, so this stays rare and short.
   */
  committed(): void {
    const { restartFrames } = this.#options;
    if (this.#over || this.#frames < restartFrames) return;
    // A worker that cannot keep up (a slow disk) must not let the WAL grow without end: past
    // OVERDUE times restartFrames the appender copies what is left itself, as SQLite would.
    if (this.#behind > FINISH_AT_MOST && this.#frames < OVERDUE * restartFrames) return;
    // No new pass starts from now on (for a while); one under way makes this attempt busy, and
    // the next commit, the worker then waiting, tries again.
    Atomics.store(this.#hold, 0, 1);
    const [result] = this.#options.db.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[];
    if (result === undefined || Number(result.busy) !== 0) return;
    Atomics.store(this.#hold, 0, 0);
    this.#frames = 0;
    // Readers still in the WAL may have kept some frames from being copied: no restart then.
    if (Number(result.checkpointed) === Number(result.log)) this.stats.finished++;
  }

  /** Stops the worker; the connection is about to close (SQLite checkpoints on close). */
  stop(): void {
    this.#over = true;
    void this.#worker.terminate();
  }

  #receive(message: WorkerMessage): void {
    if (this.#over) return;
    if ('failed' in message) {
      this.#fail();
      return;
    }
    this.stats.passes++;
    if (message.log < this.#lastLog) this.stats.restarted++;
    this.#lastLog = message.log;
    this.#frames = message.log;
    this.#behind = message.log - message.checkpointed;
  }

  #fail(): void {
    if (this.#over) return;
    this.#over = true;
    this.stats.inWorker = false;
    void this.#worker.terminate();
    this.#options.db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  }
}
