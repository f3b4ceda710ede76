import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { StoreUnavailableError } from '../errors.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  EventToAppend,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../eventStore.js';
import { prepareAppend } from '../prepareAppend.js';
import {
  resolveReadAll,
  resolveReadStream,
  resolveSubscribe,
  type ResolvedSubscribe,
} from '../readOptions.js';
import { SqliteCheckpointer, type CheckpointStats } from './sqliteCheckpointer.js';
import { notifyCommit, onCommit } from './commitNotifier.js';
import { appendInTransaction, type PreparedAppend } from './sqliteAppend.js';
import {
  openConnection,
  readConnectionSettings,
  type SqliteConnectionSettings,
} from './sqliteConnection.js';
import { translateSqliteError } from './sqliteErrors.js';
import { readPages } from './sqlitePaging.js';
import { SqliteReadAhead } from './sqliteReadAhead.js';
import { prepareStatements, type Statements } from './sqliteStatements.js';
import { SqliteSubscription } from './sqliteSubscription.js';

export interface SqliteEventStoreOptions {
  /** The database file; its directory and the schema are created when missing. */
  file: string;
  /** How often subscriptions look for commits made by other processes. Default 15 ms. */
  pollIntervalMs?: number;
  /** How long a write waits for another writer's lock before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
  /** Open an existing store for reading only (e.g. a projection tailing it). */
  readonly?: boolean;
  /**
   * The connection's page cache, in MiB. Default 64 instead of SQLite's 2: appends look event
   * ids up in a unique index that is random by nature (UUIDs), and at millions of events it no
   * longer fits the default. A reader that appends nothing needs far less (resident memory).
   */
  cacheSizeMiB?: number;
  /**
   * A subscription starting at least this many events behind the head catches up through a
   * worker thread that reads and parses ahead (SqliteReadAhead). Default 10,000; Infinity: never.
   */
  readAheadFrom?: number;
  /**
   * WAL checkpoints in a worker thread instead of inside the COMMIT of an append (see
   * SqliteCheckpointer), started once the store has made `afterCommits` commits (default 64: a
   * store that appends little never starts a thread). `restartFrames` (default 4096, 16 MiB) is
   * how long the WAL may grow before it starts over. false: SQLite checkpoints as usual.
   */
  backgroundCheckpoint?: false | { afterCommits?: number; restartFrames?: number };
}

export interface SqliteEventStore extends EventStore {
  readonly file: string;
  /** The pragmas this store's connection actually runs with. */
  connectionSettings(): Promise<SqliteConnectionSettings>;
  /** Appends answered and the durable transactions that carried them (group commit). */
  commitStats(): { appends: number; commits: number };
  /** Subscriptions that caught up through a read-ahead worker. */
  readAheadCount(): number;
  /** Pages those workers handed over (none when every worker failed and its reads fell back). */
  readAheadPages(): number;
  /** Who checkpoints the WAL, and how often (all zero before a checkpoint worker started). */
  checkpointStats(): CheckpointStats;
}

interface PendingAppend {
  append: PreparedAppend;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type BatchOutcome = { ok: AppendResult } | { error: unknown };

const DEFAULT_POLL_INTERVAL_MS = 15;
const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const DEFAULT_CACHE_SIZE_MIB = 64;
// A worker costs tens of milliseconds to start (a thread, the driver, a connection): worth it
// for a catch-up of seconds, not for a subscriber a few pages behind.
const DEFAULT_READ_AHEAD_FROM = 10_000;

const DEFAULT_CHECKPOINT_AFTER_COMMITS = 64;
const DEFAULT_WAL_RESTART_FRAMES = 4096;

interface StoreSettings {
  pollIntervalMs: number;
  busyTimeoutMs: number;
  readAheadFrom: number;
  /** null: no checkpoint worker. */
  checkpoint: { afterCommits: number; restartFrames: number } | null;
}

/** Runs synchronous work as a promise, so its throws become rejections as with any async store. */
const asPromise = <T>(work: () => T): Promise<T> => new Promise((resolve) => resolve(work()));

function positiveMs(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be > 0`);
  return value;
}

class SqliteStore implements SqliteEventStore {
  readonly file: string;
  readonly #db: Database.Database;
  readonly #statements: Statements;
  readonly #fileKey: string;
  readonly #settings: StoreSettings;
  readonly #subscriptions = new Set<SqliteSubscription>();
  readonly #groupCommit: Database.Transaction<(batch: PreparedAppend[]) => BatchOutcome[]>;
  #pending: PendingAppend[] = [];
  #flushScheduled = false;
  #closed = false;
  #appends = 0;
  #commits = 0;
  #readAheads = 0;
  #readAheadPages = 0;
  #checkpointer: SqliteCheckpointer | null = null;
  /** A checkpoint worker could not be started: none is tried again. */
  #noCheckpointer = false;

  constructor(file: string, db: Database.Database, settings: StoreSettings) {
    this.file = file;
    this.#db = db;
    this.#settings = settings;
    this.#statements = prepareStatements(db);
    this.#fileKey = realpathSync(file);
    // Each append runs in its own savepoint (a nested better-sqlite3 transaction), so one that
    // conflicts rolls back alone while the others in the batch commit together.
    const one = db.transaction((append: PreparedAppend, created: string) =>
      appendInTransaction(this.#statements, append, created),
    );
    this.#groupCommit = db.transaction((batch: PreparedAppend[]) => {
      // The commit time is taken under the write lock so `created` follows position order.
      const created = new Date().toISOString();
      return batch.map((append): BatchOutcome => {
        try {
          return { ok: one(append, created) };
        } catch (error) {
          return { error };
        }
      });
    });
  }

  /** Runs a synchronous database step, mapping SQLite failures to the port's errors. */
  #use<T>(doing: string, step: (s: Statements) => T): T {
    if (this.#closed) throw new StoreUnavailableError(`${doing}: the store is closed`);
    try {
      return step(this.#statements);
    } catch (error) {
      throw translateSqliteError(error, doing);
    }
  }

  /**
   * Group commit: appends made in the same event-loop turn share one durable transaction,
   * flushed at the end of the turn (setImmediate, never a timer, so an idle store adds no wait).
   * Each caller is answered only after that transaction has committed (fsynced).
   */
  append(
    stream: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      if (this.#closed)
        throw new StoreUnavailableError(`append to '${stream}': the store is closed`);
      this.#pending.push({ append: prepareAppend(stream, events, options), resolve, reject });
      if (this.#flushScheduled) return;
      this.#flushScheduled = true;
      setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    this.#flushScheduled = false;
    const batch = this.#pending;
    this.#pending = [];
    if (batch.length === 0) return;
    let outcomes: BatchOutcome[];
    try {
      outcomes = this.#use(`append (${batch.length} in one commit)`, () =>
        this.#groupCommit.immediate(batch.map((p) => p.append)),
      );
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    notifyCommit(this.#fileKey);
    this.#commits++;
    this.#appends += batch.length;
    outcomes.forEach((outcome, i) => {
      const p = batch[i]!;
      if ('ok' in outcome) p.resolve(outcome.ok);
      else p.reject(translateSqliteError(outcome.error, `append to '${p.append.stream}'`));
    });
    this.#checkpoint();
  }

  /**
   * After a commit (its outcomes settled): the checkpoint worker's turn, or time to start it. A
   * checkpoint that fails changes nothing committed: the next one copies the same frames.
   */
  #checkpoint(): void {
    if (this.#checkpointer !== null) {
      try {
        this.#checkpointer.committed();
      } catch {
        // (see above)
      }
      return;
    }
    const settings = this.#settings.checkpoint;
    if (settings === null || this.#noCheckpointer || this.#commits < settings.afterCommits) return;
    try {
      this.#checkpointer = new SqliteCheckpointer({
        file: this.file,
        busyTimeoutMs: this.#settings.busyTimeoutMs,
        db: this.#db,
        restartFrames: settings.restartFrames,
      });
    } catch {
      // No worker here (threads not allowed, say): COMMITs go on checkpointing, and no other
      // worker is tried after every commit.
      this.#noCheckpointer = true;
    }
  }

  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    // A name no append would accept is simply a stream that does not exist.
    if (typeof stream !== 'string') throw new TypeError('readStream: stream must be a string');
    const read = resolveReadStream(options);
    return readPages(
      read,
      (from, limit) =>
        this.#use(`read stream '${stream}'`, (s) =>
          (read.forwards ? s.streamForwards : s.streamBackwards).all(stream, from, limit),
        ),
      (row) => row.revision,
    );
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    const read = resolveReadAll(options);
    const types = read.eventTypes && JSON.stringify([...read.eventTypes]);
    return readPages(
      read,
      (from, limit) =>
        this.#use('read all', (s) =>
          types === null
            ? (read.forwards ? s.allForwards : s.allBackwards).all(from, limit)
            : (read.forwards ? s.allForwardsOfTypes : s.allBackwardsOfTypes).all(
                from,
                types,
                limit,
              ),
        ),
      (row) => row.position,
    );
  }

  subscribeToAll(options?: SubscribeOptions): Subscription {
    const subscription = new SqliteSubscription(
      {
        // Exclusive start: the forwards query is inclusive, so ask from the next position.
        fetchAfter: (checkpoint, limit) =>
          this.#use('subscription poll', (s) => s.allForwards.all(checkpoint + 1n, limit)),
        readAhead: (checkpoint, deliver) => this.#readAhead(checkpoint, deliver),
        onCommit: (listener) => onCommit(this.#fileKey, listener),
        pollIntervalMs: this.#settings.pollIntervalMs,
        onEnd: (sub) => this.#subscriptions.delete(sub),
      },
      resolveSubscribe(options),
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  #readAhead(
    after: bigint,
    deliver: Pick<ResolvedSubscribe, 'streamPrefix' | 'metadataKeys'>,
  ): SqliteReadAhead | null {
    if (Number(this.#head() - after) < this.#settings.readAheadFrom) return null;
    this.#readAheads++;
    return new SqliteReadAhead({
      file: this.file,
      after,
      ...deliver,
      busyTimeoutMs: this.#settings.busyTimeoutMs,
      onPage: () => this.#readAheadPages++,
    });
  }

  #head(): bigint {
    return this.#use('head position', (s) => s.headPosition.get() ?? 0n);
  }

  headPosition(): Promise<bigint> {
    return asPromise(() => this.#head());
  }

  ping(): Promise<void> {
    return asPromise(() => {
      this.#use('ping', (s) => s.ping.get());
    });
  }

  commitStats(): { appends: number; commits: number } {
    return { appends: this.#appends, commits: this.#commits };
  }

  readAheadCount(): number {
    return this.#readAheads;
  }

  readAheadPages(): number {
    return this.#readAheadPages;
  }

  checkpointStats(): CheckpointStats {
    return {
      ...(this.#checkpointer?.stats ?? { inWorker: false, passes: 0, finished: 0, restarted: 0 }),
    };
  }

  connectionSettings(): Promise<SqliteConnectionSettings> {
    return asPromise(() =>
      this.#use('connection settings', () => readConnectionSettings(this.#db)),
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    // Appends already accepted are committed (or rejected) before the connection goes.
    this.#flush();
    // Live subscriptions end cleanly rather than failing on their next poll.
    await Promise.all([...this.#subscriptions].map((sub) => sub.close()));
    this.#closed = true;
    this.#checkpointer?.stop();
    this.#db.close();
  }
}

/** Opens (creating when missing) a SQLite event store file. */
export function openSqliteEventStore(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
  return asPromise(() => openStore(options));
}

function openStore(options: SqliteEventStoreOptions): SqliteEventStore {
  if (typeof options.file !== 'string' || options.file === '') {
    throw new TypeError('openSqliteEventStore: file is required');
  }
  const pollIntervalMs = positiveMs(
    options.pollIntervalMs,
    DEFAULT_POLL_INTERVAL_MS,
    'pollIntervalMs',
  );
  const busyTimeoutMs = positiveMs(options.busyTimeoutMs, DEFAULT_BUSY_TIMEOUT_MS, 'busyTimeoutMs');
  const cacheSizeMiB = options.cacheSizeMiB ?? DEFAULT_CACHE_SIZE_MIB;
  if (!Number.isInteger(cacheSizeMiB) || cacheSizeMiB < 1)
    throw new RangeError('cacheSizeMiB must be a whole number >= 1');
  const readAheadFrom = options.readAheadFrom ?? DEFAULT_READ_AHEAD_FROM;
  if (!(readAheadFrom >= 1)) throw new RangeError('readAheadFrom must be >= 1 (or Infinity)');
  const checkpoint = checkpointSettings(options);
  const file = resolve(options.file);
  let db: Database.Database;
  try {
    db = openConnection({ file, readonly: options.readonly === true, busyTimeoutMs, cacheSizeMiB });
  } catch (error) {
    throw translateSqliteError(error, `open ${file}`);
  }
  return new SqliteStore(file, db, { pollIntervalMs, busyTimeoutMs, readAheadFrom, checkpoint });
}

function checkpointSettings(options: SqliteEventStoreOptions): StoreSettings['checkpoint'] {
  const asked = options.backgroundCheckpoint;
  // A reader cannot checkpoint; the appending side does.
  if (asked === false || options.readonly === true) return null;
  const afterCommits = asked?.afterCommits ?? DEFAULT_CHECKPOINT_AFTER_COMMITS;
  const restartFrames = asked?.restartFrames ?? DEFAULT_WAL_RESTART_FRAMES;
  if (!Number.isInteger(afterCommits) || afterCommits < 0)
    throw new RangeError('backgroundCheckpoint.afterCommits must be a whole number >= 0');
  if (!Number.isInteger(restartFrames) || restartFrames < 1)
    throw new RangeError('backgroundCheckpoint.restartFrames must be a whole number >= 1');
  return { afterCommits, restartFrames };
}
